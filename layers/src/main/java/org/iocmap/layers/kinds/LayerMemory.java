package org.iocmap.layers.kinds;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.iocmap.layers.changes.Change;
import org.iocmap.layers.changes.ChangeFollower;
import org.iocmap.layers.changes.ChangeLog;
import org.iocmap.layers.index.GeometryTable;
import org.iocmap.layers.index.MemoryTable;
import org.iocmap.layers.index.PointTable;
import org.iocmap.layers.model.AttributeDef;
import org.iocmap.layers.model.EncodedProperties;
import org.iocmap.layers.model.Feature;
import org.iocmap.layers.store.Store;
import org.locationtech.jts.geom.Point;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a layer's features in an in-memory table ({@link PointTable} for points), loaded from the store on first use and then kept current
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
final class LayerMemory<E, T extends MemoryTable<E, T>> {
    static final long POLL_MILLIS = 200;
    /** The most features of lines or polygons held for one layer; a larger layer is answered from the store. */
    static final int MAX_GEOMETRIES = 2_000_000;

    static final Duration GAP_GRACE = Duration.ofSeconds(30);
    /** Changes re-read before the log's end at load, for transactions that took a lower id and commit late. */
    private static final long LOAD_MARGIN = 256;

    private static final Logger LOG = LoggerFactory.getLogger(LayerMemory.class);

    private final Store store;
    private final ChangeLog log;
    private final List<AttributeDef> schema;
    private final ReentrantLock lock = new ReentrantLock();
    private final Function<List<E>, T> pack;
    private final Function<Feature, E> toEntry;
    private final String what;
    private final int maxEntries;
    private volatile T table;
    private volatile boolean unusable;
    private volatile long seenLoggedChanges;
    private volatile long lastPollNanos;
    private ChangeFollower follower; // guarded by lock

    /**
     * @param pack makes a table of entries
     * @param toEntry makes the entry of a feature (its properties already encoded); null when the table cannot hold
     *     it, and the layer is then answered from the store
     * @param what what an entry is, for the log ("points", "features")
     */
    LayerMemory(
            Store store,
            List<AttributeDef> schema,
            Function<List<E>, T> pack,
            Function<Feature, E> toEntry,
            String what,
            int maxEntries) {
        this.store = store;
        this.maxEntries = maxEntries;
        this.log = new ChangeLog(store);
        this.schema = List.copyOf(schema);
        this.pack = pack;
        this.toEntry = toEntry;
        this.what = what;
    }

    /** Holds the points of a point layer. */
    static LayerMemory<PointTable.Entry, PointTable> ofPoints(Store store, List<AttributeDef> schema) {
        return new LayerMemory<>(
                store,
                schema,
                PointTable::of,
                f -> f.geometry() instanceof Point p && !p.isEmpty()
                        ? new PointTable.Entry(f.id(), p.getX(), p.getY(), micros(f.time()), f.properties())
                        : null,
                "points",
                Integer.MAX_VALUE);
    }

    /** Holds the features of a layer of lines, polygons or mixed geometries, up to {@value #MAX_GEOMETRIES}. */
    static LayerMemory<GeometryTable.Entry, GeometryTable> ofGeometries(Store store, List<AttributeDef> schema) {
        return new LayerMemory<>(
                store,
                schema,
                GeometryTable::of,
                f -> f.geometry().isEmpty()
                        ? null
                        : new GeometryTable.Entry(f.id(), f.geometry(), micros(f.time()), f.properties()),
                "features",
                MAX_GEOMETRIES);
    }

    /** Tests whether this memory holds points (else any geometry). */
    boolean holdsPoints() {
        return "points".equals(what);
    }

    /** Returns the schema the cached properties were encoded with. */
    List<AttributeDef> schema() {
        return schema;
    }

    /**
     * Returns the current table of {@code layer}, loading it on first use; null when the layer holds something the
     * table cannot (a feature that is not a point), and the caller must ask the store.
     */
    T current(SqlLayer layer) {
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
        List<E> entries = new ArrayList<>();
        boolean[] fits = {true};
        layer.scan(f -> {
            E e = entry(f);
            if (e == null || entries.size() >= maxEntries) {
                fits[0] = false;
            } else if (fits[0]) {
                entries.add(e);
            }
        });
        if (!fits[0]) {
            unusable = true;
            LOG.warn("layer '{}' holds features memory cannot hold; it is answered from the store", layer.id());
            return;
        }
        follower = new ChangeFollower(log, Math.max(0, end - LOAD_MARGIN), GAP_GRACE, System::nanoTime);
        table = pack.apply(entries);
        seenLoggedChanges = logged;
        lastPollNanos = System.nanoTime();
        LOG.info(
                "layer '{}': {} {} held in memory after {} ms",
                layer.id(),
                what,
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
        List<E> upserts = new ArrayList<>();
        Set<Long> removals = new HashSet<>(featureIds);
        for (Feature f : layer.findFeatures(featureIds)) {
            E e = entry(f);
            if (e == null) {
                unusable = true;
                LOG.warn(
                        "layer '{}' now holds a feature memory cannot hold ({}); it is answered from the store",
                        layer.id(),
                        f.id());
                return;
            }
            upserts.add(e);
            removals.remove(f.id());
        }
        table = table.apply(upserts, removals);
    }

    private E entry(Feature f) {
        return toEntry.apply(new Feature(f.id(), f.geometry(), f.time(), EncodedProperties.of(f.properties(), schema)));
    }

    /** Returns the instant of epoch microseconds; null for {@link PointTable#NO_TIME}. */
    static Instant instant(long micros) {
        return micros == PointTable.NO_TIME
                ? null
                : Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000);
    }

    /** Returns the first microsecond a window takes in: its start rounded up, or the earliest time when it has none. */
    static long firstMicros(org.iocmap.layers.model.TimeInterval window) {
        Instant start = window.start();
        if (start == null) {
            return Long.MIN_VALUE + 1; // above NO_TIME
        }
        long floor = micros(start);
        return start.getNano() % 1_000 == 0 ? floor : floor + 1;
    }

    /** Returns the last microsecond a window takes in: its end rounded down, or the latest time when it has none. */
    static long lastMicros(org.iocmap.layers.model.TimeInterval window) {
        return window.end() == null ? Long.MAX_VALUE : micros(window.end());
    }

    /** Returns the instant in epoch microseconds, rounded down; {@link PointTable#NO_TIME} for null. */
    static long micros(Instant t) {
        if (t == null) {
            return PointTable.NO_TIME;
        }
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1_000);
    }
}
