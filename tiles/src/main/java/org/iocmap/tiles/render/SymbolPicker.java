package org.iocmap.tiles.render;

import java.math.BigDecimal;
import java.util.Map;
import org.iocmap.styles.Style;
import org.iocmap.styles.Symbol;

/**
 * Picks the symbol a feature is drawn with, exactly as the page does.
 *
 * <p>A style's rules compare one property, named by {@link Style#property()}, with each rule's value as text
 * ({@link org.iocmap.styles.Rule#matches}). The page reads the property from GeoJSON and compares
 * {@code String(value)}; this class turns the typed Java value into that same text, so that a tile and the page never
 * paint one feature in two colours. Numbers are written as JavaScript writes them ({@code 3.0} as {@code 3},
 * {@code 1e21} as {@code 1e+21}), booleans as {@code true}/{@code false}, and everything else (times, dates) as the
 * GeoJSON writer does, by {@code toString()}. A missing or null property matches no rule.
 */
final class SymbolPicker {
    private SymbolPicker() {}

    /** Returns the symbol of a feature with these properties: the matching rule's, else the style's default. */
    static Symbol symbolFor(Style style, Map<String, Object> properties) {
        if (!style.hasRules()) {
            return style.symbol();
        }
        return style.symbolFor(ruleText(properties.get(style.property())));
    }

    /** Returns the text a property value is compared as: what JavaScript's {@code String(value)} gives after JSON. */
    static String ruleText(Object value) {
        return switch (value) {
            case null -> null;
            case String s -> s;
            // A float goes into JSON as its own shortest text (0.1f as 0.1), not as the wider double it widens to.
            case Float f -> javaScriptText(Double.parseDouble(f.toString()));
            // The page reads every JSON number as a double, so each is compared as that double.
            case Number n -> javaScriptText(n.doubleValue());
            default -> value.toString();
        };
    }

    /**
     * Returns a double as JavaScript's {@code Number.prototype.toString()} writes it (ECMA-262, Number::toString): the
     * shortest digits that read back as the same double, plain between 1e-7 and 1e21 and in exponent form outside.
     */
    static String javaScriptText(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Infinity" : "-Infinity";
        }
        if (d == 0) {
            return "0"; // -0 too
        }
        // Since JDK 19 Double.toString gives the shortest digits that round-trip, as JavaScript requires.
        BigDecimal exact = new BigDecimal(Double.toString(Math.abs(d))).stripTrailingZeros();
        String digits = exact.unscaledValue().toString();
        int k = digits.length();
        int n = k - exact.scale(); // the value is 0.digits × 10^n
        StringBuilder out = new StringBuilder(d < 0 ? "-" : "");
        if (k <= n && n <= 21) {
            out.append(digits).append("0".repeat(n - k));
        } else if (0 < n && n <= 21) {
            out.append(digits, 0, n).append('.').append(digits, n, k);
        } else if (-6 < n && n <= 0) {
            out.append("0.").append("0".repeat(-n)).append(digits);
        } else {
            out.append(digits.charAt(0));
            if (k > 1) {
                out.append('.').append(digits, 1, k);
            }
            out.append('e').append(n - 1 >= 0 ? "+" : "-").append(Math.abs(n - 1));
        }
        return out.toString();
    }
}
