package org.iocmap.tiles.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.iocmap.tiles.grid.TileCoord;
import org.iocmap.tiles.grid.WebMercator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Envelope;

class TileCacheTest {
    private static final double BUFFER = 64.0 / 4096;

    @TempDir
    Path dir;

    private static TileCache.Key key(String layer, TileCoord tile) {
        return new TileCache.Key(layer, "mvt:name,status", tile);
    }

    private static Envelope at(double lon, double lat) {
        return new Envelope(lon, lon, lat, lat);
    }

    @Test
    void aChangeForgetsTheTilesThatHeldTheFeatureAndThoseItNowReaches() {
        TileCache cache = new TileCache(1 << 20, null, 0);
        TileCoord oldTile = WebMercator.tileAt(109.19, 12.24, 14);
        TileCoord newTile = WebMercator.tileAt(109.30, 12.30, 14);
        TileCoord oldParent = WebMercator.tileAt(109.19, 12.24, 10);
        TileCoord elsewhere = WebMercator.tileAt(106.70, 10.78, 14); // Hồ Chí Minh City
        cache.put(key("cams", oldTile), new byte[] {1}, new long[] {7, 8});
        cache.put(key("cams", oldParent), new byte[] {2}, new long[] {7, 8, 9});
        cache.put(key("cams", newTile), new byte[] {3}, new long[] {10});
        cache.put(key("cams", elsewhere), new byte[] {4}, new long[] {11});
        cache.put(key("other", oldTile), new byte[] {5}, new long[] {7}); // another layer's feature 7

        // Feature 7 moves from Nha Trang to a spot inside newTile.
        Set<TileCoord> forgotten = cache.invalidate("cams", 7, at(109.30, 12.30), BUFFER);

        assertThat(forgotten).containsExactlyInAnyOrder(oldTile, oldParent, newTile);
        assertThat(cache.findInMemory(key("cams", oldTile))).isEmpty();
        assertThat(cache.findInMemory(key("cams", newTile))).isEmpty();
        assertThat(cache.findInMemory(key("cams", elsewhere))).contains(new byte[] {4});
        assertThat(cache.findInMemory(key("other", oldTile))).contains(new byte[] {5});
        // Feature 8 was only in forgotten tiles: its change forgets nothing more.
        assertThat(cache.invalidate("cams", 8, null, BUFFER)).isEmpty();
    }

    @Test
    void aFeatureInTheBufferOfANeighbourForgetsTheNeighbourToo() {
        TileCache cache = new TileCache(1 << 20, null, 0);
        TileCoord tile = new TileCoord(12, 3290, 1906);
        Envelope bounds = WebMercator.boundsLonLat(tile);
        TileCoord east = new TileCoord(12, 3291, 1906);
        TileCoord far = new TileCoord(12, 3293, 1906);
        cache.put(key("cams", east), new byte[] {1}, new long[0]);
        cache.put(key("cams", far), new byte[] {2}, new long[0]);
        double justInside = bounds.getMaxX() - bounds.getWidth() * 0.001; // inside tile, in east's buffer
        assertThat(cache.invalidate("cams", 1, at(justInside, bounds.centre().y), BUFFER))
                .containsExactly(east);
        double middle = bounds.centre().x; // far from east's buffer
        cache.put(key("cams", east), new byte[] {1}, new long[0]);
        assertThat(cache.invalidate("cams", 1, at(middle, bounds.centre().y), BUFFER))
                .isEmpty();
    }

    @Test
    void tilesPushedOutOfMemoryAreKeptOnDiskAndStillForgotten() throws Exception {
        TileCache cache = new TileCache(250, dir.resolve("cache"), 1 << 20);
        for (int x = 0; x < 10; x++) {
            cache.put(key("plans", new TileCoord(5, x, 14)), new byte[100], new long[] {x});
        }
        assertThat(cache.size()).isEqualTo(10);
        assertThat(cache.findInMemory(key("plans", new TileCoord(5, 0, 14)))).isEmpty(); // spilled
        assertThat(cache.find(key("plans", new TileCoord(5, 0, 14)))).isPresent(); // read back from disk
        assertThat(cache.invalidate("plans", 3, null, BUFFER)).containsExactly(new TileCoord(5, 3, 14));
        assertThat(cache.find(key("plans", new TileCoord(5, 3, 14)))).isEmpty();
        try (var files = Files.walk(dir.resolve("cache"))) {
            assertThat(files.filter(Files::isRegularFile).count()).isEqualTo(cache.size() - 2); // 2 in memory
        }
        new TileCache(250, dir.resolve("cache"), 1 << 20); // a new cache empties the folder
        try (var files = Files.walk(dir.resolve("cache"))) {
            assertThat(files.filter(Files::isRegularFile).count()).isZero();
        }
    }

    @Test
    void theDiskBudgetDropsTheOldestAndTheVariantsStaySeparate() {
        TileCache cache = new TileCache(0, dir.resolve("cache"), 300);
        for (int x = 0; x < 10; x++) {
            cache.put(key("plans", new TileCoord(5, x, 14)), new byte[100], new long[] {x});
        }
        assertThat(cache.size()).isLessThanOrEqualTo(4); // 3 on disk and the newest in memory
        assertThat(cache.find(key("plans", new TileCoord(5, 0, 14)))).isEmpty();
        assertThat(cache.find(key("plans", new TileCoord(5, 9, 14)))).isPresent();

        TileCache variants = new TileCache(1 << 20, null, 0);
        TileCoord t = new TileCoord(3, 1, 1);
        variants.put(new TileCache.Key("r", "mvt:a", t), new byte[] {1}, new long[] {1});
        variants.put(new TileCache.Key("r", "mvt:a,phone", t), new byte[] {2}, new long[] {1});
        assertThat(variants.findInMemory(new TileCache.Key("r", "mvt:a", t))).contains(new byte[] {1});
        assertThat(variants.invalidate("r", 1, null, BUFFER)).containsExactly(t);
        assertThat(variants.size()).isZero();
    }
}
