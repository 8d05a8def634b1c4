package org.iocmap.service.geofence;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Holds a fence with every version it has had, oldest first. A fence does not exist before its first version's
 * {@code effectiveFrom}.
 *
 * @param id the fence's identifier, stable across versions
 * @param versions the versions, at least one, with increasing version numbers and effective instants
 */
public record Geofence(String id, List<GeofenceVersion> versions) {
    /**
     * Checks the order of the versions and copies the list.
     *
     * @throws IllegalArgumentException when there is no version, or version numbers or effective instants do not
     *     increase together
     */
    public Geofence {
        Objects.requireNonNull(id, "id");
        if (id.isBlank()) {
            throw new IllegalArgumentException("a fence id must not be blank");
        }
        versions = List.copyOf(versions);
        if (versions.isEmpty()) {
            throw new IllegalArgumentException("fence " + id + " has no version");
        }
        for (int i = 1; i < versions.size(); i++) {
            GeofenceVersion before = versions.get(i - 1);
            GeofenceVersion after = versions.get(i);
            if (after.version() <= before.version() || !after.effectiveFrom().isAfter(before.effectiveFrom())) {
                throw new IllegalArgumentException("fence " + id + ": version " + after.version() + " effective "
                        + after.effectiveFrom() + " must follow version " + before.version() + " effective "
                        + before.effectiveFrom() + " in both number and time");
            }
        }
    }

    /** Creates a fence with one version. */
    public static Geofence of(String id, GeofenceVersion first) {
        return new Geofence(id, List.of(first));
    }

    /**
     * Returns this fence with {@code next} added as its newest version.
     *
     * @throws IllegalArgumentException when {@code next} does not follow the newest version in number and time
     */
    public Geofence withVersion(GeofenceVersion next) {
        List<GeofenceVersion> all = new ArrayList<>(versions);
        all.add(next);
        all.sort(Comparator.comparing(GeofenceVersion::effectiveFrom));
        return new Geofence(id, all);
    }

    /** Returns the newest version. */
    public GeofenceVersion latest() {
        return versions.getLast();
    }

    /** Returns the version in effect at {@code time}; empty before the first version's effective instant. */
    public Optional<GeofenceVersion> findVersionAt(Instant time) {
        int i = versionIndexAt(time.toEpochMilli());
        return i < 0 ? Optional.empty() : Optional.of(versions.get(i));
    }

    /** Returns the index in {@link #versions()} of the version in effect at {@code millis}, or -1 when none is. */
    int versionIndexAt(long millis) {
        for (int i = versions.size() - 1; i >= 0; i--) {
            if (versions.get(i).effectiveFrom().toEpochMilli() <= millis) {
                return i;
            }
        }
        return -1;
    }
}
