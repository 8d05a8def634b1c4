package org.iocmap.tiles.render;

import java.util.Objects;
import org.iocmap.layers.model.BoundingBox;
import org.iocmap.layers.model.Feature;
import org.iocmap.layers.model.FeaturePage;
import org.iocmap.layers.model.FeatureQuery;
import org.iocmap.layers.model.Layer;
import org.iocmap.styles.Rule;
import org.iocmap.styles.Style;
import org.iocmap.tiles.grid.TileCoord;
import org.iocmap.tiles.grid.WebMercator;
import org.locationtech.jts.geom.Envelope;

/**
 * Renders one tile of a layer as a PNG image, drawn with the layer's {@link Style} the way the page draws the same
 * features: the raster path for layers too dense to send to the page as features.
 *
 * <p><b>Image.</b> {@value #TILE_SIZE} × {@value #TILE_SIZE} pixels, 8-bit RGBA, transparent wherever nothing is drawn,
 * antialiased. Geometries (EPSG:4326, x = longitude) are projected with {@link WebMercator} onto the tile: x grows
 * eastwards, y southwards, and (0, 0) is the tile's north-west corner, where Leaflet places it.
 *
 * <p><b>Symbols.</b> Each feature is drawn with the symbol of the style's rule that its property matches, compared as
 * text exactly as the page compares it (a number as JavaScript writes it, so {@code 3.0} matches a rule value
 * {@code "3"}); a feature no rule matches, or without the property, gets the style's default symbol. Widths and radii
 * are in pixels.
 *
 * <ul>
 *   <li>A polygon is filled with the symbol's fill at its fill opacity and outlined, opaque, in its stroke colour and
 *       width. Holes stay empty, whichever way their rings wind. Each part of a multipolygon is drawn on its own.
 *   <li>A line is drawn opaque in the fill colour, {@code max(2, strokeWidth + 1)} pixels wide, as the page draws it.
 *   <li>A point is a circle of the symbol's radius, but at least {@value #MIN_MARKER_RADIUS_PIXELS} pixels, filled as a
 *       polygon is and outlined in the stroke colour and width. Markers are drawn above every polygon and line of the
 *       tile, as the page's markers sit above its shapes.
 * </ul>
 *
 * Features are drawn in the order given (a layer gives them in id order), later ones over earlier ones. Every feature
 * is drawn, however many fall in the tile: nothing is thinned or clustered.
 *
 * <p><b>Seams.</b> A marker or outline near the edge of a tile spills into its neighbour. Both tiles draw it: the layer
 * is queried for a box grown by the largest reach of any symbol of the style (marker radius plus half its outline, or
 * half a line width, plus a pixel of antialiasing), so a point just outside the tile still paints its part inside, and
 * the two halves meet at the seam. The grown box does not wrap around the antimeridian.
 *
 * <p><b>Cost.</b> Drawing is CPU-bound and grows with the features in the tile. There is no upper bound on the features
 * drawn, so a low-zoom tile of a large layer takes long: callers limit the zooms they serve. For scale, measured with
 * {@code RasterTilesTiming} in the tests: about 23 ms of CPU for a tile of 2,000 land-use polygons, 16 ms for 5,000
 * points and 34 ms for 20,000, PNG encoding (6 to 9 ms of it) included and the layer query not. Markers are stamped
 * from small images drawn once per symbol and quarter-pixel position, so they land within 1/8 pixel of their place.
 *
 * <p>Thread-safe: every call draws on images of its own. {@link #render(Layer, TileCoord, Style)} blocks on the layer's
 * store: run it on a worker thread. Java2D needs no display; servers run with {@code -Djava.awt.headless=true}.
 */
public final class RasterTiles {
    /** Gives the width and height of a tile, in pixels. */
    public static final int TILE_SIZE = 256;

    /**
     * Gives the smallest radius a point marker is drawn with, in pixels. A symbol made for polygons has radius 0; a
     * point drawn with it would vanish, while the page shows every point as a marker.
     */
    public static final double MIN_MARKER_RADIUS_PIXELS = 3;

    /** Features asked of the layer at a time; each page is drawn and dropped before the next is read. */
    private static final int PAGE = 10_000;

    /**
     * Returns the PNG of {@code tile} for the features of {@code layer}, drawn with {@code style}; a fully transparent
     * image when no feature reaches the tile. Features are read a page at a time, so memory does not grow with their
     * number.
     *
     * @throws IllegalArgumentException naming the feature when a geometry cannot be drawn (coordinates outside the
     *     longitude/latitude ranges)
     */
    public byte[] render(Layer layer, TileCoord tile, Style style) {
        return renderWithIds(layer, tile, style).png();
    }

    /** Holds a drawn tile and the ids of the features that were drawn into it (or may have painted its edge). */
    public record Drawn(byte[] png, long[] featureIds) {}

    /** Returns the PNG as {@link #render(Layer, TileCoord, Style)} does, with the ids of the features it drew. */
    public Drawn renderWithIds(Layer layer, TileCoord tile, Style style) {
        Objects.requireNonNull(layer, "layer");
        TileCanvas canvas = new TileCanvas(tile);
        BoundingBox box = bufferedBox(tile, reachPixels(style));
        long[] ids = new long[64];
        int n = 0;
        for (long offset = 0; ; offset += PAGE) {
            FeaturePage page = layer.query(new FeatureQuery(box, null, PAGE, offset));
            for (Feature feature : page.features()) {
                canvas.draw(feature, SymbolPicker.symbolFor(style, feature.properties()));
                if (n == ids.length) {
                    ids = java.util.Arrays.copyOf(ids, n * 2);
                }
                ids[n++] = feature.id();
            }
            if (page.features().size() < PAGE) {
                break;
            }
        }
        return new Drawn(canvas.toPng(), java.util.Arrays.copyOf(ids, n));
    }

    /**
     * Returns the PNG of {@code tile} for the given features, drawn with {@code style}; a fully transparent image when
     * none reaches the tile. Features may lie anywhere: those that paint no pixel of the tile are skipped. To keep
     * seams whole, the caller passes every feature within {@link #reachPixels(Style)} pixels of the tile.
     *
     * @throws IllegalArgumentException naming the feature when a geometry cannot be drawn
     */
    public byte[] render(TileCoord tile, Style style, Iterable<Feature> features) {
        Objects.requireNonNull(style, "style");
        TileCanvas canvas = new TileCanvas(tile);
        for (Feature feature : features) {
            canvas.draw(feature, SymbolPicker.symbolFor(style, feature.properties()));
        }
        return canvas.toPng();
    }

    /**
     * Returns how far beyond its geometry a feature drawn with {@code style} can paint, in pixels: the largest reach of
     * the default symbol and every rule's symbol, antialiasing included. Features within this distance of a tile
     * show in it.
     */
    public static double reachPixels(Style style) {
        double reach = TileCanvas.reachPixels(style.symbol());
        for (Rule rule : style.rules()) {
            reach = Math.max(reach, TileCanvas.reachPixels(rule.symbol()));
        }
        return reach;
    }

    /** Returns the tile's box in lon/lat grown by {@code marginPixels} on every side, within the world's bounds. */
    private static BoundingBox bufferedBox(TileCoord tile, double marginPixels) {
        // Half a pixel more: the canvas, not the query, decides what reaches the tile.
        Envelope box = WebMercator.boundsLonLat(tile, (marginPixels + 0.5) / TILE_SIZE);
        return new BoundingBox(box.getMinX(), box.getMinY(), box.getMaxX(), box.getMaxY());
    }
}
