package org.iocmap.styles;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Names how a symbol is drawn: as a point marker, a line or a filled area.
 *
 * <p>A {@link Symbol} does not say this itself; the page picks the drawing from each feature's geometry type, and the
 * SLD export and the PNG legend take it from the layer's geometry type. A line is drawn in the symbol's {@code fill}
 * colour, {@code max(2, strokeWidth + 1)} pixels wide, exactly as the page draws lines ({@code style.js}).
 */
public enum GeometryKind {
    /** A circle marker of the symbol's radius. */
    POINT,
    /** A line in the symbol's fill colour. */
    LINE,
    /** An area filled with the symbol's fill and outlined with its stroke. */
    POLYGON;

    /**
     * Returns the kind of a layer whose features have the geometry type {@code type}, spelled as in GeoJSON or OGC
     * Simple Features ({@code Point}, {@code MultiLineString}, {@code MultiPolygon}…; any case). Empty for
     * {@code Geometry}, {@code GeometryCollection}, null and unknown names, where a layer may mix kinds.
     */
    public static Optional<GeometryKind> fromGeometryType(String type) {
        if (type == null) {
            return Optional.empty();
        }
        return switch (type.toLowerCase(Locale.ROOT)) {
            case "point", "multipoint" -> Optional.of(POINT);
            case "linestring", "multilinestring" -> Optional.of(LINE);
            case "polygon", "multipolygon" -> Optional.of(POLYGON);
            default -> Optional.empty();
        };
    }

    /**
     * Returns the kind a style is meant for when the layer's geometry type is not known: {@link #POINT} when its
     * default symbol has a marker radius, else {@link #POLYGON} (polygon symbols have radius 0).
     */
    public static GeometryKind guessFrom(Style style) {
        Objects.requireNonNull(style, "style");
        return guessFrom(style.symbol());
    }

    /** Returns {@link #POINT} for a symbol with a marker radius, else {@link #POLYGON}; see {@link #guessFrom(Style)}. */
    public static GeometryKind guessFrom(Symbol symbol) {
        Objects.requireNonNull(symbol, "symbol");
        return symbol.radius() > 0 ? POINT : POLYGON;
    }
}
