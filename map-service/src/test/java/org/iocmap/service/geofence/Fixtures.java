package org.iocmap.service.geofence;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.iocmap.layers.query.geo.Geodesic;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;

/** Builds fences and tracks off Khánh Hòa (around 109.2 E, 12.2 N) for the engine's tests. */
final class Fixtures {
    static final GeometryFactory WGS84 = new GeometryFactory(new PrecisionModel(), 4326);

    /** A closed zone of about 11 × 11 km, east of Nha Trang. */
    static final String ZONE = "POLYGON ((109.30 12.10, 109.40 12.10, 109.40 12.20, 109.30 12.20, 109.30 12.10))";

    /** A boundary line drawn northwards along 109.5 E: west of it is its left. */
    static final String LINE = "LINESTRING (109.50 12.00, 109.50 12.40)";

    /** When every fixture fence takes effect. */
    static final Instant SINCE = Instant.parse("2020-01-01T00:00:00Z");

    /** A start time for tracks. */
    static final Instant T0 = Instant.parse("2025-03-10T00:00:00Z");

    /** Metres per degree of longitude at 12.15 N, for jitter of a few metres. */
    static final double METRES_PER_DEGREE_LON = Geodesic.distanceMetres(109.30, 12.15, 109.31, 12.15) * 100;

    private Fixtures() {}

    static Geometry wkt(String text) {
        try {
            return new WKTReader(WGS84).read(text);
        } catch (ParseException e) {
            throw new IllegalArgumentException("bad test WKT: " + text, e);
        }
    }

    static GeofenceVersion version(int number, Instant from, String wkt, FenceRules rules) {
        return new GeofenceVersion(
                number,
                from,
                "Test fence v" + number,
                FenceKind.NO_FISHING_ZONE,
                wkt(wkt),
                Schedule.always(),
                VesselClass.any(),
                rules);
    }

    static Geofence fence(String id, String wkt, FenceRules rules) {
        return Geofence.of(id, version(1, SINCE, wkt, rules));
    }

    static GeofenceEngine engine(Geofence... fences) {
        return new GeofenceEngine(new GeofenceCatalog(List.of(fences)), VesselDirectory.unknown(), quietDark());
    }

    /** Returns dark settings under which no vessel of these tests goes dark, to keep their event lists short. */
    static DarkSettings quietDark() {
        return new DarkSettings(
                Duration.ofDays(3650), Map.of(), 3, Duration.ofDays(3650), Duration.ofDays(3650), 3, VesselClass.any());
    }

    static PositionFix fix(int mmsi, Instant time, double lon, double lat) {
        return PositionFix.of(mmsi, time, lon, lat);
    }

    static PositionFix fix(int mmsi, Instant time, double lon, double lat, double sog, double cog) {
        return new PositionFix(mmsi, time, lon, lat, sog, cog);
    }

    /** Hands every fix to the engine and returns all events, in the order they were returned. */
    static List<GeofenceEvent> run(GeofenceEngine engine, List<PositionFix> fixes) {
        List<GeofenceEvent> events = new ArrayList<>();
        for (PositionFix f : fixes) {
            events.addAll(engine.accept(f));
        }
        return events;
    }

    static List<EventType> types(List<GeofenceEvent> events) {
        return events.stream().map(GeofenceEvent::type).toList();
    }

    static List<GeofenceEvent> ofType(List<GeofenceEvent> events, EventType type) {
        return events.stream().filter(e -> e.type() == type).toList();
    }
}
