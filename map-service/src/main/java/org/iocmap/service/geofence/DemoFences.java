package org.iocmap.service.geofence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.geojson.GeoJsonReader;

/**
 * Creates the demo fences: the territorial seas of Viet Nam's neighbours (foreign waters), a 6 and a 24 nautical-mile
 * line derived from Viet Nam's coast, and a demo zone closed to fishing for a season. The geometries are resources
 * next to this class ({@code demo/*.geojson}, sources and derivation in {@code demo/DATA-SOURCES.md}); none of them is
 * an authoritative boundary, and every name says so.
 *
 * <p>Every fence applies to fishing vessels. The lines report {@link EventType#CROSS} only (an APPROACH to a line
 * that runs along the whole coast would fire for every boat heading home). The closed zone's rules are shortened for
 * the demo (loitering after 10 minutes, dwelling after 20) so that the simulated fleet ({@code DemoFleet}) shows them
 * within minutes.
 */
public final class DemoFences {
    /** The author recorded with each demo fence's version. */
    public static final String AUTHOR = "demo";

    /** The id of the demo's seasonal no-fishing zone. */
    public static final String CLOSED_ZONE_ID = "demo-closed-season-nha-trang";

    /** The id of the line 6 nautical miles from the coast. */
    public static final String LINE_6NM_ID = "demo-coast-6nm";

    /** The id of the line 24 nautical miles from the coast. */
    public static final String LINE_24NM_ID = "demo-coast-24nm";

    /** The prefix of the foreign-waters fences' ids, followed by the lower-case ISO 3166 alpha-3 code. */
    public static final String FOREIGN_PREFIX = "demo-foreign-waters-";

    private static final GeometryFactory WGS84 = new GeometryFactory(new PrecisionModel(), 4326);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<VesselClass> FISHING = Set.of(VesselClass.FISHING);

    /**
     * Names of the neighbours in Vietnamese, as Vietnamese media write them (Taiwan, Hong Kong and Macao with
     * "(Trung Quốc)").
     */
    private static final Map<String, String> COUNTRIES = Map.ofEntries(
            Map.entry("BRN", "Brunei"),
            Map.entry("CHN", "Trung Quốc"),
            Map.entry("HKG", "Hồng Kông (Trung Quốc)"),
            Map.entry("IDN", "Indonesia"),
            Map.entry("KHM", "Campuchia"),
            Map.entry("MAC", "Ma Cao (Trung Quốc)"),
            Map.entry("MYS", "Malaysia"),
            Map.entry("PHL", "Philippines"),
            Map.entry("SGP", "Singapore"),
            Map.entry("THA", "Thái Lan"),
            Map.entry("TWN", "Đài Loan (Trung Quốc)"));

    private DemoFences() {}

    /**
     * Creates the demo fences in the store and the catalog of {@code fences} when the store holds no fence. A demo
     * fence that an officer removed is not created again (its id stays taken). Blocks on the store.
     *
     * @param today the local date (Viet Nam) of the first start: every version takes effect on 1 January of its year,
     *     and the closed season runs from the first day of its month to the last day of the month two months later,
     *     so that the demo shows a zone in season
     * @return the number of fences created
     */
    public static int loadIfEmpty(Geofences fences, LocalDate today) {
        if (!fences.store().readAll().isEmpty()) {
            return 0;
        }
        int created = 0;
        for (Map.Entry<String, GeofenceVersion> e : create(today).entrySet()) {
            if (fences.store().create(e.getKey(), e.getValue(), AUTHOR)) {
                fences.catalog().put(Geofence.of(e.getKey(), e.getValue()));
                created++;
            }
        }
        return created;
    }

    /** Returns the demo fences' first versions by id, in a stable order; reads the resources. */
    static Map<String, GeofenceVersion> create(LocalDate today) {
        Instant effective = LocalDate.of(today.getYear(), 1, 1)
                .atStartOfDay(Schedule.DEFAULT_ZONE)
                .toInstant();
        Map<String, GeofenceVersion> fences = new java.util.LinkedHashMap<>();
        FenceRules foreignRules = FenceRules.of(
                        EventType.ENTER,
                        EventType.EXIT,
                        EventType.CROSS,
                        EventType.APPROACH,
                        EventType.DWELL,
                        EventType.LOITER)
                .withLoiter(FenceRules.DEFAULT_LOITER_MAXIMUM_KNOTS, Duration.ofMinutes(30));
        for (JsonNode f : features("foreign-waters.geojson")) {
            String iso = f.path("properties").path("iso").asText();
            String country = COUNTRIES.get(iso);
            if (country == null) {
                throw new IllegalStateException("demo/foreign-waters.geojson has a country without a name: " + iso);
            }
            fences.put(
                    FOREIGN_PREFIX + iso.toLowerCase(java.util.Locale.ROOT),
                    new GeofenceVersion(
                            1,
                            effective,
                            "Vùng biển nước ngoài: " + country
                                    + " (lãnh hải và đất liền theo OSM, không chính thức; demo)",
                            FenceKind.FOREIGN_WATERS,
                            geometry(f),
                            Schedule.always(),
                            FISHING,
                            foreignRules));
        }
        for (JsonNode f : features("coast-lines.geojson")) {
            String id = "demo-" + f.path("properties").path("id").asText();
            int nm = f.path("properties").path("nautical_miles").asInt();
            fences.put(
                    id,
                    new GeofenceVersion(
                            1,
                            effective,
                            "Đường " + nm + " hải lý (suy ra từ bờ biển OSM, không chính thức; demo)",
                            FenceKind.CUSTOM,
                            geometry(f),
                            Schedule.always(),
                            FISHING,
                            FenceRules.of(EventType.CROSS)));
        }
        YearMonth first = YearMonth.from(today);
        YearMonth last = first.plusMonths(2);
        Schedule season = Schedule.yearly(Schedule.Window.days(
                MonthDay.of(first.getMonth(), 1),
                MonthDay.of(last.getMonth(), last.atEndOfMonth().getDayOfMonth())));
        JsonNode zone = features("closed-zone.geojson").getFirst();
        fences.put(
                CLOSED_ZONE_ID,
                new GeofenceVersion(
                        1,
                        effective,
                        "Vùng cấm khai thác có thời hạn ngoài khơi Nha Trang (vùng demo, không có thật)",
                        FenceKind.NO_FISHING_ZONE,
                        geometry(zone),
                        season,
                        FISHING,
                        FenceRules.allForArea()
                                .withLoiter(FenceRules.DEFAULT_LOITER_MAXIMUM_KNOTS, Duration.ofMinutes(10))
                                .withDwell(Duration.ofMinutes(20))));
        return fences;
    }

    private static List<JsonNode> features(String resource) {
        try (InputStream in = DemoFences.class.getResourceAsStream("demo/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource demo/" + resource + " next to DemoFences");
            }
            List<JsonNode> list = new ArrayList<>();
            JSON.readTree(in).get("features").forEach(list::add);
            return list;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read demo/" + resource, e);
        }
    }

    private static Geometry geometry(JsonNode feature) {
        try {
            return new GeoJsonReader(WGS84).read(feature.get("geometry").toString());
        } catch (ParseException e) {
            throw new IllegalStateException("demo fence geometry cannot be read: " + e.getMessage(), e);
        }
    }
}
