package org.iocmap.service.geofence;

/**
 * Names the fence version an event is about.
 *
 * @param id the fence's id
 * @param version the version in effect at the event's time
 * @param kind the kind of that version
 * @param name the name of that version
 */
public record FenceRef(String id, int version, FenceKind kind, String name) {
    static FenceRef of(String id, GeofenceVersion v) {
        return new FenceRef(id, v.version(), v.kind(), v.name());
    }
}
