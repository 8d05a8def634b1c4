package org.iocmap.service.bench;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.iocmap.layers.kinds.LayerCatalog;
import org.iocmap.layers.model.Title;
import org.locationtech.jts.io.ByteOrderValues;
import org.locationtech.jts.io.WKBWriter;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

/**
 * Puts the benchmark layers into the benchmark schema: creates the two generic layers through the catalogue, streams
 * their features into {@code generic_feature} with {@code COPY}, and records what it loaded in
 * {@code bench_dataset}, so a later run with the same seed and sizes reuses the data. Touches nothing outside that
 * schema.
 */
final class PostgisLoader {
    /** Ids of generated features start here, far above the ids the service's sequence hands out. */
    static final long POINT_ID_BASE = 1_000_000_000L;

    static final long POLYGON_ID_BASE = 2_000_000_000L;

    private final BenchSettings settings;
    private final BenchDataset dataset;

    PostgisLoader(BenchSettings settings, BenchDataset dataset) {
        this.settings = settings;
        this.dataset = dataset;
    }

    /** Creates the benchmark schema when missing. The service's migrations then fill it on start. */
    void createSchema() throws SQLException {
        try (Connection c = connect(settings.dbUrl());
                Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA IF NOT EXISTS " + settings.schema());
        }
    }

    /** Returns the PostgreSQL and PostGIS versions, for the report. */
    String describeServer() throws SQLException {
        try (Connection c = connect(settings.dbUrl());
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT current_setting('server_version'), postgis_lib_version(),"
                        + " current_setting('shared_buffers'), current_setting('max_parallel_workers_per_gather')")) {
            rs.next();
            return "PostgreSQL " + rs.getString(1) + ", PostGIS " + rs.getString(2) + ", shared_buffers "
                    + rs.getString(3) + ", max_parallel_workers_per_gather " + rs.getString(4);
        }
    }

    /**
     * Makes sure both layers exist and hold exactly the generated features; loads what is missing or stale.
     *
     * @return a line per layer saying whether it was reused or loaded, and how long loading took
     */
    List<String> ensureLayers(LayerCatalog catalog) throws Exception {
        try (Connection c = connect(settings.schemaUrl())) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS bench_dataset (layer_id varchar(64) PRIMARY KEY,"
                        + " description varchar(255) NOT NULL, features bigint NOT NULL,"
                        + " loaded_at timestamp(6) with time zone NOT NULL DEFAULT now())");
            }
            if (catalog.find(BenchDataset.POINTS_LAYER).isEmpty()) {
                catalog.createGenericLayer(
                        BenchDataset.POINTS_LAYER,
                        Title.of("Điểm thử hiệu năng", "Benchmark points"),
                        "Point",
                        true,
                        Set.of(),
                        List.of(
                                Map.of("name", "label", "type", "string", "vi", "Nhãn", "en", "Label"),
                                Map.of("name", "weight", "type", "number", "vi", "Trọng số", "en", "Weight")),
                        1_000);
            }
            if (catalog.find(BenchDataset.POLYGONS_LAYER).isEmpty()) {
                catalog.createGenericLayer(
                        BenchDataset.POLYGONS_LAYER,
                        Title.of("Thửa đất thử hiệu năng", "Benchmark parcels"),
                        "Polygon",
                        true,
                        Set.of(),
                        List.of(
                                Map.of("name", "code", "type", "string", "vi", "Mã loại đất", "en", "Land-use code"),
                                Map.of("name", "area_m2", "type", "number", "vi", "Diện tích (m²)", "en", "Area (m²)")),
                        1_001);
            }
            String points = ensure(c, BenchDataset.POINTS_LAYER, dataset.points(), this::copyPoints);
            String polygons = ensure(c, BenchDataset.POLYGONS_LAYER, dataset.polygons(), this::copyPolygons);
            return List.of(points, polygons);
        }
    }

    private interface Copier {
        void copy(Connection c) throws Exception;
    }

    private String ensure(Connection c, String layer, long expected, Copier copier) throws Exception {
        String description = dataset.describe(layer);
        if (description.equals(recorded(c, layer)) && count(c, layer) == expected) {
            return layer + ": reused " + expected + " features (" + description + ")";
        }
        long started = System.nanoTime();
        c.setAutoCommit(false);
        try (PreparedStatement delete = c.prepareStatement("DELETE FROM generic_feature WHERE layer_id = ?");
                PreparedStatement forget = c.prepareStatement("DELETE FROM bench_dataset WHERE layer_id = ?");
                PreparedStatement remember = c.prepareStatement(
                        "INSERT INTO bench_dataset (layer_id, description, features) VALUES (?, ?, ?)")) {
            delete.setString(1, layer);
            delete.executeUpdate();
            forget.setString(1, layer);
            forget.executeUpdate();
            copier.copy(c);
            remember.setString(1, layer);
            remember.setString(2, description);
            remember.setLong(3, expected);
            remember.executeUpdate();
            c.commit();
        } catch (Exception e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
        long copied = System.nanoTime();
        try (Statement s = c.createStatement()) {
            s.execute("ANALYZE generic_feature");
        }
        return String.format(
                "%s: loaded %d features with COPY in %.1f s, ANALYZE %.1f s (%s)",
                layer, expected, (copied - started) / 1e9, (System.nanoTime() - copied) / 1e9, description);
    }

    private void copyPoints(Connection c) throws Exception {
        // Hex EWKB is what PostGIS parses fastest; one row per line in COPY's text format (no tabs or backslashes
        // occur in the generated values, so nothing needs escaping).
        WKBWriter wkb = new WKBWriter(2, ByteOrderValues.LITTLE_ENDIAN, true);
        try (Writer out = copyWriter(c)) {
            StringBuilder line = new StringBuilder(160);
            dataset.forEachPoint((index, lon, lat, label, weight) -> {
                line.setLength(0);
                line.append(POINT_ID_BASE + index)
                        .append('\t')
                        .append(BenchDataset.POINTS_LAYER)
                        .append("\t{\"label\": \"")
                        .append(label)
                        .append("\", \"weight\": ")
                        .append(weight)
                        .append("}\t\\N\t")
                        .append(WKBWriter.toHex(wkb.write(point(lon, lat))))
                        .append('\n');
                out.append(line);
            });
        }
    }

    private void copyPolygons(Connection c) throws Exception {
        WKBWriter wkb = new WKBWriter(2, ByteOrderValues.LITTLE_ENDIAN, true);
        try (Writer out = copyWriter(c)) {
            StringBuilder line = new StringBuilder(400);
            dataset.forEachPolygon((index, polygon, code, areaM2) -> {
                line.setLength(0);
                line.append(POLYGON_ID_BASE + index)
                        .append('\t')
                        .append(BenchDataset.POLYGONS_LAYER)
                        .append("\t{\"code\": \"")
                        .append(code)
                        .append("\", \"area_m2\": ")
                        .append(areaM2)
                        .append("}\t\\N\t")
                        .append(WKBWriter.toHex(wkb.write(polygon)))
                        .append('\n');
                out.append(line);
            });
        }
    }

    private static org.locationtech.jts.geom.Point point(double lon, double lat) {
        org.locationtech.jts.geom.Point p =
                BenchDataset.WGS84.createPoint(new org.locationtech.jts.geom.Coordinate(lon, lat));
        p.setSRID(4326);
        return p;
    }

    private static Writer copyWriter(Connection c) throws SQLException {
        PGConnection pg = c.unwrap(PGConnection.class);
        PGCopyOutputStream copy = new PGCopyOutputStream(
                pg,
                "COPY generic_feature (id, layer_id, props, feature_time, geom) FROM STDIN WITH (FORMAT text)",
                1 << 20);
        return new BufferedWriter(new OutputStreamWriter(copy, StandardCharsets.UTF_8), 1 << 20);
    }

    private static String recorded(Connection c, String layer) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT description FROM bench_dataset WHERE layer_id = ?")) {
            ps.setString(1, layer);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static long count(Connection c, String layer) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM generic_feature WHERE layer_id = ?")) {
            ps.setString(1, layer);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Opens a plain connection (no pool) with the benchmark's credentials. */
    Connection connect(String url) throws SQLException {
        return DriverManager.getConnection(url, settings.dbUser(), settings.dbPassword());
    }
}
