package org.iocmap.service.alarms;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.iocmap.layers.changes.ChangeLog;
import org.iocmap.layers.changes.ChangeOp;
import org.iocmap.layers.store.Store;

/**
 * Stores fire-alarm events from any source (HTTP, MQTT) and applies them: in <em>one</em> transaction per batch, each
 * event is stored, its device's state follows it, an ALARM opens or joins a fire incident, and each device touched
 * records its change for layer {@value AlarmDevices#LAYER}; the caller acknowledges only after this returns.
 *
 * <ul>
 *   <li><b>Idempotent.</b> An event whose device, type and time, or whose device and sender's event id, are already
 *       stored is rejected as DUPLICATE and changes nothing, so a sender may retry a batch whose answer it lost.
 *   <li><b>Status.</b> After ALARM, FAULT or RESTORE a device's status is that of its latest such event by event time
 *       ({@code alarm}, {@code fault}, {@code normal}), so an event that arrives late does not overwrite a newer one.
 *       HEARTBEAT keeps the status and is not stored as an event.
 *   <li><b>Heard.</b> Any message for a known device, duplicates included, marks it heard at the receipt time
 *       ({@code last_heartbeat_at}) and moves its offline deadline to twice its heartbeat interval later. A device
 *       that was offline is back: an ONLINE event is stored and its status is that of its latest condition event.
 * </ul>
 *
 * <p>Devices are locked in code order, so concurrent batches never deadlock. Blocks on the store; thread-safe.
 */
public final class AlarmIngest {
    private final Store store;
    private final FireIncidents incidents;
    private final ChangeLog changes;
    private final Clock clock;

    public AlarmIngest(Store store, FireIncidents incidents, ChangeLog changes, Clock clock) {
        this.store = store;
        this.incidents = incidents;
        this.changes = changes;
        this.clock = clock;
    }

    /**
     * Describes a stored (or, for HEARTBEAT, applied) event.
     *
     * @param eventId the stored event's id; null for HEARTBEAT
     * @param incident the code of the incident an ALARM opened or joined; null otherwise
     * @param incidentOpened whether the ALARM opened a new incident
     */
    public record Accepted(
            int index,
            String device,
            EventType type,
            Instant at,
            Long eventId,
            String incident,
            boolean incidentOpened) {}

    /** Holds the outcome of a batch, each list in index order. */
    public record Receipt(List<Accepted> accepted, List<AlarmReject> rejected) {}

    /** Returns the clock that stamps receipts. */
    public Clock clock() {
        return clock;
    }

    /**
     * Stores a batch received now. Rejects (unknown device, duplicate) are returned, never thrown.
     *
     * @throws org.iocmap.layers.store.StorageUnavailableException when the database cannot be reached; nothing is
     *     stored then
     */
    public Receipt ingest(List<AlarmEvent> events) {
        Instant receivedAt = clock.instant();
        if (events.isEmpty()) {
            return new Receipt(List.of(), List.of());
        }
        List<AlarmEvent> ordered = new ArrayList<>(events);
        ordered.sort(Comparator.comparing(AlarmEvent::device)
                .thenComparing(AlarmEvent::at)
                .thenComparingInt(AlarmEvent::index));
        return store.inTransaction(session -> session.doReturningWork(c -> {
            List<Accepted> accepted = new ArrayList<>();
            List<AlarmReject> rejected = new ArrayList<>();
            Map<String, Optional<DeviceState>> devices = new LinkedHashMap<>();
            for (AlarmEvent event : ordered) {
                Optional<DeviceState> found = devices.get(event.device());
                if (found == null) {
                    found = AlarmDevices.find(c, event.device(), true).map(DeviceState::new);
                    devices.put(event.device(), found);
                }
                if (found.isEmpty()) {
                    rejected.add(new AlarmReject(
                            event.index(),
                            RejectReason.UNKNOWN_DEVICE,
                            "no device " + event.device() + " is registered",
                            event.device()));
                    continue;
                }
                apply(c, found.get(), event, receivedAt, accepted, rejected);
            }
            // Last: the log rows should commit right after they are written (see ChangeLog).
            for (Optional<DeviceState> d : devices.values()) {
                if (d.isPresent()) {
                    d.get().save(c);
                    changes.record(c, AlarmDevices.LAYER, d.get().device.id(), ChangeOp.CHANGED);
                }
            }
            accepted.sort(Comparator.comparingInt(Accepted::index));
            rejected.sort(Comparator.comparingInt(AlarmReject::index));
            return new Receipt(accepted, rejected);
        }));
    }

    private void apply(
            Connection c,
            DeviceState d,
            AlarmEvent event,
            Instant receivedAt,
            List<Accepted> accepted,
            List<AlarmReject> rejected)
            throws SQLException {
        d.heard(receivedAt);
        Long eventId = null;
        if (event.type() != EventType.HEARTBEAT) {
            String duplicate = duplicateOf(c, d.device.id(), event);
            if (duplicate != null) {
                rejected.add(new AlarmReject(event.index(), RejectReason.DUPLICATE, duplicate, event.device()));
                comeBackIfOffline(c, d, receivedAt);
                return;
            }
            eventId = insertEvent(c, d.device.id(), event.type(), event.at(), event.sourceId(), receivedAt);
            d.stored(event.type(), event.at());
        }
        comeBackIfOffline(c, d, receivedAt);
        if (event.type().isCondition()) {
            d.status = latestConditionStatus(c, d.device.id()).orElse(d.status);
        }
        FireIncidents.Outcome outcome = null;
        if (event.type() == EventType.ALARM) {
            outcome = incidents.openOrAttach(c, d.current(), eventId, event.at(), receivedAt);
        }
        accepted.add(new Accepted(
                event.index(),
                event.device(),
                event.type(),
                event.at(),
                eventId,
                outcome == null ? null : outcome.code(),
                outcome != null && outcome.opened()));
    }

    /** Stores ONLINE for a device that was offline and gives it back the status of its latest condition event. */
    private static void comeBackIfOffline(Connection c, DeviceState d, Instant receivedAt) throws SQLException {
        if (!"offline".equals(d.status)) {
            return;
        }
        insertEvent(c, d.device.id(), EventType.ONLINE, receivedAt, null, receivedAt);
        d.stored(EventType.ONLINE, receivedAt);
        d.status = latestConditionStatus(c, d.device.id()).orElse("normal");
    }

    /** Returns why the event is a duplicate of a stored one; null when it is new. */
    private static String duplicateOf(Connection c, long deviceId, AlarmEvent event) throws SQLException {
        if (event.sourceId() != null) {
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT id FROM fire_alarm_event WHERE device_id = ? AND source_id = ?")) {
                ps.setLong(1, deviceId);
                ps.setString(2, event.sourceId());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return "event id " + event.sourceId() + " of " + event.device() + " is stored already (event "
                                + rs.getLong(1) + ")";
                    }
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id FROM fire_alarm_event WHERE device_id = ? AND event_type = ? AND occurred_at = ?")) {
            ps.setLong(1, deviceId);
            ps.setString(2, event.type().name());
            Sql.setInstant(ps, 3, event.at());
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return event.type() + " of " + event.device() + " at " + event.at() + " is stored already (event "
                            + rs.getLong(1) + ")";
                }
            }
        }
        return null;
    }

    /** Stores an event row and returns its id. */
    static long insertEvent(
            Connection c, long deviceId, EventType type, Instant at, String sourceId, Instant receivedAt)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO fire_alarm_event (device_id, event_type, occurred_at, source_id, received_at)"
                        + " VALUES (?, ?, ?, ?, ?)",
                new String[] {"id"})) {
            ps.setLong(1, deviceId);
            ps.setString(2, type.name());
            Sql.setInstant(ps, 3, at);
            ps.setString(4, sourceId);
            Sql.setInstant(ps, 5, receivedAt);
            ps.executeUpdate();
            return Sql.generatedId(ps);
        }
    }

    /** Returns the status the device's latest ALARM, FAULT or RESTORE by event time leads to; empty without one. */
    private static Optional<String> latestConditionStatus(Connection c, long deviceId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT event_type FROM fire_alarm_event WHERE device_id = ?"
                + " AND event_type IN ('ALARM', 'FAULT', 'RESTORE') ORDER BY occurred_at DESC, id DESC LIMIT 1")) {
            ps.setLong(1, deviceId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next()
                        ? Optional.of(EventType.valueOf(rs.getString(1)).deviceStatus())
                        : Optional.empty();
            }
        }
    }

    /** Holds a locked device and the state a batch gives it, written once at the end. */
    private static final class DeviceState {
        private final AlarmDevice device;
        private String status;
        private String lastEvent;
        private Instant lastEventAt;
        private Instant lastHeard;

        DeviceState(AlarmDevice device) {
            this.device = device;
            this.status = device.status();
            this.lastEvent = device.lastEvent();
            this.lastEventAt = device.lastEventAt();
            this.lastHeard = device.lastHeartbeatAt();
        }

        void heard(Instant at) {
            if (lastHeard == null || at.isAfter(lastHeard)) {
                lastHeard = at;
            }
        }

        void stored(EventType type, Instant at) {
            if (lastEventAt == null || !at.isBefore(lastEventAt)) {
                lastEvent = type.name();
                lastEventAt = at;
            }
        }

        /** Returns the device as it stands in this batch so far. */
        AlarmDevice current() {
            return new AlarmDevice(
                    device.id(),
                    device.code(),
                    device.building(),
                    device.address(),
                    device.floor(),
                    device.deviceType(),
                    status,
                    device.district(),
                    device.heartbeatIntervalS(),
                    lastEvent,
                    lastEventAt,
                    lastHeard,
                    AlarmDevices.offlineAfter(lastHeard, device.heartbeatIntervalS()),
                    device.lon(),
                    device.lat());
        }

        void save(Connection c) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement("UPDATE fire_alarm_device SET status = ?, last_event = ?,"
                    + " last_event_at = ?, last_heartbeat_at = ?, offline_after = ? WHERE id = ?")) {
                ps.setString(1, status);
                ps.setString(2, lastEvent);
                Sql.setInstant(ps, 3, lastEventAt);
                Sql.setInstant(ps, 4, lastHeard);
                Sql.setInstant(ps, 5, AlarmDevices.offlineAfter(lastHeard, device.heartbeatIntervalS()));
                ps.setLong(6, device.id());
                ps.executeUpdate();
            }
        }
    }
}
