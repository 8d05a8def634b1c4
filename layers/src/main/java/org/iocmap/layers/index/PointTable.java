package org.iocmap.layers.index;

import java.util.Arrays;
import java.util.BitSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Holds the points of one layer in memory: id, position, time and the properties as encoded JSON, with a {@link
 * KdPointIndex} over the positions. Immutable: {@link #apply} returns a new table that shares the bulk of the old
 * one, so readers never lock and never see half a change.
 *
 * <p>A table is a packed <em>base</em> (arrays in slot order plus the k-d tree) and a small <em>overlay</em> of entries
 * added or changed since the base was packed; base entries that were changed or removed are marked dead. When the
 * overlay grows past a sixteenth of the base (and at least {@value #MIN_OVERLAY_BEFORE_REPACK} entries) everything is
 * packed into a new base.
 *
 * <p>Search results are <em>handles</em>: {@code >= 0} for a base slot, {@code < 0} for an overlay entry. Handles are
 * valid for the table that gave them.
 */
public final class PointTable implements MemoryTable<PointTable.Entry, PointTable> {
    /** Marks an entry without a time value in {@link Entry#timeMicros}. */
    public static final long NO_TIME = Long.MIN_VALUE;

    private static final int MIN_OVERLAY_BEFORE_REPACK = 4096;

    /**
     * One point.
     *
     * @param timeMicros the layer time in epoch microseconds, or {@link #NO_TIME}
     * @param properties the properties, encoded; what a query hands back
     */
    public record Entry(long id, double lon, double lat, long timeMicros, Object properties) {
        public Entry {
            Objects.requireNonNull(properties, "properties");
        }
    }

    // The base, in slot order.
    private final long[] ids;
    private final double[] xs;
    private final double[] ys;
    private final long[] times;
    private final Object[] properties;
    /** The level-24 Web Mercator cell of each base point ({@link MercatorCells}), computed once when packed. */
    private final long[] cells;
    /** What is derived from the base on first use; shared by the tables of the same base. */
    private final Derived derived;

    private final KdPointIndex tree;
    /** Base ids in ascending order and the slot of each, for finding an id's slot. */
    private final long[] sortedIds;

    private final int[] slotOfSorted;
    private final BitSet dead;
    private final int deadCount;
    // The overlay.
    private final Entry[] overlay;
    private final Map<Long, Integer> overlayById;

    private PointTable(
            long[] ids,
            double[] xs,
            double[] ys,
            long[] times,
            Object[] properties,
            long[] cells,
            Derived derived,
            KdPointIndex tree,
            long[] sortedIds,
            int[] slotOfSorted,
            BitSet dead,
            int deadCount,
            Entry[] overlay,
            Map<Long, Integer> overlayById) {
        this.ids = ids;
        this.xs = xs;
        this.ys = ys;
        this.times = times;
        this.properties = properties;
        this.cells = cells;
        this.derived = derived;
        this.tree = tree;
        this.sortedIds = sortedIds;
        this.slotOfSorted = slotOfSorted;
        this.dead = dead;
        this.deadCount = deadCount;
        this.overlay = overlay;
        this.overlayById = overlayById;
    }

    /** Packs {@code entries} (ids unique) into a new table. */
    public static PointTable of(List<Entry> entries) {
        int n = entries.size();
        long[] ids = new long[n];
        double[] xs = new double[n];
        double[] ys = new double[n];
        long[] times = new long[n];
        Object[] properties = new Object[n];
        for (int i = 0; i < n; i++) {
            Entry e = entries.get(i);
            ids[i] = e.id();
            xs[i] = e.lon();
            ys[i] = e.lat();
            times[i] = e.timeMicros();
            properties[i] = e.properties();
        }
        long[] cells = new long[n];
        for (int i = 0; i < n; i++) {
            cells[i] = MercatorCells.cellOf(xs[i], ys[i]);
        }
        long[] sortedIds = ids.clone();
        int[] slotOfSorted = sortedSlots(ids, sortedIds);
        for (int i = 1; i < n; i++) {
            if (sortedIds[i] == sortedIds[i - 1]) {
                throw new IllegalArgumentException("id " + sortedIds[i] + " appears twice");
            }
        }
        return new PointTable(
                ids,
                xs,
                ys,
                times,
                properties,
                cells,
                new Derived(),
                KdPointIndex.build(xs, ys, n),
                sortedIds,
                slotOfSorted,
                new BitSet(n),
                0,
                new Entry[0],
                Map.of());
    }

    /** Returns an empty table. */
    public static PointTable empty() {
        return of(List.of());
    }

    /** Returns how many live points the table holds. */
    @Override
    public int size() {
        return ids.length - deadCount + overlay.length;
    }

    /**
     * Returns a table with {@code upserts} added or replacing the entries of the same id, and the ids in {@code
     * removals} gone. An id in both is removed. This table is unchanged.
     */
    @Override
    public PointTable apply(Collection<Entry> upserts, Collection<Long> removals) {
        BitSet newDead = (BitSet) dead.clone();
        int newDeadCount = deadCount;
        Map<Long, Entry> newOverlay = new HashMap<>();
        for (Entry e : overlay) {
            newOverlay.put(e.id(), e);
        }
        for (Entry e : upserts) {
            newDeadCount += kill(newDead, e.id());
            newOverlay.put(e.id(), e);
        }
        for (Long id : removals) {
            newDeadCount += kill(newDead, id);
            newOverlay.remove(id);
        }
        if (newOverlay.size() > Math.max(MIN_OVERLAY_BEFORE_REPACK, ids.length / 16)) {
            return repack(newDead, newOverlay.values());
        }
        Entry[] entries = newOverlay.values().toArray(Entry[]::new);
        Map<Long, Integer> byId = new HashMap<>(entries.length * 2);
        for (int i = 0; i < entries.length; i++) {
            byId.put(entries[i].id(), i);
        }
        return new PointTable(
                ids,
                xs,
                ys,
                times,
                properties,
                cells,
                derived,
                tree,
                sortedIds,
                slotOfSorted,
                newDead,
                newDeadCount,
                entries,
                byId);
    }

    /** Marks the base entry with this id dead; returns 1 when it was alive, else 0. */
    private int kill(BitSet deadSlots, long id) {
        int at = Arrays.binarySearch(sortedIds, id);
        if (at < 0) {
            return 0;
        }
        int slot = slotOfSorted[at];
        if (deadSlots.get(slot)) {
            return 0;
        }
        deadSlots.set(slot);
        return 1;
    }

    private PointTable repack(BitSet deadSlots, Collection<Entry> overlayEntries) {
        List<Entry> all = new java.util.ArrayList<>(ids.length + overlayEntries.size());
        for (int slot = 0; slot < ids.length; slot++) {
            if (!deadSlots.get(slot)) {
                all.add(new Entry(ids[slot], xs[slot], ys[slot], times[slot], properties[slot]));
            }
        }
        all.addAll(overlayEntries);
        return of(all);
    }

    /** Returns the handle of the live entry with this id, or {@code Integer.MIN_VALUE} when there is none. */
    public int find(long id) {
        Integer o = overlayById.get(id);
        if (o != null) {
            return -o - 1;
        }
        int at = Arrays.binarySearch(sortedIds, id);
        if (at < 0 || dead.get(slotOfSorted[at])) {
            return Integer.MIN_VALUE;
        }
        return slotOfSorted[at];
    }

    /** Calls {@code visitor} with the handle of every live point inside the box, boundary included. */
    public void search(
            double minLon, double minLat, double maxLon, double maxLat, java.util.function.IntConsumer visitor) {
        if (deadCount == 0) {
            tree.search(minLon, minLat, maxLon, maxLat, visitor);
        } else {
            tree.search(minLon, minLat, maxLon, maxLat, slot -> {
                if (!dead.get(slot)) {
                    visitor.accept(slot);
                }
            });
        }
        for (int i = 0; i < overlay.length; i++) {
            Entry e = overlay[i];
            if (e.lon() >= minLon && e.lon() <= maxLon && e.lat() >= minLat && e.lat() <= maxLat) {
                visitor.accept(-i - 1);
            }
        }
    }

    /** Returns the id of a handle's entry. */
    public long id(int handle) {
        return handle >= 0 ? ids[handle] : overlay[-handle - 1].id();
    }

    /** Returns the longitude of a handle's entry. */
    public double lon(int handle) {
        return handle >= 0 ? xs[handle] : overlay[-handle - 1].lon();
    }

    /** Returns the latitude of a handle's entry. */
    public double lat(int handle) {
        return handle >= 0 ? ys[handle] : overlay[-handle - 1].lat();
    }

    /** Returns the time of a handle's entry in epoch microseconds, or {@link #NO_TIME}. */
    public long timeMicros(int handle) {
        return handle >= 0 ? times[handle] : overlay[-handle - 1].timeMicros();
    }

    /** Returns the level-24 Web Mercator cell of a handle's entry ({@link MercatorCells}). */
    public long cell(int handle) {
        return handle >= 0 ? cells[handle] : MercatorCells.cellOf(lon(handle), lat(handle));
    }

    /**
     * Returns the resolution-15 H3 cell of a handle's entry ({@link H3Cells}). The cells of the base are computed for
     * all its points on first use (in parallel) and kept.
     */
    public long h3Cell(int handle) {
        return handle >= 0 ? h3Cells()[handle] : H3Cells.cellOf(lon(handle), lat(handle));
    }

    private long[] h3Cells() {
        long[] column = derived.h3Cells.get();
        if (column == null) {
            synchronized (derived.h3Cells) {
                column = derived.h3Cells.get();
                if (column == null) {
                    long[] computed = new long[xs.length];
                    java.util.stream.IntStream.range(0, computed.length)
                            .parallel()
                            .forEach(i -> computed[i] = H3Cells.cellOf(xs[i], ys[i]));
                    column = computed;
                    derived.h3Cells.set(column);
                }
            }
        }
        return column;
    }

    /** Returns the resolution-15 H3 cells of {@link #timeOrder()}'s points, in that order; made on first use. */
    public long[] h3InTimeOrder() {
        long[] ordered = derived.h3InTimeOrder.get();
        if (ordered == null) {
            synchronized (derived.h3InTimeOrder) {
                ordered = derived.h3InTimeOrder.get();
                if (ordered == null) {
                    long[] column = h3Cells();
                    int[] slots = timeOrder().slots();
                    ordered = new long[slots.length];
                    for (int i = 0; i < slots.length; i++) {
                        ordered[i] = column[slots[i]];
                    }
                    derived.h3InTimeOrder.set(ordered);
                }
            }
        }
        return ordered;
    }

    /**
     * Returns the value of a numeric attribute for a handle's entry, NaN when it has none; {@code read} turns an
     * entry's properties into the value. Base values are read once per attribute and kept.
     */
    public double number(int handle, String attribute, java.util.function.ToDoubleFunction<Object> read) {
        if (handle < 0) {
            return read.applyAsDouble(overlay[-handle - 1].properties());
        }
        double[] column = derived.numberColumns.computeIfAbsent(attribute, a -> {
            double[] values = new double[ids.length];
            for (int i = 0; i < values.length; i++) {
                values[i] = read.applyAsDouble(properties[i]);
            }
            return values;
        });
        return column[handle];
    }

    /** What is computed from a base on first use and kept while the base lives. */
    private static final class Derived {
        /** Numeric attributes of the base points, by attribute. */
        final java.util.concurrent.ConcurrentHashMap<String, double[]> numberColumns =
                new java.util.concurrent.ConcurrentHashMap<>();
        /** The base points with a time, in time order. */
        final java.util.concurrent.atomic.AtomicReference<TimeOrder> timeOrder =
                new java.util.concurrent.atomic.AtomicReference<>();
        /** The resolution-15 H3 cell of each base point, in slot order. */
        final java.util.concurrent.atomic.AtomicReference<long[]> h3Cells =
                new java.util.concurrent.atomic.AtomicReference<>();
        /** The same cells in time order. */
        final java.util.concurrent.atomic.AtomicReference<long[]> h3InTimeOrder =
                new java.util.concurrent.atomic.AtomicReference<>();
    }

    /**
     * The base points that have a time, sorted by it, with copies of what a scan over a time window reads (position,
     * cell), so that such a scan reads memory in order. Immutable.
     *
     * @param times the times in epoch microseconds, ascending
     * @param slots the base slot of each
     */
    public record TimeOrder(long[] times, int[] slots, double[] xs, double[] ys, long[] cells) {
        /** Returns the first position whose time is at least {@code micros}. */
        public int firstAtOrAfter(long micros) {
            int lo = 0;
            int hi = times.length;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (times[mid] < micros) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }
    }

    /** Returns the base points in time order, sorting them on first use (once per packed base). */
    public TimeOrder timeOrder() {
        TimeOrder order = derived.timeOrder.get();
        if (order == null) {
            synchronized (derived.timeOrder) {
                order = derived.timeOrder.get();
                if (order == null) {
                    order = sortByTime();
                    derived.timeOrder.set(order);
                }
            }
        }
        return order;
    }

    private TimeOrder sortByTime() {
        int n = 0;
        for (long t : times) {
            if (t != NO_TIME) {
                n++;
            }
        }
        long[] keys = new long[n];
        int[] slots = new int[n];
        for (int slot = 0, i = 0; slot < times.length; slot++) {
            if (times[slot] != NO_TIME) {
                keys[i] = times[slot];
                slots[i++] = slot;
            }
        }
        sort(keys, slots, 0, n - 1);
        double[] x = new double[n];
        double[] y = new double[n];
        long[] c = new long[n];
        for (int i = 0; i < n; i++) {
            x[i] = xs[slots[i]];
            y[i] = ys[slots[i]];
            c[i] = cells[slots[i]];
        }
        return new TimeOrder(keys, slots, x, y, c);
    }

    /** Sorts keys ascending, moving the slots along: quicksort, insertion sort for short runs. */
    private static void sort(long[] keys, int[] slots, int left, int right) {
        while (right - left > 24) {
            long pivot = keys[(left + right) >>> 1];
            int i = left;
            int j = right;
            while (i <= j) {
                while (keys[i] < pivot) {
                    i++;
                }
                while (keys[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    long k = keys[i];
                    keys[i] = keys[j];
                    keys[j] = k;
                    int s = slots[i];
                    slots[i] = slots[j];
                    slots[j] = s;
                    i++;
                    j--;
                }
            }
            if (j - left < right - i) {
                sort(keys, slots, left, j);
                left = i;
            } else {
                sort(keys, slots, i, right);
                right = j;
            }
        }
        for (int i = left + 1; i <= right; i++) {
            long k = keys[i];
            int s = slots[i];
            int j = i - 1;
            while (j >= left && keys[j] > k) {
                keys[j + 1] = keys[j];
                slots[j + 1] = slots[j];
                j--;
            }
            keys[j + 1] = k;
            slots[j + 1] = s;
        }
    }

    /** Tests whether a base slot was changed or removed since the base was packed. */
    public boolean isDead(int slot) {
        return dead.get(slot);
    }

    /** Returns how many entries changed since the base was packed, handles {@code -1} to {@code -overlaySize()}. */
    public int overlaySize() {
        return overlay.length;
    }

    /**
     * Returns the values of a numeric attribute for every base slot (NaN where there is none), reading them once
     * per attribute; {@code read} turns an entry's properties into the value.
     */
    public double[] numberColumn(String attribute, java.util.function.ToDoubleFunction<Object> read) {
        return derived.numberColumns.computeIfAbsent(attribute, a -> {
            double[] values = new double[ids.length];
            for (int i = 0; i < values.length; i++) {
                values[i] = read.applyAsDouble(properties[i]);
            }
            return values;
        });
    }

    /** Returns the encoded properties of a handle's entry. */
    public Object properties(int handle) {
        return handle >= 0 ? properties[handle] : overlay[-handle - 1].properties();
    }

    private static int[] sortedSlots(long[] ids, long[] sortedIds) {
        int n = ids.length;
        boolean ascending = true;
        for (int i = 1; i < n && ascending; i++) {
            ascending = ids[i - 1] < ids[i];
        }
        if (ascending) { // the usual case: entries read in id order
            int[] slots = new int[n];
            for (int i = 0; i < n; i++) {
                slots[i] = i;
            }
            return slots;
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Long.compare(ids[a], ids[b]));
        int[] slots = new int[n];
        for (int i = 0; i < n; i++) {
            slots[i] = order[i];
            sortedIds[i] = ids[order[i]];
        }
        return slots;
    }
}
