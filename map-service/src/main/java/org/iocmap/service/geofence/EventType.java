package org.iocmap.service.geofence;

/** Names the kinds of event the engine reports. The order is the tie-break when two events share a time. */
public enum EventType {
    /** The vessel came inside an area fence. */
    ENTER,
    /** The vessel left an area fence (confirmed by the hysteresis rule, see {@link FenceRules}). */
    EXIT,
    /** The track crossed a line fence, or entered and left an area fence between two fixes. */
    CROSS,
    /** At its speed and course the vessel reaches the fence within the rule's lookahead. */
    APPROACH,
    /** The vessel has been inside an area fence for at least the rule's minimum. */
    DWELL,
    /** The vessel has been slower than the rule's speed inside an area fence for at least the rule's minimum. */
    LOITER,
    /** The vessel has not reported for longer than its expected interval. Not tied to a fence. */
    DARK_STARTED,
    /** A vessel that had gone dark reported again. Not tied to a fence. */
    DARK_ENDED;

    /** Tests whether events of this type are reported per fence, so that a {@link FenceRules} can enable them. */
    public boolean isFenceEvent() {
        return this != DARK_STARTED && this != DARK_ENDED;
    }
}
