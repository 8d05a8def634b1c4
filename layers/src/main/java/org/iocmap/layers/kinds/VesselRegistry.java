package org.iocmap.layers.kinds;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.iocmap.layers.store.Store;

/**
 * Reads the vessel registry: search by name, MMSI or registration number, and a vessel's track between two times.
 *
 * <p>Thread-safe. Blocks on the store.
 */
public final class VesselRegistry {
    /** The most positions one track answer holds. */
    public static final int MAX_TRACK_POINTS = 50_000;

    private final Store store;

    public VesselRegistry(Store store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /** One vessel as the registry holds it. */
    public record VesselRecord(
            long id,
            String mmsi,
            String name,
            String callSign,
            String registrationNo,
            String shipType,
            Double lengthM,
            String flag,
            Instant lastFixAt,
            Double lon,
            Double lat,
            Double speedKn,
            Double courseDeg,
            Double headingDeg) {}

    /** One stored position. */
    public record TrackPoint(Instant at, double lon, double lat, Double speedKn, Double courseDeg) {}

    /**
     * Returns the vessels whose name or registration number contains {@code text} (case-insensitive) or whose MMSI
     * starts with it, most recently seen first; every vessel when {@code text} is blank.
     */
    public List<VesselRecord> search(String text, int limit) {
        String q = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        return store.inTransaction(session -> session
                .createSelectionQuery(
                        "from Vessel v where :q = '' or lower(v.name) like :contains escape '\\' or"
                                + " lower(v.registrationNo) like :contains escape '\\' or v.mmsi like :prefix escape"
                                + " '\\' order by v.lastFixAt desc nulls last, v.mmsi",
                        Vessel.class)
                .setParameter("q", q)
                .setParameter("contains", "%" + escape(q) + "%")
                .setParameter("prefix", escape(q) + "%")
                .setMaxResults(limit)
                .getResultList()
                .stream()
                .map(VesselRegistry::record)
                .toList());
    }

    /** Returns the vessel with this MMSI; empty when the registry has none. */
    public Optional<VesselRecord> findByMmsi(String mmsi) {
        return store.inTransaction(session -> session
                .createSelectionQuery("from Vessel v where v.mmsi = :mmsi", Vessel.class)
                .setParameter("mmsi", mmsi)
                .getResultList()
                .stream()
                .findFirst()
                .map(VesselRegistry::record));
    }

    /**
     * Returns the positions of the vessel with this MMSI between {@code from} and {@code to} (both included), oldest
     * first, at most {@link #MAX_TRACK_POINTS}.
     */
    public List<TrackPoint> track(String mmsi, Instant from, Instant to) {
        return store.inTransaction(session -> session
                .createSelectionQuery(
                        "from VesselPosition p where p.mmsi = :mmsi and p.fixAt >= :from and p.fixAt <= :to"
                                + " order by p.fixAt",
                        VesselPosition.class)
                .setParameter("mmsi", mmsi)
                .setParameter("from", from)
                .setParameter("to", to)
                .setMaxResults(MAX_TRACK_POINTS)
                .getResultList()
                .stream()
                .map(p -> new TrackPoint(
                        p.getFixAt(), p.getGeom().getX(), p.getGeom().getY(), p.getSpeedKn(), p.getCourseDeg()))
                .toList());
    }

    private static String escape(String q) {
        return q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static VesselRecord record(Vessel v) {
        return new VesselRecord(
                v.getId(),
                v.getMmsi(),
                v.getName(),
                v.getCallSign(),
                v.getRegistrationNo(),
                v.getShipType(),
                v.getLengthM(),
                v.getFlag(),
                v.getLastFixAt(),
                v.getGeom() == null ? null : v.getGeom().getX(),
                v.getGeom() == null ? null : v.getGeom().getY(),
                v.getSpeedKn(),
                v.getCourseDeg(),
                v.getHeadingDeg());
    }
}
