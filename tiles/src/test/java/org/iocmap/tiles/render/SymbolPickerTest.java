package org.iocmap.tiles.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SymbolPickerTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "3.0, 3",
        "-2.0, -2",
        "1.5, 1.5",
        "0.1, 0.1",
        "-0.0, 0",
        "123456789012.0, 123456789012",
        "1e20, 100000000000000000000",
        "1e21, 1e+21",
        "1.5e300, 1.5e+300",
        "0.000001, 0.000001",
        "1e-7, 1e-7",
        "-2.5e-8, -2.5e-8",
        "NaN, NaN",
        "Infinity, Infinity"
    })
    void numbersAreWrittenAsJavaScriptWritesThem(double value, String expected) {
        assertThat(SymbolPicker.javaScriptText(value)).isEqualTo(expected);
    }

    @Test
    void everyKindOfValueBecomesThePagesText() {
        Map<Object, String> cases = new HashMap<>();
        cases.put("NEW", "NEW");
        cases.put(7, "7");
        cases.put(7L, "7");
        cases.put(7.25f, "7.25");
        cases.put(0.1f, "0.1");
        cases.put(9_007_199_254_740_993L, "9007199254740992"); // past 2^53 the page sees the nearest double
        cases.put(new BigDecimal("1E+3"), "1000");
        cases.put(true, "true");
        cases.put(Instant.parse("2025-03-01T08:30:00Z"), "2025-03-01T08:30:00Z");
        cases.put(LocalDate.of(2025, 3, 1), "2025-03-01");

        cases.forEach((value, text) -> assertThat(SymbolPicker.ruleText(value))
                .as(value.getClass().getSimpleName())
                .isEqualTo(text));
    }

    @Test
    void nullMatchesNoRule() {
        assertThat(SymbolPicker.ruleText(null)).isNull();
    }
}
