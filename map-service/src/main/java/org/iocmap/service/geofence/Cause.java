package org.iocmap.service.geofence;

/** Says why a vessel's membership of an area fence changed, for {@link EventType#ENTER} and {@link EventType#EXIT}. */
public enum Cause {
    /** The vessel moved across the boundary; time and point are interpolated on the track between two fixes. */
    BOUNDARY_CROSSED,
    /** The first fix ever seen of the vessel lies inside the fence. */
    FIRST_POSITION,
    /**
     * The fence changed under a vessel that did not cross its boundary: its schedule opened or closed, a version with
     * a different geometry took effect, the fence was added, or the vessel's class started or stopped matching.
     */
    FENCE_CHANGED
}
