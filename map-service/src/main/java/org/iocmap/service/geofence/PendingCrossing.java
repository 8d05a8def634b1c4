package org.iocmap.service.geofence;

/**
 * Holds an exit or line crossing waiting for the hysteresis rule to confirm it.
 *
 * @param time when it crossed, epoch ms
 * @param lon longitude of the crossing
 * @param lat latitude of the crossing
 * @param interpolated whether the crossing lies between fixes
 * @param direction its direction
 * @param version the fence version in effect at the crossing
 * @param fenceChanged whether the fence changed under the vessel rather than the vessel crossing
 * @param before the fix before the crossing
 * @param after the fix after the crossing
 * @param entry where the vessel entered between the same two fixes (an area transit), or null
 */
record PendingCrossing(
        long time,
        double lon,
        double lat,
        boolean interpolated,
        Direction direction,
        int version,
        boolean fenceChanged,
        PositionFix before,
        PositionFix after,
        Entry entry) {

    /** Holds the entry of an area transit: the vessel entered and left between two fixes. */
    record Entry(long time, double lon, double lat, int version) {}
}
