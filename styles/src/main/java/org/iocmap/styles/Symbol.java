package org.iocmap.styles;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Describes how one feature is painted: a circle marker for points, the outline and fill for polygons, a line in the
 * fill colour for lines ({@link GeometryKind}).
 *
 * <p>Colours are {@code #rrggbb}. Upper-case hex digits are accepted and stored lower-case, so that the JSON the page
 * receives and the SLD written later always spell a colour the same way. Widths and radii are in CSS pixels.
 *
 * @param fill the fill colour of markers and polygons
 * @param fillOpacity the fill opacity, from 0 (transparent) to 1 (opaque)
 * @param stroke the colour of the marker outline or polygon border
 * @param strokeWidth the outline width in pixels; 0 draws no outline
 * @param radius the circle marker radius in pixels; 0 for polygon and line layers, which draw no marker
 */
public record Symbol(String fill, double fillOpacity, String stroke, double strokeWidth, double radius) {
    private static final Pattern COLOUR = Pattern.compile("#[0-9a-fA-F]{6}");

    public Symbol {
        fill = requireColour("fill", fill);
        stroke = requireColour("stroke", stroke);
        // Written as "not inside" so that NaN fails too.
        if (!(fillOpacity >= 0 && fillOpacity <= 1)) {
            throw new IllegalArgumentException("fillOpacity must be within 0..1, was " + fillOpacity);
        }
        requireSize("strokeWidth", strokeWidth);
        requireSize("radius", radius);
    }

    /** Creates a circle marker symbol for a point layer. */
    public static Symbol point(String fill, String stroke, double radius) {
        return new Symbol(fill, 0.85, stroke, 1.5, radius);
    }

    /** Creates a symbol for a polygon layer; the radius is 0 because polygons draw no marker. */
    public static Symbol polygon(String fill, double fillOpacity, String stroke, double strokeWidth) {
        return new Symbol(fill, fillOpacity, stroke, strokeWidth, 0);
    }

    /** Returns this symbol with another fill colour, such as a colour ramp's band colour. */
    public Symbol withFill(String colour) {
        return new Symbol(colour, fillOpacity, stroke, strokeWidth, radius);
    }

    /** Tests whether {@code text} is a colour this model accepts: {@code #} and six hex digits, in either case. */
    public static boolean isColour(String text) {
        return text != null && COLOUR.matcher(text).matches();
    }

    /**
     * Returns {@code colour} in lower case after checking its format.
     *
     * @throws IllegalArgumentException naming {@code field} when the colour is missing or malformed
     */
    static String requireColour(String field, String colour) {
        if (!isColour(colour)) {
            throw new IllegalArgumentException(
                    field + " must be a colour written #rrggbb (such as #1565c0), was " + JsonWriter.quote(colour));
        }
        return colour.toLowerCase(Locale.ROOT);
    }

    void writeTo(JsonWriter json) {
        json.beginObject()
                .name("fill")
                .value(fill)
                .name("fillOpacity")
                .value(fillOpacity)
                .name("stroke")
                .value(stroke)
                .name("strokeWidth")
                .value(strokeWidth)
                .name("radius")
                .value(radius)
                .endObject();
    }

    private static void requireSize(String field, double pixels) {
        if (!(pixels >= 0) || Double.isInfinite(pixels)) {
            throw new IllegalArgumentException(field + " must be a finite number >= 0, was " + pixels);
        }
    }
}
