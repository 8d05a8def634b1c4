package org.iocmap.service.geofence;

import java.time.Duration;
import java.util.Optional;

/**
 * Tells the engine what it knows about a vessel besides its fixes, typically from the vessel registry and the AIS
 * static data received so far. Called for every fix, so implementations should answer from memory.
 *
 * <p>Both answers may change over time (static data arrives after the first positions); the engine applies the
 * answer given at each fix and treats a change of class like a change of the fence ({@link Cause#FENCE_CHANGED}).
 */
@FunctionalInterface
public interface VesselDirectory {
    /** Returns the vessel's class; {@link VesselClass#UNKNOWN} when nothing is known. Never null. */
    VesselClass classOf(int mmsi);

    /**
     * Returns the longest silence that is normal for this vessel, when it is known (a VMS unit set to report every
     * four hours, say). It overrides both the class setting and the learnt interval of {@link DarkSettings}.
     */
    default Optional<Duration> findExpectedInterval(int mmsi) {
        return Optional.empty();
    }

    /** Returns a directory that knows nothing: every vessel is {@link VesselClass#UNKNOWN}. */
    static VesselDirectory unknown() {
        return mmsi -> VesselClass.UNKNOWN;
    }
}
