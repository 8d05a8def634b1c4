package org.iocmap.layers.index;

import java.util.function.IntConsumer;

/**
 * Indexes a fixed set of points for box searches: a static k-d tree packed into two arrays, built once in O(n log n)
 * and never changed. Points are referred to by their slot, the position they had in the arrays given to {@link
 * #build}. Leaves hold up to {@value #NODE_SIZE} points; a search visits the leaves that meet the box and tests their
 * points. Boundaries are inclusive.
 *
 * <p>Immutable and thread-safe once built.
 */
public final class KdPointIndex {
    private static final int NODE_SIZE = 64;

    /** The slot of each point, in tree order. */
    private final int[] slots;
    /** x, y of each point, interleaved, in tree order. */
    private final double[] coords;

    private KdPointIndex(int[] slots, double[] coords) {
        this.slots = slots;
        this.coords = coords;
    }

    /** Builds the index of the first {@code n} points of {@code xs} and {@code ys}; slot i is point i. */
    public static KdPointIndex build(double[] xs, double[] ys, int n) {
        int[] slots = new int[n];
        double[] coords = new double[2 * n];
        for (int i = 0; i < n; i++) {
            slots[i] = i;
            coords[2 * i] = xs[i];
            coords[2 * i + 1] = ys[i];
        }
        sort(slots, coords, 0, n - 1, 0);
        return new KdPointIndex(slots, coords);
    }

    /** Returns how many points the index holds. */
    public int size() {
        return slots.length;
    }

    /** Calls {@code visitor} with the slot of every point inside the box, boundary included, in no set order. */
    public void search(double minX, double minY, double maxX, double maxY, IntConsumer visitor) {
        if (slots.length == 0 || !(minX <= maxX) || !(minY <= maxY)) {
            return;
        }
        // An explicit stack of (left, right, axis) ranges: no recursion, no allocation per node.
        int[] stack = new int[3 * 64];
        int top = 0;
        stack[top++] = 0;
        stack[top++] = slots.length - 1;
        stack[top++] = 0;
        while (top > 0) {
            int axis = stack[--top];
            int right = stack[--top];
            int left = stack[--top];
            if (right - left <= NODE_SIZE) {
                for (int i = left; i <= right; i++) {
                    double x = coords[2 * i];
                    double y = coords[2 * i + 1];
                    if (x >= minX && x <= maxX && y >= minY && y <= maxY) {
                        visitor.accept(slots[i]);
                    }
                }
                continue;
            }
            int m = (left + right) >>> 1;
            double x = coords[2 * m];
            double y = coords[2 * m + 1];
            if (x >= minX && x <= maxX && y >= minY && y <= maxY) {
                visitor.accept(slots[m]);
            }
            double value = axis == 0 ? x : y;
            double low = axis == 0 ? minX : minY;
            double high = axis == 0 ? maxX : maxY;
            if (top + 6 > stack.length) {
                stack = java.util.Arrays.copyOf(stack, stack.length * 2);
            }
            if (low <= value) {
                stack[top++] = left;
                stack[top++] = m - 1;
                stack[top++] = 1 - axis;
            }
            if (high >= value) {
                stack[top++] = m + 1;
                stack[top++] = right;
                stack[top++] = 1 - axis;
            }
        }
    }

    private static void sort(int[] slots, double[] coords, int left, int right, int axis) {
        while (right - left > NODE_SIZE) {
            int m = (left + right) >>> 1;
            select(slots, coords, m, left, right, axis);
            sort(slots, coords, left, m - 1, 1 - axis);
            left = m + 1;
            axis = 1 - axis;
        }
    }

    /** Rearranges [left, right] so that position k holds the value it would hold sorted, smaller ones before it. */
    private static void select(int[] slots, double[] coords, int k, int left, int right, int axis) {
        while (right > left) {
            double pivot = coords[2 * k + axis];
            int i = left;
            int j = right;
            swap(slots, coords, left, k);
            if (coords[2 * right + axis] > pivot) {
                swap(slots, coords, left, right);
            }
            while (i < j) {
                swap(slots, coords, i, j);
                i++;
                j--;
                while (coords[2 * i + axis] < pivot) {
                    i++;
                }
                while (coords[2 * j + axis] > pivot) {
                    j--;
                }
            }
            if (coords[2 * left + axis] == pivot) {
                swap(slots, coords, left, j);
            } else {
                j++;
                swap(slots, coords, j, right);
            }
            if (j <= k) {
                left = j + 1;
            }
            if (k <= j) {
                right = j - 1;
            }
        }
    }

    private static void swap(int[] slots, double[] coords, int i, int j) {
        int s = slots[i];
        slots[i] = slots[j];
        slots[j] = s;
        double x = coords[2 * i];
        double y = coords[2 * i + 1];
        coords[2 * i] = coords[2 * j];
        coords[2 * i + 1] = coords[2 * j + 1];
        coords[2 * j] = x;
        coords[2 * j + 1] = y;
    }
}
