package org.iocmap.layers.ais;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.StringJoiner;

/**
 * Joins the fragments of multi-part AIS messages. Fragments belong together when they share tag block source,
 * sentence (VDM or VDO), channel and sequential message id; they may arrive in any order. A later fragment without a
 * source joins the latest such message from any source, since many feeds tag only the first fragment.
 * <p>Memory is bounded: at most {@code maxPending} messages wait for fragments, the oldest being dropped first, and a
 * message whose first fragment is older than the timeout is dropped. Each dropped message becomes one {@link AisReject}
 * holding the fragments that did arrive. Not thread-safe.
 */
final class FragmentAssembler {
    private final Duration timeout;
    private final int maxPending;
    // Insertion order is arrival order of first fragments, so the oldest message is always first.
    private final LinkedHashMap<Key, Group> pending = new LinkedHashMap<>();

    FragmentAssembler(Duration timeout, int maxPending) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeout);
        }
        if (maxPending < 1) {
            throw new IllegalArgumentException("maxPending must be >= 1, was " + maxPending);
        }
        this.timeout = timeout;
        this.maxPending = maxPending;
    }

    /**
     * Adds one fragment of a multi-part message. Returns all its message's fragments in order when this one completes
     * it, else null. A message that this fragment cannot belong to (another fragment count, or this fragment number
     * again) is dropped as superseded, and the oldest message is dropped when too many are waiting; rejects for both
     * are added to {@code rejects}.
     */
    List<VdmLine> add(VdmLine fragment, Instant receivedAt, List<AisResult> rejects) {
        Key key = new Key(fragment.source(), fragment.ownVessel(), fragment.channel(), fragment.sequenceId());
        Group group = pending.get(key);
        if (group == null && fragment.source() == null && fragment.fragmentNumber() > 1) {
            Group tagged = findLatestFromAnySource(key);
            if (tagged != null && tagged.accepts(fragment)) {
                group = tagged;
                key = tagged.key;
            }
        }
        if (group != null && !group.accepts(fragment)) {
            pending.remove(key);
            rejects.add(group.reject(
                    AisReject.Reason.FRAGMENT_SUPERSEDED,
                    "fragments " + group.missing() + " of " + group.fragments.length
                            + " never arrived; a new message took its sequence id " + describe(key)));
            group = null;
        }
        if (group == null) {
            if (pending.size() >= maxPending) {
                Iterator<Group> oldest = pending.values().iterator();
                Group dropped = oldest.next();
                oldest.remove();
                rejects.add(dropped.reject(
                        AisReject.Reason.FRAGMENT_OVERFLOW,
                        "dropped incomplete message: " + maxPending + " messages were waiting for fragments"));
            }
            group = new Group(key, fragment.fragmentCount(), receivedAt);
            pending.put(key, group);
        }
        group.put(fragment, receivedAt);
        if (!group.isComplete()) {
            return null;
        }
        pending.remove(key);
        return List.of(group.fragments);
    }

    /**
     * Drops every message whose first fragment arrived more than the timeout before {@code now}, adding a reject for
     * each to {@code rejects}. Messages are checked in arrival order and the check stops at the first one still in
     * time, so this costs nothing when nothing is due.
     */
    void expire(Instant now, List<? super AisReject> rejects) {
        Instant limit = now.minus(timeout);
        Iterator<Group> groups = pending.values().iterator();
        while (groups.hasNext()) {
            Group group = groups.next();
            if (!group.firstReceivedAt.isBefore(limit)) {
                break;
            }
            groups.remove();
            rejects.add(group.reject(
                    AisReject.Reason.FRAGMENT_TIMEOUT,
                    "fragments " + group.missing() + " of " + group.fragments.length + " did not arrive within "
                            + timeout.toMillis() + " ms " + describe(group.key)));
        }
    }

    /**
     * Returns the latest message waiting with the same sentence, channel and sequence id as {@code key}, whatever its
     * source; null when there is none. Many feeds put the source only in the first fragment's tag block.
     */
    private Group findLatestFromAnySource(Key key) {
        Group latest = null;
        for (Group group : pending.values()) {
            if (group.key.ownVessel() == key.ownVessel()
                    && group.key.channel().equals(key.channel())
                    && group.key.sequenceId().equals(key.sequenceId())) {
                latest = group;
            }
        }
        return latest;
    }

    /** Returns how many messages are waiting for fragments. */
    int pendingCount() {
        return pending.size();
    }

    private static String describe(Key key) {
        return "(channel '" + key.channel() + "', sequence id '" + key.sequenceId() + "'"
                + (key.source() == null ? "" : ", source " + key.source()) + ")";
    }

    private record Key(String source, boolean ownVessel, String channel, String sequenceId) {}

    private static final class Group {
        private final Key key;
        private final VdmLine[] fragments;
        private final Instant firstReceivedAt;
        private Instant lastReceivedAt;
        private int received;

        Group(Key key, int count, Instant receivedAt) {
            this.key = key;
            this.fragments = new VdmLine[count];
            this.firstReceivedAt = receivedAt;
            this.lastReceivedAt = receivedAt;
        }

        boolean accepts(VdmLine fragment) {
            return fragment.fragmentCount() == fragments.length && fragments[fragment.fragmentNumber() - 1] == null;
        }

        void put(VdmLine fragment, Instant receivedAt) {
            fragments[fragment.fragmentNumber() - 1] = fragment;
            received++;
            lastReceivedAt = receivedAt;
        }

        boolean isComplete() {
            return received == fragments.length;
        }

        String missing() {
            StringJoiner numbers = new StringJoiner(", ");
            for (int i = 0; i < fragments.length; i++) {
                if (fragments[i] == null) {
                    numbers.add(Integer.toString(i + 1));
                }
            }
            return numbers.toString();
        }

        AisReject reject(AisReject.Reason reason, String detail) {
            List<String> lines = new ArrayList<>();
            for (VdmLine fragment : fragments) {
                if (fragment != null) {
                    lines.add(fragment.line());
                }
            }
            return new AisReject(reason, detail, String.join("\n", lines), key.source(), lastReceivedAt);
        }
    }
}
