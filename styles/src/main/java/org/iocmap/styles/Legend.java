package org.iocmap.styles;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Lists what each symbol of a style means, in the order the legend shows them.
 *
 * <p>JSON form: {@code {"entries":[{"label":{"vi":...,"en":...},"symbol":{...}}, ...]}}.
 *
 * @param entries one entry per rule, then one for the default symbol; or one per class of a colour ramp, then one for
 *     features without a value
 */
public record Legend(List<Entry> entries) {
    /** Labels the default symbol of a style with rules: the features no rule matched. */
    public static final Label OTHER = Label.of("Khác", "Other");

    /** Labels the only symbol of a style without rules. */
    public static final Label ALL = Label.of("Tất cả", "All");

    /** Labels the symbol of features without a value, in the legend of a stepped colour ramp. */
    public static final Label NO_VALUE = Label.of("Không có số liệu", "No reading");

    public Legend {
        entries = List.copyOf(entries);
    }

    /**
     * Creates the legend of {@code style}: one entry per rule in rule order, then the default symbol labelled
     * {@link #OTHER}. A style without rules gets a single entry labelled {@link #ALL}.
     *
     * <p>The default entry is listed even when every expected value has a rule, because a feature with an unexpected or
     * missing value is still drawn with it and the operator must be able to read what it means.
     */
    public static Legend of(Style style) {
        Objects.requireNonNull(style, "style");
        List<Entry> entries = new ArrayList<>(style.rules().size() + 1);
        for (Rule rule : style.rules()) {
            entries.add(new Entry(rule.title(), rule.symbol()));
        }
        entries.add(new Entry(style.hasRules() ? OTHER : ALL, style.symbol()));
        return new Legend(entries);
    }

    /**
     * Creates the legend of features coloured by a stepped ramp, such as stations by their {@link ColourRamp#VN_AQI}:
     * one entry per class in class order, each drawn as {@code noValue} in the class colour, then {@code noValue}
     * itself labelled {@link #NO_VALUE} for features without a reading. The SLD export of the same ramp lists its
     * rules in this order.
     *
     * @throws IllegalArgumentException when {@code ramp} is interpolated, which has no classes to list
     */
    public static Legend of(ColourRamp ramp, Symbol noValue) {
        Objects.requireNonNull(ramp, "ramp");
        Objects.requireNonNull(noValue, "noValue");
        if (!ramp.isStepped()) {
            throw new IllegalArgumentException(
                    "ramp " + ramp.name() + " blends its colours; only a stepped ramp has classes to list");
        }
        List<Entry> entries = new ArrayList<>(ramp.stops().size() + 1);
        for (ColourRamp.Stop stop : ramp.stops()) {
            entries.add(new Entry(stop.label(), noValue.withFill(stop.colour())));
        }
        entries.add(new Entry(NO_VALUE, noValue));
        return new Legend(entries);
    }

    /** Returns this legend as the JSON object described above, on one line. */
    public String toJson() {
        JsonWriter json = new JsonWriter();
        json.beginObject().name("entries").beginArray();
        for (Entry entry : entries) {
            json.beginObject().name("label");
            entry.label().writeTo(json);
            json.name("symbol");
            entry.symbol().writeTo(json);
            json.endObject();
        }
        json.endArray().endObject();
        return json.toString();
    }

    /**
     * Pairs a symbol with what it means.
     *
     * @param label the text shown next to the symbol
     * @param symbol the symbol as drawn on the map
     */
    public record Entry(Label label, Symbol symbol) {
        public Entry {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(symbol, "symbol");
        }
    }
}
