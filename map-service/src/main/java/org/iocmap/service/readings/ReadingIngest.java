package org.iocmap.service.readings;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hibernate.Session;
import org.iocmap.layers.changes.ChangeLog;
import org.iocmap.layers.changes.ChangeOp;
import org.iocmap.layers.demo.VnAqi;
import org.iocmap.layers.kinds.GenericFeatures;
import org.iocmap.layers.readings.NowCast;
import org.iocmap.layers.readings.ReadingParameter;
import org.iocmap.layers.readings.Threshold;
import org.iocmap.layers.store.Store;
import org.iocmap.layers.store.StoreKind;

/**
 * Stores station readings and applies them: in <em>one</em> transaction per batch, each reading is stored, the station's
 * latest value and VN_AQI follow it, alerts open or close ({@link StationAlerts}) and each station touched records its
 * change for layer {@value #LAYER}; the caller acknowledges only after this returns.
 *
 * <ul>
 *   <li><b>Idempotent.</b> A reading whose station, parameter and time are stored already is rejected as DUPLICATE and
 *       changes nothing, so a sender may retry a batch whose answer it lost.
 *   <li><b>Latest.</b> The station shows its type's main parameter (PM2.5, DO, LAeq): a reading of it at or after the
 *       station's latest reading time becomes the latest value; a late one does not overwrite a newer one. A PM2.5
 *       reading sets VN_AQI from the NowCast of the 12 hours up to it; a VN_AQI reading sets it as sent.
 *   <li><b>Alerts.</b> Readings newer than the parameter's latest stored one are applied in time order: one beyond an
 *       alerting threshold opens an alert unless one is open; one within every threshold closes the open one.
 * </ul>
 *
 * <p>Stations are locked in code order, so concurrent batches never deadlock. Blocks on the store; thread-safe.
 */
public final class ReadingIngest {
    /** The layer of the stations. */
    public static final String LAYER = "env_stations";

    private final Store store;
    private final ChangeLog changes;
    private final StationAlerts alerts;
    private final Clock clock;

    public ReadingIngest(Store store, Clock clock) {
        this.store = store;
        this.changes = new ChangeLog(store, clock);
        this.alerts = new StationAlerts(new GenericFeatures(store, changes));
        this.clock = clock;
    }

    /**
     * Describes a stored reading.
     *
     * @param alertOpened the id of the alert (feature of {@value StationAlerts#LAYER}) it opened; null when none
     * @param alertClosed the id of the alert it closed; null when none
     */
    public record Accepted(
            int index,
            String station,
            String parameter,
            double value,
            String unit,
            Instant at,
            long readingId,
            Long alertOpened,
            Long alertClosed) {}

    /** Holds the outcome of a batch, each list in index order. */
    public record Receipt(List<Accepted> accepted, List<ReadingReject> rejected) {}

    /** Returns the clock that stamps receipts. */
    public Clock clock() {
        return clock;
    }

    /**
     * Stores a batch. Rejects (unknown station, parameter the station does not measure, duplicate) are returned, never
     * thrown.
     *
     * @throws org.iocmap.layers.store.StorageUnavailableException when the database cannot be reached; nothing is
     *     stored then
     */
    public Receipt ingest(List<Reading> readings) {
        if (readings.isEmpty()) {
            return new Receipt(List.of(), List.of());
        }
        List<Reading> ordered = new ArrayList<>(readings);
        ordered.sort(Comparator.comparing(Reading::station)
                .thenComparing(r -> r.parameter().stored())
                .thenComparing(Reading::at)
                .thenComparingInt(Reading::index));
        return store.inTransaction(session -> {
            List<Accepted> accepted = new ArrayList<>();
            List<ReadingReject> rejected = new ArrayList<>();
            Map<String, Optional<StationState>> stations = new LinkedHashMap<>();
            for (Reading reading : ordered) {
                Optional<StationState> found = stations.get(reading.station());
                if (found == null) {
                    found = session.doReturningWork(c -> StationState.lock(c, reading.station()));
                    stations.put(reading.station(), found);
                }
                if (found.isEmpty()) {
                    rejected.add(new ReadingReject(
                            reading.index(),
                            RejectReason.UNKNOWN_STATION,
                            "no station " + reading.station() + " is registered",
                            reading.station()));
                    continue;
                }
                apply(session, found.get(), reading, accepted, rejected);
            }
            // Last: the log rows should commit right after they are written (see ChangeLog).
            for (Optional<StationState> s : stations.values()) {
                if (s.isPresent() && s.get().touched) {
                    session.doWork(c -> {
                        s.get().save(c);
                        changes.record(c, LAYER, s.get().station.id(), ChangeOp.CHANGED);
                    });
                }
            }
            accepted.sort(Comparator.comparingInt(Accepted::index));
            rejected.sort(Comparator.comparingInt(ReadingReject::index));
            return new Receipt(accepted, rejected);
        });
    }

    private void apply(
            Session session, StationState s, Reading r, List<Accepted> accepted, List<ReadingReject> rejected) {
        ReadingParameter p = r.parameter();
        if (!p.stationType().equals(s.type)) {
            rejected.add(new ReadingReject(
                    r.index(),
                    RejectReason.UNKNOWN_PARAMETER,
                    "station " + s.station.code() + " is a " + s.type + " station and does not measure " + p.stored()
                            + "; it measures " + measuredBy(s.type),
                    s.station.code()));
            return;
        }
        Instant latestBefore = s.latestStored(session, p);
        Long duplicate = session.doReturningWork(c -> stored(c, s.station.id(), p, r.at()));
        if (duplicate != null) {
            rejected.add(new ReadingReject(
                    r.index(),
                    RejectReason.DUPLICATE,
                    p.stored() + " of " + s.station.code() + " at " + r.at() + " is stored already (reading "
                            + duplicate + ")",
                    s.station.code()));
            return;
        }
        long id = session.doReturningWork(c -> insert(c, store.kind(), s.station.id(), p, r.value(), r.at()));
        s.touched = true;
        s.follow(session, p, r.value(), r.at());
        Long opened = null;
        Long closed = null;
        if (latestBefore == null || r.at().isAfter(latestBefore)) {
            s.latest.put(p, r.at());
            Optional<Threshold> breach = p.breached(r.value());
            Optional<Long> open = alerts.openAlert(session, s.station.id(), p);
            if (breach.isPresent() && open.isEmpty()) {
                opened = alerts.open(session, s.station, p, r.value(), r.at(), breach.get());
            } else if (breach.isEmpty() && open.isPresent()) {
                alerts.close(session, s.station.id(), p, open.get(), r.value(), r.at());
                closed = open.get();
            }
        }
        accepted.add(
                new Accepted(r.index(), s.station.code(), p.stored(), r.value(), p.unit(), r.at(), id, opened, closed));
    }

    private static String measuredBy(String type) {
        return java.util.Arrays.stream(ReadingParameter.values())
                .filter(p -> p.stationType().equals(type))
                .map(ReadingParameter::stored)
                .toList()
                .toString();
    }

    /** Returns the id of the stored reading of the station, parameter and time; null when there is none. */
    private static Long stored(Connection c, long stationId, ReadingParameter p, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id FROM env_reading WHERE station_id = ? AND parameter = ? AND measured_at = ?")) {
            ps.setLong(1, stationId);
            ps.setString(2, p.stored());
            setInstant(ps, 3, at);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : null;
            }
        }
    }

    private static long insert(Connection c, StoreKind kind, long stationId, ReadingParameter p, double v, Instant at)
            throws SQLException {
        String next = kind == StoreKind.POSTGIS ? "SELECT nextval('id_seq')" : "SELECT NEXT VALUE FOR id_seq";
        long id;
        try (PreparedStatement ps = c.prepareStatement(next);
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            id = rs.getLong(1);
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO env_reading"
                + " (id, station_id, measured_at, parameter, reading_value, unit) VALUES (?, ?, ?, ?, ?, ?)")) {
            ps.setLong(1, id);
            ps.setLong(2, stationId);
            setInstant(ps, 3, at);
            ps.setString(4, p.stored());
            ps.setDouble(5, v);
            ps.setString(6, p.unit());
            ps.executeUpdate();
        }
        return id;
    }

    static void setInstant(PreparedStatement ps, int index, Instant at) throws SQLException {
        if (at == null) {
            ps.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            ps.setObject(index, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
        }
    }

    static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    /** Holds a locked station and the latest values a batch gives it, written once at the end. */
    private static final class StationState {
        private final StationAlerts.Station station;
        private final String type;
        private final Map<ReadingParameter, Instant> latest = new HashMap<>();
        private Instant lastReadingAt;
        private String lastParameter;
        private Double lastValue;
        private String lastUnit;
        private Integer lastAqi;
        private Instant lastAqiAt;
        private boolean touched;

        private StationState(StationAlerts.Station station, String type) {
            this.station = station;
            this.type = type;
        }

        static Optional<StationState> lock(Connection c, String code) throws SQLException {
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT id, code, name, station_type, ST_X(geom), ST_Y(geom),"
                            + " last_reading_at, last_parameter, last_value, last_unit, last_aqi"
                            + " FROM env_station WHERE code = ? FOR UPDATE")) {
                ps.setString(1, code);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    StationState s = new StationState(
                            new StationAlerts.Station(
                                    rs.getLong(1), rs.getString(2), rs.getString(3), rs.getDouble(5), rs.getDouble(6)),
                            rs.getString(4));
                    s.lastReadingAt = instant(rs, 7);
                    s.lastParameter = rs.getString(8);
                    double value = rs.getDouble(9);
                    s.lastValue = rs.wasNull() ? null : value;
                    s.lastUnit = rs.getString(10);
                    int aqi = rs.getInt(11);
                    s.lastAqi = rs.wasNull() ? null : aqi;
                    s.lastAqiAt = s.lastReadingAt;
                    return Optional.of(s);
                }
            }
        }

        /** Returns the time of the parameter's latest reading stored before this batch's newer ones; null if none. */
        Instant latestStored(Session session, ReadingParameter p) {
            if (latest.containsKey(p)) {
                return latest.get(p);
            }
            Instant found = session.doReturningWork(c -> {
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT MAX(measured_at) FROM env_reading WHERE station_id = ? AND parameter = ?")) {
                    ps.setLong(1, station.id());
                    ps.setString(2, p.stored());
                    try (ResultSet rs = ps.executeQuery()) {
                        return rs.next() ? instant(rs, 1) : null;
                    }
                }
            });
            latest.put(p, found);
            return found;
        }

        /** Makes a reading of the main parameter (or VN_AQI) the station's latest when it is not older. */
        void follow(Session session, ReadingParameter p, double value, Instant at) {
            if (p == ReadingParameter.VN_AQI) {
                if (lastAqiAt == null || !at.isBefore(lastAqiAt)) {
                    lastAqi = (int) Math.round(value);
                    lastAqiAt = at;
                }
                return;
            }
            if (ReadingParameter.mainOf(type).orElse(null) != p
                    || (lastReadingAt != null && at.isBefore(lastReadingAt))) {
                return;
            }
            lastReadingAt = at;
            lastParameter = p.stored();
            lastValue = value;
            lastUnit = p.unit();
            if (p == ReadingParameter.PM2_5 && (lastAqiAt == null || !at.isBefore(lastAqiAt))) {
                double nowCast = NowCast.at(at, pm25Before(session, at));
                lastAqi = VnAqi.ofPm25(Double.isNaN(nowCast) ? value : nowCast);
                lastAqiAt = at;
            }
        }

        private Map<Instant, Double> pm25Before(Session session, Instant at) {
            return session.doReturningWork(c -> {
                Map<Instant, Double> values = new HashMap<>();
                try (PreparedStatement ps = c.prepareStatement("SELECT measured_at, reading_value FROM env_reading"
                        + " WHERE station_id = ? AND parameter = ? AND measured_at > ? AND measured_at <= ?")) {
                    ps.setLong(1, station.id());
                    ps.setString(2, ReadingParameter.PM2_5.stored());
                    setInstant(ps, 3, at.minus(Duration.ofHours(12)));
                    setInstant(ps, 4, at);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            values.put(instant(rs, 1), rs.getDouble(2));
                        }
                    }
                }
                return values;
            });
        }

        void save(Connection c) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement("UPDATE env_station SET last_reading_at = ?,"
                    + " last_parameter = ?, last_value = ?, last_unit = ?, last_aqi = ? WHERE id = ?")) {
                setInstant(ps, 1, lastReadingAt);
                ps.setString(2, lastParameter);
                if (lastValue == null) {
                    ps.setNull(3, Types.DOUBLE);
                } else {
                    ps.setDouble(3, lastValue);
                }
                ps.setString(4, lastUnit);
                if (lastAqi == null) {
                    ps.setNull(5, Types.INTEGER);
                } else {
                    ps.setInt(5, lastAqi);
                }
                ps.setLong(6, station.id());
                ps.executeUpdate();
            }
        }
    }
}
