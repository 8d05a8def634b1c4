package org.iocmap.layers.kinds;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.iocmap.layers.ais.AisDecoded;
import org.iocmap.layers.ais.AisMessage;
import org.iocmap.layers.ais.ExtendedClassBReport;
import org.iocmap.layers.ais.MmsiFlags;
import org.iocmap.layers.ais.PositionReport;
import org.iocmap.layers.ais.ShipDimensions;
import org.iocmap.layers.ais.StaticData;
import org.iocmap.layers.ais.StaticDataB;
import org.iocmap.layers.changes.ChangeLog;
import org.iocmap.layers.changes.ChangeOp;
import org.iocmap.layers.store.SqlDialect;
import org.iocmap.layers.store.Store;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Point;

/**
 * Stores decoded AIS messages in the vessel registry: every position as a {@code vessel_position} row, the latest one
 * (by report time) as the vessel's state, static data (name, call sign, ship type, length) on the vessel, the flag
 * from the MMSI. A vessel is created at its first position; static data of a vessel not seen at a position yet is
 * skipped and counted. One batch is one transaction, with a change recorded for every vessel it touched, so the data
 * is acknowledged only once stored and live maps see it.
 *
 * <p>Thread-safe. Blocks on the store.
 */
public final class VesselPositions {
    /** The layer id of the vessel registry. */
    public static final String LAYER = "vessels";

    private final Store store;
    private final ChangeLog changes;

    public VesselPositions(Store store, ChangeLog changes) {
        this.store = Objects.requireNonNull(store, "store");
        this.changes = Objects.requireNonNull(changes, "changes");
    }

    /**
     * What one batch did.
     *
     * @param positions position rows stored
     * @param vesselsCreated vessels seen for the first time
     * @param vesselsUpdated vessels whose state or static data changed (created ones included)
     * @param staticWithoutVessel static reports of vessels with no position yet, skipped
     * @param withoutPosition position reports whose position was "not available", skipped
     */
    public record Outcome(
            int positions, int vesselsCreated, int vesselsUpdated, int staticWithoutVessel, int withoutPosition) {}

    /** Stores the messages of one batch in one transaction. */
    public Outcome store(List<AisDecoded> messages) {
        return store.inTransaction(session -> {
            Map<String, Vessel> vessels = known(session, messages);
            Map<Long, ChangeOp> touched = new LinkedHashMap<>();
            List<VesselPosition> positions = new ArrayList<>();
            int created = 0;
            int staticSkipped = 0;
            int noPosition = 0;
            for (AisDecoded decoded : messages) {
                AisMessage message = decoded.message();
                String mmsi = String.format("%09d", message.mmsi());
                Vessel vessel = vessels.get(mmsi);
                PositionReport report =
                        switch (message) {
                            case PositionReport p -> p;
                            case ExtendedClassBReport b -> b.position();
                            default -> null;
                        };
                if (report != null) {
                    if (!report.hasPosition()) {
                        noPosition++;
                    } else {
                        Point at = SqlDialect.WGS84.createPoint(new Coordinate(report.lon(), report.lat()));
                        at.setSRID(4326);
                        Instant time = decoded.time();
                        if (vessel == null) {
                            vessel = new Vessel(
                                    mmsi,
                                    null,
                                    null,
                                    null,
                                    null,
                                    null,
                                    null,
                                    flag(message.mmsi()),
                                    time,
                                    report.sogKnots(),
                                    report.cogDegrees(),
                                    heading(report),
                                    at);
                            session.persist(vessel);
                            vessels.put(mmsi, vessel);
                            created++;
                            touched.put(vessel.getId(), ChangeOp.ADDED); // assigned at persist
                        } else if (vessel.getLastFixAt() == null || !time.isBefore(vessel.getLastFixAt())) {
                            vessel.setLastFixAt(time);
                            vessel.setGeom(at);
                            vessel.setSpeedKn(report.sogKnots());
                            vessel.setCourseDeg(report.cogDegrees());
                            vessel.setHeadingDeg(heading(report));
                            touched.putIfAbsent(vessel.getId(), ChangeOp.CHANGED);
                        }
                        positions.add(new VesselPosition(
                                vessel.getId(), mmsi, time, report.sogKnots(), report.cogDegrees(), at));
                    }
                }
                if (message instanceof StaticData
                        || message instanceof StaticDataB
                        || message instanceof ExtendedClassBReport) {
                    if (vessel == null) {
                        staticSkipped++;
                    } else if (applyStatic(vessel, message)) {
                        touched.putIfAbsent(vessel.getId(), ChangeOp.CHANGED);
                    }
                }
            }
            if (store.kind() == org.iocmap.layers.store.StoreKind.POSTGIS && !positions.isEmpty()) {
                session.flush(); // the vessels first: positions refer to them
                session.doWork(c -> copy(c, positions));
            } else {
                positions.forEach(session::persist);
            }
            // One flush for the batch, then the log rows on the same connection: the data is written before its log.
            session.flush();
            session.doWork(c -> {
                for (Map.Entry<Long, ChangeOp> e : touched.entrySet()) {
                    changes.record(c, LAYER, e.getKey(), e.getValue());
                }
            });
            return new Outcome(positions.size(), created, touched.size(), staticSkipped, noPosition);
        });
    }

    /**
     * Writes positions with PostgreSQL's {@code COPY}, in the caller's transaction: one round trip for the batch. Ids
     * come from the column's default, the sequence the entities use (each value is a block start the entities never
     * receive, so the two never collide).
     */
    private static void copy(java.sql.Connection c, List<VesselPosition> positions) throws java.sql.SQLException {
        StringBuilder rows = new StringBuilder(positions.size() * 96);
        for (VesselPosition p : positions) {
            rows.append(p.getVesselId())
                    .append('\t')
                    .append(p.getMmsi())
                    .append('\t')
                    .append(p.getFixAt())
                    .append('\t')
                    .append(p.getSpeedKn() == null ? "\\N" : p.getSpeedKn().toString())
                    .append('\t')
                    .append(p.getCourseDeg() == null ? "\\N" : p.getCourseDeg().toString())
                    .append("\tSRID=4326;POINT(")
                    .append(p.getGeom().getX())
                    .append(' ')
                    .append(p.getGeom().getY())
                    .append(")\n");
        }
        try {
            c.unwrap(org.postgresql.PGConnection.class)
                    .getCopyAPI()
                    .copyIn(
                            "COPY vessel_position (vessel_id, mmsi, fix_at, speed_kn, course_deg, geom) FROM STDIN",
                            new java.io.StringReader(rows.toString()));
        } catch (java.io.IOException e) {
            throw new java.sql.SQLException("cannot copy vessel positions", e);
        }
    }

    /** Reads the vessels the batch names, in queries of up to 1,000 MMSIs; the map has only those that exist. */
    private static Map<String, Vessel> known(org.hibernate.Session session, List<AisDecoded> messages) {
        List<String> mmsis = messages.stream()
                .map(m -> String.format("%09d", m.message().mmsi()))
                .distinct()
                .toList();
        Map<String, Vessel> vessels = new HashMap<>();
        for (int i = 0; i < mmsis.size(); i += 1_000) {
            session.createSelectionQuery("from Vessel v where v.mmsi in :mmsis", Vessel.class)
                    .setParameter("mmsis", mmsis.subList(i, Math.min(mmsis.size(), i + 1_000)))
                    .getResultList()
                    .forEach(v -> vessels.put(v.getMmsi(), v));
        }
        return vessels;
    }

    private static Double heading(PositionReport report) {
        return report.headingDegrees() == null ? null : report.headingDegrees().doubleValue();
    }

    /** Returns the flag state of an MMSI as the registry writes it: Viet Nam by name, others by ISO code. */
    static String flag(int mmsi) {
        return MmsiFlags.findCountry(mmsi)
                .map(code -> code.equals("VN") ? "Việt Nam" : code)
                .orElse(null);
    }

    /** Applies static data; returns whether anything changed. */
    private static boolean applyStatic(Vessel vessel, AisMessage message) {
        String name = null;
        String callSign = null;
        Integer shipType = null;
        ShipDimensions dimensions = null;
        switch (message) {
            case StaticData s -> {
                name = s.name();
                callSign = s.callSign();
                shipType = s.shipType();
                dimensions = s.dimensions();
            }
            case StaticDataB b -> {
                name = b.name();
                callSign = b.callSign();
                shipType = b.shipType();
                dimensions = b.dimensions();
            }
            case ExtendedClassBReport e -> {
                name = e.name();
                shipType = e.shipType();
                dimensions = e.dimensions();
            }
            default -> {}
        }
        boolean changed = false;
        if (vessel.getRegistrationNo() == null) {
            String registration = registrationOf(name);
            registration = registration != null ? registration : registrationOf(callSign);
            if (registration != null) {
                vessel.setRegistrationNo(registration);
                changed = true;
            }
        }
        if (name != null && !name.isBlank() && !name.equals(vessel.getName())) {
            vessel.setName(name);
            changed = true;
        }
        if (callSign != null && !callSign.isBlank() && !callSign.equals(vessel.getCallSign())) {
            vessel.setCallSign(callSign);
            changed = true;
        }
        String type = shipType == null ? null : shipType(shipType);
        if (type != null && !type.equals(vessel.getShipType())) {
            vessel.setShipType(type);
            changed = true;
        }
        if (dimensions != null && dimensions.findLengthMetres().isPresent()) {
            double length = dimensions.findLengthMetres().getAsInt();
            if (!Double.valueOf(length).equals(vessel.getLengthM())) {
                vessel.setLengthM(length);
                changed = true;
            }
        }
        return changed;
    }

    private static final java.util.regex.Pattern REGISTRATION =
            java.util.regex.Pattern.compile("([A-Z]{2,3})[ -]?(\\d{4,5})[ -]?(TS)");

    /**
     * Reads a Vietnamese fishing-vessel registration number (số đăng ký tàu cá: province code, number, {@code TS}, such
     * as {@code QNa-90123-TS}) from an AIS name or call sign, where boats often carry it; AIS text is upper case, so it
     * comes as {@code QNA-90123-TS}. Returns it as {@code CODE-NUMBER-TS}, or null when the text is not one.
     */
    static String registrationOf(String text) {
        if (text == null) {
            return null;
        }
        java.util.regex.Matcher m = REGISTRATION.matcher(text.strip().toUpperCase(java.util.Locale.ROOT));
        return m.matches() ? m.group(1) + "-" + m.group(2) + "-" + m.group(3) : null;
    }

    /** Maps an AIS ship and cargo type (ITU-R M.1371 table 53) to the registry's ship types; null when unknown. */
    static String shipType(int code) {
        if (code == 30) {
            return "fishing";
        } else if (code == 31 || code == 32 || code == 52) {
            return "tug";
        } else if (code >= 60 && code <= 69) {
            return "passenger";
        } else if (code >= 70 && code <= 79) {
            return "cargo";
        } else if (code >= 80 && code <= 89) {
            return "tanker";
        } else if (code == 0) {
            return null; // not available
        }
        return "other";
    }
}
