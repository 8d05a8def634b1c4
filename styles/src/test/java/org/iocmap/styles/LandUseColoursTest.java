package org.iocmap.styles;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.iocmap.styles.LandUseColours.Entry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LandUseColoursTest {
    private static final List<String> CODES = List.of(
            "LUC", "LUK", "HNK", "CLN", "RSX", "RPH", "RDD", "NTS", "ONT", "ODT", "TSC", "CQP", "CAN", "SKK", "TMD",
            "SKC", "DGT", "DTL", "DGD", "DYT", "DTT", "DKV", "NTD", "SON", "BCS", "DCS");

    @Test
    void listsEveryNationalCodeOnceInCodeListOrder() {
        assertThat(LandUseColours.all()).extracting(Entry::code).containsExactlyElementsOf(CODES);
    }

    @Test
    void everyCodeHasADistinctDisplayColour() {
        Set<String> seen = new HashSet<>();
        for (Entry entry : LandUseColours.all()) {
            assertThat(seen.add(entry.fill()))
                    .as("%s repeats colour %s", entry.code(), entry.fill())
                    .isTrue();
        }
    }

    @Test
    void everyCodeHasARuleInTheLandUsePlanStyle() {
        Style style = DefaultStyles.forKind("land_use_plan");

        assertThat(style.property()).isEqualTo("land_use_code");
        for (Entry entry : LandUseColours.all()) {
            assertThat(style.ruleFor(entry.code()))
                    .as("rule for %s", entry.code())
                    .hasValueSatisfying(rule -> {
                        assertThat(rule.title()).isEqualTo(entry.name());
                        assertThat(rule.symbol().fill()).isEqualTo(entry.fill());
                    });
        }
        assertThat(style.rules()).hasSameSizeAs(LandUseColours.all());
    }

    @Test
    void codesWithAColourOfTheirOwnShowTheStandardColourExactly() {
        for (Entry entry : LandUseColours.all()) {
            boolean shared = LandUseColours.all().stream()
                    .anyMatch(other -> other != entry && other.standardFill().equals(entry.standardFill()));
            if (!shared) {
                assertThat(entry.isStandardColour()).as(entry.code()).isTrue();
            }
        }
    }

    @Test
    void shiftedColoursStayInTheStandardFamilyYetVisiblyApart() {
        for (Entry entry : LandUseColours.all()) {
            if (entry.isStandardColour()) {
                continue;
            }
            assertThat(distance(entry.fill(), entry.standardFill()))
                    .as("%s strays from its standard colour", entry.code())
                    .isBetween(20.0, 40.0);
            for (Entry other : LandUseColours.all()) {
                if (other != entry) {
                    assertThat(distance(entry.fill(), other.fill()))
                            .as("%s is too close to %s", entry.code(), other.code())
                            .isGreaterThanOrEqualTo(20.0);
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            LUC | Đất chuyên trồng lúa nước             | #fffc8c | #fffc8c
            RDD | Đất rừng đặc dụng                     | #6eff64 | #6eff64
            ODT | Đất ở tại đô thị                      | #ffa0ff | #ffa0ff
            TMD | Đất thương mại, dịch vụ               | #faaaa0 | #fa8ca0
            DGD | Đất xây dựng cơ sở giáo dục và đào tạo | #ffaaa0 | #ff9b8c
            SON | Đất sông, ngòi, kênh, rạch, suối       | #a0ffff | #a0ffff
            DCS | Đất đồi núi chưa sử dụng              | #fffffe | #f5f0dc
            """)
    void knownCodesCarryTheirNameAndColours(String code, String vi, String standardFill, String fill) {
        assertThat(LandUseColours.find(code)).hasValueSatisfying(entry -> {
            assertThat(entry.name().vi()).isEqualTo(vi);
            assertThat(entry.standardFill()).isEqualTo(standardFill);
            assertThat(entry.fill()).isEqualTo(fill);
        });
    }

    @Test
    void zoneBorderIsTheFillAtHalfBrightness() {
        Symbol urban = LandUseColours.find("ODT").orElseThrow().symbol();

        assertThat(urban).isEqualTo(new Symbol("#ffa0ff", 0.6, "#7f507f", 0.5, 0));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"lower case, odt", "unknown code, XYZ", "old code no longer listed, LUA", "empty, ''"})
    void unknownCodesAreNotFound(String what, String code) {
        assertThat(LandUseColours.find(code)).isEmpty();
    }

    private static double distance(String a, String b) {
        int x = Integer.parseInt(a.substring(1), 16);
        int y = Integer.parseInt(b.substring(1), 16);
        double dr = (x >> 16 & 0xff) - (y >> 16 & 0xff);
        double dg = (x >> 8 & 0xff) - (y >> 8 & 0xff);
        double db = (x & 0xff) - (y & 0xff);
        return Math.sqrt(dr * dr + dg * dg + db * db);
    }
}
