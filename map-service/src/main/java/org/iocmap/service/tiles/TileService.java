package org.iocmap.service.tiles;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import org.iocmap.layers.changes.Change;
import org.iocmap.layers.changes.ChangeFollower;
import org.iocmap.layers.changes.ChangeLog;
import org.iocmap.layers.kinds.LayerCatalog;
import org.iocmap.layers.model.Feature;
import org.iocmap.layers.model.Layer;
import org.iocmap.layers.store.Store;
import org.iocmap.tiles.cache.TileCache;
import org.iocmap.tiles.grid.TileCoord;
import org.iocmap.tiles.mvt.MvtEncoder;
import org.iocmap.tiles.mvt.MvtFeatureIds;
import org.iocmap.tiles.render.VectorTiles;

/**
 * Serves vector tiles through a {@link TileCache} kept current from the change log: before a tile is served the cache
 * catches up with the log when this process has recorded a change since (so a writer sees its change in the next
 * tile), and otherwise at most every {@value #POLL_MILLIS} ms; the live stream also makes it catch up before it tells
 * pages which tiles to fetch again ({@link #invalidatedBy}).
 *
 * <p>Thread-safe. Methods that may read the store or the disk block; {@link #findCurrentInMemory} does not.
 */
public final class TileService {
    static final long POLL_MILLIS = 200;
    private static final Duration GAP_GRACE = Duration.ofSeconds(30);
    /** How many recent changes keep the list of tiles they made the cache forget, for the live streams. */
    private static final int REMEMBERED_CHANGES = 50_000;

    private static final double BUFFER_FRACTION = (double) MvtEncoder.DEFAULT_BUFFER / MvtEncoder.DEFAULT_EXTENT;

    private final Store store;
    private final LayerCatalog catalog;
    private final ChangeLog log;
    private final VectorTiles vectorTiles = new VectorTiles();
    private final org.iocmap.tiles.render.RasterTiles rasterTiles = new org.iocmap.tiles.render.RasterTiles();
    private final TileCache cache;
    /** False when both budgets are 0: tiles are then made for every request and never kept. */
    private final boolean keeping;

    private final ReentrantLock lock = new ReentrantLock();
    private ChangeFollower follower; // guarded by lock
    private volatile long seenLoggedChanges = -1;
    private volatile long lastPollNanos;
    /** Counts the changes applied to the cache; a tile made while it moved is not kept (it may predate one). */
    private final java.util.concurrent.atomic.AtomicLong applied = new java.util.concurrent.atomic.AtomicLong();
    /** Change id -> tiles it made the cache forget, for the most recent changes. Guarded by itself. */
    private final Map<Long, Set<TileCoord>> forgotten = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Set<TileCoord>> eldest) {
            return size() > REMEMBERED_CHANGES;
        }
    };

    /**
     * @param cacheFolder where tiles pushed out of memory are kept; null for none
     */
    public TileService(Store store, LayerCatalog catalog, long memoryBytes, Path cacheFolder, long diskBytes) {
        this.store = store;
        this.catalog = catalog;
        this.log = new ChangeLog(store);
        this.cache = new TileCache(memoryBytes, diskBytes > 0 ? cacheFolder : null, diskBytes);
        this.keeping = memoryBytes > 0 || diskBytes > 0;
    }

    /** Returns the cache key of a vector tile for a viewer who may read {@code attributes}. */
    static TileCache.Key key(Layer layer, TileCoord tile, List<String> attributes) {
        return new TileCache.Key(layer.id(), "mvt:" + String.join(",", attributes), tile);
    }

    /**
     * Returns the tile when it is in memory and the cache is known to be current, without waiting for anything: safe on
     * an event loop. Empty means: ask {@link #vectorTile} on a worker.
     */
    public Optional<byte[]> findCurrentInMemory(Layer layer, TileCoord tile, List<String> attributes) {
        return isCurrent() ? cache.findInMemory(key(layer, tile, attributes)) : Optional.empty();
    }

    /** Returns the tile, from the cache or made and kept. Blocks on the store and the disk. */
    public byte[] vectorTile(Layer layer, TileCoord tile, List<String> attributes) {
        catchUpIfDue();
        TileCache.Key key = key(layer, tile, attributes);
        Optional<byte[]> kept = cache.find(key);
        if (kept.isPresent()) {
            return kept.get();
        }
        long before = applied.get();
        byte[] bytes = vectorTiles.make(layer, tile, attributes);
        if (keeping && applied.get() == before) {
            cache.put(key, bytes, MvtFeatureIds.read(bytes));
        }
        return bytes;
    }

    /** Returns the cache key of a PNG tile drawn with the layer's style. */
    static TileCache.Key rasterKey(Layer layer, TileCoord tile) {
        return new TileCache.Key(layer.id(), "png:" + layer.kind().id(), tile);
    }

    /** Returns the PNG tile when it is in memory and the cache is current; see {@link #findCurrentInMemory}. */
    public Optional<byte[]> findCurrentRasterInMemory(Layer layer, TileCoord tile) {
        return isCurrent() ? cache.findInMemory(rasterKey(layer, tile)) : Optional.empty();
    }

    /** Returns the PNG tile drawn with the layer's style, from the cache or drawn and kept. Blocks. */
    public byte[] rasterTile(Layer layer, TileCoord tile) {
        catchUpIfDue();
        TileCache.Key key = rasterKey(layer, tile);
        Optional<byte[]> kept = cache.find(key);
        if (kept.isPresent()) {
            return kept.get();
        }
        long before = applied.get();
        org.iocmap.tiles.render.RasterTiles.Drawn drawn = rasterTiles.renderWithIds(
                layer,
                tile,
                org.iocmap.styles.DefaultStyles.forKind(layer.kind().id()));
        if (keeping && applied.get() == before) {
            cache.put(key, drawn.png(), drawn.featureIds());
        }
        return drawn.png();
    }

    /** Reads the change log now and forgets the tiles the changes touch. Blocks on the store. */
    public void catchUp() {
        lock.lock();
        try {
            long logged = store.loggedChanges();
            if (follower == null) {
                follower = new ChangeFollower(log, log.lastId(), GAP_GRACE, System::nanoTime);
            }
            for (Change change : follower.poll()) {
                Set<TileCoord> tiles = Set.of();
                if (cache.hasTilesOf(change.layerId())) {
                    Optional<Layer> layer = catalog.find(change.layerId());
                    org.locationtech.jts.geom.Envelope extent = layer.flatMap(l -> l.findFeature(change.featureId()))
                            .map(Feature::geometry)
                            .map(g -> g.getEnvelopeInternal())
                            .orElse(null);
                    tiles = cache.invalidate(change.layerId(), change.featureId(), extent, BUFFER_FRACTION);
                }
                applied.incrementAndGet();
                synchronized (forgotten) {
                    forgotten.put(change.id(), tiles);
                }
            }
            seenLoggedChanges = logged;
            lastPollNanos = System.nanoTime();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Returns the tiles a change made the cache forget, catching up with the log first when the change is not known
     * yet; empty when it touched no kept tile (or is too old to be remembered). Blocks on the store.
     */
    public Set<TileCoord> invalidatedBy(long changeId) {
        synchronized (forgotten) {
            Set<TileCoord> tiles = forgotten.get(changeId);
            if (tiles != null) {
                return tiles;
            }
        }
        catchUp();
        synchronized (forgotten) {
            return forgotten.getOrDefault(changeId, Set.of());
        }
    }

    /** Forgets every tile of a layer: its definition or styling changed. */
    public void invalidateLayer(String layerId) {
        cache.invalidateLayer(layerId);
    }

    /** Tests whether the cache has seen every change of this process and read the log within the poll interval. */
    private boolean isCurrent() {
        return seenLoggedChanges == store.loggedChanges()
                && System.nanoTime() - lastPollNanos <= POLL_MILLIS * 1_000_000;
    }

    private void catchUpIfDue() {
        if (seenLoggedChanges != store.loggedChanges()) {
            catchUp();
        } else if (System.nanoTime() - lastPollNanos > POLL_MILLIS * 1_000_000 && lock.tryLock()) {
            try {
                if (System.nanoTime() - lastPollNanos > POLL_MILLIS * 1_000_000) {
                    catchUp();
                }
            } finally {
                lock.unlock();
            }
        }
    }
}
