package org.iocmap.layers.demo;

/**
 * Reports what {@link DemoData#loadIfEmpty} did: how many rows of each kind it inserted (all zero when the store
 * already had data) and how long the call took.
 *
 * @param loaded whether demo data was inserted; false when the store was not empty
 * @param envReadings readings of every parameter of every station
 * @param vesselPositions fixes of every vessel
 * @param ports features of the generic {@code ports} layer
 */
public record DemoSummary(
        boolean loaded,
        int cameras,
        int citizenReports,
        int envStations,
        int envReadings,
        int vessels,
        int vesselPositions,
        int landUsePlans,
        int fireAlarmDevices,
        int fireAlarmEvents,
        int ports,
        long elapsedMillis) {

    /** Creates the summary of a call that found data and inserted nothing. */
    static DemoSummary skipped(long elapsedMillis) {
        return new DemoSummary(false, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, elapsedMillis);
    }
}
