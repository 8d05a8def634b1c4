package org.iocmap.layers.demo;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hibernate.StatelessSession;
import org.iocmap.layers.demo.DemoGeography.Port;
import org.iocmap.layers.kinds.Camera;
import org.iocmap.layers.kinds.CitizenReport;
import org.iocmap.layers.kinds.EnvReading;
import org.iocmap.layers.kinds.FireAlarmEvent;
import org.iocmap.layers.kinds.FireStation;
import org.iocmap.layers.kinds.GenericFeature;
import org.iocmap.layers.kinds.LandUsePlan;
import org.iocmap.layers.kinds.LayerCatalog;
import org.iocmap.layers.kinds.VesselPosition;
import org.iocmap.layers.model.Title;
import org.iocmap.layers.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads demo data for Khánh Hòa, a coastal province of Vietnam, into an empty store: cameras, citizen reports,
 * environmental stations with readings, fishing vessels with tracks, land-use plan zones, fire-alarm devices with
 * events, fire stations (demo positions near the town centres, not the real addresses), and a generic layer of
 * seaports and fishing ports.
 *
 * <p>Places are real (towns, streets, ports, the province boundary and coastline); the rows are made up. Every value
 * derives from a fixed seed and the anchor date, and times are relative to the anchor date at 00:00 UTC, so the same
 * anchor always gives the same rows, and an anchor of today gives a year of reports up to today.
 */
public final class DemoData {
    private static final Logger LOG = LoggerFactory.getLogger(DemoData.class);

    /** Seeds every generator; change it and every row changes. */
    static final long SEED = 0x4B48_2026L;

    /** Names the generic layer of seaports and fishing ports. */
    public static final String PORTS_LAYER = "ports";

    private static final int BATCH_SIZE = 500;

    private DemoData() {}

    /**
     * Generates the demo data and inserts it when the camera table is empty; otherwise does nothing, so a restart
     * keeps the operators' data. Blocks on the store; runs in a few seconds on the embedded store.
     *
     * <p>All rows go in one transaction: a failure leaves no half-loaded province. The {@code ports} layer definition
     * is created first, in its own transaction, unless it exists. Not safe to call concurrently on the same store.
     *
     * @param anchorDate the day the data leads up to: reports cover the twelve months before its start (00:00 UTC),
     *     readings the 30 days, vessel tracks the 24 hours
     * @throws org.iocmap.layers.store.StorageUnavailableException when the database cannot be reached
     */
    public static DemoSummary loadIfEmpty(Store store, LocalDate anchorDate) {
        long start = System.nanoTime();
        long existing =
                store.inTransaction(session -> session.createSelectionQuery("select count(c) from Camera c", Long.class)
                        .getSingleResult());
        if (existing > 0) {
            // A store loaded before fire stations existed gets them now; one that has any keeps its own.
            int stations = countFireStations(store) == 0 ? insertFireStations(store, DemoGeography.load()) : 0;
            DemoSummary summary = DemoSummary.skipped(millisSince(start));
            LOG.info(
                    "Demo data not loaded: the store already has {} cameras; added {} fire stations",
                    existing,
                    stations);
            return summary;
        }
        Instant anchor = anchorDate.atStartOfDay(ZoneOffset.UTC).toInstant();
        DemoGeography geo = DemoGeography.load();
        List<Camera> cameras = CameraGenerator.generate(geo, anchor);
        List<CitizenReport> reports = ReportGenerator.generate(geo, anchor);
        List<EnvGenerator.Series> stations = EnvGenerator.generate(geo, anchor);
        List<VesselGenerator.Track> vessels = VesselGenerator.generate(geo, anchor);
        List<LandUsePlan> plans = LandUsePlanGenerator.generate(geo);
        List<FireAlarmGenerator.History> devices = FireAlarmGenerator.generate(geo, anchor);
        List<FireStation> fireStations = countFireStations(store) == 0 ? FireStationGenerator.generate(geo) : List.of();
        List<GenericFeature> generatedPorts = ports();
        long generatedMillis = millisSince(start);
        List<GenericFeature> ports = ensurePortsLayer(store) ? generatedPorts : List.of();
        int[] children = new int[3]; // readings, positions, events
        store.inStatelessTransaction(ss -> {
            insertAll(ss, cameras);
            insertAll(ss, reports);
            insertAll(ss, plans);
            insertAll(ss, ports);
            insertAll(ss, fireStations);
            // Parents first, so that children can take the generated ids.
            insertAll(ss, stations.stream().map(EnvGenerator.Series::station).toList());
            List<EnvReading> readings = new ArrayList<>();
            for (EnvGenerator.Series s : stations) {
                s.readings().forEach(r -> r.setStationId(s.station().getId()));
                readings.addAll(s.readings());
            }
            children[0] = insertAll(ss, readings);
            insertAll(ss, vessels.stream().map(VesselGenerator.Track::vessel).toList());
            List<VesselPosition> positions = new ArrayList<>();
            for (VesselGenerator.Track t : vessels) {
                t.positions().forEach(p -> p.setVesselId(t.vessel().getId()));
                positions.addAll(t.positions());
            }
            children[1] = insertAll(ss, positions);
            insertAll(
                    ss, devices.stream().map(FireAlarmGenerator.History::device).toList());
            List<FireAlarmEvent> events = new ArrayList<>();
            for (FireAlarmGenerator.History h : devices) {
                h.events().forEach(e -> e.setDeviceId(h.device().getId()));
                events.addAll(h.events());
            }
            children[2] = insertAll(ss, events);
        });
        DemoSummary summary = new DemoSummary(
                true,
                cameras.size(),
                reports.size(),
                stations.size(),
                children[0],
                vessels.size(),
                children[1],
                plans.size(),
                devices.size(),
                children[2],
                ports.size(),
                millisSince(start));
        LOG.info(
                "Demo data for Khánh Hòa loaded in {} ms (generated in {} ms): {} cameras, {} citizen reports, {} environmental stations"
                        + " with {} readings, {} vessels with {} positions, {} land-use plans, {} fire-alarm devices"
                        + " with {} events, {} ports, {} fire stations",
                summary.elapsedMillis(),
                generatedMillis,
                summary.cameras(),
                summary.citizenReports(),
                summary.envStations(),
                summary.envReadings(),
                summary.vessels(),
                summary.vesselPositions(),
                summary.landUsePlans(),
                summary.fireAlarmDevices(),
                summary.fireAlarmEvents(),
                summary.ports(),
                fireStations.size());
        return summary;
    }

    private static long countFireStations(Store store) {
        return store.inTransaction(
                session -> session.createSelectionQuery("select count(s) from FireStation s", Long.class)
                        .getSingleResult());
    }

    private static int insertFireStations(Store store, DemoGeography geo) {
        List<FireStation> stations = FireStationGenerator.generate(geo);
        store.inStatelessTransaction(ss -> insertAll(ss, stations));
        return stations.size();
    }

    /**
     * Inserts rows in JDBC batches of {@value #BATCH_SIZE}. A stateless session starts with batching off, whatever
     * the factory's batch size, so a plain {@code insert} per row would cost one round trip each; {@code
     * insertMultiple} batches the rows it is given.
     */
    private static int insertAll(StatelessSession ss, List<?> rows) {
        for (int from = 0; from < rows.size(); from += BATCH_SIZE) {
            ss.insertMultiple(rows.subList(from, Math.min(rows.size(), from + BATCH_SIZE)));
        }
        return rows.size();
    }

    private static List<GenericFeature> ports() {
        List<GenericFeature> features = new ArrayList<>();
        for (Port port : DemoGeography.readPorts()) {
            Map<String, Object> props = new LinkedHashMap<>();
            props.put("name", port.name());
            props.put("name_en", port.nameEn());
            features.add(new GenericFeature(PORTS_LAYER, props, null, port.location()));
        }
        return features;
    }

    /** Creates the ports layer unless it exists; returns whether it still needs its features. */
    private static boolean ensurePortsLayer(Store store) {
        LayerCatalog catalog = LayerCatalog.load(store);
        if (catalog.find(PORTS_LAYER).isPresent()) {
            // Left from an earlier load: keep its features if it has any, so the ports do not appear twice.
            long features = store.inTransaction(session -> session.createSelectionQuery(
                            "select count(f) from GenericFeature f where f.layerId = :layer", Long.class)
                    .setParameter("layer", PORTS_LAYER)
                    .getSingleResult());
            return features == 0;
        }
        // An ordered set: the roles are stored joined in iteration order, which Set.of leaves to chance.
        Set<String> roles = new LinkedHashSet<>(List.of("operator", "planner", "fisheries"));
        catalog.createGenericLayer(
                PORTS_LAYER,
                Title.of("Cảng biển", "Seaports"),
                "Point",
                true,
                roles,
                List.of(attribute("name", "Tên cảng", "Name"), attribute("name_en", "Tên tiếng Anh", "English name")),
                70);
        return true;
    }

    private static Map<String, String> attribute(String name, String vi, String en) {
        Map<String, String> a = new LinkedHashMap<>(); // ordered, so the stored JSON is the same on every run
        a.put("name", name);
        a.put("type", "string");
        a.put("vi", vi);
        a.put("en", en);
        return a;
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
