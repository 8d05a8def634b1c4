package org.iocmap.styles;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Maps a number to a colour: a heat-map density, a sensor reading, an index value.
 *
 * <p>An {@link Mode#INTERPOLATED} ramp blends linearly, channel by channel in sRGB, between the two stops around a
 * value; values outside the stops get the colour of the nearest end. Browser canvas gradients also blend in sRGB, so a
 * page that draws the ramp's JSON as a canvas gradient shows the colours this class computes.
 *
 * <p>A {@link Mode#STEPPED} ramp has classes instead. Stop {@code i} covers the values above stop {@code i-1}'s value up
 * to and including its own, so the bands of an index published as 0–50, 51–100, … are written with the stops 50, 100,
 * …, and a value between two published bands, such as 50.4, goes to the higher band. The first stop also covers every
 * lower value and the last stop every higher one, so an index reported above its nominal maximum keeps the worst colour
 * rather than losing it.
 *
 * <p>The JSON form, for the page, is
 *
 * <pre>{@code
 * {"name":"vn_aqi", "title":{"vi":...,"en":...}, "mode":"stepped",
 *  "stops":[{"value":50, "colour":"#00e400", "label":{"vi":"Tốt (0–50)","en":"Good (0–50)"}}, ...]}
 * }</pre>
 *
 * (shown with spaces; {@link #toJson()} writes none), where {@code label} is null for the stops of interpolated ramps.
 *
 * @param name the ramp's identifier, lower case letters, digits and underscores, such as {@code vn_aqi}
 * @param title what the ramp shows, for a legend caption
 * @param mode whether colours blend between stops or change at each stop
 * @param stops the stops in increasing value order
 */
public record ColourRamp(String name, Label title, Mode mode, List<Stop> stops) {
    /** Chooses how a ramp colours the values between its stops. */
    public enum Mode {
        /** Blends linearly in sRGB between the two stops around a value. */
        INTERPOLATED,
        /** Gives every value the colour of its class; see the class comment for the class bounds. */
        STEPPED
    }

    private static final Pattern NAME = Pattern.compile("[a-z0-9_]+");

    /**
     * Colours heat maps: density normalised to 0..1 (a cell's count divided by the busiest cell's), from pale yellow
     * for the sparsest to dark red for the densest.
     *
     * <p>The five colours are ColorBrewer's sequential scheme YlOrRd with five classes (Cynthia Brewer, Pennsylvania
     * State University, colorbrewer2.org; Apache License 2.0, credited in NOTICE), spread evenly over 0..1. A
     * sequential single-direction scheme, because density has no meaningful midpoint; this one stays readable for the
     * common kinds of colour blindness and when printed in grey.
     */
    public static final ColourRamp HEAT = new ColourRamp(
            "heat",
            Label.of("Mật độ", "Density"),
            Mode.INTERPOLATED,
            List.of(
                    Stop.of(0, "#ffffb2"),
                    Stop.of(0.25, "#fecc5c"),
                    Stop.of(0.5, "#fd8d3c"),
                    Stop.of(0.75, "#f03b20"),
                    Stop.of(1, "#bd0026")));

    /**
     * Colours the Vietnamese air quality index VN_AQI in its six bands, with the band colours of Quyết định số
     * 1459/QĐ-TCMT ngày 12/11/2019 của Tổng cục Môi trường (Hướng dẫn kỹ thuật tính toán và công bố chỉ số chất lượng
     * không khí Việt Nam), its table of AQI ranges, qualities and RGB codes: 0–50 Tốt, xanh (0, 228, 0); 51–100 Trung
     * bình, vàng (255, 255, 0); 101–150 Kém, da cam (255, 126, 0); 151–200 Xấu, đỏ (255, 0, 0); 201–300 Rất xấu, tím
     * (143, 63, 151); 301–500 Nguy hại, nâu (126, 0, 35).
     *
     * <p>Use it for hourly and daily VN_AQI alike; the decision gives both the same bands. Index values are integers
     * there; see the class comment for how values between bands and above 500 are coloured.
     */
    public static final ColourRamp VN_AQI = new ColourRamp(
            "vn_aqi",
            Label.of("Chỉ số chất lượng không khí VN_AQI", "Vietnam air quality index (VN_AQI)"),
            Mode.STEPPED,
            List.of(
                    Stop.of(50, "#00e400", Label.of("Tốt (0–50)", "Good (0–50)")),
                    Stop.of(100, "#ffff00", Label.of("Trung bình (51–100)", "Moderate (51–100)")),
                    Stop.of(150, "#ff7e00", Label.of("Kém (101–150)", "Poor (101–150)")),
                    Stop.of(200, "#ff0000", Label.of("Xấu (151–200)", "Bad (151–200)")),
                    Stop.of(300, "#8f3f97", Label.of("Rất xấu (201–300)", "Very bad (201–300)")),
                    Stop.of(500, "#7e0023", Label.of("Nguy hại (301–500)", "Hazardous (301–500)"))));

    private static final List<ColourRamp> ALL = List.of(HEAT, VN_AQI);

    public ColourRamp {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "ramp name must be lower case letters, digits and underscores, was " + JsonWriter.quote(name));
        }
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(mode, "mode");
        stops = List.copyOf(stops);
        int fewest = mode == Mode.INTERPOLATED ? 2 : 1;
        if (stops.size() < fewest) {
            throw new IllegalArgumentException(
                    "a " + mode + " ramp needs at least " + fewest + " stops, was " + stops.size());
        }
        for (int i = 1; i < stops.size(); i++) {
            // Equal values would make a zero-width interval: a division by zero when blending, an empty class when
            // stepping.
            if (!(stops.get(i).value() > stops.get(i - 1).value())) {
                throw new IllegalArgumentException("stop values must increase strictly; "
                        + stops.get(i).value() + " follows " + stops.get(i - 1).value() + " in ramp " + name);
            }
        }
        if (mode == Mode.STEPPED) {
            for (Stop stop : stops) {
                if (stop.label() == null) {
                    throw new IllegalArgumentException(
                            "every class of a stepped ramp needs a legend label; the stop at " + stop.value()
                                    + " in ramp " + name + " has none");
                }
            }
        }
    }

    /** Returns every named ramp. */
    public static List<ColourRamp> all() {
        return ALL;
    }

    /** Returns the named ramp called {@code name}, such as {@code vn_aqi}; empty when there is none. */
    public static Optional<ColourRamp> find(String name) {
        return ALL.stream().filter(ramp -> ramp.name().equals(name)).findFirst();
    }

    /** Tests whether this ramp has classes rather than a blend. */
    public boolean isStepped() {
        return mode == Mode.STEPPED;
    }

    /**
     * Returns the colour of {@code value} as {@code #rrggbb}.
     *
     * @throws IllegalArgumentException when {@code value} is NaN: a missing reading has no colour, and the caller must
     *     decide how to show it
     */
    public String colourAt(double value) {
        return toHex(rgbAt(value));
    }

    /**
     * Returns the colour of {@code value} as a packed {@code 0xrrggbb} integer.
     *
     * @throws IllegalArgumentException when {@code value} is NaN
     */
    public int rgbAt(double value) {
        if (Double.isNaN(value)) {
            throw new IllegalArgumentException("value must be a number, was NaN, in ramp " + name);
        }
        if (mode == Mode.STEPPED) {
            return stopFor(value).rgb();
        }
        Stop first = stops.getFirst();
        Stop last = stops.getLast();
        if (value <= first.value()) {
            return first.rgb();
        }
        if (value >= last.value()) {
            return last.rgb();
        }
        int i = 1;
        while (value > stops.get(i).value()) {
            i++;
        }
        Stop low = stops.get(i - 1);
        Stop high = stops.get(i);
        double t = (value - low.value()) / (high.value() - low.value());
        return blend(low.rgb() >> 16 & 0xff, high.rgb() >> 16 & 0xff, t) << 16
                | blend(low.rgb() >> 8 & 0xff, high.rgb() >> 8 & 0xff, t) << 8
                | blend(low.rgb() & 0xff, high.rgb() & 0xff, t);
    }

    /**
     * Returns the class of a stepped ramp that {@code value} falls in.
     *
     * @throws IllegalStateException when this ramp is interpolated, which has no classes
     * @throws IllegalArgumentException when {@code value} is NaN
     */
    public Stop stopFor(double value) {
        if (mode != Mode.STEPPED) {
            throw new IllegalStateException("ramp " + name + " blends its colours and has no classes");
        }
        if (Double.isNaN(value)) {
            throw new IllegalArgumentException("value must be a number, was NaN, in ramp " + name);
        }
        for (Stop stop : stops) {
            if (value <= stop.value()) {
                return stop;
            }
        }
        return stops.getLast();
    }

    /** Returns this ramp as the JSON object described above, on one line. */
    public String toJson() {
        JsonWriter json = new JsonWriter();
        json.beginObject().name("name").value(name).name("title");
        title.writeTo(json);
        json.name("mode").value(mode == Mode.STEPPED ? "stepped" : "interpolated");
        json.name("stops").beginArray();
        for (Stop stop : stops) {
            json.beginObject()
                    .name("value")
                    .value(stop.value())
                    .name("colour")
                    .value(stop.colour())
                    .name("label");
            if (stop.label() == null) {
                json.value((String) null);
            } else {
                stop.label().writeTo(json);
            }
            json.endObject();
        }
        json.endArray().endObject();
        return json.toString();
    }

    private static int blend(int from, int to, double t) {
        return (int) Math.round(from + (to - from) * t);
    }

    private static String toHex(int rgb) {
        return String.format("#%06x", rgb);
    }

    /**
     * Holds one stop of a ramp.
     *
     * @param value where the stop sits, a finite number in the ramp's unit
     * @param colour the colour at the stop, {@code #rrggbb}; stored lower case
     * @param label the class's legend text; required on stepped ramps, null on interpolated ones
     */
    public record Stop(double value, String colour, Label label) {
        public Stop {
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("stop value must be a finite number, was " + value);
            }
            colour = Symbol.requireColour("colour", colour);
        }

        /** Creates an unlabelled stop of an interpolated ramp. */
        public static Stop of(double value, String colour) {
            return new Stop(value, colour, null);
        }

        /** Creates a labelled class of a stepped ramp. */
        public static Stop of(double value, String colour, Label label) {
            return new Stop(value, colour, Objects.requireNonNull(label, "label"));
        }

        /** Returns the colour as a packed {@code 0xrrggbb} integer. */
        public int rgb() {
            return Integer.parseInt(colour.substring(1), 16);
        }
    }
}
