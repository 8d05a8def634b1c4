package org.iocmap.service.geofence;

import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.iocmap.layers.store.Store;

/**
 * Keeps fences in the store: each version as one JSON document ({@link GeofenceJson}) in {@code geofence_version},
 * never changed once written; a removed fence is recorded in {@code geofence_removal} and its versions stay, as
 * alerts name them. Blocks on the store.
 */
public final class GeofenceStore {
    private final Store store;

    public GeofenceStore(Store store) {
        this.store = store;
    }

    /** A fence with who wrote each of its versions. */
    public record StoredFence(Geofence fence, Map<Integer, String> authors) {}

    /** Reads every fence that is not removed, in id order. */
    public List<StoredFence> readAll() {
        return store.inTransaction(session -> session.doReturningWork(this::readAll));
    }

    /** Reads one fence, removed or not; empty when no fence has this id. */
    public Optional<StoredFence> find(String id) {
        return store.inTransaction(session -> session.doReturningWork(c -> read(c, id)));
    }

    /** Tests whether a fence was removed. */
    public boolean isRemoved(String id) {
        return store.inTransaction(session -> session.doReturningWork(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM geofence_removal WHERE fence_id = ?")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        }));
    }

    /**
     * Stores the first version of a new fence.
     *
     * @return false, storing nothing, when a fence (even a removed one) already has this id
     */
    public boolean create(String id, GeofenceVersion first, String author) {
        return store.inTransaction(session -> session.doReturningWork(c -> {
            if (read(c, id).isPresent()) {
                return false;
            }
            insert(c, id, first, author);
            return true;
        }));
    }

    /** Stores a further version; the caller numbered it one above the latest. */
    public void addVersion(String id, GeofenceVersion version, String author) {
        store.inTransaction(session -> session.doReturningWork(c -> {
            insert(c, id, version, author);
            return null;
        }));
    }

    /** Records that a fence is removed. Returns false when it was already. */
    public boolean remove(String id, String author, Instant at) {
        return store.inTransaction(session -> session.doReturningWork(c -> {
            try (PreparedStatement check = c.prepareStatement("SELECT 1 FROM geofence_removal WHERE fence_id = ?")) {
                check.setString(1, id);
                try (ResultSet rs = check.executeQuery()) {
                    if (rs.next()) {
                        return false;
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO geofence_removal (fence_id, removed_by, removed_at) VALUES (?, ?, ?)")) {
                ps.setString(1, id);
                ps.setString(2, author);
                ps.setTimestamp(3, Timestamp.from(at));
                ps.executeUpdate();
            }
            return true;
        }));
    }

    private static void insert(Connection c, String id, GeofenceVersion v, String author) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO geofence_version"
                + " (fence_id, version, effective_from, body, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, id);
            ps.setInt(2, v.version());
            ps.setTimestamp(3, Timestamp.from(v.effectiveFrom()));
            ps.setString(4, GeofenceJson.write(v).encode());
            ps.setString(5, author);
            ps.setTimestamp(6, Timestamp.from(Instant.now()));
            ps.executeUpdate();
        }
    }

    private List<StoredFence> readAll(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT v.fence_id, v.version, v.effective_from, v.body,"
                + " v.created_by FROM geofence_version v WHERE NOT EXISTS"
                + " (SELECT 1 FROM geofence_removal r WHERE r.fence_id = v.fence_id) ORDER BY v.fence_id, v.version")) {
            return fences(ps);
        }
    }

    private static Optional<StoredFence> read(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT fence_id, version, effective_from, body, created_by"
                + " FROM geofence_version WHERE fence_id = ? ORDER BY version")) {
            ps.setString(1, id);
            return fences(ps).stream().findFirst();
        }
    }

    private static List<StoredFence> fences(PreparedStatement ps) throws SQLException {
        Map<String, List<GeofenceVersion>> versions = new LinkedHashMap<>();
        Map<String, Map<Integer, String>> authors = new LinkedHashMap<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String id = rs.getString(1);
                int number = rs.getInt(2);
                Instant from = rs.getTimestamp(3).toInstant();
                GeofenceVersion v = GeofenceJson.read(new JsonObject(rs.getString(4)), number, from);
                versions.computeIfAbsent(id, k -> new ArrayList<>()).add(v);
                authors.computeIfAbsent(id, k -> new LinkedHashMap<>()).put(number, rs.getString(5));
            }
        }
        List<StoredFence> fences = new ArrayList<>();
        versions.forEach((id, list) -> fences.add(new StoredFence(new Geofence(id, list), authors.get(id))));
        return fences;
    }
}
