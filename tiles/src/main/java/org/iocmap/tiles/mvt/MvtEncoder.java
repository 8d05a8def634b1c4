package org.iocmap.tiles.mvt;

import java.util.Objects;
import java.util.Optional;
import org.iocmap.layers.model.Feature;
import org.iocmap.tiles.grid.TileCoord;

/**
 * Encodes the features of one layer as a Mapbox Vector Tile (vector tile specification 2.1, protocol buffers), with
 * the same result as PostGIS's
 * {@code ST_AsMVT(ST_AsMVTGeom(ST_Transform(geom, 3857), ST_TileEnvelope(z, x, y), extent, buffer, true))} for the
 * same features, to within one tile unit per coordinate where the two round a value differently.
 *
 * <p><b>Geometry.</b> Feature geometries are in EPSG:4326 (x = longitude). Each is projected to Web Mercator, scaled
 * to {@code 0..extent} across the tile with y pointing down, rounded to whole units, and clipped to the tile grown by
 * {@code buffer} units on every side, so that symbols and outlines do not break at tile seams. Points outside that box
 * are dropped; lines and polygons are cut at it. Repeated points and points on a straight line between their
 * neighbours are dropped; a line left with one point, or a polygon left with no area, leaves the tile. Polygons are
 * made valid and wound as the specification requires: exterior rings clockwise on screen (positive area by the
 * surveyor's formula in tile coordinates), holes the other way. Multi-geometries become one feature with several parts
 * (the points of a multipoint sorted by x, then y, as PostGIS writes them); a geometry collection keeps only its parts
 * of the highest dimension.
 *
 * <p><b>Properties.</b> Null values are left out. A whole number ({@code Integer}, {@code Long}, {@code Short},
 * {@code Byte}, and a {@code BigInteger} or {@code BigDecimal} that fits a long) is written as an unsigned integer
 * when it is 0 or more and as a zigzag signed integer otherwise; a {@code Double} as a double, a {@code Float} as a
 * float, a {@code Boolean} as a bool, a {@code String} as a string, and any other object by its {@code toString()}.
 * Keys and values are stored once per layer.
 *
 * <p><b>Ids.</b> The feature id is written when it is 0 or more; a negative id cannot be stored in the format's
 * unsigned field and is left out, as PostGIS does.
 *
 * <p><b>Empty tiles.</b> When no feature has anything left inside the buffered tile, {@link #encode} returns an empty
 * array: a valid tile with no layers, the same zero bytes PostGIS returns. Callers may serve it as it is (HTTP 200
 * with an empty body, or 204).
 *
 * <p>Instances are immutable and thread-safe. Encoding is CPU-bound; on a Vert.x service run it on a worker thread.
 */
public final class MvtEncoder {
    /** Gives the default extent: tile units along one side of the tile, as in PostGIS and most renderers. */
    public static final int DEFAULT_EXTENT = 4096;

    /** Gives the default buffer in tile units around the tile, as in PostGIS: 64 of 4096, about 1/64 of the tile. */
    public static final int DEFAULT_BUFFER = 64;

    /**
     * Bounds the extent, so that the area sums of clipped rings stay far inside a long; real tiles use 256 to 8192.
     */
    public static final int MAX_EXTENT = 1 << 16;

    private final int extent;
    private final int buffer;

    private MvtEncoder(int extent, int buffer) {
        this.extent = extent;
        this.buffer = buffer;
    }

    /** Creates an encoder with the default extent ({@value #DEFAULT_EXTENT}) and buffer ({@value #DEFAULT_BUFFER}). */
    public static MvtEncoder create() {
        return new MvtEncoder(DEFAULT_EXTENT, DEFAULT_BUFFER);
    }

    /**
     * Creates an encoder with the given extent and buffer, both in tile units.
     *
     * @throws IllegalArgumentException when {@code extent} is not within 1..{@value #MAX_EXTENT} or {@code buffer} is
     *     not within 0..extent
     */
    public static MvtEncoder of(int extent, int buffer) {
        if (extent < 1 || extent > MAX_EXTENT) {
            throw new IllegalArgumentException(
                    "extent=" + extent + " is out of range; expected a whole number within 1.." + MAX_EXTENT);
        }
        if (buffer < 0 || buffer > extent) {
            throw new IllegalArgumentException(
                    "buffer=" + buffer + " is out of range; expected a whole number within 0..extent (" + extent + ")");
        }
        return new MvtEncoder(extent, buffer);
    }

    /** Returns the number of tile units along one side of the tile. */
    public int extent() {
        return extent;
    }

    /** Returns the number of tile units kept around the tile on every side. */
    public int buffer() {
        return buffer;
    }

    /**
     * Encodes {@code features} as one layer named {@code layerName} of the tile {@code tile}. Features are written in
     * the order given; those with nothing left inside the buffered tile are skipped. The time value of a feature is
     * not written; put it in the properties to publish it.
     *
     * @return the tile's bytes; empty when no feature is left (see the class comment)
     * @throws IllegalArgumentException when the layer name is empty, or a feature has a coordinate outside ±180°
     *     longitude or ±90° latitude (the message names the feature)
     */
    public byte[] encode(TileCoord tile, String layerName, Iterable<Feature> features) {
        Objects.requireNonNull(tile, "tile");
        Objects.requireNonNull(features, "features");
        if (layerName == null || layerName.isEmpty()) {
            throw new IllegalArgumentException("layerName is missing; a vector tile layer needs a name");
        }
        TileGeometryBuilder builder = new TileGeometryBuilder(tile, extent, buffer);
        LayerWriter layer = new LayerWriter(layerName, extent);
        for (Feature feature : features) {
            Optional<TileGeometry> geometry;
            try {
                geometry = builder.build(feature.geometry());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "feature " + feature.id() + " of layer " + layerName
                                + " cannot be drawn in tile " + tile.z() + "/" + tile.x() + "/" + tile.y() + ": "
                                + e.getMessage(),
                        e);
            }
            if (geometry.isPresent()) {
                layer.addFeature(feature.id(), geometry.get(), feature.properties());
            }
        }
        if (layer.featureCount() == 0) {
            return new byte[0];
        }
        ProtobufWriter layerBytes = new ProtobufWriter(8192);
        layer.writeTo(layerBytes);
        ProtobufWriter tileBytes = new ProtobufWriter(layerBytes.size() + 8);
        tileBytes.writeMessageField(3, layerBytes); // Tile.layers is field 3
        return tileBytes.toByteArray();
    }
}
