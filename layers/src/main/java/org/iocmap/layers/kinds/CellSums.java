package org.iocmap.layers.kinds;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.iocmap.layers.model.HeatCell;
import org.iocmap.layers.model.HeatGrid;

/** Adds counts and weights per cell key in an open-addressing table of primitives: no object per point. */
final class CellSums {
    private long[] keys = new long[1024];
    private long[] counts = new long[1024];
    private double[] sums = new double[1024];
    private boolean[] used = new boolean[1024];
    private int size;

    void add(long key, double weight) {
        if (size * 2 >= keys.length) {
            grow();
        }
        int i = slot(key, keys.length);
        while (used[i] && keys[i] != key) {
            i = (i + 1) & (keys.length - 1);
        }
        if (!used[i]) {
            used[i] = true;
            keys[i] = key;
            size++;
        }
        counts[i]++;
        sums[i] += weight;
    }

    /** Returns the cells, the keys being the packed square cells or the H3 indexes of {@code grid}. */
    List<HeatCell> cells(HeatGrid grid, int level) {
        List<HeatCell> cells = new ArrayList<>(size);
        for (int i = 0; i < keys.length; i++) {
            if (used[i]) {
                cells.add(new HeatCell(grid, level, keys[i], counts[i], sums[i]));
            }
        }
        return cells;
    }

    private static int slot(long key, int length) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h >>> 40) & (length - 1);
    }

    private void grow() {
        long[] oldKeys = keys;
        long[] oldCounts = counts;
        double[] oldSums = sums;
        boolean[] oldUsed = used;
        int length = oldKeys.length * 2;
        keys = new long[length];
        counts = new long[length];
        sums = new double[length];
        used = new boolean[length];
        for (int j = 0; j < oldKeys.length; j++) {
            if (oldUsed[j]) {
                int i = slot(oldKeys[j], length);
                while (used[i]) {
                    i = (i + 1) & (length - 1);
                }
                used[i] = true;
                keys[i] = oldKeys[j];
                counts[i] = oldCounts[j];
                sums[i] = oldSums[j];
            }
        }
        Arrays.fill(oldUsed, false);
    }
}
