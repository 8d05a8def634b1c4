// PNG tiles of a layer, drawn by the server with the layer's style (GET /tiles/{layer}/{z}/{x}/{y}.png). Layers
// that are not public need the bearer token, which an <img src> cannot send: each tile is fetched with the
// Authorization header and shown from an object URL, revoked when the tile goes. A `tiles` event of the live
// stream names tiles a change made stale; refresh() fetches exactly those of them that are on the map again.

import { authToken, reportUnauthorized } from './api.js';

/** Returns the URL of a PNG tile of a layer. */
export function pngTileUrl(layerId, z, x, y) {
  return `tiles/${encodeURIComponent(layerId)}/${z}/${x}/${y}.png`;
}

/**
 * A Leaflet grid layer of a layer's PNG tiles. Options: layerId, plus any L.GridLayer option (pane, opacity…).
 * A tile that cannot be fetched stays empty and is counted in stats().failed; the map goes on working.
 */
export const AuthTileLayer = L.GridLayer.extend({
  options: {
    layerId: null,
    tileSize: 256,
    updateWhenZooming: false, // one set of requests per zoom, not one per animation frame
    keepBuffer: 1,
    className: 'iocmap-png-tiles',
  },

  initialize(options) {
    L.GridLayer.prototype.initialize.call(this, options);
    this.counters = { requested: 0, loaded: 0, failed: 0, refreshed: 0 };
    this.refreshedKeys = []; // "z/x/y" of every tile fetched again after a `tiles` event, oldest first
    this.on('tileunload', (event) => release(event.tile));
  },

  createTile(coords, done) {
    const tile = document.createElement('img');
    tile.alt = '';
    tile.setAttribute('role', 'presentation');
    tile.dataset.tile = `${coords.z}/${coords.x}/${coords.y}`;
    // done is called once, by the first fetch that ends other than by being superseded (see fetchInto).
    tile.iocmap = { z: coords.z, x: coords.x, y: coords.y, url: null, abort: null, done };
    this.fetchInto(tile, false).catch(() => {
      // reported to Leaflet through done, and counted in failed
    });
    return tile;
  },

  /**
   * Fetches the tile's PNG (again, bypassing the browser cache, when reload is true) and shows it in the tile's
   * <img>; resolves when it is drawn, rejects on a failure (an aborted fetch included). The object URL shown
   * before is revoked once the new one is drawn, so the tile never blinks.
   */
  async fetchInto(tile, reload) {
    const state = tile.iocmap;
    state.abort?.abort();
    const abort = new AbortController();
    state.abort = abort;
    const url = pngTileUrl(this.options.layerId, state.z, state.x, state.y);
    const headers = { Accept: 'image/png' };
    const token = authToken();
    if (token) {
      headers.Authorization = `Bearer ${token}`; // a relative URL: always our own origin
    }
    this.counters.requested += 1;
    let objectUrl = null;
    try {
      const response = await fetch(url, {
        headers,
        signal: abort.signal,
        credentials: 'same-origin',
        cache: reload ? 'reload' : 'default',
      });
      if (!response.ok) {
        if (response.status === 401 && token) {
          reportUnauthorized();
        }
        throw new Error(`HTTP ${response.status} for ${url}`);
      }
      const blob = await response.blob();
      abort.signal.throwIfAborted();
      objectUrl = URL.createObjectURL(blob);
      await new Promise((resolve, reject) => {
        tile.onload = resolve;
        tile.onerror = () => reject(new Error(`${url} is not a readable image`));
        abort.signal.addEventListener('abort', () => reject(abort.signal.reason), { once: true });
        tile.src = objectUrl;
      });
      const previous = state.url;
      state.url = objectUrl;
      objectUrl = null;
      if (previous) {
        URL.revokeObjectURL(previous);
      }
      if (state.abort === abort) {
        state.abort = null;
      }
      this.counters.loaded += 1;
      tile.classList.add('leaflet-tile-loaded'); // shown even if an earlier fetch of it had failed
      finish(state, null, tile);
    } catch (error) {
      if (objectUrl) {
        URL.revokeObjectURL(objectUrl);
      }
      if (error.name !== 'AbortError') {
        this.counters.failed += 1;
        finish(state, error, tile);
      }
      throw error;
    }
  },

  /**
   * Fetches again the tiles of this list ([[z, x, y], …], as a `tiles` event sends them) that are on the map;
   * the others are not shown and are fetched fresh when they come into view. Returns the number re-fetched.
   */
  refresh(tiles) {
    const wanted = new Set(tiles.map(([z, x, y]) => `${z}/${x}/${y}`));
    let count = 0;
    for (const tile of this.shownTiles()) {
      const key = tile.dataset.tile;
      if (wanted.has(key)) {
        count += 1;
        this.counters.refreshed += 1;
        this.refreshedKeys.push(key);
        this.fetchInto(tile, true).catch(() => {
          // counted in failed (or aborted because the tile went): the tile keeps what it showed
        });
      }
    }
    return count;
  },

  /** Fetches every tile on the map again (after a reconnect, when `tiles` events may have been missed). */
  refreshAll() {
    return this.refresh(this.shownTiles().map((tile) => tile.dataset.tile.split('/').map(Number)));
  },

  /** Returns the <img> of every tile this layer holds now. */
  shownTiles() {
    return Object.values(this._tiles || {}).map((entry) => entry.el);
  },

  /**
   * Returns {requested, loaded, failed, refreshed, shown, shownKeys, refreshedKeys}: fetches made and their outcome
   * since the layer was created, the tiles drawn on the map now ("z/x/y"), and the tiles fetched again after
   * `tiles` events.
   */
  stats() {
    const shownKeys = this.shownTiles()
      .filter((tile) => tile.classList.contains('leaflet-tile-loaded'))
      .map((tile) => tile.dataset.tile);
    return { ...this.counters, shown: shownKeys.length, shownKeys, refreshedKeys: [...this.refreshedKeys] };
  },

  /** Resolves when every tile in view has loaded or failed (at once when none is loading), or after timeoutMs. */
  whenLoaded(timeoutMs = 15000) {
    if (!this._map || !this._loading) {
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const timer = window.setTimeout(finish, timeoutMs);
      const layer = this;
      function finish() {
        window.clearTimeout(timer);
        layer.off('load', finish);
        layer.off('remove', finish);
        resolve();
      }
      this.on('load', finish);
      this.on('remove', finish);
    });
  },
});

/** Tells Leaflet, once, that a tile has loaded or failed. */
function finish(state, error, tile) {
  const done = state.done;
  state.done = null;
  done?.(error, tile);
}

/** Stops a tile's fetch and frees its image: Leaflet has taken it off the map. */
function release(tile) {
  const state = tile?.iocmap;
  if (!state) {
    return;
  }
  state.done = null; // Leaflet has forgotten the tile
  state.abort?.abort();
  state.abort = null;
  if (state.url) {
    URL.revokeObjectURL(state.url);
    state.url = null;
  }
  tile.onload = null;
  tile.onerror = null;
  tile.removeAttribute('src');
}
