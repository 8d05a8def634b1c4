package org.iocmap.tiles.cache;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.iocmap.tiles.grid.TileCoord;
import org.iocmap.tiles.grid.WebMercator;
import org.locationtech.jts.geom.Envelope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps made tiles: the most recently used in memory, up to a byte budget; those pushed out spill to files in a folder,
 * up to a second budget, the oldest deleted first. For every tile it remembers the ids of the features in it, so a
 * change of one feature forgets exactly the tiles it touches: those that held it, and those its current shape now
 * reaches (at every zoom that has tiles kept).
 *
 * <p>The folder is emptied when the cache is created: changes made while the service was stopped cannot be traced to
 * the files.
 *
 * <p>Thread-safe (one lock; every operation is short).
 */
public final class TileCache {
    /**
     * Names one kept tile.
     *
     * @param variant what else the bytes depend on, such as the properties the viewer may read and the format
     */
    public record Key(String layerId, String variant, TileCoord tile) {
        public Key {
            Objects.requireNonNull(layerId, "layerId");
            Objects.requireNonNull(variant, "variant");
            Objects.requireNonNull(tile, "tile");
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(TileCache.class);

    private final long memoryBudget;
    private final Path folder;
    private final long diskBudget;
    private final LinkedHashMap<Key, byte[]> memory = new LinkedHashMap<>(1024, 0.75f, true);
    private long memoryBytes;
    private final LinkedHashMap<Key, Long> disk = new LinkedHashMap<>(); // oldest first, value = size
    private long diskBytes;
    private final Map<Key, long[]> featuresOf = new HashMap<>();
    private final Map<String, Map<Long, Set<Key>>> byFeature = new HashMap<>();
    private final Map<String, Map<Integer, Map<TileCoord, Set<Key>>>> byZoom = new HashMap<>();
    private long hits;
    private long misses;

    /**
     * @param memoryBudget bytes of tiles kept in memory
     * @param folder where tiles pushed out of memory go; null keeps none on disk
     * @param diskBudget bytes of tiles kept on disk
     */
    public TileCache(long memoryBudget, Path folder, long diskBudget) {
        this.memoryBudget = memoryBudget;
        this.folder = folder;
        this.diskBudget = diskBudget;
        if (folder != null) {
            try {
                if (Files.exists(folder)) {
                    try (var files = Files.walk(folder)) {
                        files.sorted(java.util.Comparator.reverseOrder())
                                .filter(p -> !p.equals(folder))
                                .forEach(p -> p.toFile().delete());
                    }
                }
                Files.createDirectories(folder);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot prepare the tile cache folder " + folder, e);
            }
        }
    }

    /** Returns the tile when it is kept in memory; never touches the disk (safe on an event loop). */
    public synchronized Optional<byte[]> findInMemory(Key key) {
        byte[] bytes = memory.get(key);
        if (bytes != null) {
            hits++;
        }
        return Optional.ofNullable(bytes);
    }

    /** Returns the tile when it is kept, in memory or on disk (then it moves back to memory). Blocks on the disk. */
    public synchronized Optional<byte[]> find(Key key) {
        byte[] bytes = memory.get(key);
        if (bytes == null && disk.containsKey(key)) {
            try {
                bytes = Files.readAllBytes(file(key));
                diskBytes -= disk.remove(key);
                Files.deleteIfExists(file(key));
                putInMemory(key, bytes);
            } catch (IOException e) {
                LOG.warn("tile cache file {} is unreadable: {}", file(key), e.toString());
                forget(key);
                bytes = null;
            }
        }
        if (bytes == null) {
            misses++;
        } else {
            hits++;
        }
        return Optional.ofNullable(bytes);
    }

    /** Keeps a tile made from the features with {@code featureIds}. */
    public synchronized void put(Key key, byte[] bytes, long[] featureIds) {
        forget(key);
        featuresOf.put(key, featureIds.clone());
        Map<Long, Set<Key>> features = byFeature.computeIfAbsent(key.layerId(), l -> new HashMap<>());
        for (long id : featureIds) {
            features.computeIfAbsent(id, i -> new HashSet<>()).add(key);
        }
        byZoom.computeIfAbsent(key.layerId(), l -> new HashMap<>())
                .computeIfAbsent(key.tile().z(), z -> new HashMap<>())
                .computeIfAbsent(key.tile(), t -> new HashSet<>())
                .add(key);
        putInMemory(key, bytes);
    }

    /**
     * Forgets the tiles feature {@code featureId} of {@code layerId} touches: those it was in and, when it still
     * exists, those its current extent reaches with the given margin, at every zoom with tiles kept.
     *
     * @param extent the feature's current extent in lon/lat; null when the feature is gone
     * @param marginFraction how far around a tile its contents reach, as a fraction of the tile's side (the buffer)
     * @return the tiles forgotten, without duplicates
     */
    public synchronized Set<TileCoord> invalidate(
            String layerId, long featureId, Envelope extent, double marginFraction) {
        Set<Key> doomed =
                new HashSet<>(byFeature.getOrDefault(layerId, Map.of()).getOrDefault(featureId, Set.of()));
        if (extent != null && !extent.isNull()) {
            for (Map.Entry<Integer, Map<TileCoord, Set<Key>>> zoom :
                    byZoom.getOrDefault(layerId, Map.of()).entrySet()) {
                collectReached(zoom.getKey(), zoom.getValue(), extent, marginFraction, doomed);
            }
        }
        Set<TileCoord> tiles = new HashSet<>();
        for (Key key : doomed) {
            forget(key);
            tiles.add(key.tile());
        }
        return tiles;
    }

    /** Forgets every tile of a layer (its definition changed). */
    public synchronized void invalidateLayer(String layerId) {
        List<Key> keys = new ArrayList<>();
        byZoom.getOrDefault(layerId, Map.of()).values().forEach(tiles -> tiles.values()
                .forEach(keys::addAll));
        keys.forEach(this::forget);
    }

    /** Tests whether any tile of the layer is kept. */
    public synchronized boolean hasTilesOf(String layerId) {
        Map<Integer, Map<TileCoord, Set<Key>>> zooms = byZoom.get(layerId);
        return zooms != null && zooms.values().stream().anyMatch(tiles -> !tiles.isEmpty());
    }

    /** Returns how many tiles are kept, in memory and on disk. */
    public synchronized int size() {
        return featuresOf.size();
    }

    /** Returns the hits and misses of {@link #find} and the memory hits of {@link #findInMemory}. */
    public synchronized long[] counts() {
        return new long[] {hits, misses};
    }

    /**
     * Adds the kept keys of zoom {@code z} whose tiles the extent reaches: by looking up the few tiles around the
     * extent when they are fewer than the tiles kept at that zoom, else by testing every kept tile.
     */
    private static void collectReached(
            int z, Map<TileCoord, Set<Key>> kept, Envelope extent, double marginFraction, Set<Key> into) {
        int last = (1 << z) - 1;
        TileCoord nw = WebMercator.tileAt(
                Math.max(-180, extent.getMinX()), Math.min(WebMercator.MAX_LATITUDE, extent.getMaxY()), z);
        TileCoord se = WebMercator.tileAt(
                Math.min(180, extent.getMaxX()), Math.max(-WebMercator.MAX_LATITUDE, extent.getMinY()), z);
        // One tile more on every side: a tile's buffer reaches less than a tile beyond it.
        int x0 = Math.max(0, nw.x() - 1);
        int x1 = Math.min(last, se.x() + 1);
        int y0 = Math.max(0, nw.y() - 1);
        int y1 = Math.min(last, se.y() + 1);
        if ((long) (x1 - x0 + 1) * (y1 - y0 + 1) <= kept.size()) {
            for (int x = x0; x <= x1; x++) {
                for (int y = y0; y <= y1; y++) {
                    TileCoord tile = new TileCoord(z, x, y);
                    Set<Key> keys = kept.get(tile);
                    if (keys != null && reaches(tile, extent, marginFraction)) {
                        into.addAll(keys);
                    }
                }
            }
        } else {
            kept.forEach((tile, keys) -> {
                if (reaches(tile, extent, marginFraction)) {
                    into.addAll(keys);
                }
            });
        }
    }

    private static boolean reaches(TileCoord tile, Envelope extent, double marginFraction) {
        return WebMercator.boundsLonLat(tile, marginFraction).intersects(extent);
    }

    private void putInMemory(Key key, byte[] bytes) {
        memory.put(key, bytes);
        memoryBytes += bytes.length;
        Iterator<Map.Entry<Key, byte[]>> eldest = memory.entrySet().iterator();
        while (memoryBytes > memoryBudget && eldest.hasNext()) {
            Map.Entry<Key, byte[]> e = eldest.next();
            if (e.getKey().equals(key)) {
                continue; // the newest stays, even when alone over budget
            }
            eldest.remove();
            memoryBytes -= e.getValue().length;
            spill(e.getKey(), e.getValue());
        }
    }

    private void spill(Key key, byte[] bytes) {
        if (folder == null || bytes.length > diskBudget) {
            unindex(key);
            return;
        }
        try {
            Path file = file(key);
            Files.createDirectories(file.getParent());
            Files.write(file, bytes);
            disk.put(key, (long) bytes.length);
            diskBytes += bytes.length;
        } catch (IOException e) {
            LOG.warn("cannot keep tile {} on disk: {}", file(key), e.toString());
            unindex(key);
            return;
        }
        Iterator<Map.Entry<Key, Long>> oldest = disk.entrySet().iterator();
        while (diskBytes > diskBudget && oldest.hasNext()) {
            Map.Entry<Key, Long> e = oldest.next();
            oldest.remove();
            diskBytes -= e.getValue();
            deleteFile(e.getKey());
            unindex(e.getKey());
        }
    }

    /** Drops a key from memory, disk and the indexes. */
    private void forget(Key key) {
        byte[] bytes = memory.remove(key);
        if (bytes != null) {
            memoryBytes -= bytes.length;
        }
        Long size = disk.remove(key);
        if (size != null) {
            diskBytes -= size;
            deleteFile(key);
        }
        unindex(key);
    }

    private void unindex(Key key) {
        long[] ids = featuresOf.remove(key);
        if (ids == null) {
            return;
        }
        Map<Long, Set<Key>> features = byFeature.get(key.layerId());
        for (long id : ids) {
            Set<Key> keys = features.get(id);
            if (keys != null) {
                keys.remove(key);
                if (keys.isEmpty()) {
                    features.remove(id);
                }
            }
        }
        Map<TileCoord, Set<Key>> zoom = byZoom.get(key.layerId()).get(key.tile().z());
        Set<Key> atTile = zoom == null ? null : zoom.get(key.tile());
        if (atTile != null) {
            atTile.remove(key);
            if (atTile.isEmpty()) {
                zoom.remove(key.tile());
            }
        }
    }

    private Path file(Key key) {
        // The variant is hashed (SHA-256): it may hold any characters. Layer ids are [A-Za-z0-9_-].
        String variant = sha256(key.variant());
        TileCoord t = key.tile();
        return folder.resolve(key.layerId())
                .resolve(variant)
                .resolve(Integer.toString(t.z()))
                .resolve(Integer.toString(t.x()))
                .resolve(t.y() + ".tile");
    }

    private static String sha256(String text) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest, 0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    private void deleteFile(Key key) {
        try {
            Files.deleteIfExists(file(key));
        } catch (IOException e) {
            LOG.warn("cannot delete tile cache file {}: {}", file(key), e.toString());
        }
    }
}
