package org.iocmap.tiles.render;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.iocmap.layers.model.Feature;
import org.iocmap.styles.Symbol;
import org.iocmap.tiles.grid.TileCoord;
import org.iocmap.tiles.grid.WebMercator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryCollection;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;

/**
 * Draws features onto one tile with Java2D and encodes the result as PNG; {@link RasterTiles} describes what is drawn
 * and how.
 *
 * <p>Polygons and lines go on one image and markers on a second one laid over it at the end, so a marker is never
 * hidden by a polygon that comes after it, as on the page, where markers sit in a pane above the shapes. Each image is
 * made on first use.
 *
 * <p>Not thread-safe: one canvas per tile and thread, drawn on once and then encoded.
 */
final class TileCanvas {
    private static final int SIZE = RasterTiles.TILE_SIZE;

    /**
     * Counts the sub-pixel positions a marker is stamped at along each axis: markers land within 1/8 pixel of their
     * exact place, closer than antialiasing can show.
     */
    private static final int PHASES = 4;

    /** Holds the PNG of a tile with nothing drawn; encoded once, copied out. */
    private static final byte[] EMPTY_PNG = writePng(newImage());

    private final double westMetres;
    private final double northMetres;
    private final double pixelsPerMetre;
    private final Map<Symbol, Brush> brushes = new IdentityHashMap<>();
    private final Map<Brush, BufferedImage[]> stamps = new IdentityHashMap<>();
    private BufferedImage shapes;
    private Graphics2D shapesGraphics;
    private BufferedImage markers;
    private Graphics2D markersGraphics;

    TileCanvas(TileCoord tile) {
        Envelope bounds = WebMercator.boundsMetres(tile);
        this.westMetres = bounds.getMinX();
        this.northMetres = bounds.getMaxY();
        this.pixelsPerMetre = SIZE / bounds.getWidth();
    }

    /**
     * Returns how far, in pixels, a feature drawn with {@code symbol} can paint beyond its geometry: half the widest
     * stroke or the marker's outer edge, plus one pixel of antialiasing.
     */
    static double reachPixels(Symbol symbol) {
        return Brush.of(symbol).reachPixels();
    }

    /**
     * Draws one feature with {@code symbol}; a feature that cannot paint any pixel of the tile is skipped without
     * being drawn.
     *
     * @throws IllegalArgumentException naming the feature when a coordinate is not a longitude/latitude
     */
    void draw(Feature feature, Symbol symbol) {
        Brush brush = brushes.computeIfAbsent(symbol, Brush::of);
        Geometry geometry = feature.geometry();
        try {
            if (geometry instanceof Point point) {
                drawMarker(point.getCoordinate(), brush); // projects once and skips a marker off the tile itself
            } else if (!geometry.isEmpty() && reachesTile(geometry.getEnvelopeInternal(), brush.reachPixels())) {
                drawGeometry(geometry, brush);
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("feature " + feature.id() + " cannot be drawn: " + e.getMessage(), e);
        }
    }

    /** Returns the tile as PNG bytes: 256 × 256, 8-bit RGBA, transparent wherever nothing was drawn. */
    byte[] toPng() {
        if (shapes == null && markers == null) {
            return EMPTY_PNG.clone();
        }
        BufferedImage image = shapes != null ? shapes : markers;
        if (shapes != null && markers != null) {
            shapesGraphics.drawImage(markers, 0, 0, null);
        }
        if (shapesGraphics != null) {
            shapesGraphics.dispose();
        }
        if (markersGraphics != null) {
            markersGraphics.dispose();
        }
        return writePng(image);
    }

    private boolean reachesTile(Envelope lonLat, double reach) {
        Coordinate southWest = WebMercator.toMetres(lonLat.getMinX(), lonLat.getMinY());
        Coordinate northEast = WebMercator.toMetres(lonLat.getMaxX(), lonLat.getMaxY());
        return pixelX(southWest) - reach <= SIZE
                && pixelX(northEast) + reach >= 0
                && pixelY(northEast) - reach <= SIZE
                && pixelY(southWest) + reach >= 0;
    }

    private void drawGeometry(Geometry geometry, Brush brush) {
        if (geometry.isEmpty()) {
            return; // an empty part of a collection
        }
        switch (geometry) {
            case Point p -> drawMarker(p.getCoordinate(), brush);
            case LineString line -> drawLine(line, brush); // a LinearRing too
            case Polygon polygon -> drawPolygon(polygon, brush);
            case GeometryCollection parts -> {
                // MultiPoint, MultiLineString and MultiPolygon are collections too: each part is drawn on its own.
                for (int i = 0; i < parts.getNumGeometries(); i++) {
                    drawGeometry(parts.getGeometryN(i), brush);
                }
            }
            default ->
                throw new IllegalArgumentException("geometry type " + geometry.getGeometryType()
                        + " is not drawn; expected a point, line, polygon or a collection of them");
        }
    }

    private void drawPolygon(Polygon polygon, Brush brush) {
        // Even-odd filling leaves every hole empty whichever way its ring winds, so data need not be normalised first.
        Path2D.Double path = new Path2D.Double(Path2D.WIND_EVEN_ODD);
        appendRing(path, polygon.getExteriorRing());
        for (int i = 0; i < polygon.getNumInteriorRing(); i++) {
            appendRing(path, polygon.getInteriorRingN(i));
        }
        Graphics2D g = shapes();
        g.setColor(brush.fill());
        g.fill(path);
        if (brush.outline() != null) {
            g.setColor(brush.stroke());
            g.setStroke(brush.outline());
            g.draw(path);
        }
    }

    private void drawLine(LineString line, Brush brush) {
        Path2D.Double path = new Path2D.Double(Path2D.WIND_NON_ZERO, line.getNumPoints());
        appendPoints(path, line.getCoordinateSequence());
        Graphics2D g = shapes();
        g.setColor(brush.lineColour());
        g.setStroke(brush.line());
        g.draw(path);
    }

    private void drawMarker(Coordinate lonLat, Brush brush) {
        // Markers are stamped from small images drawn once per symbol and sub-pixel position rather than drawn as
        // shapes: ten times faster, which is what dense point layers need, and the same pixels within 1/8 pixel.
        if (lonLat == null) {
            return; // an empty point
        }
        Coordinate metres = WebMercator.toMetres(lonLat.x, lonLat.y);
        double x = pixelX(metres);
        double y = pixelY(metres);
        double reach = brush.reachPixels();
        if (x < -reach || x > SIZE + reach || y < -reach || y > SIZE + reach) {
            return;
        }
        long qx = Math.round(x * PHASES);
        long qy = Math.round(y * PHASES);
        int phaseX = Math.floorMod(qx, PHASES);
        int phaseY = Math.floorMod(qy, PHASES);
        int half = stampHalfSize(brush);
        BufferedImage stamp = stamp(brush, phaseX, phaseY, half);
        markers()
                .drawImage(stamp, (int) Math.floorDiv(qx, PHASES) - half, (int) Math.floorDiv(qy, PHASES) - half, null);
    }

    /** Returns the marker of {@code brush} centred at ({@code half} + phaseX/PHASES, {@code half} + phaseY/PHASES). */
    private BufferedImage stamp(Brush brush, int phaseX, int phaseY, int half) {
        BufferedImage[] byPhase = stamps.computeIfAbsent(brush, b -> new BufferedImage[PHASES * PHASES]);
        int index = phaseY * PHASES + phaseX;
        if (byPhase[index] == null) {
            int size = 2 * half + 2;
            BufferedImage stamp = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
            Graphics2D g = newGraphics(stamp);
            double r = brush.markerRadius();
            double cx = half + (double) phaseX / PHASES;
            double cy = half + (double) phaseY / PHASES;
            Ellipse2D.Double circle = new Ellipse2D.Double(cx - r, cy - r, 2 * r, 2 * r);
            g.setColor(brush.fill());
            g.fill(circle);
            if (brush.outline() != null) {
                g.setColor(brush.stroke());
                g.setStroke(brush.outline());
                g.draw(circle);
            }
            g.dispose();
            byPhase[index] = stamp;
        }
        return byPhase[index];
    }

    /** Returns the whole pixels from a stamp's corner to the pixel its marker is centred in. */
    private static int stampHalfSize(Brush brush) {
        return (int) Math.ceil(brush.reachPixels());
    }

    private void appendRing(Path2D.Double path, LineString ring) {
        if (appendPoints(path, ring.getCoordinateSequence())) {
            path.closePath();
        }
    }

    /** Appends the points as one subpath; returns false when there were none. */
    private boolean appendPoints(Path2D.Double path, CoordinateSequence lonLat) {
        int n = lonLat.size();
        for (int i = 0; i < n; i++) {
            Coordinate metres = WebMercator.toMetres(lonLat.getX(i), lonLat.getY(i));
            if (i == 0) {
                path.moveTo(pixelX(metres), pixelY(metres));
            } else {
                path.lineTo(pixelX(metres), pixelY(metres));
            }
        }
        return n > 0;
    }

    private double pixelX(Coordinate metres) {
        return (metres.x - westMetres) * pixelsPerMetre;
    }

    private double pixelY(Coordinate metres) {
        return (northMetres - metres.y) * pixelsPerMetre; // y grows southwards on screen
    }

    private Graphics2D shapes() {
        if (shapes == null) {
            shapes = newImage();
            shapesGraphics = newGraphics(shapes);
        }
        return shapesGraphics;
    }

    private Graphics2D markers() {
        if (markers == null) {
            markers = newImage();
            markersGraphics = newGraphics(markers);
        }
        return markersGraphics;
    }

    private static BufferedImage newImage() {
        return new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_ARGB); // starts fully transparent
    }

    private static Graphics2D newGraphics(BufferedImage image) {
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        // Pure strokes keep sub-pixel positions: the default normalisation moves outlines by up to half a pixel,
        // differently on each side of a seam.
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        return g;
    }

    private static byte[] writePng(BufferedImage image) {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("png");
        if (!writers.hasNext()) {
            throw new IllegalStateException("this Java runtime has no PNG writer; every JDK ships one");
        }
        ImageWriter writer = writers.next();
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
        // A memory-cached stream, not ImageIO.write(image, "png", out): that one may buffer through a temporary file.
        try (ImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            writer.write(image);
        } catch (IOException e) {
            throw new IllegalStateException("writing a PNG to memory failed", e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    /**
     * Holds the Java2D colours and strokes of one symbol, made once per symbol and canvas.
     *
     * @param fill the fill of polygons and markers, at the symbol's fill opacity
     * @param stroke the opaque outline colour of polygons and markers
     * @param outline the outline stroke; null when the symbol's stroke width is 0
     * @param lineColour the colour of lines, which the page draws in the fill colour
     * @param line the stroke of lines
     * @param markerRadius the marker circle's radius in pixels
     */
    private record Brush(
            Color fill, Color stroke, BasicStroke outline, Color lineColour, BasicStroke line, double markerRadius) {
        static Brush of(Symbol symbol) {
            int fillRgb = rgb(symbol.fill());
            int alpha = (int) Math.round(symbol.fillOpacity() * 255);
            BasicStroke outline = symbol.strokeWidth() > 0 ? round(symbol.strokeWidth()) : null;
            // The page's Leaflet paths (style.js pathOptions): a line has the fill colour and is at least 2 px wide.
            BasicStroke line = round(Math.max(2, symbol.strokeWidth() + 1));
            return new Brush(
                    new Color(alpha << 24 | fillRgb, true),
                    new Color(rgb(symbol.stroke())),
                    outline,
                    new Color(fillRgb),
                    line,
                    Math.max(RasterTiles.MIN_MARKER_RADIUS_PIXELS, symbol.radius()));
        }

        double reachPixels() {
            double outlineHalf = outline == null ? 0 : outline.getLineWidth() / 2;
            double paint = Math.max(markerRadius + outlineHalf, line.getLineWidth() / 2);
            return paint + 1; // antialiasing tints one more pixel
        }

        private static BasicStroke round(double width) {
            // Round caps and joins, as Leaflet's SVG paths have by default.
            return new BasicStroke((float) width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
        }

        private static int rgb(String colour) {
            return Integer.parseInt(colour.substring(1), 16); // the style model guarantees #rrggbb
        }
    }
}
