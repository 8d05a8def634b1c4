package org.iocmap.service.geofence;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import org.iocmap.layers.changes.Change;
import org.iocmap.layers.changes.ChangeFollower;
import org.iocmap.layers.changes.ChangeLog;
import org.iocmap.layers.kinds.GenericFeatures;
import org.iocmap.layers.kinds.LayerCatalog;
import org.iocmap.layers.kinds.VesselPositions;
import org.iocmap.layers.model.Title;
import org.iocmap.layers.store.Store;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.PrecisionModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the {@link GeofenceEngine} on every stored vessel position and turns its events into alerts.
 *
 * <p><b>What it reads.</b> Positions are stored first, by any ingest path; their transaction records the vessel in the
 * change log. The monitor follows the log ({@link ChangeFollower}: it does not wait behind ids a concurrent
 * transaction still holds, and hands out late commits when they show up) and reads each changed vessel's positions
 * after the last one it handed to the engine, oldest fix first.
 *
 * <p><b>What it writes.</b> Each alert is a feature of the layer {@value #ALERT_LAYER}, stored with its change-log row
 * (so it reaches {@code /api/stream} after it is stored, and a client resumes from its last event id) and with a key
 * of what makes the event itself (vessel, type, fence version, time) in {@code geofence_alert_key}: an event found
 * again is not raised twice.
 *
 * <p><b>Restart.</b> The engine's snapshot, the log position and each vessel's last position are saved together at
 * most every {@value #SAVE_MILLIS} ms while positions arrive (and at a clean stop). A restarted monitor restores them
 * and reads on from there: the positions since the save give the same events again, the alert keys drop those already
 * raised and the others are raised now, so none is lost or repeated ({@code GeofenceRestartTest}).
 *
 * <p>One thread; {@link #close} saves and stops it.
 */
public final class GeofenceMonitor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GeofenceMonitor.class);
    /** The layer alerts are features of. */
    public static final String ALERT_LAYER = "vessel_alerts";

    static final long STEP_MILLIS = 100;
    static final long HOT_STEP_MILLIS = 5;
    static final long HOT_MILLIS = 300;
    static final long SAVE_MILLIS = 10_000;
    private static final Duration GAP_GRACE = Duration.ofSeconds(30);
    private static final GeometryFactory WGS84 = new GeometryFactory(new PrecisionModel(), 4326);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Store store;
    private final List<String> webhooks;
    private final GeofenceCatalog fences;
    private final GenericFeatures features;
    private final ChangeLog log;
    private final Clock clock;
    private final Map<Integer, VesselClass> classes = new ConcurrentHashMap<>();
    private final Map<Integer, String> names = new ConcurrentHashMap<>();
    private final GeofenceEngine engine;
    private final Map<Long, Long> lastPosition = new HashMap<>(); // vessel id -> last position id handed over
    private ChangeFollower cursor;
    private long savedAt; // System.nanoTime() of the last save
    private boolean unsaved;
    private volatile boolean running;
    private Thread thread;
    private volatile long alertsRaised;

    public GeofenceMonitor(Store store, GeofenceCatalog fences, Clock clock) {
        this(store, fences, clock, List.of());
    }

    /**
     * @param webhooks the URLs every alert is delivered to: a {@link WebhookOutbox} row per URL is written with the
     *     alert
     */
    public GeofenceMonitor(Store store, GeofenceCatalog fences, Clock clock, List<String> webhooks) {
        this.webhooks = List.copyOf(webhooks);
        this.store = store;
        this.fences = fences;
        this.log = new ChangeLog(store);
        this.features = new GenericFeatures(store, log);
        this.clock = clock;
        this.engine = new GeofenceEngine(
                fences, mmsi -> classes.getOrDefault(mmsi, VesselClass.UNKNOWN), DarkSettings.defaults());
    }

    /** Creates the alert layer when it is missing (roles fisheries; admins read every layer). */
    public static void ensureAlertLayer(LayerCatalog catalog) {
        if (catalog.find(ALERT_LAYER).isPresent()) {
            return;
        }
        List<Map<String, String>> attributes = List.of(
                attribute("event", "string", "Sự kiện", "Event"),
                attribute("mmsi", "integer", "MMSI", "MMSI"),
                attribute("vessel", "string", "Tàu", "Vessel"),
                attribute("fence_id", "string", "Mã vùng", "Fence id"),
                attribute("fence_version", "integer", "Phiên bản vùng", "Fence version"),
                attribute("fence_name", "string", "Vùng", "Fence"),
                attribute("fence_kind", "string", "Loại vùng", "Fence kind"),
                attribute("summary", "string", "Tóm tắt", "Summary"),
                attribute("interpolated", "boolean", "Nội suy giữa hai vị trí", "Interpolated between fixes"),
                attribute("status", "string", "Trạng thái", "Status"),
                attribute("acknowledged_by", "string", "Người xác nhận", "Acknowledged by"),
                attribute("acknowledged_at", "datetime", "Thời điểm xác nhận", "Acknowledged at"),
                attribute("note", "string", "Ghi chú", "Note"),
                attribute("raised_at", "datetime", "Thời điểm cảnh báo", "Raised at"),
                attribute("evidence", "string", "Bằng chứng", "Evidence"));
        catalog.createGenericLayer(
                ALERT_LAYER,
                Title.of("Cảnh báo tàu cá", "Vessel alerts"),
                "Point",
                false,
                Set.of("fisheries"),
                attributes,
                45);
    }

    private static Map<String, String> attribute(String name, String type, String vi, String en) {
        return Map.of("name", name, "type", type, "vi", vi, "en", en);
    }

    /** Restores the saved state (or starts at the end of the log) and starts the thread. */
    public synchronized void start() {
        restore();
        running = true;
        thread = Thread.ofPlatform().name("iocmap-geofence").daemon().start(this::run);
    }

    /** Returns how many alerts this process raised. */
    public long alertsRaised() {
        return alertsRaised;
    }

    /** Returns the change-log id up to which every change has been read. */
    public synchronized long position() {
        return cursor.position();
    }

    /**
     * Stops the thread without saving, as a killed process would: a monitor started afterwards on the same store goes
     * on from the state last saved with alerts (or periodically). For restart drills and tests.
     */
    public void halt() {
        running = false;
        Thread t = thread;
        thread = null;
        if (t != null) {
            LockSupport.unpark(t);
            try {
                t.join(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Wakes the thread: positions were just stored. */
    public void nudge() {
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    /**
     * Steps every {@value #STEP_MILLIS} ms, and every {@value #HOT_STEP_MILLIS} ms for a while after this process
     * logged a change (a position stored here is then read within milliseconds of its commit, not up to a step later).
     */
    private void run() {
        long seenLogged = store.loggedChanges();
        long lastStep = 0;
        long hotUntil = 0;
        while (running) {
            long now = System.nanoTime();
            long logged = store.loggedChanges();
            if (logged != seenLogged) {
                seenLogged = logged;
                hotUntil = now + Duration.ofMillis(HOT_MILLIS).toNanos();
            }
            if (now < hotUntil
                    || now - lastStep >= Duration.ofMillis(STEP_MILLIS).toNanos()) {
                lastStep = now;
                try {
                    step();
                } catch (RuntimeException e) {
                    LOG.warn("Geofence step failed; retrying: {}", e.toString());
                    LockSupport.parkNanos(Duration.ofSeconds(1).toNanos());
                }
            }
            LockSupport.parkNanos(Duration.ofMillis(HOT_STEP_MILLIS).toNanos());
        }
    }

    /** Reads what was stored since the last step, runs the engine and stores the alerts. Visible for tests. */
    synchronized int step() {
        List<Change> changes = cursor.poll();
        Set<Long> vessels = new LinkedHashSet<>();
        for (Change c : changes) {
            if (c.layerId().equals(VesselPositions.LAYER)) {
                vessels.add(c.featureId());
            }
        }
        List<GeofenceEvent> events = new ArrayList<>();
        if (!vessels.isEmpty()) {
            for (Fix fix : readPositions(vessels)) {
                classes.put(fix.fix().mmsi(), fix.vesselClass());
                if (fix.name() != null) {
                    names.put(fix.fix().mmsi(), fix.name());
                }
                events.addAll(engine.accept(fix.fix()));
                lastPosition.merge(fix.vesselId(), fix.positionId(), Math::max);
            }
        }
        events.addAll(engine.advanceTo(clock.instant()));
        unsaved |= !changes.isEmpty();
        long now = System.nanoTime();
        // The state is saved now and then, not with every alert: a restart that reads positions again finds their
        // events again, and the alert keys keep them from being raised twice.
        boolean save =
                unsaved && now - savedAt >= Duration.ofMillis(SAVE_MILLIS).toNanos();
        if (!events.isEmpty() || save) {
            int raised = store.inTransaction(session -> {
                int count = 0;
                for (GeofenceEvent e : events) {
                    count += raise(session, e) ? 1 : 0;
                }
                if (save) {
                    String state = state();
                    session.doWork(c -> save(c, cursor.position(), state));
                }
                return count;
            });
            alertsRaised += raised;
            if (save) {
                savedAt = now;
                unsaved = false;
            }
        }
        return events.size();
    }

    private record Fix(long positionId, long vesselId, PositionFix fix, VesselClass vesselClass, String name) {}

    private List<Fix> readPositions(Set<Long> vessels) {
        return store.inTransaction(session -> session.doReturningWork(c -> {
            List<Fix> fixes = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT p.id, p.vessel_id, v.mmsi, p.fix_at,"
                    + " ST_X(p.geom), ST_Y(p.geom), p.speed_kn, p.course_deg, v.ship_type, v.name"
                    + " FROM vessel_position p JOIN vessel v ON v.id = p.vessel_id"
                    + " WHERE p.vessel_id = ? AND p.id > ? ORDER BY p.fix_at, p.id")) {
                for (long vessel : vessels) {
                    ps.setLong(1, vessel);
                    ps.setLong(2, lastPosition.getOrDefault(vessel, 0L));
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            int mmsi = Integer.parseInt(rs.getString(3));
                            Double sog = rs.getObject(7) == null ? null : rs.getDouble(7);
                            Double cog = rs.getObject(8) == null ? null : rs.getDouble(8);
                            PositionFix fix = new PositionFix(
                                    mmsi, rs.getTimestamp(4).toInstant(), rs.getDouble(5), rs.getDouble(6), sog, cog);
                            fixes.add(new Fix(
                                    rs.getLong(1), rs.getLong(2), fix, vesselClass(rs.getString(9)), rs.getString(10)));
                        }
                    }
                }
            }
            return fixes;
        }));
    }

    private static VesselClass vesselClass(String shipType) {
        if (shipType == null) {
            return VesselClass.UNKNOWN;
        }
        return switch (shipType) {
            case "fishing" -> VesselClass.FISHING;
            case "tug" -> VesselClass.TUG;
            case "passenger" -> VesselClass.PASSENGER;
            case "cargo" -> VesselClass.CARGO;
            case "tanker" -> VesselClass.TANKER;
            default -> VesselClass.OTHER;
        };
    }

    /** Stores one alert unless an alert with its key exists. */
    private boolean raise(org.hibernate.Session session, GeofenceEvent e) {
        String key = e.mmsi() + "|" + e.type() + "|"
                + (e.fence() == null ? "-" : e.fence().id() + "@" + e.fence().version()) + "|"
                + e.time().toEpochMilli();
        boolean exists = session.doReturningWork(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM geofence_alert_key WHERE alert_key = ?")) {
                ps.setString(1, key);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
        if (exists) {
            return false;
        }
        Map<String, Object> properties = AlertEvidence.properties(e, names.get(e.mmsi()), fences, clock.instant());
        long id = features.create(
                session, ALERT_LAYER, WGS84.createPoint(new Coordinate(e.lon(), e.lat())), properties, e.time());
        session.doWork(c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("INSERT INTO geofence_alert_key (alert_key, feature_id) VALUES (?, ?)")) {
                ps.setString(1, key);
                ps.setLong(2, id);
                ps.executeUpdate();
            }
            if (!webhooks.isEmpty()) {
                String payload = AlertRoutes.toJson(new org.iocmap.layers.model.Feature(
                                id, WGS84.createPoint(new Coordinate(e.lon(), e.lat())), e.time(), properties))
                        .encode();
                WebhookOutbox.enqueue(c, webhooks, id, payload, clock.instant());
            }
        });
        return true;
    }

    private String state() {
        JsonObject vessels = new JsonObject();
        lastPosition.forEach((vessel, position) -> vessels.put(String.valueOf(vessel), position));
        try {
            return new JsonObject()
                    .put("engine", new JsonObject(JSON.writeValueAsString(engine.snapshot())))
                    .put("lastPositions", vessels)
                    .encode();
        } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
            throw new IllegalStateException("cannot write the engine's snapshot", ex);
        }
    }

    private static void save(Connection c, long position, String state) throws SQLException {
        try (PreparedStatement update = c.prepareStatement(
                "UPDATE geofence_monitor SET position_id = ?, snapshot = ?, saved_at = ? WHERE id = 1")) {
            update.setLong(1, position);
            update.setString(2, state);
            update.setTimestamp(3, Timestamp.from(Instant.now()));
            if (update.executeUpdate() == 1) {
                return;
            }
        }
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO geofence_monitor (id, position_id, snapshot, saved_at) VALUES (1, ?, ?, ?)")) {
            insert.setLong(1, position);
            insert.setString(2, state);
            insert.setTimestamp(3, Timestamp.from(Instant.now()));
            insert.executeUpdate();
        }
    }

    /**
     * Follows the log without waiting behind ids that concurrent transactions still hold: a change is only a sign to
     * read a vessel's positions after the last one read, so one that commits late is handled when it shows up.
     */
    private ChangeFollower follower(long position) {
        return new ChangeFollower(log, position, GAP_GRACE, System::nanoTime);
    }

    private void restore() {
        record Saved(long position, String state) {}
        Saved saved = store.inTransaction(session -> session.doReturningWork(c -> {
            try (PreparedStatement ps =
                            c.prepareStatement("SELECT position_id, snapshot FROM geofence_monitor WHERE id = 1");
                    ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new Saved(rs.getLong(1), rs.getString(2)) : null;
            }
        }));
        if (saved == null) {
            // Nothing watched before: start with what arrives from now on, and say so at once, so that a monitor
            // killed before its first step still starts here next time rather than at the end of the log.
            cursor = follower(log.lastId());
            String state = state();
            long position = cursor.position();
            store.inTransaction(session -> {
                session.doWork(c -> save(c, position, state));
                return null;
            });
            savedAt = System.nanoTime();
            return;
        }
        JsonObject state = new JsonObject(saved.state());
        try {
            engine.restore(JSON.readValue(state.getJsonObject("engine").encode(), EngineSnapshot.class));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot read the saved geofence state", e);
        }
        state.getJsonObject("lastPositions")
                .forEach(entry ->
                        lastPosition.put(Long.parseLong(entry.getKey()), ((Number) entry.getValue()).longValue()));
        cursor = follower(saved.position());
        savedAt = System.nanoTime();
        LOG.info("Geofence monitor restored at change {} with {} vessels", saved.position(), engine.vesselCount());
    }

    /** Stops the thread and saves the state. */
    @Override
    public void close() {
        running = false;
        Thread t = thread;
        if (t == null) {
            return;
        }
        LockSupport.unpark(t);
        try {
            t.join(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            String state = state();
            long position = cursor.position();
            store.inTransaction(session -> {
                session.doWork(c -> save(c, position, state));
                return null;
            });
        }
    }
}
