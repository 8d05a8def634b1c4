package org.iocmap.service.geofence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.CoordinateSequenceFilter;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.geom.util.GeometryFixer;
import org.locationtech.jts.io.geojson.GeoJsonReader;
import org.locationtech.jts.io.geojson.GeoJsonWriter;
import org.locationtech.jts.operation.linemerge.LineMerger;
import org.locationtech.jts.operation.union.UnaryUnionOp;
import org.locationtech.jts.simplify.DouglasPeuckerSimplifier;
import org.locationtech.jts.simplify.TopologyPreservingSimplifier;

/**
 * Derives the demo fences shipped in {@code map-service/src/main/resources/org/iocmap/service/geofence/demo/} from
 * the shared source data, once, offline. Not a test and not shipped; run it by hand (the command is in that folder's
 * {@code DATA-SOURCES.md}):
 *
 * <pre>
 * java -cp map-service/target/test-classes:$(cat cp.txt) org.iocmap.service.geofence.DemoFenceDerivation \
 *     ../shared/data frontend/src/main/resources/webroot/basemap map-service/src/main/resources/org/iocmap/service/geofence/demo
 * </pre>
 *
 * <p><b>Foreign waters.</b> The land-plus-territorial-sea polygons of the coastal neighbours in the OSM maritime
 * extract (not Viet Nam's; not the land-locked Laos, nor Myanmar, whose coast is outside 100-120° E), made valid,
 * with a generous zone around Hoàng Sa and Trường Sa cut out (the convex hull of the basemap's archipelago polygon,
 * widened by {@value #ARCHIPELAGO_MARGIN_DEGREES}°, about 110 km), simplified ({@value #FOREIGN_TOLERANCE_DEGREES}°)
 * and without parts under {@value #MIN_PART_SQ_DEGREES} square degrees nor the part around Scarborough Shoal.
 *
 * <p><b>6 and 24 nm lines.</b> Viet Nam's OSM land, simplified to {@value #LAND_TOLERANCE_DEGREES}°, is cut into
 * 1° tiles; each tile's land is buffered by the distance in its own transverse Mercator projection (spherical, central
 * meridian and origin at the tile's centre, radius the Gaussian mean radius of the WGS 84 ellipsoid there), so the
 * scale error stays under 0.02 % within the 45 km a buffer reaches beyond its tile. The buffers are unioned (the
 * buffer of a union is the union of the buffers), their holes dropped, and the outer rings cut where they run over
 * land (Natural Earth 50 m land, which covers the neighbours too) and simplified ({@value #LINE_TOLERANCE_DEGREES}°).
 */
public final class DemoFenceDerivation {
    static final double ARCHIPELAGO_MARGIN_DEGREES = 1.0;
    static final double FOREIGN_TOLERANCE_DEGREES = 0.01;
    static final double MIN_PART_SQ_DEGREES = 0.0005;
    static final double LAND_TOLERANCE_DEGREES = 0.0005;
    static final double LINE_TOLERANCE_DEGREES = 0.003;
    static final double METRES_PER_NM = 1852;
    private static final double A = 6_378_137.0;
    private static final double F = 1 / 298.257223563;
    private static final double E2 = F * (2 - F);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final GeometryFactory WGS84 = new GeometryFactory(new PrecisionModel(), 4326);
    /**
     * Leaves out, besides the archipelagos, the one other disputed feature in Biển Đông that the extract gives a
     * territorial sea: Scarborough Shoal (bãi cạn Scarborough), claimed by several states. A demo has no business
     * taking sides there either.
     */
    private static final Geometry OTHER_DISPUTED = WGS84.toGeometry(new Envelope(117.2, 118.3, 14.6, 15.7));

    private static final Set<String> SKIPPED = Set.of("VNM", "LAO", "MMR");

    private DemoFenceDerivation() {}

    public static void main(String[] args) throws IOException {
        Path data = Path.of(args[0]);
        Path basemap = Path.of(args[1]);
        Path out = Path.of(args[2]);
        Files.createDirectories(out);
        Geometry excluded = archipelagoZone(read(basemap.resolve("archipelagos.geojson")));
        writeForeignWaters(read(data.resolve("maritime/osm_maritime_region_100E-120E_0N-25N.geojson")), excluded, out);
        Geometry land = union(read(data.resolve("maritime/osm_land_vnm_makevalid.geojson")), null);
        Geometry allLand = union(read(data.resolve("maritime/ne_50m_land_scs.geojson")), null);
        ArrayNode lines = JSON.createArrayNode();
        lines.add(line(land, allLand, 6, "coast-6nm"));
        lines.add(line(land, allLand, 24, "coast-24nm"));
        write(out.resolve("coast-lines.geojson"), lines);
    }

    private static Geometry archipelagoZone(JsonNode collection) throws IOException {
        List<Geometry> zones = new ArrayList<>();
        for (JsonNode f : collection.get("features")) {
            if ("archipelago".equals(f.path("properties").path("kind").asText())) {
                zones.add(geometry(f).convexHull().buffer(ARCHIPELAGO_MARGIN_DEGREES, 16));
            }
        }
        return UnaryUnionOp.union(zones);
    }

    private static void writeForeignWaters(JsonNode collection, Geometry excluded, Path out) throws IOException {
        ArrayNode features = JSON.createArrayNode();
        for (JsonNode f : collection.get("features")) {
            String iso = f.path("properties").path("A3").asText();
            if (SKIPPED.contains(iso)) {
                continue;
            }
            Geometry g = GeometryFixer.fix(geometry(f)).difference(excluded);
            g = TopologyPreservingSimplifier.simplify(g, FOREIGN_TOLERANCE_DEGREES);
            List<Polygon> parts = new ArrayList<>();
            for (int i = 0; i < g.getNumGeometries(); i++) {
                if (g.getGeometryN(i) instanceof Polygon p
                        && p.getArea() >= MIN_PART_SQ_DEGREES
                        && !p.intersects(OTHER_DISPUTED)) {
                    parts.add(p);
                }
            }
            if (parts.isEmpty()) {
                continue;
            }
            Geometry kept = GeometryFixer.fix(round(WGS84.buildGeometry(parts)));
            ObjectNode props = JSON.createObjectNode().put("iso", iso);
            features.add(feature(kept, props));
            System.out.printf("%s: %d parts, %d vertices%n", iso, parts.size(), kept.getNumPoints());
        }
        write(out.resolve("foreign-waters.geojson"), features);
    }

    private static ObjectNode line(Geometry land, Geometry allLand, double nm, String id) {
        Geometry simpleLand = DouglasPeuckerSimplifier.simplify(land, LAND_TOLERANCE_DEGREES);
        double metres = nm * METRES_PER_NM;
        List<Geometry> buffers = new ArrayList<>();
        Envelope env = simpleLand.getEnvelopeInternal();
        for (double lon = Math.floor(env.getMinX()); lon < env.getMaxX(); lon++) {
            for (double lat = Math.floor(env.getMinY()); lat < env.getMaxY(); lat++) {
                Geometry tile = WGS84.toGeometry(new Envelope(lon, lon + 1, lat, lat + 1));
                Geometry piece = simpleLand.intersection(tile);
                if (piece.isEmpty()) {
                    continue;
                }
                LocalTm tm = new LocalTm(lon + 0.5, lat + 0.5);
                Geometry projected = tm.forward(piece);
                buffers.add(tm.inverse(projected.buffer(metres, 16)));
            }
        }
        Geometry buffer = UnaryUnionOp.union(buffers);
        List<Geometry> rings = new ArrayList<>();
        for (int i = 0; i < buffer.getNumGeometries(); i++) {
            Polygon p = (Polygon) buffer.getGeometryN(i);
            rings.add(p.getExteriorRing());
        }
        Geometry seaward = WGS84.buildGeometry(rings).difference(allLand.union(land));
        LineMerger merger = new LineMerger();
        merger.add(seaward);
        List<LineString> merged = new ArrayList<>();
        for (Object o : merger.getMergedLineStrings()) {
            LineString l = (LineString) DouglasPeuckerSimplifier.simplify((LineString) o, LINE_TOLERANCE_DEGREES);
            if (l.getLength() > 0.05) { // drop stubs under ~5 km left where a ring grazes land
                merged.add(l);
            }
        }
        Geometry lines = round(WGS84.createMultiLineString(merged.toArray(LineString[]::new)));
        System.out.printf("%s: %d lines, %d vertices%n", id, merged.size(), lines.getNumPoints());
        return feature(lines, JSON.createObjectNode().put("id", id).put("nautical_miles", nm));
    }

    /**
     * A spherical transverse Mercator projection centred on one point, with the Gaussian mean radius of the WGS 84
     * ellipsoid at that latitude. Conformal; its scale error is about (Δλ cos φ)²/2, under 2·10⁻⁴ within 1° of the
     * centre.
     */
    private static final class LocalTm {
        private final double lon0;
        private final double lat0;
        private final double radius;

        LocalTm(double lon0, double lat0) {
            this.lon0 = Math.toRadians(lon0);
            this.lat0 = Math.toRadians(lat0);
            double s = Math.sin(this.lat0);
            double w = 1 - E2 * s * s;
            this.radius = A * Math.sqrt(1 - E2) / w; // sqrt(M N)
        }

        Geometry forward(Geometry g) {
            return transform(g, true);
        }

        Geometry inverse(Geometry g) {
            return transform(g, false);
        }

        private Geometry transform(Geometry g, boolean forward) {
            Geometry copy = g.copy();
            copy.apply(new CoordinateSequenceFilter() {
                @Override
                public void filter(CoordinateSequence seq, int i) {
                    double x = seq.getX(i);
                    double y = seq.getY(i);
                    double[] r = forward ? project(x, y) : unproject(x, y);
                    seq.setOrdinate(i, 0, r[0]);
                    seq.setOrdinate(i, 1, r[1]);
                }

                @Override
                public boolean isDone() {
                    return false;
                }

                @Override
                public boolean isGeometryChanged() {
                    return true;
                }
            });
            return copy;
        }

        private double[] project(double lonDeg, double latDeg) {
            double lambda = Math.toRadians(lonDeg) - lon0;
            double phi = Math.toRadians(latDeg);
            double b = Math.cos(phi) * Math.sin(lambda);
            double x = radius * 0.5 * Math.log((1 + b) / (1 - b));
            double y = radius * (Math.atan2(Math.tan(phi), Math.cos(lambda)) - lat0);
            return new double[] {x, y};
        }

        private double[] unproject(double x, double y) {
            double d = y / radius + lat0;
            double xr = x / radius;
            double phi = Math.asin(Math.sin(d) / Math.cosh(xr));
            double lambda = Math.atan2(Math.sinh(xr), Math.cos(d));
            return new double[] {Math.toDegrees(lambda + lon0), Math.toDegrees(phi)};
        }
    }

    private static Geometry round(Geometry g) {
        Geometry copy = g.copy();
        copy.apply(new CoordinateSequenceFilter() {
            @Override
            public void filter(CoordinateSequence seq, int i) {
                seq.setOrdinate(i, 0, Math.round(seq.getX(i) * 1e4) / 1e4);
                seq.setOrdinate(i, 1, Math.round(seq.getY(i) * 1e4) / 1e4);
            }

            @Override
            public boolean isDone() {
                return false;
            }

            @Override
            public boolean isGeometryChanged() {
                return true;
            }
        });
        return copy;
    }

    private static Geometry union(JsonNode collection, String onlyIso) throws IOException {
        List<Geometry> all = new ArrayList<>();
        for (JsonNode f : collection.get("features")) {
            if (onlyIso == null
                    || onlyIso.equals(f.path("properties").path("A3").asText())) {
                all.add(GeometryFixer.fix(geometry(f)));
            }
        }
        return UnaryUnionOp.union(all);
    }

    private static JsonNode read(Path file) throws IOException {
        return JSON.readTree(file.toFile());
    }

    private static Geometry geometry(JsonNode feature) throws IOException {
        try {
            return new GeoJsonReader(WGS84).read(feature.get("geometry").toString());
        } catch (org.locationtech.jts.io.ParseException e) {
            throw new IOException("cannot read a geometry: " + e.getMessage(), e);
        }
    }

    private static ObjectNode feature(Geometry g, ObjectNode properties) {
        GeoJsonWriter writer = new GeoJsonWriter(4);
        writer.setEncodeCRS(false);
        try {
            return JSON.createObjectNode()
                    .put("type", "Feature")
                    .<ObjectNode>set("properties", properties)
                    .set("geometry", JSON.readTree(writer.write(g)));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void write(Path file, ArrayNode features) throws IOException {
        ObjectNode collection = JSON.createObjectNode().put("type", "FeatureCollection");
        collection.set("features", features);
        Files.writeString(file, JSON.writeValueAsString(collection) + "\n");
    }
}
