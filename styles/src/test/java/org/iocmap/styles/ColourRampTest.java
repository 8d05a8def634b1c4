package org.iocmap.styles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.util.List;
import org.iocmap.styles.ColourRamp.Mode;
import org.iocmap.styles.ColourRamp.Stop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ColourRampTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "bottom of the scale, 0, #00e400, Tốt (0–50)",
        "top of good, 50, #00e400, Tốt (0–50)",
        "bottom of moderate, 51, #ffff00, Trung bình (51–100)",
        "between two bands, 50.4, #ffff00, Trung bình (51–100)",
        "top of moderate, 100, #ffff00, Trung bình (51–100)",
        "poor, 101, #ff7e00, Kém (101–150)",
        "top of poor, 150, #ff7e00, Kém (101–150)",
        "bad, 151, #ff0000, Xấu (151–200)",
        "top of bad, 200, #ff0000, Xấu (151–200)",
        "very bad, 201, #8f3f97, Rất xấu (201–300)",
        "top of very bad, 300, #8f3f97, Rất xấu (201–300)",
        "hazardous, 301, #7e0023, Nguy hại (301–500)",
        "top of the scale, 500, #7e0023, Nguy hại (301–500)",
        "above the scale keeps the worst colour, 812, #7e0023, Nguy hại (301–500)",
        "below the scale keeps the best colour, -3, #00e400, Tốt (0–50)"
    })
    void vnAqiBandsFollowDecision1459(String what, double aqi, String colour, String label) {
        assertThat(ColourRamp.VN_AQI.colourAt(aqi)).isEqualTo(colour);
        assertThat(ColourRamp.VN_AQI.stopFor(aqi).label().vi()).isEqualTo(label);
    }

    @Test
    void vnAqiColoursAreTheRgbCodesOfTheDecision() {
        assertThat(ColourRamp.VN_AQI.stops())
                .extracting(Stop::rgb)
                .containsExactly(
                        rgb(0, 228, 0),
                        rgb(255, 255, 0),
                        rgb(255, 126, 0),
                        rgb(255, 0, 0),
                        rgb(143, 63, 151),
                        rgb(126, 0, 35));
        assertThat(ColourRamp.VN_AQI.stops())
                .extracting(Stop::value)
                .containsExactly(50.0, 100.0, 150.0, 200.0, 300.0, 500.0);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "first stop, 0, #ffffb2",
        "on a stop, 0.5, #fd8d3c",
        "last stop, 1, #bd0026",
        "halfway between two stops, 0.125, #ffe687",
        "a quarter of the way past a stop, 0.5625, #fa7935",
        "below the ramp clamps, -0.5, #ffffb2",
        "above the ramp clamps, 7, #bd0026"
    })
    void heatRampBlendsBetweenItsStops(String what, double density, String colour) {
        assertThat(ColourRamp.HEAT.colourAt(density)).isEqualTo(colour);
    }

    @Test
    void blendingIsLinearPerChannel() {
        ColourRamp greyScale = new ColourRamp(
                "grey",
                Label.of("Xám", "Grey"),
                Mode.INTERPOLATED,
                List.of(Stop.of(0, "#000000"), Stop.of(10, "#ffffff")));

        for (int i = 0; i <= 10; i++) {
            int channel = (int) Math.round(255 * i / 10.0);
            assertThat(greyScale.rgbAt(i)).as("value %d", i).isEqualTo(rgb(channel, channel, channel));
        }
    }

    @Test
    void heatRampGetsDarkerAsDensityGrows() {
        double previous = Double.MAX_VALUE;
        for (int i = 0; i <= 100; i++) {
            int rgb = ColourRamp.HEAT.rgbAt(i / 100.0);
            double luminance = 0.2126 * (rgb >> 16 & 0xff) + 0.7152 * (rgb >> 8 & 0xff) + 0.0722 * (rgb & 0xff);
            assertThat(luminance).as("density %d%%", i).isLessThanOrEqualTo(previous);
            previous = luminance;
        }
    }

    @Test
    void aMissingValueHasNoColour() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ColourRamp.HEAT.colourAt(Double.NaN))
                .withMessageContaining("NaN");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ColourRamp.VN_AQI.colourAt(Double.NaN))
                .withMessageContaining("NaN");
    }

    @Test
    void interpolatedRampsHaveNoClasses() {
        assertThatIllegalStateException()
                .isThrownBy(() -> ColourRamp.HEAT.stopFor(0.5))
                .withMessageContaining("heat");
    }

    @Test
    void rampsAreFoundByName() {
        assertThat(ColourRamp.find("vn_aqi")).containsSame(ColourRamp.VN_AQI);
        assertThat(ColourRamp.find("heat")).containsSame(ColourRamp.HEAT);
        assertThat(ColourRamp.find("VN_AQI")).isEmpty();
        assertThat(ColourRamp.all()).extracting(ColourRamp::name).doesNotHaveDuplicates();
    }

    @Test
    void stopsMustIncreaseStrictly() {
        checkRejected(
                () -> new ColourRamp(
                        "bad",
                        Label.of("X", "X"),
                        Mode.INTERPOLATED,
                        List.of(Stop.of(1, "#000000"), Stop.of(1, "#ffffff"))),
                "increase strictly");
        checkRejected(
                () -> new ColourRamp(
                        "bad",
                        Label.of("X", "X"),
                        Mode.INTERPOLATED,
                        List.of(Stop.of(2, "#000000"), Stop.of(1, "#ffffff"))),
                "increase strictly");
    }

    @Test
    void malformedRampsAreRejectedSayingWhy() {
        checkRejected(
                () -> new ColourRamp("bad", Label.of("X", "X"), Mode.INTERPOLATED, List.of(Stop.of(0, "#000000"))),
                "at least 2 stops");
        checkRejected(
                () -> new ColourRamp("bad", Label.of("X", "X"), Mode.STEPPED, List.of(Stop.of(0, "#000000"))),
                "legend label");
        checkRejected(() -> new ColourRamp("Bad Name", Label.of("X", "X"), Mode.STEPPED, List.of()), "ramp name");
        checkRejected(() -> Stop.of(Double.POSITIVE_INFINITY, "#000000"), "finite");
        checkRejected(() -> Stop.of(0, "red"), "colour", "#rrggbb");
    }

    @Test
    void jsonListsStopsWithLabels() {
        assertThat(ColourRamp.VN_AQI.toJson())
                .startsWith(
                        "{\"name\":\"vn_aqi\",\"title\":{\"vi\":\"Chỉ số chất lượng không khí VN_AQI\","
                                + "\"en\":\"Vietnam air quality index (VN_AQI)\"},\"mode\":\"stepped\",\"stops\":["
                                + "{\"value\":50,\"colour\":\"#00e400\",\"label\":{\"vi\":\"Tốt (0–50)\",\"en\":\"Good (0–50)\"}},");
        assertThat(ColourRamp.HEAT.toJson())
                .isEqualTo(
                        "{\"name\":\"heat\",\"title\":{\"vi\":\"Mật độ\",\"en\":\"Density\"},\"mode\":\"interpolated\","
                                + "\"stops\":[{\"value\":0,\"colour\":\"#ffffb2\",\"label\":null},"
                                + "{\"value\":0.25,\"colour\":\"#fecc5c\",\"label\":null},"
                                + "{\"value\":0.5,\"colour\":\"#fd8d3c\",\"label\":null},"
                                + "{\"value\":0.75,\"colour\":\"#f03b20\",\"label\":null},"
                                + "{\"value\":1,\"colour\":\"#bd0026\",\"label\":null}]}");
    }

    private static int rgb(int r, int g, int b) {
        return r << 16 | g << 8 | b;
    }

    private static void checkRejected(Runnable construction, String... messageParts) {
        assertThatIllegalArgumentException().isThrownBy(construction::run).withMessageContainingAll(messageParts);
    }
}
