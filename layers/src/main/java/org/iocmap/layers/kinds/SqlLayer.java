package org.iocmap.layers.kinds;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.iocmap.layers.model.AttributeDef;
import org.iocmap.layers.model.Feature;
import org.iocmap.layers.model.FeaturePage;
import org.iocmap.layers.model.FeatureQuery;
import org.iocmap.layers.model.Layer;
import org.iocmap.layers.model.LayerKind;
import org.iocmap.layers.model.NearFeature;
import org.iocmap.layers.model.SortKey;
import org.iocmap.layers.model.SpatialFilter;
import org.iocmap.layers.model.TimeExtent;
import org.iocmap.layers.model.Title;
import org.iocmap.layers.store.SqlDialect;
import org.iocmap.layers.store.SqlFragment;
import org.iocmap.layers.store.StorageUnavailableException;
import org.iocmap.layers.store.Store;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;

/**
 * Serves a layer from one table with plain JDBC: the built-in kinds from their own tables (attribute = column), generic
 * layers from {@code generic_feature} (attribute = key of the JSON column {@code props}). SQL is assembled only from
 * the schema's names and the dialect; every value is a bound parameter.
 */
final class SqlLayer implements Layer {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {};
    /** First radius of a nearest-neighbour search; it grows fourfold until k features are inside. */
    private static final double FIRST_KNN_RADIUS_METRES = 500;

    private static final double EARTH_SPAN_METRES = 20_040_000; // half the equator: every point is nearer than this

    private final Store store;
    private final SqlDialect dialect;
    private final LayerDefinition definition;
    private final String table;
    private final List<AttributeDef> attributes;
    private final Map<String, AttributeDef> byName = new LinkedHashMap<>();
    private final String timeAttribute;
    private final boolean generic;

    /**
     * @param table the table holding the rows; for generic layers {@code generic_feature}
     * @param timeAttribute the attribute (column) carrying the layer time; null when the layer has none
     */
    SqlLayer(
            Store store,
            LayerDefinition definition,
            String table,
            List<AttributeDef> attributes,
            String timeAttribute,
            boolean generic) {
        this.store = store;
        this.dialect = store.dialect();
        this.definition = definition;
        this.table = table;
        this.attributes = List.copyOf(attributes);
        this.attributes.forEach(a -> byName.put(a.name(), a));
        this.timeAttribute = timeAttribute;
        this.generic = generic;
    }

    @Override
    public String id() {
        return definition.getId();
    }

    @Override
    public Title title() {
        return Title.of(definition.getTitleVi(), definition.getTitleEn());
    }

    @Override
    public LayerKind kind() {
        return LayerKind.fromId(definition.getKind()).orElse(LayerKind.GENERIC);
    }

    @Override
    public String geometryType() {
        return definition.getGeometryType();
    }

    @Override
    public List<AttributeDef> attributes() {
        return attributes;
    }

    @Override
    public boolean isPublic() {
        return definition.isPublicAccess();
    }

    @Override
    public Set<String> readRoles() {
        return definition.readRoleSet();
    }

    @Override
    public Optional<String> timeAttribute() {
        return Optional.ofNullable(timeAttribute);
    }

    @Override
    public Optional<TimeExtent> computeTimeExtent() {
        if (timeAttribute == null) {
            return Optional.empty();
        }
        String time = timeColumn();
        SqlFragment where = scope();
        return Optional.of(
                run("SELECT MIN(" + time + "), MAX(" + time + ") FROM " + table + where(where), where.params(), rs -> {
                    rs.next();
                    return new TimeExtent(timeAttribute, instant(rs, 1), instant(rs, 2));
                }));
    }

    @Override
    public FeaturePage query(FeatureQuery query) {
        if (query.time() != null && timeAttribute == null) {
            return new FeaturePage(List.of(), 0); // a layer without time has nothing in any time window
        }
        SqlFragment where = conditions(query);
        List<Object> params = new ArrayList<>(where.params());
        params.add(query.limit());
        params.add(query.offset());
        List<Feature> features = run(
                select() + where(where) + orderBy(query.sortBy()) + " LIMIT ? OFFSET ?", params, this::readFeatures);
        long matched;
        if (!features.isEmpty() && features.size() < query.limit()) {
            matched = query.offset() + features.size(); // a short, non-empty page is the last one: no count needed
        } else {
            matched = run("SELECT COUNT(*) FROM " + table + where(where), where.params(), rs -> {
                rs.next();
                return rs.getLong(1);
            });
        }
        return new FeaturePage(features, matched);
    }

    /**
     * Returns the {@code k} features nearest to {@code origin} that match {@code constraints} (its limit, offset and
     * order are ignored), nearest first, ties by id. Distances are geodesic metres.
     *
     * <p>Searches growing circles (500 m, then four times wider) until one holds {@code k} matches: then the k nearest
     * are all inside it. Each step is one index-backed count, the same on both backends.
     */
    @Override
    public List<NearFeature> nearest(Point origin, int k, FeatureQuery constraints) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, was " + k);
        }
        java.util.Optional<SqlFragment> byIndex = dialect.indexOrderedDistance("geom", origin);
        if (byIndex.isPresent()) {
            return nearestByIndex(origin, k, constraints, byIndex.get());
        }
        double radius = FIRST_KNN_RADIUS_METRES;
        while (true) {
            boolean everywhere = radius >= EARTH_SPAN_METRES;
            SqlFragment where = conditions(constraints);
            if (!everywhere) {
                where = and(where, dialect.withinDistance("geom", origin, radius));
            }
            long inside = run("SELECT COUNT(*) FROM " + table + where(where), where.params(), rs -> {
                rs.next();
                return rs.getLong(1);
            });
            if (inside >= k || everywhere) {
                SqlFragment distance = dialect.distance("geom", origin);
                List<Object> params = new ArrayList<>(distance.params());
                params.addAll(where.params());
                params.add(k);
                String sql = "SELECT " + distance.sql() + " AS distance_m, " + columns() + " FROM " + table
                        + where(where) + " ORDER BY distance_m, id LIMIT ?";
                return run(sql, params, rs -> {
                    List<NearFeature> result = new ArrayList<>();
                    while (rs.next()) {
                        result.add(new NearFeature(readFeature(rs), rs.getDouble("distance_m")));
                    }
                    return result;
                });
            }
            radius *= 4;
        }
    }

    /**
     * Finds the nearest features in two index-backed statements: the {@code k} nearest in planar degrees, which the
     * index orders, give a radius (the largest geodesic distance among them) that holds at least {@code k} matches,
     * so the exact geodesic search inside it finds the true {@code k} nearest.
     */
    private List<NearFeature> nearestByIndex(Point origin, int k, FeatureQuery constraints, SqlFragment byIndex) {
        SqlFragment where = conditions(constraints);
        SqlFragment distance = dialect.distance("geom", origin);
        List<Object> params = new ArrayList<>(distance.params());
        params.addAll(where.params());
        params.addAll(byIndex.params());
        params.add(k);
        String radiusSql = "SELECT MAX(" + distance.sql() + ") FROM (SELECT geom FROM " + table + where(where)
                + " ORDER BY " + byIndex.sql() + " LIMIT ?) candidates";
        Double radius = run(radiusSql, params, rs -> {
            rs.next();
            double r = rs.getDouble(1);
            return rs.wasNull() ? null : r;
        });
        if (radius == null) {
            return List.of(); // nothing matches
        }
        // A hair wider than the farthest candidate, so that a rounding difference cannot drop it.
        SqlFragment within = and(where, dialect.withinDistance("geom", origin, radius * (1 + 1e-9) + 1e-3));
        List<Object> exact = new ArrayList<>(distance.params());
        exact.addAll(within.params());
        exact.add(k);
        String sql = "SELECT " + distance.sql() + " AS distance_m, " + columns() + " FROM " + table + where(within)
                + " ORDER BY distance_m, id LIMIT ?";
        return run(sql, exact, rs -> {
            List<NearFeature> result = new ArrayList<>();
            while (rs.next()) {
                result.add(new NearFeature(readFeature(rs), rs.getDouble("distance_m")));
            }
            return result;
        });
    }

    /** On PostGIS, encodes the tile with {@code ST_AsMVT}; on H2GIS, which cannot, returns empty. */
    @Override
    public Optional<byte[]> computeVectorTile(
            int z, int x, int y, int extent, int buffer, List<String> attributeNames) {
        if (!(dialect instanceof SqlDialect.Postgis)) {
            return Optional.empty();
        }
        List<Object> params = new ArrayList<>(List.of(z, x, y, extent, buffer));
        StringBuilder properties = new StringBuilder();
        List<String> generics = new ArrayList<>();
        for (String name : attributeNames) {
            AttributeDef a = byName.get(name);
            if (a == null) {
                throw new IllegalArgumentException("layer '" + id() + "' has no attribute '" + name + "'");
            }
            if (generic) {
                generics.add(name);
            } else {
                properties
                        .append(", ")
                        .append(
                                switch (a.type()) {
                                    case DATETIME ->
                                        "to_char(" + a.name()
                                                + " AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') AS "
                                                + a.name();
                                    case DATE -> a.name() + "::text AS " + a.name();
                                    default -> a.name();
                                });
            }
        }
        if (!generics.isEmpty()) {
            // ST_AsMVT writes the keys of a jsonb column as properties; only the readable ones are put in it.
            properties.append(", jsonb_strip_nulls(jsonb_build_object(");
            for (int i = 0; i < generics.size(); i++) {
                properties.append(i == 0 ? "" : ", ").append("?::text, props -> ?");
                params.add(generics.get(i));
                params.add(generics.get(i));
            }
            properties.append(")) AS props");
        }
        SqlFragment where = and(
                scope(),
                SqlFragment.of(
                        "geom && ST_Transform(ST_TileEnvelope(?, ?, ?, margin => ?), 4326)",
                        z,
                        x,
                        y,
                        (buffer + 1.0) / extent)); // a unit wider than the buffer: the clip, not &&, decides
        params.addAll(where.params());
        List<Object> all = new ArrayList<>();
        all.add(id());
        all.add(extent);
        all.addAll(params);
        String sql = "SELECT ST_AsMVT(t.*, ?, ?, 'geom', 'id') FROM (SELECT id, ST_AsMVTGeom(ST_Transform(geom, 3857),"
                + " ST_TileEnvelope(?, ?, ?), ?, ?, true) AS geom" + properties + " FROM " + table + where(where)
                + ") t WHERE t.geom IS NOT NULL";
        return Optional.of(run(sql, all, rs -> {
            rs.next();
            byte[] tile = rs.getBytes(1);
            return tile == null ? new byte[0] : tile;
        }));
    }

    @Override
    public Optional<Feature> findFeature(long id) {
        SqlFragment where = and(scope(), SqlFragment.of("id = ?", id));
        List<Feature> found = run(select() + where(where), where.params(), this::readFeatures);
        return found.stream().findFirst();
    }

    /**
     * Reads every feature of the layer in id order and hands each to {@code sink}, streaming: the rows are fetched in
     * batches, never all held at once. Blocks on the store.
     */
    void scan(java.util.function.Consumer<Feature> sink) {
        SqlFragment where = scope();
        String sql = select() + where(where) + " ORDER BY id";
        try (Connection c = store.dataSource().getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false); // PostgreSQL fetches in batches only inside a transaction
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setFetchSize(5_000);
                for (int i = 0; i < where.params().size(); i++) {
                    SqlFragment.bindValue(ps, i + 1, where.params().get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        sink.accept(readFeature(rs));
                    }
                }
            } finally {
                c.rollback();
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            if (Store.isConnectionFailure(e)) {
                throw new StorageUnavailableException("the database is unreachable: " + e.getMessage(), e);
            }
            throw new IllegalStateException("reading layer '" + id() + "' failed: " + e.getMessage(), e);
        }
    }

    /** Returns the features with these ids that the layer has, in id order; ids it lacks are left out. */
    List<Feature> findFeatures(java.util.Collection<Long> ids) {
        List<Long> all = List.copyOf(ids);
        List<Feature> found = new ArrayList<>();
        for (int from = 0; from < all.size(); from += 500) {
            List<Long> chunk = all.subList(from, Math.min(all.size(), from + 500));
            String marks = String.join(", ", java.util.Collections.nCopies(chunk.size(), "?"));
            SqlFragment where = and(scope(), SqlFragment.of("id IN (" + marks + ")", chunk.toArray()));
            found.addAll(run(select() + where(where) + " ORDER BY id", where.params(), this::readFeatures));
        }
        return found;
    }

    /**
     * Checks that {@code filter} applies to this layer: known properties, comparable types.
     *
     * @throws InvalidFilterException naming what is wrong
     */
    public void checkFilter(org.iocmap.layers.query.cql2.Cql2Expr filter) {
        new FilterSql(dialect, byName, this::expression).render(filter);
    }

    /** Returns the SQL expression of an attribute, or throws when the schema has no such attribute. */
    String expression(String attribute) {
        AttributeDef a = byName.get(attribute);
        if (a == null) {
            throw new IllegalArgumentException(
                    "layer '" + id() + "' has no attribute '" + attribute + "'; it has " + byName.keySet());
        }
        if (!generic) {
            return a.name(); // built-in kinds: the attribute names are the column names
        }
        String text = dialect.jsonText("props", a.name());
        return switch (a.type()) {
            case INTEGER, NUMBER -> dialect.toNumber(text);
            default -> text;
        };
    }

    private String timeColumn() {
        return generic ? "feature_time" : timeAttribute;
    }

    private SqlFragment scope() {
        return generic ? SqlFragment.of("layer_id = ?", id()) : SqlFragment.of("", new Object[0]);
    }

    private SqlFragment conditions(FeatureQuery query) {
        List<SqlFragment> parts = new ArrayList<>();
        parts.add(scope());
        if (query.bbox() != null) {
            parts.add(dialect.intersects("geom", query.bbox().toGeometry(SqlDialect.WGS84)));
        }
        // Times are stored to the microsecond; bounds are rounded inwards to it here, because PostgreSQL would round a
        // bound with nanoseconds to the nearest microsecond and so take in a value just outside the window.
        if (query.time() != null && query.time().start() != null) {
            Instant start = query.time().start();
            Instant up = start.getNano() % 1_000 == 0
                    ? start
                    : start.truncatedTo(ChronoUnit.MICROS).plusNanos(1_000);
            parts.add(SqlFragment.of(timeColumn() + " >= ?", up));
        }
        if (query.time() != null && query.time().end() != null) {
            parts.add(SqlFragment.of(timeColumn() + " <= ?", query.time().end().truncatedTo(ChronoUnit.MICROS)));
        }
        if (query.spatial() != null) {
            parts.add(
                    switch (query.spatial()) {
                        case SpatialFilter.Intersects f -> dialect.intersects("geom", f.area());
                        case SpatialFilter.WithinDistance f -> dialect.withinDistance("geom", f.origin(), f.metres());
                    });
        }
        if (query.filter() != null) {
            parts.add(new FilterSql(dialect, byName, this::expression).render(query.filter()));
        }
        return SqlFragment.join(
                " AND ", parts.stream().filter(p -> !p.sql().isEmpty()).toList());
    }

    private static SqlFragment and(SqlFragment a, SqlFragment b) {
        return SqlFragment.join(
                " AND ", List.of(a, b).stream().filter(p -> !p.sql().isEmpty()).toList());
    }

    private static String where(SqlFragment where) {
        return where.sql().isEmpty() ? "" : " WHERE " + where.sql();
    }

    private String orderBy(List<SortKey> keys) {
        StringBuilder sql = new StringBuilder(" ORDER BY ");
        for (SortKey key : keys) {
            // NULLS LAST in both directions, stated, because the two backends default differently.
            sql.append(expression(key.attribute()))
                    .append(key.descending() ? " DESC" : " ASC")
                    .append(" NULLS LAST, ");
        }
        return sql.append("id").toString();
    }

    private String select() {
        return "SELECT " + columns() + " FROM " + table;
    }

    private String columns() {
        StringBuilder sql = new StringBuilder("id, " + dialect.asBinary("geom") + " AS geom_wkb");
        if (generic) {
            sql.append(", feature_time, props");
        } else {
            attributes.forEach(a -> sql.append(", ").append(a.name()));
        }
        return sql.toString();
    }

    private List<Feature> readFeatures(ResultSet rs) throws SQLException {
        List<Feature> features = new ArrayList<>();
        while (rs.next()) {
            features.add(readFeature(rs));
        }
        return features;
    }

    private Feature readFeature(ResultSet rs) throws SQLException {
        long id = rs.getLong("id");
        Geometry geometry;
        try {
            geometry = new WKBReader(SqlDialect.WGS84).read(rs.getBytes("geom_wkb"));
            geometry.setSRID(4326);
        } catch (ParseException e) {
            throw new IllegalStateException("layer '" + id() + "' feature " + id + " has unreadable geometry", e);
        }
        Map<String, Object> properties;
        Instant time;
        if (generic) {
            String json = rs.getString("props");
            try {
                properties = json == null ? new LinkedHashMap<>() : JSON.readValue(json, MAP);
            } catch (IOException e) {
                throw new IllegalStateException("layer '" + id() + "' feature " + id + " has unreadable props", e);
            }
            time = instant(rs, rs.findColumn("feature_time"));
        } else {
            properties = new LinkedHashMap<>();
            for (AttributeDef a : attributes) {
                properties.put(a.name(), read(rs, a));
            }
            time = timeAttribute == null ? null : (Instant) properties.get(timeAttribute);
        }
        return new Feature(id, geometry, time, properties);
    }

    private static Object read(ResultSet rs, AttributeDef a) throws SQLException {
        int column = rs.findColumn(a.name());
        return switch (a.type()) {
            case DATETIME -> instant(rs, column);
            case DATE -> rs.getObject(column, LocalDate.class);
            case INTEGER -> {
                long v = rs.getLong(column);
                yield rs.wasNull() ? null : (Object) v;
            }
            case NUMBER -> {
                double v = rs.getDouble(column);
                yield rs.wasNull() ? null : (Object) v;
            }
            case BOOLEAN -> {
                boolean v = rs.getBoolean(column);
                yield rs.wasNull() ? null : (Object) v;
            }
            case STRING -> rs.getString(column);
        };
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private interface Rows<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private <T> T run(String sql, List<Object> params, Rows<T> rows) {
        try (Connection c = store.dataSource().getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.size(); i++) {
                SqlFragment.bindValue(ps, i + 1, params.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rows.read(rs);
            }
        } catch (SQLException e) {
            if (Store.isConnectionFailure(e)) {
                throw new StorageUnavailableException("the database is unreachable: " + e.getMessage(), e);
            }
            throw new IllegalStateException("query on layer '" + id() + "' failed: " + e.getMessage(), e);
        }
    }
}
