package org.iocmap.layers.kinds;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import org.iocmap.layers.changes.Change;
import org.iocmap.layers.changes.ChangeFollower;
import org.iocmap.layers.changes.ChangeLog;
import org.iocmap.layers.index.PointTable;
import org.iocmap.layers.model.AttributeDef;
import org.iocmap.layers.model.EncodedProperties;
import org.iocmap.layers.model.Feature;
import org.iocmap.layers.store.Store;
import org.locationtech.jts.geom.Point;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a point layer's features in a {@link PointTable}, loaded from the store on first use and then kept current
 * from the change log: every write path records its changes there, in the data's transaction.
 *
 * <p><b>How current it is.</b> Before answering, a reader catches up with the log when this process has recorded a
 * change since the last catch-up (so a writer that reads right after its write sees it), and otherwise at most every
 * {@value #POLL_MILLIS} ms, one reader at a time while the others read the table as it is. A change from another
 * process is therefore visible here within {@value #POLL_MILLIS} ms of its commit, to the next reader.
 *
 * <p><b>Late commits.</b> Change ids are taken at insert and can commit out of order (see {@link ChangeLog}); a
 * {@link ChangeFollower} hands out every change at once and late commits into gaps for up to {@link #GAP_GRACE}; a
 * change applies the feature's current row, so order does not matter.
 *
 * <p>Thread-safe. Blocks on the store.
 */
final class PointCache {
    static final long POLL_MILLIS = 200;
    static final Duration GAP_GRACE = Duration.ofSeconds(30);
    /** Changes re-read before the log's end at load, for transactions that took a lower id and commit late. */
    private static final long LOAD_MARGIN = 256;

    private static final Logger LOG = LoggerFactory.getLogger(PointCache.class);

    private final Store store;
    private final ChangeLog log;
    private final List<AttributeDef> schema;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile PointTable table;
    private volatile boolean unusable;
    private volatile long seenLoggedChanges;
    private volatile long lastPollNanos;
    private ChangeFollower follower; // guarded by lock

    PointCache(Store store, List<AttributeDef> schema) {
        this.store = store;
        this.log = new ChangeLog(store);
        this.schema = List.copyOf(schema);
    }

    /** Returns the schema the cached properties were encoded with. */
    List<AttributeDef> schema() {
        return schema;
    }

    /**
     * Returns the current table of {@code layer}, loading it on first use; null when the layer holds something the
     * table cannot (a feature that is not a point), and the caller must ask the store.
     */
    PointTable current(SqlLayer layer) {
        if (unusable) {
            return null;
        }
        if (table == null) {
            lock.lock();
            try {
                if (table == null && !unusable) {
                    load(layer);
                }
            } finally {
                lock.unlock();
            }
            return table;
        }
        if (store.loggedChanges() != seenLoggedChanges) {
            lock.lock();
            try {
                catchUp(layer);
            } finally {
                lock.unlock();
            }
        } else if (System.nanoTime() - lastPollNanos > POLL_MILLIS * 1_000_000 && lock.tryLock()) {
            try {
                if (System.nanoTime() - lastPollNanos > POLL_MILLIS * 1_000_000) {
                    catchUp(layer);
                }
            } finally {
                lock.unlock();
            }
        }
        return unusable ? null : table;
    }

    /**
     * Tests whether {@link #current} would return without reading the store: the table is loaded, no change of this
     * process is waiting and the log was read less than {@value #POLL_MILLIS} ms ago.
     */
    boolean isCurrent() {
        return table != null
                && !unusable
                && store.loggedChanges() == seenLoggedChanges
                && System.nanoTime() - lastPollNanos <= POLL_MILLIS * 1_000_000;
    }

    private void load(SqlLayer layer) {
        long started = System.nanoTime();
        long logged = store.loggedChanges();
        long end = log.lastId();
        List<PointTable.Entry> entries = new ArrayList<>();
        boolean[] points = {true};
        layer.scan(f -> {
            PointTable.Entry e = entry(f);
            if (e == null) {
                points[0] = false;
            } else if (points[0]) {
                entries.add(e);
            }
        });
        if (!points[0]) {
            unusable = true;
            LOG.warn("layer '{}' holds features that are not points; it is answered from the store", layer.id());
            return;
        }
        follower = new ChangeFollower(log, Math.max(0, end - LOAD_MARGIN), GAP_GRACE, System::nanoTime);
        table = PointTable.of(entries);
        seenLoggedChanges = logged;
        lastPollNanos = System.nanoTime();
        LOG.info(
                "layer '{}': {} points held in memory after {} ms",
                layer.id(),
                entries.size(),
                (System.nanoTime() - started) / 1_000_000);
        catchUp(layer);
    }

    /** Reads the log and applies this layer's changes. Called with the lock held. */
    private void catchUp(SqlLayer layer) {
        long logged = store.loggedChanges();
        Set<Long> touched = new HashSet<>();
        for (Change c : follower.poll()) {
            if (c.layerId().equals(layer.id())) {
                touched.add(c.featureId());
            }
        }
        if (!touched.isEmpty()) {
            apply(layer, touched);
        }
        seenLoggedChanges = logged;
        lastPollNanos = System.nanoTime();
    }

    private void apply(SqlLayer layer, Set<Long> featureIds) {
        List<PointTable.Entry> upserts = new ArrayList<>();
        Set<Long> removals = new HashSet<>(featureIds);
        for (Feature f : layer.findFeatures(featureIds)) {
            PointTable.Entry e = entry(f);
            if (e == null) {
                unusable = true;
                LOG.warn(
                        "layer '{}' now holds a feature that is not a point ({}); it is answered from the store",
                        layer.id(),
                        f.id());
                return;
            }
            upserts.add(e);
            removals.remove(f.id());
        }
        table = table.apply(upserts, removals);
    }

    private PointTable.Entry entry(Feature f) {
        if (!(f.geometry() instanceof Point p) || p.isEmpty()) {
            return null;
        }
        return new PointTable.Entry(
                f.id(), p.getX(), p.getY(), micros(f.time()), EncodedProperties.of(f.properties(), schema));
    }

    /** Returns the instant in epoch microseconds, rounded down; {@link PointTable#NO_TIME} for null. */
    static long micros(Instant t) {
        if (t == null) {
            return PointTable.NO_TIME;
        }
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1_000);
    }
}
