package org.iocmap.service.alarms;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.iocmap.layers.changes.ChangeLog;
import org.iocmap.layers.changes.ChangeOp;
import org.iocmap.layers.store.SqlDialect;
import org.iocmap.layers.store.Store;
import org.iocmap.service.http.ConflictException;
import org.iocmap.service.http.NotFoundException;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;

/**
 * Keeps the registry of fire-alarm devices (table {@code fire_alarm_device}, the features of layer {@value #LAYER}):
 * lists, reads, registers and updates devices. Every write records its change for the layer in its transaction, so the
 * live map shows it at once. Blocks on the store; thread-safe.
 *
 * <p>A device registered here is watched from then on: it is marked offline unless heard within twice its heartbeat
 * interval ({@link OfflineWatcher}). Devices loaded otherwise (the demo's) are watched from their first message.
 */
public final class AlarmDevices {
    /** The layer whose features the devices are. */
    public static final String LAYER = "fire_alarms";

    /** The statuses a device can have. */
    public static final List<String> STATUSES = List.of("normal", "alarm", "fault", "offline");

    static final String COLUMNS = "id, code, building, address, floor, device_type, status, district,"
            + " heartbeat_interval_s, last_event, last_event_at, last_heartbeat_at, offline_after, ST_X(geom), ST_Y(geom)";

    private final Store store;
    private final ChangeLog changes;

    public AlarmDevices(Store store, ChangeLog changes) {
        this.store = store;
        this.changes = changes;
    }

    /** Selects devices for a list: by status, by text, by box and by the viewer's area. */
    public record Filter(
            Set<String> statuses, String text, Geometry bbox, Optional<Geometry> area, int limit, int offset) {}

    /** Holds one page of a list and how many devices match in all. */
    public record Page(List<AlarmDevice> devices, long matched) {}

    /** Holds a device with its latest events, newest first, and the code of its unresolved incident (null if none). */
    public record Detail(AlarmDevice device, List<DeviceEvent> events, String openIncident) {}

    /** Lists the devices that match, in code order. */
    public Page list(Filter filter) {
        Where where = new Where().in("status", filter.statuses());
        if (filter.text() != null) {
            String like = "%"
                    + filter.text()
                            .toLowerCase(Locale.ROOT)
                            .replace("\\", "\\\\")
                            .replace("%", "\\%")
                            .replace("_", "\\_")
                    + "%";
            where.add(
                    "(LOWER(code) LIKE ? ESCAPE '\\' OR LOWER(building) LIKE ? ESCAPE '\\'"
                            + " OR LOWER(COALESCE(address, '')) LIKE ? ESCAPE '\\')",
                    like,
                    like,
                    like);
        }
        where.intersects(filter.bbox(), "geom").coveredBy(filter.area(), "geom");
        return store.inTransaction(session -> session.doReturningWork(c -> {
            long matched;
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM fire_alarm_device" + where.sql())) {
                where.bind(ps, 1);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    matched = rs.getLong(1);
                }
            }
            List<AlarmDevice> devices = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM fire_alarm_device" + where.sql()
                    + " ORDER BY code LIMIT ? OFFSET ?")) {
                int i = where.bind(ps, 1);
                ps.setInt(i++, filter.limit());
                ps.setInt(i, filter.offset());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        devices.add(read(rs));
                    }
                }
            }
            return new Page(devices, matched);
        }));
    }

    /** Returns a device with its {@code events} latest events; empty when no device has this code. */
    public Optional<Detail> detail(String code, int events) {
        return store.inTransaction(session -> session.doReturningWork(c -> {
            Optional<AlarmDevice> device = find(c, code, false);
            if (device.isEmpty()) {
                return Optional.<Detail>empty();
            }
            List<DeviceEvent> latest = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT e.id, e.event_type, e.occurred_at, e.received_at,"
                    + " e.source_id, i.code FROM fire_alarm_event e LEFT JOIN fire_incident i ON i.id = e.incident_id"
                    + " WHERE e.device_id = ? ORDER BY e.occurred_at DESC, e.id DESC LIMIT ?")) {
                ps.setLong(1, device.get().id());
                ps.setInt(2, events);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        latest.add(event(rs, code));
                    }
                }
            }
            String open = null;
            try (PreparedStatement ps = c.prepareStatement("SELECT code FROM fire_incident WHERE device_id = ?"
                    + " AND status <> 'RESOLVED' ORDER BY opened_at DESC LIMIT 1")) {
                ps.setLong(1, device.get().id());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        open = rs.getString(1);
                    }
                }
            }
            return Optional.of(new Detail(device.get(), latest, open));
        }));
    }

    /** Reads an event row of {@code SELECT id, event_type, occurred_at, received_at, source_id, incident code}. */
    static DeviceEvent event(ResultSet rs, String device) throws SQLException {
        return new DeviceEvent(
                rs.getLong(1),
                device,
                EventType.valueOf(rs.getString(2)),
                Sql.instant(rs, 3),
                Sql.instant(rs, 4),
                rs.getString(5),
                rs.getString(6));
    }

    /** Returns the device with this code; empty when there is none. */
    public Optional<AlarmDevice> find(String code) {
        return store.inTransaction(session -> session.doReturningWork(c -> find(c, code, false)));
    }

    /** Reads a device on the caller's connection, locking its row until the transaction ends when {@code lock}. */
    static Optional<AlarmDevice> find(Connection c, String code, boolean lock) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT " + COLUMNS + " FROM fire_alarm_device WHERE code = ?" + (lock ? " FOR UPDATE" : ""))) {
            ps.setString(1, code);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    /**
     * Registers a device with status {@code normal}; it is watched from now on.
     *
     * @throws ConflictException when a device has this code
     */
    public AlarmDevice register(DeviceInput input, Instant now) {
        return store.inTransaction(session -> session.doReturningWork(c -> {
            if (find(c, input.code(), false).isPresent()) {
                throw new ConflictException("a device " + input.code() + " is registered; change it with PUT"
                        + " /api/alarm-devices/" + input.code());
            }
            long id;
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO fire_alarm_device (code, building, address, floor, device_type, status, district,"
                            + " heartbeat_interval_s, offline_after, geom)"
                            + " VALUES (?, ?, ?, ?, ?, 'normal', ?, ?, ?, ST_GeomFromWKB(?, 4326))",
                    new String[] {"id"})) {
                ps.setString(1, input.code());
                ps.setString(2, input.building());
                ps.setString(3, input.address());
                Sql.setInteger(ps, 4, input.floor());
                ps.setString(5, input.deviceType());
                ps.setString(6, input.district());
                ps.setInt(7, input.heartbeatIntervalS());
                Sql.setInstant(ps, 8, offlineAfter(now, input.heartbeatIntervalS()));
                ps.setBytes(9, SqlDialect.wkb(point(input.lon(), input.lat())));
                ps.executeUpdate();
                id = Sql.generatedId(ps);
            }
            changes.record(c, LAYER, id, ChangeOp.ADDED);
            return find(c, input.code(), false).orElseThrow();
        }));
    }

    /**
     * Updates a device's description, position and heartbeat interval; its status and events stay. A watched device
     * gets its deadline again from when it was last heard (or now) with the new interval.
     *
     * @throws NotFoundException when no device has this code
     */
    public AlarmDevice update(DeviceInput input, Instant now) {
        return store.inTransaction(session -> session.doReturningWork(c -> {
            AlarmDevice old =
                    find(c, input.code(), true).orElseThrow(() -> new NotFoundException("no device " + input.code()));
            Instant deadline = old.offlineAfter() == null
                    ? null
                    : offlineAfter(
                            old.lastHeartbeatAt() == null ? now : old.lastHeartbeatAt(), input.heartbeatIntervalS());
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE fire_alarm_device SET building = ?, address = ?, floor = ?, device_type = ?, district = ?,"
                            + " heartbeat_interval_s = ?, offline_after = ?, geom = ST_GeomFromWKB(?, 4326) WHERE id = ?")) {
                ps.setString(1, input.building());
                ps.setString(2, input.address());
                Sql.setInteger(ps, 3, input.floor());
                ps.setString(4, input.deviceType());
                ps.setString(5, input.district());
                ps.setInt(6, input.heartbeatIntervalS());
                Sql.setInstant(ps, 7, deadline);
                ps.setBytes(8, SqlDialect.wkb(point(input.lon(), input.lat())));
                ps.setLong(9, old.id());
                ps.executeUpdate();
            }
            changes.record(c, LAYER, old.id(), ChangeOp.CHANGED);
            return find(c, input.code(), false).orElseThrow();
        }));
    }

    /** Returns when a device heard at {@code heard} is due to be marked offline: twice its interval later. */
    static Instant offlineAfter(Instant heard, int heartbeatIntervalS) {
        return heard.plus(Duration.ofSeconds((long) OfflineWatcher.GRACE_FACTOR * heartbeatIntervalS));
    }

    static Point point(double lon, double lat) {
        Point p = SqlDialect.WGS84.createPoint(new Coordinate(lon, lat));
        p.setSRID(4326);
        return p;
    }

    /** Reads a row of {@link #COLUMNS}. */
    static AlarmDevice read(ResultSet rs) throws SQLException {
        return new AlarmDevice(
                rs.getLong(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                Sql.integer(rs, 5),
                rs.getString(6),
                rs.getString(7),
                rs.getString(8),
                rs.getInt(9),
                rs.getString(10),
                Sql.instant(rs, 11),
                Sql.instant(rs, 12),
                Sql.instant(rs, 13),
                rs.getDouble(14),
                rs.getDouble(15));
    }
}
