package org.iocmap.layers.changes;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.hibernate.Session;
import org.iocmap.layers.store.StorageUnavailableException;
import org.iocmap.layers.store.Store;

/**
 * Writes and reads the durable change log of features (table {@code feature_change}). Every write path records its
 * change here <em>in the transaction that changes the data</em>, so a log row becomes visible exactly when its data
 * does, and a rolled-back change leaves no row. Live streams read the log in id order; a change made by any writer,
 * on any node or in plain SQL, reaches them as long as it writes its row.
 *
 * <p><b>Ids and commit order.</b> Ids are taken from an identity column when a row is inserted, not when its
 * transaction commits. Two concurrent transactions can therefore commit out of id order: a reader may see id 12 while
 * id 11 is still uncommitted, and see 11 a moment later. A reader that simply continued after the highest id it saw
 * would skip 11 for ever. {@link #readAfter} returns what is committed now, gaps included; {@link ChangeCursor} turns
 * that into a gap-safe feed by holding back everything beyond a gap for a grace period. To keep the window between
 * taking an id and committing it short, record the change as the last statement of the transaction.
 *
 * <p>Thread-safe. Reads block on the store; call them from a worker thread.
 */
public final class ChangeLog {
    private static final String INSERT =
            "INSERT INTO feature_change (layer_id, feature_id, op, changed_at) VALUES (?, ?, ?, ?)";
    private static final String READ =
            "SELECT id, layer_id, feature_id, op, changed_at FROM feature_change" + " WHERE id > ? ORDER BY id LIMIT ?";

    private final Store store;
    private final Clock clock;

    /** Creates the log of {@code store}, stamping changes with the system clock (UTC). */
    public ChangeLog(Store store) {
        this(store, Clock.systemUTC());
    }

    /** Creates the log of {@code store}, stamping changes with {@code clock}. */
    public ChangeLog(Store store, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Records a change on the caller's JDBC connection, inside the caller's transaction: the row commits or rolls back
     * with it. Call it after the data change, as the transaction's last statement.
     *
     * @throws SQLException when the insert fails; the caller should roll back
     */
    public void record(Connection connection, String layerId, long featureId, ChangeOp op) throws SQLException {
        Objects.requireNonNull(layerId, "layerId");
        Objects.requireNonNull(op, "op");
        try (PreparedStatement ps = connection.prepareStatement(INSERT)) {
            ps.setString(1, layerId);
            ps.setLong(2, featureId);
            ps.setString(3, op.name());
            ps.setObject(4, OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC));
            ps.executeUpdate();
        }
        store.countLoggedChange();
    }

    /**
     * Records a change inside the transaction of a Hibernate session (as {@link Store#inTransaction} gives one). Pending
     * entity changes are flushed first, so the data is written before its log row.
     */
    public void record(Session session, String layerId, long featureId, ChangeOp op) {
        session.flush();
        session.doWork(connection -> record(connection, layerId, featureId, op));
    }

    /**
     * Returns the committed changes with an id greater than {@code id}, in id order, at most {@code max}. The result
     * may have gaps: ids of rolled-back transactions, and ids whose transactions have not committed yet (see the class
     * comment; {@link ChangeCursor} handles both).
     *
     * @throws StorageUnavailableException when the database cannot be reached
     */
    public List<Change> readAfter(long id, int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be >= 1, was " + max);
        }
        try (Connection c = store.dataSource().getConnection();
                PreparedStatement ps = c.prepareStatement(READ)) {
            ps.setLong(1, id);
            ps.setInt(2, max);
            List<Change> changes = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    changes.add(new Change(
                            rs.getLong(1),
                            rs.getString(2),
                            rs.getLong(3),
                            ChangeOp.valueOf(rs.getString(4)),
                            rs.getObject(5, OffsetDateTime.class).toInstant()));
                }
            }
            return changes;
        } catch (SQLException e) {
            throw failure("read the change log after id " + id, e);
        }
    }

    /**
     * Returns the highest committed change id, or 0 when the log is empty. A lower id may still commit later (see the
     * class comment).
     *
     * @throws StorageUnavailableException when the database cannot be reached
     */
    public long lastId() {
        try (Connection c = store.dataSource().getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT MAX(id) FROM feature_change");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1); // MAX of no rows is NULL, which getLong reads as 0
        } catch (SQLException e) {
            throw failure("read the last change id", e);
        }
    }

    private static RuntimeException failure(String what, SQLException e) {
        if (Store.isConnectionFailure(e)) {
            return new StorageUnavailableException("the database is unreachable: " + e.getMessage(), e);
        }
        return new IllegalStateException("cannot " + what + ": " + e.getMessage(), e);
    }
}
