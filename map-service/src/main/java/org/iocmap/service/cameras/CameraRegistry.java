package org.iocmap.service.cameras;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.iocmap.layers.changes.ChangeLog;
import org.iocmap.layers.changes.ChangeOp;
import org.iocmap.layers.kinds.CameraCoverage;
import org.iocmap.layers.store.SqlDialect;
import org.iocmap.layers.store.Store;
import org.iocmap.service.http.NotFoundException;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Point;

/**
 * Keeps the camera registry (table {@code camera}, the features of layer {@value #LAYER}): lists cameras, changes
 * their status and the addresses of their video, and finds the cameras that see a point ({@link CameraCoverage}).
 * Changes are recorded for the layer in their transaction. Blocks on the store; thread-safe.
 */
public final class CameraRegistry {
    /** The layer whose features the cameras are. */
    public static final String LAYER = "cameras";

    /** The statuses a camera can have. */
    public static final List<String> STATUSES = List.of("online", "offline");

    private static final String COLUMNS =
            "id, code, name, camera_type, heading_deg, fov_deg, range_m, status, district,"
                    + " stream_url, snapshot_url, ST_X(geom), ST_Y(geom)";

    private final Store store;
    private final ChangeLog changes;

    public CameraRegistry(Store store, ChangeLog changes) {
        this.store = store;
        this.changes = changes;
    }

    /** Holds a camera that sees a point: its geodesic distance in metres and the bearing from the camera to it. */
    public record Seen(CameraView camera, double distanceMetres, double bearingDegrees) {}

    /** Holds one page of a list and how many cameras match in all. */
    public record Page(List<CameraView> cameras, long matched) {}

    /**
     * Describes a change to a camera; a null field is left as it is, and {@code clearStream}/{@code clearSnapshot}
     * remove an address.
     */
    public record Patch(
            String status, String streamUrl, boolean clearStream, String snapshotUrl, boolean clearSnapshot) {}

    /** Lists cameras in code order, of one status when {@code status} is not null. */
    public Page list(String status, int limit, int offset) {
        String where = status == null ? "" : " WHERE status = ?";
        return store.inTransaction(session -> session.doReturningWork(c -> {
            long matched;
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM camera" + where)) {
                if (status != null) {
                    ps.setString(1, status);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    matched = rs.getLong(1);
                }
            }
            List<CameraView> cameras = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT " + COLUMNS + " FROM camera" + where + " ORDER BY code LIMIT ? OFFSET ?")) {
                int i = 1;
                if (status != null) {
                    ps.setString(i++, status);
                }
                ps.setInt(i++, limit);
                ps.setInt(i, offset);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        cameras.add(read(rs));
                    }
                }
            }
            return new Page(cameras, matched);
        }));
    }

    /** Returns the camera with this code; empty when there is none. */
    public Optional<CameraView> find(String code) {
        return store.inTransaction(session -> session.doReturningWork(c -> find(c, code, false)));
    }

    /**
     * Changes a camera's status and video addresses and records the change for the map.
     *
     * @throws NotFoundException when no camera has this code
     */
    public CameraView patch(String code, Patch patch) {
        return store.inTransaction(session -> session.doReturningWork(c -> {
            CameraView old = find(c, code, true).orElseThrow(() -> new NotFoundException("no camera " + code));
            String status = patch.status() == null ? old.status() : patch.status();
            String stream =
                    patch.clearStream() ? null : patch.streamUrl() == null ? old.streamUrl() : patch.streamUrl();
            String snapshot = patch.clearSnapshot()
                    ? null
                    : patch.snapshotUrl() == null ? old.snapshotUrl() : patch.snapshotUrl();
            try (PreparedStatement ps =
                    c.prepareStatement("UPDATE camera SET status = ?, stream_url = ?, snapshot_url = ? WHERE id = ?")) {
                ps.setString(1, status);
                ps.setString(2, stream);
                ps.setString(3, snapshot);
                ps.setLong(4, old.id());
                ps.executeUpdate();
            }
            changes.record(c, LAYER, old.id(), ChangeOp.CHANGED);
            return find(c, code, false).orElseThrow();
        }));
    }

    /**
     * Returns the cameras that see ({@code lon}, {@code lat}), nearest first, at most {@code limit}; of one status when
     * {@code status} is not null.
     */
    public List<Seen> covering(double lon, double lat, String status, int limit) {
        return store.inTransaction(session -> session.doReturningWork(c -> covering(c, lon, lat, status, limit)));
    }

    /**
     * Finds the covering cameras on the caller's connection: the candidates within the longest range of any camera,
     * through the spatial index, then the exact test of {@link CameraCoverage} on each.
     */
    public static List<Seen> covering(Connection c, double lon, double lat, String status, int limit)
            throws SQLException {
        double reach;
        try (PreparedStatement ps = c.prepareStatement("SELECT MAX(range_m) FROM camera");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            reach = rs.getDouble(1);
            if (rs.wasNull()) {
                return List.of(); // no cameras at all
            }
        }
        reach = Math.max(reach, 1); // a box of some size, even if every camera had a zero range
        Point origin = SqlDialect.WGS84.createPoint(new Coordinate(lon, lat));
        origin.setSRID(4326);
        List<Seen> seen = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM camera WHERE geom &&"
                + " ST_GeomFromWKB(?, 4326)" + (status == null ? "" : " AND status = ?"))) {
            ps.setBytes(1, SqlDialect.wkb(SqlDialect.envelopeAround(origin, reach)));
            if (status != null) {
                ps.setString(2, status);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    CameraView camera = read(rs);
                    CameraCoverage.Sight sight = CameraCoverage.sight(camera.lon(), camera.lat(), lon, lat);
                    if (CameraCoverage.covers(camera.headingDeg(), camera.fovDeg(), camera.rangeM(), sight)) {
                        seen.add(new Seen(camera, sight.distanceMetres(), sight.bearingDegrees()));
                    }
                }
            }
        }
        seen.sort(Comparator.comparingDouble(Seen::distanceMetres)
                .thenComparing(s -> s.camera().code()));
        return seen.size() > limit ? List.copyOf(seen.subList(0, limit)) : seen;
    }

    private static Optional<CameraView> find(Connection c, String code, boolean lock) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("SELECT " + COLUMNS + " FROM camera WHERE code = ?" + (lock ? " FOR UPDATE" : ""))) {
            ps.setString(1, code);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    private static CameraView read(ResultSet rs) throws SQLException {
        return new CameraView(
                rs.getLong(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getDouble(5),
                rs.getDouble(6),
                rs.getDouble(7),
                rs.getString(8),
                rs.getString(9),
                rs.getString(10),
                rs.getString(11),
                rs.getDouble(12),
                rs.getDouble(13));
    }
}
