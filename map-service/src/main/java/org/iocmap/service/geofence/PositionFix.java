package org.iocmap.service.geofence;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import org.iocmap.layers.ais.PositionReport;

/**
 * Holds one reported position of a vessel: the engine's input, and the evidence carried by its events.
 *
 * @param mmsi the vessel's MMSI (or the identifier its VMS unit reports as one), positive
 * @param time when the vessel was at the position; truncated to the millisecond, the precision of every time the engine
 *     reports
 * @param lon longitude in degrees, EPSG:4326, within [-180, 180]
 * @param lat latitude in degrees, EPSG:4326, within [-90, 90]
 * @param sogKnots speed over ground in knots, 0 or more; null when not reported
 * @param cogDegrees course over ground in degrees clockwise from true north, within [0, 360); null when not reported
 */
public record PositionFix(int mmsi, Instant time, double lon, double lat, Double sogKnots, Double cogDegrees) {
    /**
     * Checks the values and truncates the time to the millisecond.
     *
     * @throws IllegalArgumentException naming the value out of range
     */
    public PositionFix {
        Objects.requireNonNull(time, "time");
        if (mmsi <= 0) {
            throw new IllegalArgumentException("mmsi must be positive, was " + mmsi);
        }
        if (!(lon >= -180 && lon <= 180) || !(lat >= -90 && lat <= 90)) { // the negations also reject NaN
            throw new IllegalArgumentException(
                    "position (" + lon + " " + lat + ") must be a longitude within ±180 and a latitude within ±90");
        }
        if (sogKnots != null && !(sogKnots >= 0 && sogKnots < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("sogKnots must be a finite number >= 0, was " + sogKnots);
        }
        if (cogDegrees != null && !(cogDegrees >= 0 && cogDegrees < 360)) {
            throw new IllegalArgumentException("cogDegrees must be within [0, 360), was " + cogDegrees);
        }
        time = time.truncatedTo(ChronoUnit.MILLIS);
    }

    /** Creates a fix with neither speed nor course. */
    public static PositionFix of(int mmsi, Instant time, double lon, double lat) {
        return new PositionFix(mmsi, time, lon, lat, null, null);
    }

    /**
     * Creates the fix of a decoded AIS position report received at {@code time} (AIS reports carry only the second of
     * the minute, so the receiver's time stamp, or the tag block's, stands for the fix time). Empty when the report has
     * no position.
     */
    public static Optional<PositionFix> fromAis(PositionReport report, Instant time) {
        if (!report.hasPosition()) {
            return Optional.empty();
        }
        Double cog = report.cogDegrees();
        return Optional.of(new PositionFix(
                report.mmsi(),
                time,
                report.lon(),
                report.lat(),
                report.sogKnots(),
                cog != null && cog >= 360 ? null : cog));
    }

    /** Returns the time in milliseconds since the epoch. */
    long millis() {
        return time.toEpochMilli();
    }
}
