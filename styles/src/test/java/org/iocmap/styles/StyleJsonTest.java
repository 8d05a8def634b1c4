package org.iocmap.styles;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StyleJsonTest {
    private static final Symbol CAMERA_BLUE = new Symbol("#1565c0", 0.85, "#ffffff", 1.5, 7);

    @Test
    void styleWithoutRulesWritesNullPropertyAndEmptyRules() {
        assertThat(Style.of("camera", CAMERA_BLUE).toJson())
                .isEqualTo("{\"icon\":\"camera\",\"symbol\":{\"fill\":\"#1565c0\",\"fillOpacity\":0.85,"
                        + "\"stroke\":\"#ffffff\",\"strokeWidth\":1.5,\"radius\":7},\"property\":null,\"rules\":[]}");
    }

    @Test
    void styleWithRulesWritesThePageContractExactly() {
        Rule urban = new Rule(
                "ODT",
                Label.of("Đất ở tại đô thị", "Urban residential land"),
                Symbol.polygon("#FF9999", 0.6, "#7f4c4c", 0.5));
        Style style = Style.byProperty("plan", CAMERA_BLUE, "land_use_code", List.of(urban));

        assertThat(style.toJson())
                .isEqualTo("{\"icon\":\"plan\",\"symbol\":{\"fill\":\"#1565c0\",\"fillOpacity\":0.85,"
                        + "\"stroke\":\"#ffffff\",\"strokeWidth\":1.5,\"radius\":7},"
                        + "\"property\":\"land_use_code\",\"rules\":[{\"value\":\"ODT\","
                        + "\"title\":{\"vi\":\"Đất ở tại đô thị\",\"en\":\"Urban residential land\"},"
                        + "\"symbol\":{\"fill\":\"#ff9999\",\"fillOpacity\":0.6,\"stroke\":\"#7f4c4c\","
                        + "\"strokeWidth\":0.5,\"radius\":0}}]}");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            plain ASCII         | camera           | "camera"
            double quote        | say "hi"         | "say \\"hi\\""
            backslash           | C:\\tmp          | "C:\\\\tmp"
            Vietnamese kept     | Đang báo cháy    | "Đang báo cháy"
            """)
    void stringsAreQuotedAndEscaped(String what, String text, String expected) {
        checkQuoted(text, expected);
    }

    @Test
    void controlCharactersAreEscaped() {
        checkQuoted("a\nb\rc\td", "\"a\\nb\\rc\\td\"");
        checkQuoted("\b\f", "\"\\b\\f\"");
        checkQuoted("bell\u0007", "\"bell\\u0007\"");
        checkQuoted("nul\u0000", "\"nul\\u0000\"");
    }

    @Test
    void lineAndParagraphSeparatorsAreEscapedForJavaScript() {
        checkQuoted("a\u2028b\u2029c", "\"a\\u2028b\\u2029c\"");
    }

    @Test
    void surrogatePairsAreKeptAndLoneSurrogatesEscaped() {
        checkQuoted("fire 🔥", "\"fire 🔥\"");
        checkQuoted("x\ud83dy", "\"x\\ud83dy\"");
        checkQuoted("\ude00", "\"\\ude00\"");
    }

    @Test
    void ruleTitlesWithQuotesAndNewlinesStayInsideTheirString() {
        Rule tricky =
                new Rule("a\"b", Label.of("dòng 1\ndòng 2", "back\\slash"), Symbol.point("#000000", "#ffffff", 5));
        String json = Style.byProperty("generic", CAMERA_BLUE, "kind", List.of(tricky))
                .toJson();

        assertThat(json)
                .contains("{\"value\":\"a\\\"b\",\"title\":{\"vi\":\"dòng 1\\ndòng 2\",\"en\":\"back\\\\slash\"}")
                .doesNotContain("\n");
        checkBalanced(json);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "whole number, 7.0, 7",
        "zero, 0.0, 0",
        "negative zero, -0.0, 0",
        "one decimal, 0.5, 0.5",
        "two decimals, 0.85, 0.85",
        "decimal that is not exact in binary, 0.1, 0.1",
        "small, 0.00001, 0.00001",
        "large, 1e20, 100000000000000000000",
        "negative, -2.5, -2.5"
    })
    void numbersAreWrittenWithoutExponentOrTrailingZeros(String what, double number, String expected) {
        assertThat(JsonWriter.formatNumber(number)).isEqualTo(expected);
    }

    @Test
    void everyDefaultStyleWritesBalancedJson() {
        for (String kind : DefaultStylesTest.KIND_IDS) {
            checkBalanced(DefaultStyles.forKind(kind).toJson());
        }
    }

    private static void checkQuoted(String text, String expected) {
        assertThat(JsonWriter.quote(text)).isEqualTo(expected);
    }

    /** Checks that brackets balance outside strings and that every string is closed: a cheap well-formedness test. */
    private static void checkBalanced(String json) {
        int depth = 0;
        boolean inString = false;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (inString) {
                assertThat(c).as("raw control character at %d in %s", i, json).isGreaterThanOrEqualTo(' ');
                if (c == '\\') {
                    i++; // skip the escaped character, which may be a quote
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                depth--;
                assertThat(depth).as("closing bracket at %d in %s", i, json).isGreaterThanOrEqualTo(0);
            }
        }
        assertThat(inString).as("unterminated string in %s", json).isFalse();
        assertThat(depth).as("unclosed bracket in %s", json).isZero();
    }
}
