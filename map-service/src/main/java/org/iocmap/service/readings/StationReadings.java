package org.iocmap.service.readings;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.iocmap.layers.readings.Downsampler;
import org.iocmap.layers.readings.ReadingParameter;
import org.iocmap.layers.store.Store;

/** Reads a station and the series of one of its parameters for a chart. Blocks on the store; thread-safe. */
public final class StationReadings {
    private final Store store;

    public StationReadings(Store store) {
        this.store = store;
    }

    /** Describes a station as the chart needs it. */
    public record Station(long id, String code, String name, String type, double lon, double lat) {}

    /** Holds one stored reading. */
    public record Point(Instant at, double value) {}

    /**
     * Holds a chart's series: the raw readings when there are at most the asked number, otherwise the buckets.
     *
     * @param count how many readings lie in the window
     * @param points the raw readings, oldest first; empty when downsampled
     * @param buckets the buckets, oldest first; empty when not downsampled
     * @param bucketMillis the length of a bucket; 0 when not downsampled
     */
    public record Series(int count, List<Point> points, List<Downsampler.Bucket> buckets, long bucketMillis) {
        public boolean downsampled() {
            return bucketMillis > 0;
        }
    }

    /** Finds a station by code. */
    public Optional<Station> station(String code) {
        return store.inTransaction(session -> session.doReturningWork(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id, code, name, station_type, ST_X(geom), ST_Y(geom) FROM env_station WHERE code = ?")) {
                ps.setString(1, code);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next()
                            ? Optional.of(new Station(
                                    rs.getLong(1),
                                    rs.getString(2),
                                    rs.getString(3),
                                    rs.getString(4),
                                    rs.getDouble(5),
                                    rs.getDouble(6)))
                            : Optional.empty();
                }
            }
        }));
    }

    /**
     * Returns the readings of {@code parameter} at the station within [from, to]: raw when there are at most
     * {@code points}, otherwise at most {@code points} buckets with their minimum, maximum and mean.
     */
    public Series series(long stationId, ReadingParameter parameter, Instant from, Instant to, int points) {
        return store.inTransaction(session -> session.doReturningWork(c -> {
            int count;
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM env_reading"
                    + " WHERE station_id = ? AND parameter = ? AND measured_at >= ? AND measured_at <= ?")) {
                bind(ps, stationId, parameter, from, to);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    count = rs.getInt(1);
                }
            }
            List<Point> raw = new ArrayList<>();
            Downsampler downsampler = count > points ? new Downsampler(from, to, points) : null;
            try (PreparedStatement ps = c.prepareStatement("SELECT measured_at, reading_value FROM env_reading"
                    + " WHERE station_id = ? AND parameter = ? AND measured_at >= ? AND measured_at <= ?"
                    + " ORDER BY measured_at")) {
                ps.setFetchSize(1_000);
                bind(ps, stationId, parameter, from, to);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Instant at = ReadingIngest.instant(rs, 1);
                        double value = rs.getDouble(2);
                        if (downsampler == null) {
                            raw.add(new Point(at, value));
                        } else {
                            downsampler.add(at, value);
                        }
                    }
                }
            }
            return downsampler == null
                    ? new Series(raw.size(), raw, List.of(), 0)
                    : new Series(count, List.of(), downsampler.finish(), downsampler.bucketMillis());
        }));
    }

    private static void bind(PreparedStatement ps, long stationId, ReadingParameter p, Instant from, Instant to)
            throws java.sql.SQLException {
        ps.setLong(1, stationId);
        ps.setString(2, p.stored());
        ReadingIngest.setInstant(ps, 3, from);
        ReadingIngest.setInstant(ps, 4, to);
    }
}
