package org.iocmap.layers.changes;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Follows the change log for a consumer that applies changes <em>idempotently</em> (re-reading the feature's current
 * state), such as an in-memory index or a tile cache: every change is handed out once, as soon as it is visible, even
 * past a gap; ids missing below the highest one handed out are remembered and handed out when they commit late, for up
 * to the gap grace period. Unlike {@link ChangeCursor}, nothing waits behind a gap; order is not kept, which is right
 * for consumers that read current state and wrong for a stream that must deliver in order.
 *
 * <p>Not thread-safe: call {@link #poll} from one thread at a time. Blocks on the store.
 */
public final class ChangeFollower {
    private static final int BATCH = 5_000;
    /** A jump in ids larger than this (a sequence restart, say) is not tracked id by id. */
    private static final int MAX_TRACKED_GAP = 10_000;

    private final ChangeLog log;
    private final long graceNanos;
    private final LongSupplier nanoClock;
    private long position;
    private long maxSeen;
    private final Map<Long, Long> gaps = new HashMap<>(); // missing id -> when first missed (nanos)

    /**
     * Creates a follower that hands out the changes after {@code position}.
     *
     * @param gapGrace how long an id missing below a visible one is waited for
     * @param nanoClock a monotonic clock, {@code System::nanoTime} outside tests
     */
    public ChangeFollower(ChangeLog log, long position, Duration gapGrace, LongSupplier nanoClock) {
        this.log = Objects.requireNonNull(log, "log");
        this.graceNanos = gapGrace.toNanos();
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
        this.position = position;
        this.maxSeen = position;
    }

    /** Returns the highest id below which every id has been handed out or given up. */
    public long position() {
        return position;
    }

    /** Returns the changes not handed out yet that are visible now: new ones and late commits into gaps. */
    public List<Change> poll() {
        long now = nanoClock.getAsLong();
        List<Change> fresh = new ArrayList<>();
        long expected = position + 1;
        long from = position;
        List<Change> changes;
        do {
            changes = log.readAfter(from, BATCH);
            for (Change c : changes) {
                if (c.id() - expected <= MAX_TRACKED_GAP) {
                    for (long g = Math.max(expected, maxSeen + 1); g < c.id(); g++) {
                        gaps.putIfAbsent(g, now);
                    }
                }
                if (c.id() > maxSeen || gaps.remove(c.id()) != null) {
                    fresh.add(c);
                }
                maxSeen = Math.max(maxSeen, c.id());
                expected = c.id() + 1;
                from = c.id();
            }
        } while (changes.size() == BATCH);
        gaps.values().removeIf(seen -> now - seen > graceNanos);
        position = gaps.isEmpty()
                ? maxSeen
                : gaps.keySet().stream().min(Long::compare).orElseThrow() - 1;
        return fresh;
    }
}
