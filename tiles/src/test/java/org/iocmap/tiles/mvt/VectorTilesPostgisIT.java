package org.iocmap.tiles.mvt;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.iocmap.layers.demo.DemoData;
import org.iocmap.layers.kinds.LayerCatalog;
import org.iocmap.layers.model.AttributeDef;
import org.iocmap.layers.model.Feature;
import org.iocmap.layers.model.FeaturePage;
import org.iocmap.layers.model.FeatureQuery;
import org.iocmap.layers.model.Layer;
import org.iocmap.layers.model.LayerKind;
import org.iocmap.layers.model.NearFeature;
import org.iocmap.layers.model.TimeExtent;
import org.iocmap.layers.model.Title;
import org.iocmap.layers.query.cql2.Cql2Expr;
import org.iocmap.layers.store.Store;
import org.iocmap.layers.store.StoreSettings;
import org.iocmap.tiles.grid.TileCoord;
import org.iocmap.tiles.grid.WebMercator;
import org.iocmap.tiles.render.VectorTiles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Point;

/**
 * Pins that a layer's vector tiles are the same whether PostGIS encodes them ({@code ST_AsMVT}, as the service does
 * on PostGIS) or the Java encoder does from the layer's features (as on the embedded store): every built-in kind of
 * the demo data, its properties with times and dates, on tiles around Nha Trang from zoom 9 to 15. Same feature ids,
 * same properties and value types, vertices within one tile unit (polygons: outline within one unit).
 */
class VectorTilesPostgisIT {
    private static final String SCHEMA = "tiles_it";
    private static Store store;
    private static LayerCatalog catalog;

    @BeforeAll
    static void load() throws Exception {
        String url = setting("IOCMAP_TEST_DB_URL", "jdbc:postgresql://127.0.0.1:5432/iocmap_test");
        String user = setting("IOCMAP_TEST_DB_USER", "iocmap");
        String password = setting("IOCMAP_TEST_DB_PASSWORD", "iocmap");
        try (Connection c = DriverManager.getConnection(url, user, password);
                Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
            s.execute("CREATE SCHEMA " + SCHEMA);
        }
        String scoped = url + (url.contains("?") ? "&" : "?") + "currentSchema=" + SCHEMA + ",public";
        store = Store.open(new StoreSettings(scoped, user, password, 4));
        DemoData.loadIfEmpty(store, LocalDate.of(2026, 11, 1));
        catalog = LayerCatalog.load(store);
    }

    @AfterAll
    static void close() {
        if (store != null) {
            store.close();
        }
    }

    private static String setting(String env, String fallback) {
        String value = System.getenv(env);
        return value == null || value.isBlank() ? fallback : value;
    }

    @Test
    void everyKindGivesTheSameTileFromPostgisAndFromJava() {
        VectorTiles tiles = new VectorTiles();
        List<String> mismatches = new ArrayList<>();
        int compared = 0;
        int nonEmpty = 0;
        for (Layer layer : catalog.all()) {
            if (layer.kind() == LayerKind.GENERIC) {
                continue; // generic point layers are answered from memory, with the Java encoder on both stores
            }
            List<String> attributes =
                    layer.attributes().stream().map(AttributeDef::name).toList();
            Layer javaOnly = new WithoutStoreTiles(layer);
            for (int z = 9; z <= 15; z += 2) {
                for (TileCoord tile : WebMercator.tilesCovering(109.10, 12.15, 109.30, 12.35, z)) {
                    Optional<byte[]> fromStore =
                            layer.computeVectorTile(tile.z(), tile.x(), tile.y(), 4096, 64, attributes);
                    assertThat(fromStore).as("PostGIS encodes %s", layer.id()).isPresent();
                    byte[] fromJava = tiles.make(javaOnly, tile, attributes);
                    String where = layer.id() + " " + tile;
                    compared++;
                    if (fromStore.get().length == 0 || fromJava.length == 0) {
                        if (fromStore.get().length != fromJava.length) {
                            mismatches.add(where + ": one tile is empty (PostGIS " + fromStore.get().length
                                    + " bytes, Java " + fromJava.length + ")");
                        }
                        continue;
                    }
                    nonEmpty++;
                    compare(
                            where,
                            MvtDecoder.decode(fromJava).layer(layer.id()),
                            MvtDecoder.decode(fromStore.get()).layer(layer.id()),
                            mismatches);
                }
            }
        }
        assertThat(mismatches).as("tiles compared: %d", compared).isEmpty();
        assertThat(nonEmpty).as("tiles with features").isGreaterThan(30);
    }

    private static void compare(String where, MvtDecoder.Layer ours, MvtDecoder.Layer theirs, List<String> mismatches) {
        Map<Long, MvtDecoder.Feature> mine = MvtPostgisParityIT.byId(ours);
        Map<Long, MvtDecoder.Feature> postgis = MvtPostgisParityIT.byId(theirs);
        if (!mine.keySet().equals(postgis.keySet())) {
            mismatches.add(where + ": ids differ: Java " + mine.size() + ", PostGIS " + postgis.size());
            return;
        }
        for (Map.Entry<Long, MvtDecoder.Feature> e : mine.entrySet()) {
            MvtDecoder.Feature theirsFeature = postgis.get(e.getKey());
            String problem = MvtPostgisParityIT.compareFeature(e.getValue(), theirsFeature);
            if (problem != null
                    && e.getValue().type() == MvtDecoder.POLYGON
                    && MvtPostgisParityIT.outlineDistance(e.getValue(), theirsFeature) <= 1) {
                problem = null; // the same outline within a unit (see MvtPostgisParityIT)
            }
            if (problem != null) {
                mismatches.add(where + " feature " + e.getKey() + ": " + problem);
            }
        }
    }

    /** A layer that leaves tiles to the caller, so that the Java encoder makes them from the same rows. */
    private record WithoutStoreTiles(Layer layer) implements Layer {
        @Override
        public String id() {
            return layer.id();
        }

        @Override
        public Title title() {
            return layer.title();
        }

        @Override
        public LayerKind kind() {
            return layer.kind();
        }

        @Override
        public String geometryType() {
            return layer.geometryType();
        }

        @Override
        public List<AttributeDef> attributes() {
            return layer.attributes();
        }

        @Override
        public boolean isPublic() {
            return layer.isPublic();
        }

        @Override
        public Set<String> readRoles() {
            return layer.readRoles();
        }

        @Override
        public Optional<String> timeAttribute() {
            return layer.timeAttribute();
        }

        @Override
        public Optional<TimeExtent> computeTimeExtent() {
            return layer.computeTimeExtent();
        }

        @Override
        public FeaturePage query(FeatureQuery query) {
            return layer.query(query);
        }

        @Override
        public List<NearFeature> nearest(Point origin, int k, FeatureQuery constraints) {
            return layer.nearest(origin, k, constraints);
        }

        @Override
        public void checkFilter(Cql2Expr filter) {
            layer.checkFilter(filter);
        }

        @Override
        public Optional<Feature> findFeature(long id) {
            return layer.findFeature(id);
        }
    }
}
