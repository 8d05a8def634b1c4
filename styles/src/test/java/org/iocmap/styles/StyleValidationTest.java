package org.iocmap.styles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StyleValidationTest {
    private static final Symbol DOT = Symbol.point("#1565c0", "#ffffff", 7);

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "colour name, red",
        "three digits, #fff",
        "no hash, 1565c0",
        "not hex, #12345g",
        "seven digits, #1565c00",
        "rgb function, 'rgb(1,2,3)'",
        "empty, ''",
        "surrounding space, ' #1565c0'"
    })
    void malformedFillIsRejectedNamingTheField(String what, String fill) {
        checkRejected(() -> new Symbol(fill, 0.5, "#ffffff", 1, 5), "fill", "#rrggbb");
    }

    @Test
    void missingColoursAreRejectedNamingTheField() {
        checkRejected(() -> new Symbol(null, 0.5, "#ffffff", 1, 5), "fill", "was null");
        checkRejected(() -> new Symbol("#ffffff", 0.5, null, 1, 5), "stroke", "was null");
    }

    @Test
    void malformedStrokeIsRejectedNamingTheField() {
        checkRejected(() -> new Symbol("#ffffff", 0.5, "white", 1, 5), "stroke", "\"white\"");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"below zero, -0.01", "above one, 1.01", "not a number, NaN", "infinite, Infinity"})
    void fillOpacityOutsideZeroToOneIsRejected(String what, double opacity) {
        checkRejected(() -> new Symbol("#ffffff", opacity, "#000000", 1, 5), "fillOpacity", "0..1");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"transparent, 0", "opaque, 1", "between, 0.35"})
    void fillOpacityBoundsAreAccepted(String what, double opacity) {
        assertThat(new Symbol("#ffffff", opacity, "#000000", 1, 5).fillOpacity())
                .isEqualTo(opacity);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"negative, -1", "not a number, NaN", "infinite, Infinity"})
    void negativeOrNonFiniteSizesAreRejected(String what, double size) {
        checkRejected(() -> new Symbol("#ffffff", 1, "#000000", size, 5), "strokeWidth", ">= 0");
        checkRejected(() -> new Symbol("#ffffff", 1, "#000000", 1, size), "radius", ">= 0");
    }

    @Test
    void upperCaseColoursAreStoredLowerCase() {
        Symbol symbol = new Symbol("#FF9999", 0.6, "#7F4C4C", 0.5, 0);

        assertThat(symbol.fill()).isEqualTo("#ff9999");
        assertThat(symbol.stroke()).isEqualTo("#7f4c4c");
    }

    @Test
    void blankLabelTextIsRejectedNamingTheLanguage() {
        checkRejected(() -> Label.of(" ", "New"), "vi", "blank");
        checkRejected(() -> Label.of("Mới", null), "en", "blank");
    }

    @Test
    void rulesWithoutPropertyAreRejected() {
        List<Rule> rules = List.of(new Rule("NEW", Label.of("Mới", "New"), DOT));

        checkRejected(() -> Style.byProperty("report", DOT, null, rules), "property", "null");
    }

    @Test
    void propertyWithoutRulesIsRejected() {
        checkRejected(() -> Style.byProperty("report", DOT, "status", List.of()), "property", "no rules");
    }

    @Test
    void duplicateRuleValuesAreRejected() {
        List<Rule> rules =
                List.of(new Rule("NEW", Label.of("Mới", "New"), DOT), new Rule("NEW", Label.of("Mới", "New"), DOT));

        checkRejected(() -> Style.byProperty("report", DOT, "status", rules), "distinct", "\"NEW\"");
    }

    @Test
    void blankIconIsRejected() {
        checkRejected(() -> Style.of("", DOT), "icon", "blank");
    }

    @Test
    void nullRulesAreReadAsNoRules() {
        assertThat(new Style("camera", DOT, null, null).rules()).isEmpty();
    }

    @Test
    void symbolForFallsBackToTheDefaultWhenNoRuleMatches() {
        Symbol grey = Symbol.point("#9e9e9e", "#ffffff", 6);
        Style style =
                Style.byProperty("camera", DOT, "status", List.of(new Rule("offline", Label.of("Mất", "Off"), grey)));

        assertThat(style.symbolFor("offline")).isEqualTo(grey);
        assertThat(style.symbolFor("OFFLINE")).as("values compare exactly").isEqualTo(DOT);
        assertThat(style.symbolFor(null)).isEqualTo(DOT);
        assertThat(style.ruleFor("online")).isEmpty();
        assertThat(style.ruleFor("offline")).map(Rule::symbol).contains(grey);
    }

    private static void checkRejected(Runnable construction, String... messageParts) {
        assertThatIllegalArgumentException().isThrownBy(construction::run).withMessageContainingAll(messageParts);
    }
}
