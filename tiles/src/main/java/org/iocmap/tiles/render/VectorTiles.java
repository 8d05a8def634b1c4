package org.iocmap.tiles.render;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.iocmap.layers.model.BoundingBox;
import org.iocmap.layers.model.Feature;
import org.iocmap.layers.model.FeaturePage;
import org.iocmap.layers.model.FeatureQuery;
import org.iocmap.layers.model.Layer;
import org.iocmap.layers.model.LayerKind;
import org.iocmap.tiles.grid.TileCoord;
import org.iocmap.tiles.grid.WebMercator;
import org.iocmap.tiles.mvt.MvtEncoder;
import org.locationtech.jts.geom.Envelope;

/**
 * Makes the Mapbox Vector Tile of one layer and one tile: PostGIS encodes it with {@code ST_AsMVT} where the layer's
 * rows live there; otherwise (the embedded store, layers held in memory) the layer's features inside the buffered
 * tile are queried and encoded by {@link MvtEncoder}, to the same result within one tile unit. Properties are limited
 * to the attributes given (those the viewer may read); times are ISO-8601 UTC text to the second on both paths.
 *
 * <p>Thread-safe. Blocks on the store.
 */
public final class VectorTiles {
    /** The most features one tile is encoded from in Java; a tile holding more asks for a higher zoom. */
    public static final int MAX_FEATURES_PER_TILE = 200_000;

    private static final int PAGE = 10_000;

    private final MvtEncoder encoder = MvtEncoder.create();

    /**
     * Returns the tile's bytes; empty when no feature lies in it.
     *
     * @param attributes the names of the properties to write
     * @throws TooManyFeaturesException when the tile holds more than {@link #MAX_FEATURES_PER_TILE} features and the
     *     store cannot encode it itself
     */
    public byte[] make(Layer layer, TileCoord tile, List<String> attributes) {
        Optional<byte[]> fromStore =
                layer.computeVectorTile(tile.z(), tile.x(), tile.y(), encoder.extent(), encoder.buffer(), attributes);
        if (fromStore.isPresent()) {
            return fromStore.get();
        }
        BoundingBox box = bufferedBox(tile);
        List<Feature> features = new ArrayList<>();
        boolean generic = layer.kind() == LayerKind.GENERIC;
        for (long offset = 0; ; offset += PAGE) {
            FeaturePage page = layer.query(new FeatureQuery(box, null, PAGE, offset));
            if (page.numberMatched() > MAX_FEATURES_PER_TILE) {
                throw new TooManyFeaturesException(layer.id(), tile, page.numberMatched());
            }
            for (Feature f : page.features()) {
                features.add(new Feature(f.id(), f.geometry(), f.time(), tileProperties(f, attributes, generic)));
            }
            if (page.features().size() < PAGE) {
                break;
            }
        }
        return encoder.encode(tile, layer.id(), features);
    }

    /** Returns the tile's box in lon/lat, grown by a little more than the buffer, within the world's bounds. */
    private BoundingBox bufferedBox(TileCoord tile) {
        // One unit more than the buffer: the encoder, not the query, decides what lies on the buffer's edge.
        Envelope box = WebMercator.boundsLonLat(tile, (encoder.buffer() + 1.0) / encoder.extent());
        return new BoundingBox(box.getMinX(), box.getMinY(), box.getMaxX(), box.getMaxY());
    }

    /**
     * Returns the properties to write, in the types both paths give: times as ISO text to the second, dates as ISO
     * text, and for generic layers whole-valued numbers as integers (as PostGIS writes jsonb numbers).
     */
    private static Map<String, Object> tileProperties(Feature f, List<String> attributes, boolean generic) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String name : attributes) {
            Object v = f.properties().get(name);
            if (v == null) {
                continue;
            }
            out.put(
                    name,
                    switch (v) {
                        case Instant t -> DateTimeFormatter.ISO_INSTANT.format(t.truncatedTo(ChronoUnit.SECONDS));
                        case java.time.LocalDate d -> d.toString();
                        case Double d when generic && d == Math.rint(d) && Math.abs(d) < 0x1p53 -> (long) (double) d;
                        default -> v;
                    });
        }
        return out;
    }
}
