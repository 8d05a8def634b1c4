package org.iocmap.layers.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.geojson.GeoJsonReader;
import org.locationtech.jts.operation.buffer.BufferParameters;
import org.locationtech.jts.operation.distance.IndexedFacetDistance;

/**
 * Answers where demo features may go: on land inside Khánh Hòa, or at sea off its coast. Built from the GeoJSON
 * resources next to this class (see {@code DATA-SOURCES.md} there).
 *
 * <p>Coordinates are EPSG:4326, x = longitude, rounded to six decimals (about 0.1 m) before any test, so that what is
 * tested is exactly what is stored. Boundaries count as inside ({@code covers}). Immutable and thread-safe.
 */
final class DemoGeography {
    /** Creates every demo geometry: SRID 4326, floating precision. */
    static final GeometryFactory WGS84 = new GeometryFactory(new PrecisionModel(), 4326);

    /** Bounds the fishing grounds: the sea off Khánh Hòa out toward Trường Sa. */
    static final Envelope SEA_BOUNDS = new Envelope(108.9, 112.5, 9.0, 13.5);

    /**
     * Keeps vessels this far off the land polygon, in degrees: 0.011° is 1.2 km north–south and 1.17 km east–west at
     * 12° N, so "at least about a kilometre off the coast" holds in every direction.
     */
    static final double COAST_CLEARANCE_DEGREES = 0.011;

    static final String PROVINCE_RESOURCE = "khanh-hoa-province.geojson";
    static final String LAND_RESOURCE = "vietnam-land-clipped.geojson";
    static final String PORTS_RESOURCE = "ports.geojson";

    private static final double SCALE = 1e6; // six decimals

    private final PreparedGeometry province;
    private final PreparedGeometry land;
    private final PreparedGeometry nearLand;
    private final IndexedFacetDistance coast;
    private final Envelope landInProvince;

    private DemoGeography(Geometry province, Geometry land) {
        this.province = PreparedGeometryFactory.prepare(province);
        this.land = PreparedGeometryFactory.prepare(land);
        this.nearLand =
                PreparedGeometryFactory.prepare(land.buffer(COAST_CLEARANCE_DEGREES, 4, BufferParameters.CAP_ROUND));
        // The land file is clipped to a box, so its boundary includes the box edges; the nearest of them (108.3° E)
        // is 40 km west of the province, further than any distance the generators ask about.
        this.coast = new IndexedFacetDistance(land.getBoundary());
        Envelope envelope = new Envelope(province.getEnvelopeInternal());
        this.landInProvince = envelope.intersection(land.getEnvelopeInternal());
    }

    /** Reads the province and land resources and prepares them for fast tests. */
    static DemoGeography load() {
        return new DemoGeography(readGeometry(PROVINCE_RESOURCE), readGeometry(LAND_RESOURCE));
    }

    /**
     * Reads the geometry of the first feature of a GeoJSON resource next to this class.
     *
     * @throws IllegalStateException when the resource is missing or not GeoJSON, since the jar is then broken
     */
    static Geometry readGeometry(String resource) {
        try (Reader reader = new InputStreamReader(open(resource), StandardCharsets.UTF_8)) {
            Geometry read = new GeoJsonReader(WGS84).read(reader);
            // A FeatureCollection is read as a collection of its features' geometries.
            return read.getGeometryType().equals("GeometryCollection") ? read.getGeometryN(0) : read;
        } catch (IOException | ParseException e) {
            throw new IllegalStateException("cannot read demo resource " + resource + ": " + e.getMessage(), e);
        }
    }

    /** Reads the ports resource: Vietnamese seaports from Natural Earth and the fishing ports of Khánh Hòa. */
    static List<Port> readPorts() {
        try (InputStream in = open(PORTS_RESOURCE)) {
            JsonNode root = new ObjectMapper().readTree(in);
            GeoJsonReader reader = new GeoJsonReader(WGS84);
            List<Port> ports = new ArrayList<>();
            for (JsonNode feature : root.path("features")) {
                JsonNode p = feature.path("properties");
                Point location = (Point) reader.read(feature.path("geometry").toString());
                ports.add(new Port(
                        p.path("name").asText(),
                        p.path("name_en").asText(),
                        p.path("port_type").asText(),
                        location));
            }
            return ports;
        } catch (IOException | ParseException | ClassCastException e) {
            throw new IllegalStateException("cannot read demo resource " + PORTS_RESOURCE + ": " + e.getMessage(), e);
        }
    }

    private static InputStream open(String resource) {
        InputStream in = DemoGeography.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("missing demo resource " + resource + " next to " + DemoGeography.class);
        }
        return in;
    }

    /** Returns the bounding box of the land inside the province: where land-use plans are laid out. */
    Envelope landInProvince() {
        return new Envelope(landInProvince);
    }

    /** Creates a point rounded to six decimals. */
    static Point point(double lon, double lat) {
        return WGS84.createPoint(new Coordinate(round(lon), round(lat)));
    }

    /** Rounds a coordinate value to six decimals. */
    static double round(double degrees) {
        return StrictMath.rint(degrees * SCALE) / SCALE;
    }

    /** Tests whether a point lies on land inside the province. */
    boolean isOnLand(Geometry g) {
        return province.covers(g) && land.covers(g);
    }

    /** Tests whether a point lies at sea inside {@link #SEA_BOUNDS}, at least the coast clearance off any land. */
    boolean isOpenSea(Point p) {
        return SEA_BOUNDS.covers(p.getCoordinate()) && !nearLand.intersects(p);
    }

    /** Tests whether a whole straight leg between two points stays at open sea, so a track never crosses an island. */
    boolean isOpenSea(Point from, Point to) {
        return isOpenSea(to)
                && !nearLand.intersects(
                        WGS84.createLineString(new Coordinate[] {from.getCoordinate(), to.getCoordinate()}));
    }

    /** Returns the approximate distance in metres from a point to the coastline. */
    double coastMetres(Point p) {
        double degrees = coast.distance(p);
        return degrees * (LocalMetres.metresPerDegreeLat() + LocalMetres.metresPerDegreeLon(p.getY())) / 2;
    }

    /** Returns a point scattered around one of the town's centres that lies on land inside the province. */
    Point scatterOnLand(Dice dice, Town town) {
        double[] centre = dice.pick(town.centres());
        return scatter(dice, centre[0], centre[1], town.spreadMetres(), this::isOnLand);
    }

    /**
     * Returns a point scattered normally around ({@code lon}, {@code lat}) with deviation {@code spreadMetres} that
     * {@code accept} takes; the first accepted draw wins, so the result depends only on the dice.
     *
     * @throws IllegalStateException when no draw is accepted after many tries: the centre is then misplaced
     */
    Point scatter(Dice dice, double lon, double lat, double spreadMetres, Predicate<Point> accept) {
        double kx = LocalMetres.metresPerDegreeLon(lat);
        double ky = LocalMetres.metresPerDegreeLat();
        for (int attempt = 0; attempt < 2_000; attempt++) {
            // Widen slowly, so that a centre close to the shore still finds land without a wide scatter elsewhere.
            double spread = spreadMetres * (1 + attempt / 200.0);
            Point p = point(lon + dice.gaussian() * spread / kx, lat + dice.gaussian() * spread / ky);
            if (accept.test(p)) {
                return p;
            }
        }
        throw new IllegalStateException("no acceptable point near " + lon + " " + lat);
    }

    /** Holds one port of the ports resource. */
    record Port(String name, String nameEn, String portType, Point location) {}
}
