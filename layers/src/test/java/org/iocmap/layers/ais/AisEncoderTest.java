package org.iocmap.layers.ais;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
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

    @Test
    void writtenStaticDataDecodesToWhatWasWritten() {
        Instant time = Instant.parse("2026-11-22T03:04:05Z");
        List<String> lines = AisEncoder.staticAndVoyage(
                "sim", time, 7, 574123456, "XVAB1", "QNa-90123-TS", 30, new ShipDimensions(12, 8, 3, 3), "NHA TRANG");
        assertThat(lines).hasSize(2);
        AisDecoder decoder = new AisDecoder();
        assertThat(decoder.feed(lines.get(0), time))
                .as("the first fragment waits for the second")
                .isEmpty();
        List<AisResult> results = decoder.feed(lines.get(1), time);
        assertThat(results).hasSize(1);
        AisDecoded decoded = (AisDecoded) results.getFirst();
        assertThat(decoded.sourceTime()).isEqualTo(time);
        assertThat(decoded.source()).isEqualTo("sim");
        StaticData s = (StaticData) decoded.message();
        assertThat(s.mmsi()).isEqualTo(574123456);
        assertThat(s.name()).isEqualTo("QNA-90123-TS");
        assertThat(s.callSign()).isEqualTo("XVAB1");
        assertThat(s.shipType()).isEqualTo(30);
        assertThat(s.dimensions()).isEqualTo(new ShipDimensions(12, 8, 3, 3));
        assertThat(s.destination()).isEqualTo("NHA TRANG");
        assertThat(s.imo()).isNull();
        assertThat(s.eta()).isNull();
        assertThat(s.draughtMetres()).isNull();
        assertThat(s.epfd()).isEqualTo(1);
        assertThat(s.dataTerminalReady()).isTrue();
    }

    @Test
    void staticDataWithoutCallSignOrDestinationDecodesThemAsAbsent() {
        List<String> lines = AisEncoder.staticAndVoyage(
                "sim",
                Instant.parse("2026-11-22T03:04:05Z"),
                0,
                574000002,
                null,
                "KH-96012-TS",
                30,
                new ShipDimensions(0, 0, 0, 0),
                "");
        AisDecoder decoder = new AisDecoder();
        decoder.feed(lines.get(0), Instant.now());
        StaticData s = (StaticData)
                ((AisDecoded) decoder.feed(lines.get(1), Instant.now()).getFirst()).message();
        assertThat(s.callSign()).isNull();
        assertThat(s.destination()).isNull();
        assertThat(s.name()).isEqualTo("KH-96012-TS");
    }

    @Test
    void textsAisCannotSendAreRefused() {
        Instant time = Instant.parse("2026-11-22T03:04:05Z");
        ShipDimensions size = new ShipDimensions(10, 5, 2, 2);
        assertThatThrownBy(() ->
                        AisEncoder.staticAndVoyage("sim", time, 1, 574000003, null, "BĐ-97979-TS", 30, size, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("six-bit");
        assertThatThrownBy(() -> AisEncoder.staticAndVoyage(
                        "sim", time, 1, 574000003, null, "A NAME LONGER THAN TWENTY", 30, size, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at most 20");
    }
}
