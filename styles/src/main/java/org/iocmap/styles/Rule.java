package org.iocmap.styles;

import java.util.Objects;

/**
 * Paints features whose style property equals {@code value} with {@code symbol}, and names them {@code title} in the
 * legend.
 *
 * @param value the property value this rule matches, compared exactly (case-sensitive, no trimming)
 * @param title the legend text for the matched features
 * @param symbol how the matched features are painted
 */
public record Rule(String value, Label title, Symbol symbol) {
    public Rule {
        Objects.requireNonNull(value, "rule value");
        Objects.requireNonNull(title, "rule title");
        Objects.requireNonNull(symbol, "rule symbol");
    }

    /** Tests whether this rule matches a feature whose style property is {@code propertyValue}; null never matches. */
    public boolean matches(String propertyValue) {
        return value.equals(propertyValue);
    }

    void writeTo(JsonWriter json) {
        json.beginObject().name("value").value(value).name("title");
        title.writeTo(json);
        json.name("symbol");
        symbol.writeTo(json);
        json.endObject();
    }
}
