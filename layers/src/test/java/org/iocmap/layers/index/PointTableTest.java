package org.iocmap.layers.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class PointTableTest {
    private static PointTable.Entry entry(long id, double lon, double lat) {
        return new PointTable.Entry(id, lon, lat, id * 10, "p" + id);
    }

    /** The ids a table holds inside a box, found by its index. */
    private static Set<Long> search(PointTable t, double minX, double minY, double maxX, double maxY) {
        Set<Long> ids = new TreeSet<>();
        t.search(minX, minY, maxX, maxY, h -> assertThat(ids.add(t.id(h))).isTrue());
        return ids;
    }

    /** The ids inside a box, by looking at every entry. */
    private static Set<Long> scan(Map<Long, PointTable.Entry> all, double minX, double minY, double maxX, double maxY) {
        Set<Long> ids = new TreeSet<>();
        for (PointTable.Entry e : all.values()) {
            if (e.lon() >= minX && e.lon() <= maxX && e.lat() >= minY && e.lat() <= maxY) {
                ids.add(e.id());
            }
        }
        return ids;
    }

    @Test
    void searchFindsExactlyThePointsInTheBoxBoundaryIncluded() {
        Random r = new Random(1);
        Map<Long, PointTable.Entry> all = new HashMap<>();
        for (long id = 1; id <= 20_000; id++) {
            // Many duplicates on a coarse grid, so that ties on the split axis are common.
            double lon = r.nextInt(3) == 0 ? Math.round(r.nextDouble() * 20) / 2.0 : r.nextDouble() * 10;
            all.put(id, entry(id, lon, r.nextDouble() * 10));
        }
        PointTable t = PointTable.of(new ArrayList<>(all.values()));
        assertThat(t.size()).isEqualTo(20_000);
        for (int i = 0; i < 300; i++) {
            double x = r.nextDouble() * 10;
            double y = r.nextDouble() * 10;
            double w = r.nextDouble() * (i % 10 == 0 ? 10 : 0.5);
            assertThat(search(t, x, y, x + w, y + w)).isEqualTo(scan(all, x, y, x + w, y + w));
        }
        assertThat(search(t, 2, 0, 2, 10)).isEqualTo(scan(all, 2, 0, 2, 10)); // a zero-width box on grid values
        assertThat(search(t, 5, 5, 4, 6)).isEmpty(); // an inverted box
    }

    @Test
    void changesReplaceRemoveAndAddWithoutTouchingTheOldTable() {
        Random r = new Random(2);
        Map<Long, PointTable.Entry> all = new HashMap<>();
        for (long id = 1; id <= 10_000; id++) {
            all.put(id, entry(id, r.nextDouble(), r.nextDouble()));
        }
        PointTable t = PointTable.of(new ArrayList<>(all.values()));
        for (int round = 0; round < 40; round++) {
            PointTable before = t;
            Map<Long, PointTable.Entry> old = new HashMap<>(all);
            List<PointTable.Entry> upserts = new ArrayList<>();
            List<Long> removals = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                long id = 1 + r.nextInt(15_000); // some new, some existing
                if (r.nextInt(4) == 0) {
                    removals.add(id);
                    all.remove(id);
                } else {
                    PointTable.Entry e = entry(id, r.nextDouble(), r.nextDouble());
                    upserts.add(e);
                    all.put(id, e);
                }
            }
            removals.forEach(id -> upserts.removeIf(e -> e.id() == id)); // an id in both ends removed
            removals.forEach(all::remove);
            t = t.apply(upserts, removals);
            assertThat(t.size()).isEqualTo(all.size());
            for (int i = 0; i < 20; i++) {
                double x = r.nextDouble();
                double y = r.nextDouble();
                assertThat(search(t, x, y, x + 0.1, y + 0.1)).isEqualTo(scan(all, x, y, x + 0.1, y + 0.1));
            }
            assertThat(search(before, 0, 0, 1, 1)).isEqualTo(scan(old, 0, 0, 1, 1)); // the old table is unchanged
        }
        for (long id = 1; id <= 15_000; id++) {
            int h = t.find(id);
            if (all.containsKey(id)) {
                assertThat(t.id(h)).isEqualTo(id);
                assertThat(t.lon(h)).isEqualTo(all.get(id).lon());
                assertThat(t.properties(h)).isEqualTo("p" + id);
                assertThat(t.timeMicros(h)).isEqualTo(id * 10);
            } else {
                assertThat(h).isEqualTo(Integer.MIN_VALUE);
            }
        }
    }

    @Test
    void duplicateIdsAreRefused() {
        assertThatThrownBy(() -> PointTable.of(List.of(entry(1, 0, 0), entry(1, 1, 1))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("id 1 appears twice");
    }

    @Test
    void anEmptyTableFindsNothing() {
        PointTable t = PointTable.empty();
        assertThat(search(t, -180, -90, 180, 90)).isEmpty();
        assertThat(t.find(1)).isEqualTo(Integer.MIN_VALUE);
        assertThat(t.apply(List.of(entry(5, 1, 1)), List.of()).find(5)).isGreaterThanOrEqualTo(Integer.MIN_VALUE + 1);
    }
}
