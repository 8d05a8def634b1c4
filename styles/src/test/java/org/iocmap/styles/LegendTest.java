package org.iocmap.styles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import org.junit.jupiter.api.Test;

class LegendTest {
    private static final Symbol BLUE = new Symbol("#1565c0", 0.85, "#ffffff", 1.5, 7);
    private static final Symbol GREY = new Symbol("#9e9e9e", 0.85, "#ffffff", 1.5, 6);

    @Test
    void styleWithoutRulesHasOneEntryForAllFeatures() {
        Legend legend = Legend.of(Style.of("vessel", BLUE));

        assertThat(legend.entries()).containsExactly(new Legend.Entry(Legend.ALL, BLUE));
    }

    @Test
    void rulesComeFirstInRuleOrderThenTheDefault() {
        Style style = Style.byProperty(
                "camera",
                BLUE,
                "status",
                List.of(
                        new Rule("online", Label.of("Trực tuyến", "Online"), BLUE),
                        new Rule("offline", Label.of("Mất kết nối", "Offline"), GREY)));

        assertThat(Legend.of(style).entries())
                .extracting(entry -> entry.label().en())
                .containsExactly("Online", "Offline", "Other");
    }

    @Test
    void landUseLegendListsEveryCodePlusTheFallback() {
        Legend legend = Legend.of(DefaultStyles.forKind("land_use_plan"));

        assertThat(legend.entries()).hasSize(LandUseColours.all().size() + 1);
        assertThat(legend.entries().getFirst().label().vi()).isEqualTo("Đất chuyên trồng lúa nước");
    }

    @Test
    void steppedRampLegendListsEachClassInItsColourThenNoReading() {
        Symbol station = Symbol.point("#9e9e9e", "#ffffff", 7);

        Legend legend = Legend.of(ColourRamp.VN_AQI, station);

        assertThat(legend.entries())
                .extracting(entry -> entry.label().vi())
                .containsExactly(
                        "Tốt (0–50)",
                        "Trung bình (51–100)",
                        "Kém (101–150)",
                        "Xấu (151–200)",
                        "Rất xấu (201–300)",
                        "Nguy hại (301–500)",
                        "Không có số liệu");
        assertThat(legend.entries().getFirst().symbol()).isEqualTo(station.withFill("#00e400"));
        assertThat(legend.entries().getLast().symbol()).isEqualTo(station);
    }

    @Test
    void interpolatedRampHasNoLegendEntries() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Legend.of(ColourRamp.HEAT, BLUE))
                .withMessageContaining("stepped");
    }

    @Test
    void jsonListsLabelAndSymbolPerEntry() {
        Legend legend = Legend.of(Style.byProperty(
                "camera", BLUE, "status", List.of(new Rule("offline", Label.of("Mất kết nối", "Offline"), GREY))));

        assertThat(legend.toJson())
                .isEqualTo("{\"entries\":["
                        + "{\"label\":{\"vi\":\"Mất kết nối\",\"en\":\"Offline\"},\"symbol\":{\"fill\":\"#9e9e9e\","
                        + "\"fillOpacity\":0.85,\"stroke\":\"#ffffff\",\"strokeWidth\":1.5,\"radius\":6}},"
                        + "{\"label\":{\"vi\":\"Khác\",\"en\":\"Other\"},\"symbol\":{\"fill\":\"#1565c0\","
                        + "\"fillOpacity\":0.85,\"stroke\":\"#ffffff\",\"strokeWidth\":1.5,\"radius\":7}}]}");
    }
}
