package org.iocmap.layers.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Pins the PM2.5 sub-index of VN_AQI to the breakpoints of Decision 1459/QĐ-TCMT and the NowCast weighting. */
class VnAqiTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "clean air, 0, 0",
        "top of good, 25, 50",
        "middle of moderate, 37.5, 75",
        "top of moderate, 50, 100",
        "top of poor, 80, 150",
        "top of bad, 150, 200",
        "top of very bad, 250, 300",
        "hazardous, 350, 400",
        "top of the scale, 500, 500",
        "beyond the scale, 800, 500"
    })
    void subIndexFollowsTheBreakpoints(String what, double pm25, int expected) {
        checkSubIndex(pm25, expected);
    }

    @Test
    void nowCastOfASteadySeriesIsItsValue() {
        double[] steady = {20, 20, 20, 20, 20, 20, 20, 20, 20, 20, 20, 20, 20};
        assertThat(EnvGenerator.nowCast(steady, 12)).isEqualTo(20.0);
    }

    @Test
    void nowCastWeighsTheLatestHourMostWhenTheAirChangesFast() {
        // min/max = 0.1 < 0.5, so the weights halve each hour back: (100 + 10/2 + 10/4 + …) / (1 + 1/2 + 1/4 + …).
        double[] rising = {10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 100};
        double expected = 0;
        double weights = 0;
        for (int i = 0; i < 12; i++) {
            double w = Math.pow(0.5, i);
            expected += w * rising[11 - i];
            weights += w;
        }
        assertThat(EnvGenerator.nowCast(rising, 11)).isCloseTo(expected / weights, offset(1e-9));
        assertThat(EnvGenerator.nowCast(rising, 11)).isGreaterThan(50);
    }

    private static void checkSubIndex(double pm25, int expected) {
        assertThat(VnAqi.ofPm25(pm25)).isEqualTo(expected);
    }
}
