package org.iocmap.service.geofence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.iocmap.layers.ais.PositionReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Pins what a fix accepts and how a decoded AIS report becomes one. */
class PositionFixTest {
    private static final Instant T = Instant.parse("2025-03-10T01:02:03.456789Z");

    @Test
    void anAisPositionReportBecomesAFixAtTheReceptionTime() {
        PositionReport report =
                new PositionReport(1, 0, 574_001_234, 109.2, 12.2, 7.5, 123.4, 120, 7, 0, 3, true, false, 1);
        assertThat(PositionFix.fromAis(report, T))
                .contains(new PositionFix(
                        574_001_234, Instant.parse("2025-03-10T01:02:03.456Z"), 109.2, 12.2, 7.5, 123.4));
    }

    @Test
    void anAisReportWithoutPositionGivesNoFix() {
        PositionReport report = new PositionReport(
                1, 0, 574_001_234, null, null, null, null, null, null, null, null, false, false, null);
        assertThat(PositionFix.fromAis(report, T)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "latitude beyond 90 | 1 | 109.2 | 91 | | | latitude within ±90",
                "longitude NaN | 1 | NaN | 12.2 | | | longitude within ±180",
                "negative speed | 1 | 109.2 | 12.2 | -1 | | sogKnots",
                "course 360 | 1 | 109.2 | 12.2 | | 360 | cogDegrees",
                "mmsi 0 | 0 | 109.2 | 12.2 | | | mmsi must be positive"
            })
    void badValuesAreRejectedByName(String what, int mmsi, double lon, double lat, Double sog, Double cog, String msg) {
        assertThatThrownBy(() -> new PositionFix(mmsi, T, lon, lat, sog, cog))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(msg);
    }
}
