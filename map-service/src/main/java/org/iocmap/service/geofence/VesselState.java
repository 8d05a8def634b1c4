package org.iocmap.service.geofence;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/** Holds what the engine remembers of one vessel. Mutable; touched only by the engine's thread. */
final class VesselState {
    final int mmsi;
    PositionFix last;
    /** The silence after {@link #last} that makes the vessel dark, ms; {@link Long#MAX_VALUE} when never. */
    long expectedIntervalMillis = Long.MAX_VALUE;

    /** The time of {@link #last}, epoch ms, kept apart for the clock's scan over every vessel. */
    long lastMillis;

    /** The most recent gaps between fixes, ms, in a ring of {@link #GAPS_REMEMBERED}. */
    private final long[] gaps = new long[GAPS_REMEMBERED];

    private int gapCount;
    private int gapNext;

    boolean dark;
    /** State per fence id, in id order so that events and snapshots come out in a stable order. */
    final TreeMap<String, FenceState> fences = new TreeMap<>();

    /** How many recent gaps between fixes the learnt reporting interval is the median of. */
    static final int GAPS_REMEMBERED = 9;

    VesselState(int mmsi) {
        this.mmsi = mmsi;
    }

    void setLast(PositionFix fix) {
        last = fix;
        lastMillis = fix.millis();
    }

    /** Remembers a gap, forgetting the oldest beyond {@link #GAPS_REMEMBERED}. */
    void addGap(long millis) {
        gaps[gapNext] = millis;
        gapNext = (gapNext + 1) % GAPS_REMEMBERED;
        gapCount = Math.min(GAPS_REMEMBERED, gapCount + 1);
    }

    int gapCount() {
        return gapCount;
    }

    /** Returns the median of the remembered gaps, ms; 0 when there are none. */
    long medianGapMillis() {
        if (gapCount == 0) {
            return 0;
        }
        long[] sorted = new long[gapCount];
        for (int i = 0; i < gapCount; i++) {
            // insertion sort: nine values at most
            long g = gaps[(gapNext - gapCount + i + GAPS_REMEMBERED) % GAPS_REMEMBERED];
            int j = i - 1;
            while (j >= 0 && sorted[j] > g) {
                sorted[j + 1] = sorted[j];
                j--;
            }
            sorted[j + 1] = g;
        }
        return gapCount % 2 == 1 ? sorted[gapCount / 2] : (sorted[gapCount / 2 - 1] + sorted[gapCount / 2]) / 2;
    }

    /** Returns the remembered gaps, oldest first. */
    List<Long> recentGaps() {
        List<Long> list = new ArrayList<>(gapCount);
        for (int i = 0; i < gapCount; i++) {
            list.add(gaps[(gapNext - gapCount + i + GAPS_REMEMBERED) % GAPS_REMEMBERED]);
        }
        return list;
    }
}
