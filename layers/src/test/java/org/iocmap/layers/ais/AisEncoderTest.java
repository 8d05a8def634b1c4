package org.iocmap.layers.ais;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Writes position reports and reads them back through the decoder. */
class AisEncoderTest {
    @Test
    void aWrittenPositionReportDecodesToWhatWasWritten() {
        Instant time = Instant.parse("2026-11-22T03:04:05Z");
        String line = AisEncoder.positionReport("sim", time, 574123456, 109.31234, 12.24567, 8.4, 215.3, 214);
        List<AisResult> results = new AisDecoder().feed(line, Instant.parse("2030-01-01T00:00:00Z"));
        assertThat(results).hasSize(1);
        AisDecoded decoded = (AisDecoded) results.getFirst();
        assertThat(decoded.sourceTime()).isEqualTo(time);
        assertThat(decoded.source()).isEqualTo("sim");
        PositionReport p = (PositionReport) decoded.message();
        assertThat(p.mmsi()).isEqualTo(574123456);
        assertThat(p.lon()).isCloseTo(109.31234, within(1e-5));
        assertThat(p.lat()).isCloseTo(12.24567, within(1e-5));
        assertThat(p.sogKnots()).isCloseTo(8.4, within(1e-9));
        assertThat(p.cogDegrees()).isCloseTo(215.3, within(1e-9));
        assertThat(p.headingDegrees()).isEqualTo(214);
        assertThat(p.second()).isEqualTo(5);
    }

    @Test
    void absentSpeedCourseAndHeadingAreWrittenAsNotAvailable() {
        String line = AisEncoder.positionReport(
                "sim", Instant.parse("2026-11-22T03:04:05Z"), 574000001, -0.5, -10.25, null, null, null);
        PositionReport p = (PositionReport)
                ((AisDecoded) new AisDecoder().feed(line, Instant.now()).getFirst()).message();
        assertThat(p.lon()).isCloseTo(-0.5, within(1e-6));
        assertThat(p.lat()).isCloseTo(-10.25, within(1e-6));
        assertThat(p.sogKnots()).isNull();
        assertThat(p.cogDegrees()).isNull();
        assertThat(p.headingDegrees()).isNull();
    }
}
