package org.iocmap.service.geofence;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Holds one event with its evidence, ready to be stored and turned into an alert.
 *
 * <p>The time is when it happened, not when it was noticed: an ENTER between two fixes hours apart carries the
 * interpolated time of the crossing, an EXIT confirmed at a later fix keeps the time of its crossing, and a DWELL the
 * time its threshold was reached. Times are truncated to the millisecond.
 *
 * @param type what happened
 * @param mmsi the vessel
 * @param time when it happened
 * @param lon longitude where it happened, degrees: the crossing point, or the fix for events at a fix; for APPROACH
 *     the vessel's position (the arrival point is in the detail); for DARK_STARTED the last position seen
 * @param lat latitude where it happened, degrees
 * @param interpolated true when time and position were interpolated on the track between two fixes rather than
 *     reported by a fix
 * @param fence the fence version the event is about; null for DARK_STARTED and DARK_ENDED
 * @param track the fixes the event was derived from, oldest first: the fix before and the fix after a crossing (and
 *     the later fix that confirmed it, if any), or the single fix of an event at a fix
 * @param detail what the event's type adds
 */
public record GeofenceEvent(
        EventType type,
        int mmsi,
        Instant time,
        double lon,
        double lat,
        boolean interpolated,
        FenceRef fence,
        List<PositionFix> track,
        EventDetail detail) {
    /** Checks the required fields and copies the track. */
    public GeofenceEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(detail, "detail");
        if (type.isFenceEvent() != (fence != null)) {
            throw new IllegalArgumentException(type + " events " + (fence == null ? "need" : "have no") + " a fence");
        }
        track = List.copyOf(track);
    }

    /** Returns the fence's id; null for DARK events. */
    public String fenceId() {
        return fence == null ? null : fence.id();
    }
}
