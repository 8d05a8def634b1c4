package org.iocmap.service.auth;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.iocmap.layers.model.Layer;
import org.iocmap.layers.model.LayerKind;
import org.iocmap.layers.query.cql2.Cql2Expr;
import org.iocmap.layers.query.cql2.Operand;
import org.iocmap.layers.query.cql2.SpatialOp;
import org.iocmap.layers.store.SqlDialect;
import org.iocmap.layers.store.Store;
import org.iocmap.service.http.ForbiddenException;
import org.iocmap.service.http.GeoJson;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.util.PolygonExtracter;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the areas users can be limited to and applies them. A limited user (an operator of one district, say) sees and
 * acts on incidents (citizen reports, fire alarms and what hangs off them) inside the area only; every other layer,
 * cameras included, stays as the roles allow. The area travels in the user's token as its code, so a change of a
 * user's area applies from their next sign-in.
 *
 * <p>Areas are few and read on every request of a limited user, so all are held in memory; writes go to the store
 * first. Thread-safe. Methods that read or write the store block.
 */
public final class Jurisdictions {
    private static final Logger LOG = LoggerFactory.getLogger(Jurisdictions.class);

    /** The code of the demo area around Nha Trang, and the demo user limited to it. */
    public static final String DEMO_AREA = "demo-nha-trang";

    public static final String DEMO_USER = "nhatrang";

    /** The layer kinds whose features are incidents, and so are limited to a viewer's area. */
    private static final java.util.Set<LayerKind> INCIDENT_KINDS =
            java.util.EnumSet.of(LayerKind.CITIZEN_REPORT, LayerKind.FIRE_ALARM);

    private final Store store;
    private final Map<String, Area> areas = new ConcurrentHashMap<>();

    private Jurisdictions(Store store) {
        this.store = store;
    }

    /**
     * Opens the areas of the store: loads the shipped provinces when it holds none, and in demo mode the demo area
     * around Nha Trang. Blocks.
     */
    public static Jurisdictions open(Store store, boolean demo) {
        Jurisdictions jurisdictions = new Jurisdictions(store);
        jurisdictions.reload();
        if (jurisdictions.areas.isEmpty()) {
            List<Area> provinces = readProvinces();
            provinces.forEach(jurisdictions::save);
            LOG.info("Loaded {} provinces as areas users can be limited to", provinces.size());
        }
        if (demo && !jurisdictions.areas.containsKey(DEMO_AREA)) {
            jurisdictions.find("VN-34").ifPresent(khanhHoa -> jurisdictions.save(demoArea(khanhHoa)));
        }
        return jurisdictions;
    }

    /** Returns the area with this code; empty when there is none. */
    public Optional<Area> find(String code) {
        return code == null ? Optional.empty() : Optional.ofNullable(areas.get(code));
    }

    /** Returns every area, provinces first, then by code. */
    public List<Area> all() {
        return areas.values().stream()
                .sorted(Comparator.comparing((Area a) -> !a.level().equals("province"))
                        .thenComparing(Area::code))
                .toList();
    }

    /** Stores an area, replacing one with the same code, and makes it effective at once. Blocks. */
    public void save(Area area) {
        store.inTransaction(session -> session.doReturningWork(c -> {
            try (PreparedStatement delete = c.prepareStatement("UPDATE admin_area SET name_vi = ?, name_en = ?,"
                    + " area_level = ?, geom = ST_GeomFromWKB(?, 4326), updated_at = ? WHERE code = ?")) {
                delete.setString(1, area.nameVi());
                delete.setString(2, area.nameEn());
                delete.setString(3, area.level());
                delete.setBytes(4, SqlDialect.wkb(multi(area.geometry())));
                delete.setTimestamp(5, Timestamp.from(Instant.now()));
                delete.setString(6, area.code());
                if (delete.executeUpdate() == 1) {
                    return null;
                }
            }
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO admin_area (code, name_vi, name_en,"
                    + " area_level, geom, updated_at) VALUES (?, ?, ?, ?, ST_GeomFromWKB(?, 4326), ?)")) {
                insert.setString(1, area.code());
                insert.setString(2, area.nameVi());
                insert.setString(3, area.nameEn());
                insert.setString(4, area.level());
                insert.setBytes(5, SqlDialect.wkb(multi(area.geometry())));
                insert.setTimestamp(6, Timestamp.from(Instant.now()));
                insert.executeUpdate();
            }
            return null;
        }));
        areas.put(area.code(), area);
    }

    /**
     * Limits a user to an area, or lifts the limit with a null code. Blocks.
     *
     * @return false when there is no such user
     * @throws IllegalArgumentException when there is no area with this code
     */
    public boolean assign(String username, String areaCode) {
        if (areaCode != null && !areas.containsKey(areaCode)) {
            throw new IllegalArgumentException("no area with code '" + areaCode + "'");
        }
        return store.inTransaction(session -> session.doReturningWork(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE app_user SET area_code = ? WHERE username = ?")) {
                ps.setString(1, areaCode);
                ps.setString(2, username);
                return ps.executeUpdate() == 1;
            }
        }));
    }

    /** Returns the code of the area a user is limited to; empty when not limited or unknown. Blocks. */
    public Optional<String> areaCodeOf(String username) {
        return store.inTransaction(session -> session.doReturningWork(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT area_code FROM app_user WHERE username = ?")) {
                ps.setString(1, username);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.<String>empty();
                }
            }
        }));
    }

    /** Returns the area the viewer is limited to (EPSG:4326 polygon/multipolygon); empty when not limited. */
    public Optional<Geometry> areaOf(Viewer viewer) {
        return Optional.ofNullable(viewer.area()).map(Area::geometry);
    }

    /** Tests whether the viewer may see and act on something at (lon, lat): always true when not limited. */
    public boolean covers(Viewer viewer, double lon, double lat) {
        return viewer.area() == null || viewer.area().covers(lon, lat);
    }

    /** Throws ForbiddenException naming {@code what} and the viewer's area when (lon, lat) lies outside it. */
    public void requireCovers(Viewer viewer, double lon, double lat, String what) {
        if (!covers(viewer, lon, lat)) {
            throw new ForbiddenException(
                    what + " lies outside your area " + viewer.area().code() + " ("
                            + viewer.area().nameVi() + "); you may see and act on incidents inside it only");
        }
    }

    /** Tests whether the features of {@code layer} are incidents, which a limited viewer sees inside the area only. */
    public static boolean isLimited(Layer layer) {
        return INCIDENT_KINDS.contains(layer.kind());
    }

    /**
     * Returns {@code filter} restricted to the viewer's area when the layer holds incidents and the viewer is limited:
     * {@code filter AND S_INTERSECTS(geometry, area)}; otherwise {@code filter} as it is (null stays null).
     */
    public static Cql2Expr limit(Viewer viewer, Layer layer, Cql2Expr filter) {
        if (viewer.area() == null || !isLimited(layer)) {
            return filter;
        }
        Cql2Expr inside = new Cql2Expr.SpatialPredicate(
                SpatialOp.S_INTERSECTS,
                new Operand.Property("geom"),
                new Operand.GeometryLiteral(viewer.area().geometry()));
        return filter == null ? inside : new Cql2Expr.And(List.of(filter, inside));
    }

    /** Rereads every area from the store. Blocks. */
    private void reload() {
        List<Area> read = store.inTransaction(session -> session.doReturningWork(Jurisdictions::readAll));
        areas.clear();
        read.forEach(a -> areas.put(a.code(), a));
    }

    private static List<Area> readAll(Connection c) throws SQLException {
        List<Area> result = new ArrayList<>();
        WKBReader reader = new WKBReader(SqlDialect.WGS84);
        try (PreparedStatement ps = c.prepareStatement(
                        "SELECT code, name_vi, name_en, area_level, ST_AsBinary(geom) FROM admin_area");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                try {
                    result.add(new Area(
                            rs.getString(1),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getString(4),
                            reader.read(rs.getBytes(5))));
                } catch (ParseException e) {
                    throw new IllegalStateException("area " + rs.getString(1) + " holds an unreadable geometry", e);
                }
            }
        }
        return result;
    }

    /** Reads the shipped provinces; features with the same ISO code (Côn Đảo and Bà Rịa – Vũng Tàu) become one. */
    private static List<Area> readProvinces() {
        JsonObject collection;
        try (InputStream in = Jurisdictions.class.getResourceAsStream("areas/provinces.geojson")) {
            if (in == null) {
                throw new IllegalStateException("the provinces resource is missing from the jar");
            }
            collection = new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the provinces resource", e);
        }
        Map<String, List<Polygon>> parts = new LinkedHashMap<>();
        Map<String, String> names = new LinkedHashMap<>();
        JsonArray features = collection.getJsonArray("features");
        for (int i = 0; i < features.size(); i++) {
            JsonObject feature = features.getJsonObject(i);
            JsonObject properties = feature.getJsonObject("properties");
            String code = properties.getString("shapeISO");
            names.putIfAbsent(code, properties.getString("shapeName"));
            Geometry g = GeoJson.toGeometry(feature.getJsonObject("geometry"));
            for (Object p : PolygonExtracter.getPolygons(g)) {
                parts.computeIfAbsent(code, k -> new ArrayList<>()).add((Polygon) p);
            }
        }
        List<Area> result = new ArrayList<>();
        parts.forEach((code, polygons) -> {
            MultiPolygon geometry = SqlDialect.WGS84.createMultiPolygon(polygons.toArray(Polygon[]::new));
            result.add(new Area(code, names.get(code), names.get(code), "province", geometry));
        });
        return result;
    }

    /** Returns the demo area: a box around Nha Trang city clipped to the province, approximate and named so. */
    private static Area demoArea(Area province) {
        Geometry box =
                SqlDialect.WGS84.toGeometry(new org.locationtech.jts.geom.Envelope(109.10, 109.26, 12.16, 12.34));
        return new Area(
                DEMO_AREA,
                "Thành phố Nha Trang (vùng minh họa, gần đúng)",
                "Nha Trang city (approximate demo area)",
                "district",
                multi(box.intersection(province.geometry())));
    }

    private static MultiPolygon multi(Geometry g) {
        if (g instanceof MultiPolygon m) {
            return m;
        }
        @SuppressWarnings("unchecked")
        List<Polygon> polygons = PolygonExtracter.getPolygons(g);
        return SqlDialect.WGS84.createMultiPolygon(polygons.toArray(Polygon[]::new));
    }
}
