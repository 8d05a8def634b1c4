package org.iocmap.layers.changes;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the change log in id order without skipping a change that commits late, for a feed that delivers each change
 * once. It keeps a <em>position</em>: every id up to it has been returned or given up.
 *
 * <p><b>The gap rule.</b> Ids are taken at insert and may commit out of order (see {@link ChangeLog}). When the log
 * shows a gap after the position (ids 11 missing while 12 is there), the cursor returns nothing beyond the gap and
 * waits: 11 may belong to a transaction that is about to commit. A missing id is given up, and the changes after it
 * released, only once a higher id has been visible to this cursor for the grace period (5 s by default): by then the
 * transaction that took it has rolled back, or has been open for longer than any write path keeps a change
 * uncommitted (they record the change as their last statement). A given-up id that commits even later is not
 * returned by this cursor; a reader that replays the log from an older position will still find it.
 *
 * <p>A change is thus delayed by at most the grace period, and only when a gap precedes it. Gaps are rare: a rolled
 * back write, or an identity cache lost when the database restarts.
 *
 * <p>Not thread-safe: call {@link #poll} from one thread at a time (a chain of worker calls is fine). Blocks on the
 * store.
 */
public final class ChangeCursor {
    /** Returns how long a gap is waited for by default. */
    public static final Duration DEFAULT_GAP_GRACE = Duration.ofSeconds(5);

    private static final Logger LOG = LoggerFactory.getLogger(ChangeCursor.class);

    private final ChangeLog log;
    private final long graceNanos;
    private final LongSupplier nanoClock;
    /** When each new highest id was first seen, oldest first; entries older than the grace period are dropped. */
    private final ArrayDeque<Sighting> sightings = new ArrayDeque<>();

    private long position;
    /** The highest id that has been visible for at least the grace period: every missing id below it is given up. */
    private long settled;

    /**
     * Creates a cursor that returns the changes after {@code position}.
     *
     * @param gapGrace how long a missing id is waited for once a higher id is visible
     * @param nanoClock a monotonic clock in nanoseconds, {@code System::nanoTime} outside tests
     */
    public ChangeCursor(ChangeLog log, long position, Duration gapGrace, LongSupplier nanoClock) {
        this.log = Objects.requireNonNull(log, "log");
        if (gapGrace.isNegative()) {
            throw new IllegalArgumentException("gapGrace must not be negative, was " + gapGrace);
        }
        this.graceNanos = gapGrace.toNanos();
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
        this.position = position;
        this.settled = position;
    }

    /** Creates a cursor after {@code position} with the default grace period and the system's monotonic clock. */
    public static ChangeCursor after(ChangeLog log, long position) {
        return new ChangeCursor(log, position, DEFAULT_GAP_GRACE, System::nanoTime);
    }

    /** Returns the position: every id up to it has been returned by {@link #poll} or given up. */
    public long position() {
        return position;
    }

    /**
     * Returns the next changes in id order, at most {@code max}, stopping before a gap that is still within its grace
     * period (see the class comment). Advances the position past what it returns. Empty when nothing new can be
     * released yet.
     *
     * @throws org.iocmap.layers.store.StorageUnavailableException when the database cannot be reached
     */
    public List<Change> poll(int max) {
        long now = nanoClock.getAsLong();
        List<Change> visible = log.readAfter(position, max);
        if (!visible.isEmpty()) {
            long highest = visible.getLast().id();
            if (sightings.isEmpty() || highest > sightings.getLast().highestId()) {
                sightings.addLast(new Sighting(now, highest));
            }
        }
        while (!sightings.isEmpty() && now - sightings.getFirst().nanos() >= graceNanos) {
            settled = Math.max(settled, sightings.removeFirst().highestId());
        }
        List<Change> released = new ArrayList<>();
        for (Change change : visible) {
            boolean next = change.id() == position + 1;
            // id <= settled: an id at least this high has been visible for the grace period, so every id still
            // missing below it has been missing that long too and is given up.
            if (!next && change.id() > settled) {
                break;
            }
            if (!next) {
                LOG.debug(
                        "Change ids {}..{} did not commit within {} ms; treated as rolled back",
                        position + 1,
                        change.id() - 1,
                        graceNanos / 1_000_000);
            }
            released.add(change);
            position = change.id();
        }
        return released;
    }

    private record Sighting(long nanos, long highestId) {}
}
