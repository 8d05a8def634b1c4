package org.iocmap.layers.readings;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reduces a time series, fed in time order, to at most a given number of buckets of equal length over a window, each
 * with the minimum, maximum (and when they occurred) and mean of its readings, so a chart of a long period keeps every
 * peak and trough. Empty buckets are left out. Not thread-safe.
 */
public final class Downsampler {
    private final long fromMillis;
    private final long bucketMillis;
    private final List<Bucket> buckets = new ArrayList<>();
    private Open current;

    /**
     * Describes one bucket.
     *
     * @param from the bucket's start (inclusive)
     * @param to the bucket's end (exclusive)
     */
    public record Bucket(
            Instant from, Instant to, int count, double min, Instant minAt, double max, Instant maxAt, double mean) {}

    /**
     * @param buckets at most this many buckets cover [from, to]; at least 1
     */
    public Downsampler(Instant from, Instant to, int buckets) {
        if (buckets < 1 || to.isBefore(from)) {
            throw new IllegalArgumentException("need at least one bucket over a window that does not end before it"
                    + " starts; had " + buckets + " over " + from + "/" + to);
        }
        this.fromMillis = from.toEpochMilli();
        long span = to.toEpochMilli() - fromMillis + 1; // the window includes its end
        long shortest = Math.max(1, (span + buckets - 1) / buckets);
        // Whole seconds when a bucket lasts a second or more, so bucket edges fall on the second the window starts on.
        this.bucketMillis = shortest >= 1_000 ? (shortest + 999) / 1_000 * 1_000 : shortest;
    }

    /** Returns the length of a bucket in milliseconds. */
    public long bucketMillis() {
        return bucketMillis;
    }

    /** Adds a reading; times must not decrease. Readings before the window's start are ignored. */
    public void add(Instant at, double value) {
        long offset = at.toEpochMilli() - fromMillis;
        if (offset < 0) {
            return;
        }
        long start = fromMillis + offset / bucketMillis * bucketMillis;
        if (current == null || current.start != start) {
            if (current != null) {
                buckets.add(current.toBucket(bucketMillis));
            }
            current = new Open(start);
        }
        current.add(at, value);
    }

    /** Returns the buckets in time order; the downsampler is finished then. */
    public List<Bucket> finish() {
        if (current != null) {
            buckets.add(current.toBucket(bucketMillis));
            current = null;
        }
        return List.copyOf(buckets);
    }

    private static final class Open {
        private final long start;
        private int count;
        private double sum;
        private double min = Double.POSITIVE_INFINITY;
        private Instant minAt;
        private double max = Double.NEGATIVE_INFINITY;
        private Instant maxAt;

        Open(long start) {
            this.start = start;
        }

        void add(Instant at, double value) {
            count++;
            sum += value;
            if (value < min) {
                min = value;
                minAt = at;
            }
            if (value > max) {
                max = value;
                maxAt = at;
            }
        }

        Bucket toBucket(long length) {
            return new Bucket(
                    Instant.ofEpochMilli(start),
                    Instant.ofEpochMilli(start + length),
                    count,
                    min,
                    minAt,
                    max,
                    maxAt,
                    sum / count);
        }
    }
}
