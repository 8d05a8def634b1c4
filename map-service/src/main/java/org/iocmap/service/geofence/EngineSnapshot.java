package org.iocmap.service.geofence;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Holds the whole per-vessel state of a {@link GeofenceEngine}: last fix, dark period and learnt reporting interval,
 * and per fence the membership, unconfirmed crossing, dwell and loiter timers and open approach.
 *
 * <p>Made of numbers, strings, enums, lists and records only, times as epoch milliseconds, so that it serialises with
 * Java serialization or with a plain Jackson {@code ObjectMapper} (no modules) and reads back to an equal value.
 * Fences and settings are not part of it: the engine that restores it reads them from its own catalog and settings.
 *
 * @param format the layout's version, {@value #FORMAT}
 * @param clockMillis the latest time given to {@link GeofenceEngine#advanceTo}; null when it was never called
 * @param vessels every vessel seen, in MMSI order
 */
public record EngineSnapshot(int format, Long clockMillis, List<VesselSnapshot> vessels) implements Serializable {
    /** The layout written by this code. */
    public static final int FORMAT = 1;

    /** Copies the list. */
    public EngineSnapshot {
        vessels = List.copyOf(vessels);
    }

    /**
     * Returns the earliest last-fix time of any vessel: after a restart, every stored fix later than this (and any
     * fix that arrived after the snapshot was taken) must be handed to the engine again; earlier ones of a vessel are
     * recognised and ignored. Null when no vessel was seen.
     */
    public Instant findReplayStart() {
        return vessels.stream()
                .map(v -> v.lastFix().timeMillis())
                .min(Long::compare)
                .map(Instant::ofEpochMilli)
                .orElse(null);
    }

    /**
     * Holds a position fix.
     *
     * @param mmsi the vessel
     * @param timeMillis the fix's time, epoch milliseconds
     * @param lon longitude, degrees
     * @param lat latitude, degrees
     * @param sogKnots speed over ground, or null
     * @param cogDegrees course over ground, or null
     */
    public record Fix(int mmsi, long timeMillis, double lon, double lat, Double sogKnots, Double cogDegrees)
            implements Serializable {
        static Fix of(PositionFix f) {
            return f == null ? null : new Fix(f.mmsi(), f.millis(), f.lon(), f.lat(), f.sogKnots(), f.cogDegrees());
        }

        PositionFix toFix() {
            return new PositionFix(mmsi, Instant.ofEpochMilli(timeMillis), lon, lat, sogKnots, cogDegrees);
        }
    }

    /**
     * Holds one vessel's state.
     *
     * @param mmsi the vessel
     * @param lastFix its last processed fix
     * @param expectedIntervalMillis the silence after {@code lastFix} that makes it dark; {@link Long#MAX_VALUE} when
     *     its class is not watched
     * @param recentGapsMillis its most recent gaps between fixes, oldest first, which its interval is learnt from
     * @param dark whether DARK_STARTED was reported and DARK_ENDED not yet
     * @param fences its state per fence, in fence id order; fences with nothing to remember are left out
     */
    public record VesselSnapshot(
            int mmsi,
            Fix lastFix,
            long expectedIntervalMillis,
            List<Long> recentGapsMillis,
            boolean dark,
            List<FenceSnapshot> fences)
            implements Serializable {
        /** Checks the last fix and copies the lists. */
        public VesselSnapshot {
            Objects.requireNonNull(lastFix, "lastFix");
            recentGapsMillis = List.copyOf(recentGapsMillis);
            fences = List.copyOf(fences);
        }
    }

    /**
     * Holds a vessel's state for one fence.
     *
     * @param fenceId the fence
     * @param version the fence version in effect when the state was last updated
     * @param inside whether the vessel is a member of the area fence (an unconfirmed exit keeps it one)
     * @param enteredAtMillis when the current visit began
     * @param dwellReported whether DWELL was reported for the current visit
     * @param slowSinceMillis the first fix of the current slow run inside, or null
     * @param loiterReported whether LOITER was reported for the current slow run
     * @param approachOpen whether an APPROACH was reported and the approach has not ended
     * @param approachMissSinceMillis since when the projection has missed the fence during an open approach, or null
     * @param pending the unconfirmed exit or line crossing, or null
     */
    public record FenceSnapshot(
            String fenceId,
            int version,
            boolean inside,
            long enteredAtMillis,
            boolean dwellReported,
            Long slowSinceMillis,
            boolean loiterReported,
            boolean approachOpen,
            Long approachMissSinceMillis,
            PendingSnapshot pending)
            implements Serializable {}

    /**
     * Holds an unconfirmed exit or line crossing.
     *
     * @param timeMillis when it crossed
     * @param lon longitude of the crossing, degrees
     * @param lat latitude of the crossing, degrees
     * @param interpolated whether the crossing was interpolated between fixes
     * @param direction its direction
     * @param version the fence version in effect at the crossing
     * @param fenceChanged whether the fence changed under the vessel rather than the vessel crossing
     * @param before the fix before the crossing
     * @param after the fix after the crossing
     * @param entryTimeMillis when the vessel entered between the same two fixes (an area transit), or null
     * @param entryLon longitude of that entry, or null
     * @param entryLat latitude of that entry, or null
     * @param entryVersion the fence version in effect at that entry, or null
     */
    public record PendingSnapshot(
            long timeMillis,
            double lon,
            double lat,
            boolean interpolated,
            Direction direction,
            int version,
            boolean fenceChanged,
            Fix before,
            Fix after,
            Long entryTimeMillis,
            Double entryLon,
            Double entryLat,
            Integer entryVersion)
            implements Serializable {}
}
