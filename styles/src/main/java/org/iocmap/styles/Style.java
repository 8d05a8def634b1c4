package org.iocmap.styles;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Describes how a layer is drawn: an icon name, a default symbol, and optional rules that pick a symbol from one
 * feature property.
 *
 * <p>A feature whose {@code property} value matches a rule gets that rule's symbol; every other feature, including
 * one without the property, gets the default {@code symbol}. Rule values are unique, so at most one rule matches.
 *
 * <p>The JSON form, which {@code GET /api/layers} sends to the page inside each layer, is
 *
 * <pre>{@code
 * {"icon":"camera", "symbol":{...}, "property":"status",
 *  "rules":[{"value":"online", "title":{"vi":"Trực tuyến", "en":"Online"}, "symbol":{...}}]}
 * }</pre>
 *
 * (shown with spaces; {@link #toJson()} writes none)
 *
 * and a style without rules writes {@code "property":null,"rules":[]}, so the page never has to test for a missing key.
 *
 * @param icon the name of the marker icon the page shows, such as {@code camera}
 * @param symbol the symbol of features no rule matches
 * @param property the feature property the rules compare; null exactly when there are no rules
 * @param rules the rules in legend order; never null (null is read as no rules)
 */
public record Style(String icon, Symbol symbol, String property, List<Rule> rules) {
    public Style {
        if (icon == null || icon.isBlank()) {
            throw new IllegalArgumentException("icon must not be blank, was " + JsonWriter.quote(icon));
        }
        Objects.requireNonNull(symbol, "symbol");
        rules = rules == null ? List.of() : List.copyOf(rules);
        if (rules.isEmpty() && property != null) {
            throw new IllegalArgumentException(
                    "property must be null when there are no rules, was " + JsonWriter.quote(property));
        }
        if (!rules.isEmpty() && (property == null || property.isBlank())) {
            throw new IllegalArgumentException(
                    "property must name the feature property the rules compare, was " + JsonWriter.quote(property));
        }
        Set<String> seen = new HashSet<>();
        for (Rule rule : rules) {
            // Two rules for one value would make the legend and the map disagree about which one wins.
            if (!seen.add(rule.value())) {
                throw new IllegalArgumentException(
                        "rules must have distinct values; " + JsonWriter.quote(rule.value()) + " appears twice");
            }
        }
    }

    /** Creates a style that paints every feature with one symbol. */
    public static Style of(String icon, Symbol symbol) {
        return new Style(icon, symbol, null, List.of());
    }

    /** Creates a style that picks a symbol by the value of {@code property}, falling back to {@code symbol}. */
    public static Style byProperty(String icon, Symbol symbol, String property, List<Rule> rules) {
        return new Style(icon, symbol, property, rules);
    }

    /** Tests whether this style has rules. */
    public boolean hasRules() {
        return !rules.isEmpty();
    }

    /** Returns the rule matching a feature whose style property is {@code value}; empty when no rule matches. */
    public Optional<Rule> ruleFor(String value) {
        return rules.stream().filter(rule -> rule.matches(value)).findFirst();
    }

    /** Returns the symbol of a feature whose style property is {@code value}: the matching rule's, else the default. */
    public Symbol symbolFor(String value) {
        return ruleFor(value).map(Rule::symbol).orElse(symbol);
    }

    /** Returns this style as the JSON object described above, on one line. */
    public String toJson() {
        JsonWriter json = new JsonWriter();
        writeTo(json);
        return json.toString();
    }

    void writeTo(JsonWriter json) {
        json.beginObject().name("icon").value(icon).name("symbol");
        symbol.writeTo(json);
        json.name("property").value(property).name("rules").beginArray();
        for (Rule rule : rules) {
            rule.writeTo(json);
        }
        json.endArray().endObject();
    }
}
