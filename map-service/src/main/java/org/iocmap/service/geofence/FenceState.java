package org.iocmap.service.geofence;

/** Holds what the engine remembers of one vessel and one fence. Mutable; touched only by the engine's thread. */
final class FenceState {
    static final long NONE = Long.MIN_VALUE;

    /** The version in effect when the state was last updated: named when the fence has no version any more. */
    int version;

    boolean inside;
    long enteredAt = NONE;
    boolean dwellReported;
    long slowSince = NONE;
    boolean loiterReported;
    boolean approachOpen;
    long approachMissSince = NONE;
    PendingCrossing pending;

    /** Tests whether there is nothing to remember, so that the state can be dropped. */
    boolean isIdle() {
        return !inside && pending == null && !approachOpen && approachMissSince == NONE && slowSince == NONE;
    }

    void endVisit() {
        inside = false;
        enteredAt = NONE;
        dwellReported = false;
        slowSince = NONE;
        loiterReported = false;
        pending = null;
    }

    void endApproach() {
        approachOpen = false;
        approachMissSince = NONE;
    }
}
