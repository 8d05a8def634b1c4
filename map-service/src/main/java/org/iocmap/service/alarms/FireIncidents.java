package org.iocmap.service.alarms;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.iocmap.layers.changes.ChangeLog;
import org.iocmap.layers.changes.ChangeOp;
import org.iocmap.layers.store.SqlDialect;
import org.iocmap.layers.store.Store;
import org.iocmap.service.cameras.CameraRegistry;
import org.iocmap.service.cameras.CameraView;
import org.iocmap.service.http.ConflictException;
import org.iocmap.service.http.InvalidInputException;
import org.iocmap.service.http.NotFoundException;
import org.locationtech.jts.geom.Geometry;

/**
 * Keeps the fire incidents that alarms open (table {@code fire_incident}) and their workflow.
 *
 * <p>An ALARM opens an incident in the transaction that stores it, or joins the device's incident that is not yet
 * resolved. Opening finds the {@value #NEAREST_STATIONS} nearest fire stations (geodesic metres) and the cameras that
 * see the device's position (at most {@value #MAX_CAMERAS}, nearest first) and stores them with the incident, so the
 * operator sees what was true when the alarm came. Each operator action (acknowledge, dispatch, resolve) and its history
 * entry are one transaction, under a lock on the incident row, so two operators acting at once get one success and one
 * 409. Every change also records a change of the device in layer {@value AlarmDevices#LAYER}: a page following that
 * layer hears about new and changed incidents at once.
 *
 * <p>Codes are {@code CC-<year>-<number>}: the year of opening in Vietnam's time zone and a six-digit number from a
 * sequence that never restarts. Blocks on the store; thread-safe.
 */
public final class FireIncidents {
    public static final int NEAREST_STATIONS = 3;
    public static final int MAX_CAMERAS = 10;
    static final int MAX_EVENTS = 200;
    static final ZoneId CODE_ZONE = ZoneId.of("Asia/Ho_Chi_Minh");

    private static final String COLUMNS = "i.id, i.code, i.status, i.device_id, i.device_code, i.building, i.address,"
            + " i.floor, i.district, ST_X(i.geom), ST_Y(i.geom), i.opened_at, i.last_alarm_at, i.alarm_count,"
            + " i.acknowledged_at, i.acknowledged_by, i.dispatched_at, i.dispatched_by, s.code, i.resolved_at,"
            + " i.resolved_by, i.false_alarm, i.resolution_note, i.updated_at"
            + " FROM fire_incident i LEFT JOIN fire_station s ON s.id = i.dispatched_station_id";

    private final Store store;
    private final ChangeLog changes;

    public FireIncidents(Store store, ChangeLog changes) {
        this.store = store;
        this.changes = changes;
    }

    /** Describes an incident as lists show it; {@code dispatchedStation} is the station's code. */
    public record Incident(
            long id,
            String code,
            IncidentStatus status,
            long deviceId,
            String device,
            String building,
            String address,
            Integer floor,
            String district,
            double lon,
            double lat,
            Instant openedAt,
            Instant lastAlarmAt,
            int alarmCount,
            Instant acknowledgedAt,
            String acknowledgedBy,
            Instant dispatchedAt,
            String dispatchedBy,
            String dispatchedStation,
            Instant resolvedAt,
            String resolvedBy,
            Boolean falseAlarm,
            String resolutionNote,
            Instant updatedAt) {}

    /**
     * Describes one change of an incident.
     *
     * @param from the status before; null for the opening
     * @param station the code of the station dispatched; null for other actions
     */
    public record HistoryEntry(
            Instant at,
            String actor,
            String action,
            IncidentStatus from,
            IncidentStatus to,
            String station,
            String note) {}

    /** Holds a fire station found for an incident, with its rank (1 = nearest) and distance in metres. */
    public record StationLink(int rank, FireStation station, double distanceMetres) {}

    /** Holds a camera that sees the incident, with its rank, distance in metres and bearing from the camera. */
    public record CameraLink(int rank, CameraView camera, double distanceMetres, double bearingDegrees) {}

    /** Holds an incident with its history (oldest first), stations, cameras and the device's events (oldest first). */
    public record Detail(
            Incident incident,
            List<HistoryEntry> history,
            List<StationLink> stations,
            List<CameraLink> cameras,
            List<DeviceEvent> events) {}

    /** Selects incidents for a list; {@code from}/{@code to} bound the opening time and may be null. */
    public record Filter(
            Set<IncidentStatus> statuses,
            Instant from,
            Instant to,
            Geometry bbox,
            Optional<Geometry> area,
            int limit,
            int offset) {}

    /** Holds one page of a list and how many incidents match in all. */
    public record Page(List<Incident> incidents, long matched) {}

    /** Tells which incident an alarm opened or joined. */
    public record Outcome(String code, boolean opened) {}

    /** Checks that the viewer may act where an incident is; throws to refuse. */
    @FunctionalInterface
    public interface LocationCheck {
        void check(double lon, double lat, String what);
    }

    /** Lists the incidents that match, newest opening first. */
    public Page list(Filter filter) {
        Where where = new Where()
                .in("i.status", filter.statuses().stream().map(Enum::name).toList())
                .intersects(filter.bbox(), "i.geom")
                .coveredBy(filter.area(), "i.geom");
        if (filter.from() != null) {
            where.add("i.opened_at >= ?", filter.from());
        }
        if (filter.to() != null) {
            where.add("i.opened_at <= ?", filter.to());
        }
        return store.inTransaction(session -> session.doReturningWork(c -> {
            long matched;
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM fire_incident i" + where.sql())) {
                where.bind(ps, 1);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    matched = rs.getLong(1);
                }
            }
            List<Incident> incidents = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT " + COLUMNS + where.sql() + " ORDER BY i.opened_at DESC, i.id DESC LIMIT ? OFFSET ?")) {
                int i = where.bind(ps, 1);
                ps.setInt(i++, filter.limit());
                ps.setInt(i, filter.offset());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        incidents.add(read(rs));
                    }
                }
            }
            return new Page(incidents, matched);
        }));
    }

    /** Returns an incident with everything about it; empty when no incident has this code. */
    public Optional<Detail> detail(String code) {
        return store.inTransaction(session -> session.doReturningWork(c -> detail(c, code)));
    }

    /**
     * Acts on an incident: checks the viewer's area ({@code check}), that the action is allowed in the current
     * status, and for DISPATCH that the station exists; then changes the status and writes the history entry, in one
     * transaction.
     *
     * @param note the operator's note; required (non-blank) for a false alarm, which the caller checks
     * @param station for DISPATCH: the code of the station sent; ignored otherwise
     * @param falseAlarm for RESOLVE: whether the alarm was false
     * @throws NotFoundException when no incident has this code
     * @throws ConflictException when the action is not allowed now; the message names the status and what is allowed
     * @throws InvalidInputException when the station does not exist
     */
    public Detail act(
            String code,
            IncidentAction action,
            String actor,
            String note,
            String station,
            boolean falseAlarm,
            Instant now,
            LocationCheck check) {
        return store.inTransaction(session -> session.doReturningWork(c -> {
            long id;
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM fire_incident WHERE code = ? FOR UPDATE")) {
                ps.setString(1, code);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new NotFoundException("no fire incident " + code);
                    }
                    id = rs.getLong(1);
                }
            }
            Incident incident = find(c, code).orElseThrow();
            check.check(incident.lon(), incident.lat(), "fire incident " + code);
            IncidentStatus from = incident.status();
            IncidentStatus to = from.after(action, falseAlarm).orElseThrow(() -> refusal(incident, action));
            Long stationId = null;
            if (action == IncidentAction.DISPATCH) {
                stationId = FireStations.find(c, station)
                        .orElseThrow(() -> new InvalidInputException(
                                "station",
                                station,
                                "the code of a fire station, such as PCCC-NT-01 (see GET" + " /api/fire-stations)"))
                        .id();
            }
            String sql =
                    switch (action) {
                        case ACKNOWLEDGE ->
                            "UPDATE fire_incident SET status = ?, updated_at = ?, acknowledged_at = ?,"
                                    + " acknowledged_by = ? WHERE id = ?";
                        case DISPATCH ->
                            "UPDATE fire_incident SET status = ?, updated_at = ?, dispatched_at = ?,"
                                    + " dispatched_by = ?, dispatched_station_id = ? WHERE id = ?";
                        case RESOLVE ->
                            "UPDATE fire_incident SET status = ?, updated_at = ?, resolved_at = ?,"
                                    + " resolved_by = ?, false_alarm = ?, resolution_note = ? WHERE id = ?";
                    };
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, to.name());
                Sql.setInstant(ps, 2, now);
                Sql.setInstant(ps, 3, now);
                ps.setString(4, actor);
                switch (action) {
                    case ACKNOWLEDGE -> ps.setLong(5, id);
                    case DISPATCH -> {
                        ps.setLong(5, stationId);
                        ps.setLong(6, id);
                    }
                    case RESOLVE -> {
                        ps.setBoolean(5, falseAlarm);
                        ps.setString(6, note);
                        ps.setLong(7, id);
                    }
                }
                ps.executeUpdate();
            }
            history(c, id, now, actor, action.name(), from, to, stationId, note);
            changes.record(c, AlarmDevices.LAYER, incident.deviceId(), ChangeOp.CHANGED);
            return detail(c, code).orElseThrow();
        }));
    }

    private static ConflictException refusal(Incident incident, IncidentAction action) {
        IncidentStatus status = incident.status();
        String why = action == IncidentAction.RESOLVE && status.resolvesOnlyAsFalseAlarm()
                ? "nobody was dispatched, so it can be resolved only as a false alarm ({\"falseAlarm\": true,"
                        + " \"note\": \"…\"})"
                : action.path() + " is not allowed now";
        return new ConflictException("fire incident " + incident.code() + " is " + status + ": " + why
                + "; allowed actions: " + status.describeAllowed());
    }

    /**
     * Opens an incident for an ALARM event, or joins the device's incident that is not resolved; on the caller's
     * connection, inside the transaction that stored the event (the device row is locked by the caller).
     *
     * @param eventId the stored ALARM event, linked to the incident
     * @param alarmAt when the alarm went off
     * @param openedAt when the incident opens if it is new (the receipt time)
     */
    Outcome openOrAttach(Connection c, AlarmDevice device, long eventId, Instant alarmAt, Instant openedAt)
            throws SQLException {
        String actor = "device:" + device.code();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, code, status, last_alarm_at FROM fire_incident"
                + " WHERE device_id = ? AND status <> 'RESOLVED' ORDER BY opened_at DESC, id DESC FOR UPDATE")) {
            ps.setLong(1, device.id());
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    long id = rs.getLong(1);
                    String code = rs.getString(2);
                    IncidentStatus status = IncidentStatus.valueOf(rs.getString(3));
                    Instant last = Sql.instant(rs, 4);
                    try (PreparedStatement update = c.prepareStatement("UPDATE fire_incident SET alarm_count ="
                            + " alarm_count + 1, last_alarm_at = ?, updated_at = ? WHERE id = ?")) {
                        Sql.setInstant(update, 1, last.isAfter(alarmAt) ? last : alarmAt);
                        Sql.setInstant(update, 2, openedAt);
                        update.setLong(3, id);
                        update.executeUpdate();
                    }
                    link(c, eventId, id);
                    history(c, id, openedAt, actor, "ALARM", status, status, null, "ALARM at " + alarmAt);
                    return new Outcome(code, false);
                }
            }
        }
        String code = code(openedAt, Sql.nextValue(c, store.kind(), "fire_incident_no_seq"));
        long id;
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO fire_incident (code, device_id, device_code, building, address, floor, district, status,"
                        + " opened_at, last_alarm_at, alarm_count, updated_at, geom)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, 'OPEN', ?, ?, 1, ?, ST_GeomFromWKB(?, 4326))",
                new String[] {"id"})) {
            ps.setString(1, code);
            ps.setLong(2, device.id());
            ps.setString(3, device.code());
            ps.setString(4, device.building());
            ps.setString(5, device.address());
            Sql.setInteger(ps, 6, device.floor());
            ps.setString(7, device.district());
            Sql.setInstant(ps, 8, openedAt);
            Sql.setInstant(ps, 9, alarmAt);
            Sql.setInstant(ps, 10, openedAt);
            ps.setBytes(11, wkb(device.lon(), device.lat()));
            ps.executeUpdate();
            id = Sql.generatedId(ps);
        }
        link(c, eventId, id);
        history(c, id, openedAt, actor, "OPEN", null, IncidentStatus.OPEN, null, "ALARM at " + alarmAt);
        List<FireStations.Nearby> stations =
                FireStations.nearest(FireStations.all(c), device.lon(), device.lat(), NEAREST_STATIONS);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO fire_incident_station (incident_id, ordinal,"
                + " station_id, distance_m) VALUES (?, ?, ?, ?)")) {
            for (int i = 0; i < stations.size(); i++) {
                ps.setLong(1, id);
                ps.setInt(2, i + 1);
                ps.setLong(3, stations.get(i).station().id());
                ps.setDouble(4, stations.get(i).distanceMetres());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        List<CameraRegistry.Seen> cameras = CameraRegistry.covering(c, device.lon(), device.lat(), null, MAX_CAMERAS);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO fire_incident_camera (incident_id, ordinal,"
                + " camera_id, distance_m, bearing_deg) VALUES (?, ?, ?, ?, ?)")) {
            for (int i = 0; i < cameras.size(); i++) {
                ps.setLong(1, id);
                ps.setInt(2, i + 1);
                ps.setLong(3, cameras.get(i).camera().id());
                ps.setDouble(4, cameras.get(i).distanceMetres());
                ps.setDouble(5, cameras.get(i).bearingDegrees());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        return new Outcome(code, true);
    }

    /**
     * Opens an incident for every device whose status is {@code alarm} but that has no unresolved incident, from its
     * latest ALARM event, opened at that event's time. For demo data, whose devices were loaded in alarm without
     * incidents; returns how many it opened.
     */
    public int openForDevicesInAlarm() {
        List<String> codes = store.inTransaction(session -> session.doReturningWork(c -> {
            List<String> found = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT d.code FROM fire_alarm_device d WHERE d.status ="
                            + " 'alarm' AND NOT EXISTS (SELECT 1 FROM fire_incident i WHERE i.device_id = d.id"
                            + " AND i.status <> 'RESOLVED') ORDER BY d.code");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(rs.getString(1));
                }
            }
            return found;
        }));
        int opened = 0;
        for (String code : codes) {
            boolean done = store.inTransaction(session -> session.doReturningWork(c -> {
                AlarmDevice device = AlarmDevices.find(c, code, true).orElseThrow();
                try (PreparedStatement ps = c.prepareStatement("SELECT id, occurred_at FROM fire_alarm_event"
                        + " WHERE device_id = ? AND event_type = 'ALARM' ORDER BY occurred_at DESC, id DESC LIMIT 1")) {
                    ps.setLong(1, device.id());
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next() || !"alarm".equals(device.status())) {
                            return false;
                        }
                        long eventId = rs.getLong(1);
                        Instant at = Sql.instant(rs, 2);
                        Outcome outcome = openOrAttach(c, device, eventId, at, at);
                        changes.record(c, AlarmDevices.LAYER, device.id(), ChangeOp.CHANGED);
                        return outcome.opened();
                    }
                }
            }));
            opened += done ? 1 : 0;
        }
        return opened;
    }

    private static void link(Connection c, long eventId, long incidentId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE fire_alarm_event SET incident_id = ? WHERE id = ?")) {
            ps.setLong(1, incidentId);
            ps.setLong(2, eventId);
            ps.executeUpdate();
        }
    }

    private static void history(
            Connection c,
            long incidentId,
            Instant at,
            String actor,
            String action,
            IncidentStatus from,
            IncidentStatus to,
            Long stationId,
            String note)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO fire_incident_history (incident_id, occurred_at,"
                + " actor, action, from_status, to_status, station_id, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setLong(1, incidentId);
            Sql.setInstant(ps, 2, at);
            ps.setString(3, actor);
            ps.setString(4, action);
            ps.setString(5, from == null ? null : from.name());
            ps.setString(6, to.name());
            if (stationId == null) {
                ps.setNull(7, Types.BIGINT);
            } else {
                ps.setLong(7, stationId);
            }
            ps.setString(8, note);
            ps.executeUpdate();
        }
    }

    private static Optional<Incident> find(Connection c, String code) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " WHERE i.code = ?")) {
            ps.setString(1, code);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    private static Optional<Detail> detail(Connection c, String code) throws SQLException {
        Optional<Incident> found = find(c, code);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Incident incident = found.get();
        List<HistoryEntry> history = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT h.occurred_at, h.actor, h.action, h.from_status,"
                + " h.to_status, s.code, h.note FROM fire_incident_history h LEFT JOIN fire_station s"
                + " ON s.id = h.station_id WHERE h.incident_id = ? ORDER BY h.id")) {
            ps.setLong(1, incident.id());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String from = rs.getString(4);
                    history.add(new HistoryEntry(
                            Sql.instant(rs, 1),
                            rs.getString(2),
                            rs.getString(3),
                            from == null ? null : IncidentStatus.valueOf(from),
                            IncidentStatus.valueOf(rs.getString(5)),
                            rs.getString(6),
                            rs.getString(7)));
                }
            }
        }
        List<StationLink> stations = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT l.ordinal, l.distance_m, s.id, s.code, s.name,"
                + " s.address, s.phone, s.district, ST_X(s.geom), ST_Y(s.geom) FROM fire_incident_station l"
                + " JOIN fire_station s ON s.id = l.station_id WHERE l.incident_id = ? ORDER BY l.ordinal")) {
            ps.setLong(1, incident.id());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    stations.add(new StationLink(
                            rs.getInt(1),
                            new FireStation(
                                    rs.getLong(3),
                                    rs.getString(4),
                                    rs.getString(5),
                                    rs.getString(6),
                                    rs.getString(7),
                                    rs.getString(8),
                                    rs.getDouble(9),
                                    rs.getDouble(10)),
                            rs.getDouble(2)));
                }
            }
        }
        List<CameraLink> cameras = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT l.ordinal, l.distance_m, l.bearing_deg, k.id, k.code,"
                + " k.name, k.camera_type, k.heading_deg, k.fov_deg, k.range_m, k.status, k.district, k.stream_url,"
                + " k.snapshot_url, ST_X(k.geom), ST_Y(k.geom) FROM fire_incident_camera l JOIN camera k"
                + " ON k.id = l.camera_id WHERE l.incident_id = ? ORDER BY l.ordinal")) {
            ps.setLong(1, incident.id());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    cameras.add(new CameraLink(
                            rs.getInt(1),
                            new CameraView(
                                    rs.getLong(4),
                                    rs.getString(5),
                                    rs.getString(6),
                                    rs.getString(7),
                                    rs.getDouble(8),
                                    rs.getDouble(9),
                                    rs.getDouble(10),
                                    rs.getString(11),
                                    rs.getString(12),
                                    rs.getString(13),
                                    rs.getString(14),
                                    rs.getDouble(15),
                                    rs.getDouble(16)),
                            rs.getDouble(2),
                            rs.getDouble(3)));
                }
            }
        }
        // The events linked to the incident, and whatever else the device said while it was being handled.
        List<DeviceEvent> events = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT e.id, e.event_type, e.occurred_at, e.received_at,"
                + " e.source_id, i.code FROM fire_alarm_event e LEFT JOIN fire_incident i ON i.id = e.incident_id"
                + " WHERE e.incident_id = ? OR (e.device_id = ? AND e.occurred_at >= ?"
                + (incident.resolvedAt() == null ? "" : " AND e.occurred_at <= ?")
                + ") ORDER BY e.occurred_at, e.id LIMIT ?")) {
            int i = 1;
            ps.setLong(i++, incident.id());
            ps.setLong(i++, incident.deviceId());
            Sql.setInstant(ps, i++, incident.openedAt());
            if (incident.resolvedAt() != null) {
                Sql.setInstant(ps, i++, incident.resolvedAt());
            }
            ps.setInt(i, MAX_EVENTS);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    events.add(AlarmDevices.event(rs, incident.device()));
                }
            }
        }
        return Optional.of(new Detail(incident, history, stations, cameras, events));
    }

    private static Incident read(ResultSet rs) throws SQLException {
        boolean falseAlarm = rs.getBoolean(22);
        Boolean falseAlarmOrNull = rs.wasNull() ? null : falseAlarm;
        return new Incident(
                rs.getLong(1),
                rs.getString(2),
                IncidentStatus.valueOf(rs.getString(3)),
                rs.getLong(4),
                rs.getString(5),
                rs.getString(6),
                rs.getString(7),
                Sql.integer(rs, 8),
                rs.getString(9),
                rs.getDouble(10),
                rs.getDouble(11),
                Sql.instant(rs, 12),
                Sql.instant(rs, 13),
                rs.getInt(14),
                Sql.instant(rs, 15),
                rs.getString(16),
                Sql.instant(rs, 17),
                rs.getString(18),
                rs.getString(19),
                Sql.instant(rs, 20),
                rs.getString(21),
                falseAlarmOrNull,
                rs.getString(23),
                Sql.instant(rs, 24));
    }

    /** Returns the code of incident number {@code number} opened at {@code openedAt}: CC-2026-000123. */
    static String code(Instant openedAt, long number) {
        return String.format(
                Locale.ROOT, "CC-%d-%06d", openedAt.atZone(CODE_ZONE).getYear(), number);
    }

    static byte[] wkb(double lon, double lat) {
        return SqlDialect.wkb(AlarmDevices.point(lon, lat));
    }
}
