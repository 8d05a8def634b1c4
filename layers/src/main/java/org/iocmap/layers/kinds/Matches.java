package org.iocmap.layers.kinds;

/** Collects the handles of matching entries (with a distance for nearest searches) and puts the first n in order. */
final class Matches {
    int[] handles = new int[256];
    long[] ids = new long[256];
    double[] distances = new double[256];
    int size;

    void add(int handle, long id, double distance) {
        if (size == handles.length) {
            handles = java.util.Arrays.copyOf(handles, size * 2);
            ids = java.util.Arrays.copyOf(ids, size * 2);
            distances = java.util.Arrays.copyOf(distances, size * 2);
        }
        handles[size] = handle;
        ids[size] = id;
        distances[size] = distance;
        size++;
    }

    /** Puts the first {@code n} matches in order: by id, or by distance then id. The rest follow in no order. */
    void orderFirst(int n, boolean byDistance) {
        if (n <= 0 || size < 2) {
            return;
        }
        boolean distance = byDistance;
        if (n < size) {
            select(0, size - 1, n - 1, distance); // the n best now come first, in no order
        }
        sort(0, n - 1, distance);
    }

    private int compare(int a, int b, boolean byDistance) {
        if (byDistance) {
            int c = Double.compare(distances[a], distances[b]);
            if (c != 0) {
                return c;
            }
        }
        return Long.compare(ids[a], ids[b]);
    }

    /** Sorts positions [left, right]: quicksort, insertion sort for short runs. */
    private void sort(int left, int right, boolean byDistance) {
        while (right - left > 16) {
            int p = partition(left, right, (left + right) >>> 1, byDistance);
            if (p - left < right - p) {
                sort(left, p - 1, byDistance);
                left = p + 1;
            } else {
                sort(p + 1, right, byDistance);
                right = p - 1;
            }
        }
        for (int i = left + 1; i <= right; i++) {
            for (int j = i; j > left && compare(j - 1, j, byDistance) > 0; j--) {
                swap(j - 1, j);
            }
        }
    }

    /** Rearranges [left, right] so that position k holds what it would hold sorted, smaller ones before it. */
    private void select(int left, int right, int k, boolean byDistance) {
        while (right > left) {
            int p = partition(left, right, (left + right) >>> 1, byDistance);
            if (p == k) {
                return;
            } else if (p < k) {
                left = p + 1;
            } else {
                right = p - 1;
            }
        }
    }

    /** Partitions [left, right] around the element at {@code pivot}; returns where the pivot ends up. */
    private int partition(int left, int right, int pivot, boolean byDistance) {
        swap(pivot, right);
        int store = left;
        for (int i = left; i < right; i++) {
            if (compare(i, right, byDistance) < 0) {
                swap(i, store++);
            }
        }
        swap(store, right);
        return store;
    }

    private void swap(int a, int b) {
        int h = handles[a];
        handles[a] = handles[b];
        handles[b] = h;
        long id = ids[a];
        ids[a] = ids[b];
        ids[b] = id;
        double d = distances[a];
        distances[a] = distances[b];
        distances[b] = d;
    }
}
