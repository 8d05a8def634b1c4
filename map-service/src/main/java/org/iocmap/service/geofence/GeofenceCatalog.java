package org.iocmap.service.geofence;

import java.util.Collection;

/**
 * Holds the current {@link GeofenceIndex} for every engine that reads it, and lets fences be added, given a new
 * version and removed while the engines run.
 *
 * <p>Thread-safe: changes are serialised and publish a new immutable index; an engine reads the current index once per
 * fix, so a fix is evaluated against one consistent set of fences. What a change does to vessels already inside a
 * fence is described in {@link GeofenceEngine}.
 */
public final class GeofenceCatalog {
    private volatile GeofenceIndex index;

    /** Creates a catalog without fences. */
    public GeofenceCatalog() {
        this.index = GeofenceIndex.empty();
    }

    /** Creates a catalog holding {@code fences}. */
    public GeofenceCatalog(Collection<Geofence> fences) {
        this.index = GeofenceIndex.of(fences);
    }

    /** Returns the current index. */
    public GeofenceIndex index() {
        return index;
    }

    /** Adds {@code fence}, or replaces the fence with the same id and all its versions. */
    public synchronized void put(Geofence fence) {
        index = index.with(fence);
    }

    /**
     * Adds {@code version} to the fence {@code id} as its newest version, creating the fence when there is none.
     *
     * @throws IllegalArgumentException when {@code version} does not follow the newest version in number and time
     */
    public synchronized void addVersion(String id, GeofenceVersion version) {
        Geofence fence = index.findFence(id).map(f -> f.withVersion(version)).orElseGet(() -> Geofence.of(id, version));
        index = index.with(fence);
    }

    /** Removes the fence {@code id}; returns false when there was none. */
    public synchronized boolean remove(String id) {
        GeofenceIndex before = index;
        index = before.without(id);
        return index != before;
    }
}
