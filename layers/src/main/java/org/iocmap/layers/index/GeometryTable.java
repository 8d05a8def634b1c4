package org.iocmap.layers.index;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntConsumer;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.index.strtree.STRtree;

/**
 * Holds the features of a layer of lines, polygons or mixed geometries in memory: id, geometry, time and the
 * properties as encoded JSON, with an R-tree ({@link STRtree}) over their envelopes. Immutable, like {@link
 * PointTable}, with the same base-plus-overlay design: {@link #apply} shares the packed base and copies only the small
 * overlay of changes, repacking when it grows.
 *
 * <p>Search results are handles: {@code >= 0} for a base slot, {@code < 0} for an overlay entry; valid for the table
 * that gave them.
 */
public final class GeometryTable implements MemoryTable<GeometryTable.Entry, GeometryTable> {
    private static final int MIN_OVERLAY_BEFORE_REPACK = 1024;

    /**
     * One feature.
     *
     * @param timeMicros the layer time in epoch microseconds, or {@link PointTable#NO_TIME}
     */
    public record Entry(long id, Geometry geometry, long timeMicros, Object properties) {
        public Entry {
            Objects.requireNonNull(geometry, "geometry");
            Objects.requireNonNull(properties, "properties");
        }
    }

    private final Entry[] base;
    private final STRtree tree;
    private final long[] sortedIds;
    private final int[] slotOfSorted;
    private final BitSet dead;
    private final int deadCount;
    private final Entry[] overlay;
    private final Map<Long, Integer> overlayById;

    private GeometryTable(
            Entry[] base,
            STRtree tree,
            long[] sortedIds,
            int[] slotOfSorted,
            BitSet dead,
            int deadCount,
            Entry[] overlay,
            Map<Long, Integer> overlayById) {
        this.base = base;
        this.tree = tree;
        this.sortedIds = sortedIds;
        this.slotOfSorted = slotOfSorted;
        this.dead = dead;
        this.deadCount = deadCount;
        this.overlay = overlay;
        this.overlayById = overlayById;
    }

    /** Packs {@code entries} (ids unique) into a new table. */
    public static GeometryTable of(List<Entry> entries) {
        Entry[] base = entries.toArray(Entry[]::new);
        STRtree tree = new STRtree();
        Integer[] order = new Integer[base.length];
        for (int i = 0; i < base.length; i++) {
            tree.insert(base[i].geometry().getEnvelopeInternal(), i);
            order[i] = i;
        }
        tree.build();
        Arrays.sort(order, (a, b) -> Long.compare(base[a].id(), base[b].id()));
        long[] sortedIds = new long[base.length];
        int[] slotOfSorted = new int[base.length];
        for (int i = 0; i < base.length; i++) {
            slotOfSorted[i] = order[i];
            sortedIds[i] = base[order[i]].id();
            if (i > 0 && sortedIds[i] == sortedIds[i - 1]) {
                throw new IllegalArgumentException("id " + sortedIds[i] + " appears twice");
            }
        }
        return new GeometryTable(
                base, tree, sortedIds, slotOfSorted, new BitSet(base.length), 0, new Entry[0], Map.of());
    }

    @Override
    public int size() {
        return base.length - deadCount + overlay.length;
    }

    @Override
    public GeometryTable apply(Collection<Entry> upserts, Collection<Long> removals) {
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
        if (newOverlay.size() > Math.max(MIN_OVERLAY_BEFORE_REPACK, base.length / 16)) {
            List<Entry> all = new ArrayList<>(base.length + newOverlay.size());
            for (int slot = 0; slot < base.length; slot++) {
                if (!newDead.get(slot)) {
                    all.add(base[slot]);
                }
            }
            all.addAll(newOverlay.values());
            return of(all);
        }
        Entry[] entries = newOverlay.values().toArray(Entry[]::new);
        Map<Long, Integer> byId = new HashMap<>(entries.length * 2);
        for (int i = 0; i < entries.length; i++) {
            byId.put(entries[i].id(), i);
        }
        return new GeometryTable(base, tree, sortedIds, slotOfSorted, newDead, newDeadCount, entries, byId);
    }

    private int kill(BitSet deadSlots, long id) {
        int at = Arrays.binarySearch(sortedIds, id);
        if (at < 0 || deadSlots.get(slotOfSorted[at])) {
            return 0;
        }
        deadSlots.set(slotOfSorted[at]);
        return 1;
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

    /** Calls {@code visitor} with the handle of every live entry whose envelope meets the box. */
    public void search(Envelope box, IntConsumer visitor) {
        tree.query(box, item -> {
            int slot = (Integer) item;
            if (!dead.get(slot)) {
                visitor.accept(slot);
            }
        });
        for (int i = 0; i < overlay.length; i++) {
            if (overlay[i].geometry().getEnvelopeInternal().intersects(box)) {
                visitor.accept(-i - 1);
            }
        }
    }

    /** Returns the entry of a handle. */
    public Entry entry(int handle) {
        return handle >= 0 ? base[handle] : overlay[-handle - 1];
    }
}
