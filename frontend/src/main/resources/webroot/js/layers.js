// The layer panel and the drawing of every layer the server lists. Nothing here knows a layer id: the
// page draws what /api/layers describes (geometry, style, attributes), so a new kind on the server needs
// at most a new icon in icons.js. Each layer gets its own map pane, so its opacity is the pane's opacity
// and its z-order follows the list (areas below points).
//
// Each visible layer is loaded from the OGC API, then followed live (live.js): the stream's snapshot
// replaces what was loaded, and its changes move, restyle, add and remove the drawn features by feature id.
//
// A dense layer (dense.js says which, and why) is drawn for each view instead: as the server's PNG tiles
// (tiles.js) when the view holds too many of its features, or as the vector features of the view and a margin
// around it, followed live within that box. Its tiles are fetched again when the stream says a change made them
// stale, and a click on them opens the popup of the feature there.

import { errorDetail, getAllFeatures, getJson, showError } from './api.js';
import {
  TILE_NOTICES,
  TilePicker,
  boxOf,
  countFeatures,
  drawsAsTiles,
  interiorPoint,
  isDense,
  isPointLayer,
  itemsUrl,
  layerExtent,
  tilesAtZoom,
} from './dense.js';
import { formatNumber, kindTitle, localized, onLangChange, t } from './i18n.js';
import { markerHtml, markerSize, safeColour, smallIconHtml } from './icons.js';
import { LiveStream } from './live.js';
import { bindFeaturePopup } from './popup.js';
import { pathOptions, symbolFor } from './style.js';
import { AuthTileLayer } from './tiles.js';

/** Group order in the panel: what an operator must not miss comes first; unknown kinds come last. */
const KIND_ORDER = ['fire_alarm', 'citizen_report', 'camera', 'vessel', 'env_station', 'land_use_plan', 'generic'];

/** Properties read, in this order, for the direction of an arrow marker (degrees clockwise from north). */
const HEADING_PROPERTIES = ['heading_deg', 'course_deg'];

/** Legends with more entries than this are folded. */
const LEGEND_OPEN_MAX = 7;

/** How long the map must rest before dense layers are drawn for the new view. */
const VIEW_DEBOUNCE_MS = 250;

/** A dense layer drawn as vectors loads the view and this fraction of its size on each side, so small pans load nothing. */
const VIEW_MARGIN = 0.5;

export class LayerManager {
  /** Draws into map and renders the panel into the element panel. */
  constructor(map, panel) {
    this.map = map;
    this.panel = panel;
    this.entries = new Map();
    this.generation = 0;
    this.status = 'idle';
    this.anonymous = true;
    this.iconCache = new Map();
    this.choices = new Map(); // layer id → {visible, opacity} the user chose; kept across reloads (sign-in)
    this.listeners = new Set();
    this.heat = null; // the heat-map control (heat.js), which adds a switch to point layers' rows
    this.vesselStyler = null; // colours vessel arrows by state (vessels.js); null draws them by the layer's style
    this.viewTimer = null;
    this.viewWork = new Set(); // promises of dense layers being drawn for the view
    map.on('popupopen', (event) => translateCloseButton(event.popup));
    map.on('moveend', () => this.scheduleViewUpdate());
    this.picker = new TilePicker(map, () => this.tiledLayers());
    onLangChange(() => {
      this.renderPanel();
      for (const entry of this.entries.values()) {
        if (entry.cluster._map) {
          entry.cluster.refreshClusters(); // cluster counts are formatted numbers
        }
      }
      const popup = this.map._popup; // the open popup, if any: rebuild its content in the new language
      if (popup && this.map.hasLayer(popup)) {
        popup.update();
        translateCloseButton(popup);
      }
    });
  }

  /**
   * Reads the layer list and draws every layer; anonymous tells the panel to say that only public layers
   * are shown. Resolves to drawnCounts() when all are drawn (or failed). A newer load() supersedes this one.
   */
  async load({ anonymous }) {
    const generation = ++this.generation;
    this.abortController?.abort();
    const abort = new AbortController();
    this.abortController = abort;
    this.anonymous = anonymous;
    this.clear();
    this.status = 'loading';
    this.renderPanel();
    let list;
    try {
      list = await getJson('api/layers', { signal: abort.signal });
    } catch (error) {
      if (generation === this.generation) {
        this.status = 'failed';
        this.renderPanel();
        showError(error, 'error.layers');
      }
      return this.drawnCounts();
    }
    if (generation !== this.generation) {
      return this.drawnCounts();
    }
    this.status = 'ok';
    (list.layers || []).forEach((layer, index) => this.entries.set(layer.id, this.createEntry(layer, index)));
    this.renderPanel();
    this.notify();
    await Promise.all([...this.entries.values()].map((entry) => this.fetchAndDraw(entry, abort.signal)));
    return this.drawnCounts();
  }

  /** Calls listener() when the layer list is replaced or a layer is switched on or off. */
  onChange(listener) {
    this.listeners.add(listener);
  }

  notify() {
    for (const listener of this.listeners) {
      listener();
    }
  }

  /** Returns the layers of the list, in order: [{layer (as /api/layers describes it), visible}]. */
  layerList() {
    return [...this.entries.values()].map((entry) => ({ layer: entry.layer, visible: entry.visible }));
  }

  /** Returns {layerId: 'live' | 'connecting' | 'off'}: whether each layer follows the live stream now. */
  liveStatus() {
    const statuses = {};
    for (const [id, entry] of this.entries) {
      statuses[id] = entry.live.status;
    }
    return statuses;
  }

  /** Drops the live connection of a layer as a network failure would (for tests); it reconnects and resumes. */
  dropLive(id) {
    this.entries.get(id)?.live.drop();
  }

  /** Returns {layerId: number of features drawn now}; 0 for a layer that is switched off or not loaded. */
  drawnCounts() {
    const counts = {};
    for (const [id, entry] of this.entries) {
      counts[id] = entry.visible && entry.status === 'ok' ? entry.drawn : 0;
    }
    return counts;
  }

  clear() {
    for (const entry of this.entries.values()) {
      entry.viewAbort?.abort();
      entry.live.stop();
      entry.cluster.remove();
      entry.shapes.remove();
      entry.tiles?.remove();
    }
    this.entries.clear();
    this.map.closePopup();
  }

  createEntry(layer, index) {
    const points = isPointLayer(layer);
    const paneName = `layer-${String(layer.id).replace(/[^A-Za-z0-9_-]/g, '_')}`;
    const pane = this.map.getPane(paneName) || this.map.createPane(paneName);
    // Areas and lines between the basemap labels (380) and the tooltips (650); points above areas.
    pane.style.zIndex = String(points ? 600 + Math.min(index, 40) : 400 + Math.min(index, 150));
    const entry = {
      layer,
      pane,
      paneName,
      visible: this.choices.get(layer.id)?.visible ?? true,
      opacity: this.choices.get(layer.id)?.opacity ?? 1,
      status: 'loading',
      progress: null,
      drawn: 0,
      features: new Map(), // feature id → {feature, markers: [L.Marker], shape: L.GeoJSON or null}
      shapes: L.featureGroup([], { pane: paneName }),
      cluster: null,
      live: null,
      dense: false, // drawn per view (dense.js); then mode says how the view is drawn now
      mode: null, // 'vector' or 'tiles' for a dense layer drawn now
      tiles: null, // the AuthTileLayer of a dense layer drawn as tiles
      loadedBox: null, // L.LatLngBounds of the features a dense layer drawn as vectors holds
      viewMatched: null, // features of a dense layer in the view and its margin, by numberMatched
      viewAbort: null,
      tileErrors: 0, // tiles of the current view that could not be fetched
    };
    // A dense layer drawn as tiles subscribes to tile notices only: feature events are not for it.
    const asVectors = () => entry.mode !== 'tiles';
    entry.live = new LiveStream(layer.id, {
      onSnapshot: (features) => asVectors() && this.replaceFeatures(entry, features),
      onAdded: (id, feature) => asVectors() && this.putFeature(entry, id, feature),
      onChanged: (id, feature) => asVectors() && this.putFeature(entry, id, feature),
      onRemoved: (id) => asVectors() && this.removeFeature(entry, id),
      onTiles: (tiles) => entry.mode === 'tiles' && entry.tiles?.refresh(tiles),
      // After a reconnect tiles events may have been missed; they are not replayed.
      onReady: (first) => !first && entry.mode === 'tiles' && entry.tiles?.refreshAll(),
      onStatus: () => this.renderLive(entry),
    });
    pane.style.opacity = String(entry.opacity);
    entry.cluster = L.markerClusterGroup({
      clusterPane: paneName,
      showCoverageOnHover: false,
      spiderfyOnMaxZoom: true,
      maxClusterRadius: 45,
      // Synchronous, so that a layer counts as drawn once load() resolves (10 000 markers take ~1 s).
      chunkedLoading: false,
      iconCreateFunction: (cluster) => this.clusterIcon(entry, cluster),
    });
    return entry;
  }

  async fetchAndDraw(entry, signal) {
    try {
      entry.dense = isDense(entry.layer, await countFeatures(entry.layer, null, signal));
      if (entry.dense) {
        entry.status = 'ok';
        if (entry.visible) {
          await this.trackView(this.drawView(entry));
        }
        this.renderCount(entry);
        this.renderLive(entry);
        return;
      }
      const collection = await getAllFeatures(entry.layer.itemsUrl, {
        signal,
        onPage: (loaded, matched) => {
          entry.progress = { loaded, matched };
          this.renderCount(entry);
        },
      });
      if (signal.aborted) {
        return;
      }
      this.draw(entry, collection.features);
      entry.status = 'ok';
      if (entry.visible) {
        entry.live.start();
      }
    } catch (error) {
      if (signal.aborted || error.name === 'AbortError') {
        return;
      }
      entry.status = 'failed';
      showError(error, 'error.layer', { layer: localized(entry.layer.title, entry.layer.id) });
    }
    this.renderCount(entry);
  }

  /** Draws the features of a freshly loaded layer. */
  draw(entry, features) {
    const markers = [];
    features.forEach((feature, index) => {
      const record = this.createRecord(entry, feature);
      if (record) {
        entry.features.set(featureKey(feature.id, index), record);
        markers.push(...record.markers);
      }
    });
    entry.cluster.addLayers(markers);
    entry.drawn = entry.features.size;
    if (entry.visible) {
      entry.cluster.addTo(this.map);
      entry.shapes.addTo(this.map);
    }
  }

  /**
   * Returns {feature, markers, shape} for a feature: markers for points (not yet in the cluster group), a
   * path in entry.shapes for lines and areas; null for a feature without geometry.
   */
  createRecord(entry, feature) {
    const geometry = feature.geometry;
    if (!geometry) {
      return null;
    }
    const record = { feature, markers: [], shape: null };
    if (geometry.type === 'Point') {
      record.markers.push(this.marker(entry, feature, geometry.coordinates));
    } else if (geometry.type === 'MultiPoint') {
      geometry.coordinates.forEach((c) => record.markers.push(this.marker(entry, feature, c)));
    } else {
      const { layer, paneName } = entry;
      record.shape = L.geoJSON(feature, {
        pane: paneName,
        style: (f) => pathOptions(symbolFor(layer.style, f.properties), f.geometry?.type),
        pointToLayer: (f, latlng) => this.marker(entry, f, [latlng.lng, latlng.lat]),
        onEachFeature: (f, l) => bindFeaturePopup(l, layer, f),
        bubblingMouseEvents: false, // a click on a drawn area is not also a click on PNG tiles below it
      }).addTo(entry.shapes);
    }
    return record;
  }

  /** Adds a feature the live stream sent, or redraws it where it changed (a marker moves, restyles, its popup updates). */
  putFeature(entry, id, feature) {
    if (!feature) {
      return;
    }
    feature = { ...feature, id: feature.id ?? id };
    const key = featureKey(id);
    const record = entry.features.get(key);
    if (record && !this.updateRecord(entry, record, feature)) {
      this.dropRecord(entry, record);
      entry.features.delete(key);
    }
    if (!entry.features.has(key)) {
      const created = this.createRecord(entry, feature);
      if (created) {
        entry.features.set(key, created);
        entry.cluster.addLayers(created.markers);
      }
    }
    this.featuresChanged(entry);
  }

  /** Removes a feature the live stream says is gone; an unknown id is a no-op. */
  removeFeature(entry, id) {
    const key = featureKey(id);
    const record = entry.features.get(key);
    if (record) {
      this.dropRecord(entry, record);
      entry.features.delete(key);
      this.featuresChanged(entry);
    }
  }

  /** Makes the drawn features those of a stream snapshot: the ones it lacks go, new or changed ones are drawn. */
  replaceFeatures(entry, features) {
    const incoming = new Map();
    features.forEach((feature, index) => incoming.set(featureKey(feature.id, index), feature));
    const gone = [];
    const removed = []; // markers, taken out of the cluster group at once (one by one is slow)
    for (const [key, record] of entry.features) {
      if (!incoming.has(key)) {
        gone.push(key);
        this.dropRecord(entry, record, removed);
      }
    }
    gone.forEach((key) => entry.features.delete(key));
    const added = [];
    for (const [key, feature] of incoming) {
      const record = entry.features.get(key);
      if (record && sameFeature(record.feature, feature)) {
        continue;
      }
      if (record && this.updateRecord(entry, record, feature)) {
        continue;
      }
      if (record) {
        this.dropRecord(entry, record, removed);
      }
      const created = this.createRecord(entry, feature);
      if (created) {
        entry.features.set(key, created);
        added.push(...created.markers);
      } else {
        entry.features.delete(key);
      }
    }
    entry.cluster.removeLayers(removed);
    entry.cluster.addLayers(added);
    this.featuresChanged(entry);
  }

  /**
   * Redraws a single-point feature in place (moved, restyled, new popup content); returns false when the
   * record cannot be updated in place (areas, lines, several points), and the caller redraws it.
   */
  updateRecord(entry, record, feature) {
    if (sameFeature(record.feature, feature)) {
      return true;
    }
    if (record.markers.length !== 1 || feature.geometry?.type !== 'Point') {
      return false;
    }
    const [marker] = record.markers;
    const { layer } = entry;
    const [lon, lat] = feature.geometry.coordinates;
    const symbol = this.symbolOf(layer, feature);
    const heading = layer.style?.icon === 'vessel' ? headingOf(feature.properties) : null;
    record.feature = feature;
    marker.feature = feature; // read by the popup each time it renders
    marker.symbol = symbol;
    const icon = this.icon(layer.style?.icon, symbol, heading);
    if (marker.options.icon !== icon) {
      marker.setIcon(icon);
    }
    const moved = !marker.getLatLng().equals([lat, lon]);
    if (moved) {
      marker.setLatLng([lat, lon]); // the cluster group moves it between clusters
    }
    if (entry.cluster.hasLayer(marker)) {
      entry.cluster.refreshClusters(marker); // a cluster takes the colour of its most prominent member
    }
    const popup = marker.getPopup();
    if (popup?.isOpen()) {
      popup.update();
      translateCloseButton(popup);
    }
    return true;
  }

  /** Takes a feature's drawing off the map; its markers go into removed instead when the caller batches them. */
  dropRecord(entry, record, removed = null) {
    if (removed) {
      removed.push(...record.markers);
    } else if (record.markers.length > 0) {
      entry.cluster.removeLayers(record.markers);
    }
    if (record.shape) {
      entry.shapes.removeLayer(record.shape);
    }
  }

  featuresChanged(entry) {
    entry.drawn = entry.features.size;
    this.renderCount(entry);
  }

  /** Returns every point marker of a layer. */
  markersOf(entry) {
    const markers = [];
    for (const record of entry.features.values()) {
      markers.push(...record.markers);
    }
    return markers;
  }

  marker(entry, feature, coordinates) {
    const { layer } = entry;
    const symbol = this.symbolOf(layer, feature);
    const heading = layer.style?.icon === 'vessel' ? headingOf(feature.properties) : null;
    const marker = L.marker([coordinates[1], coordinates[0]], {
      pane: entry.paneName,
      icon: this.icon(layer.style?.icon, symbol, heading),
      keyboard: false,
      riseOnHover: true,
    });
    marker.symbol = symbol;
    marker.feature = feature;
    bindFeaturePopup(marker, layer, feature);
    return marker;
  }

  /** Returns the symbol of a point feature: by the layer's style, or by its state for vessels. */
  symbolOf(layer, feature) {
    const symbol = symbolFor(layer.style, feature.properties);
    return layer.style?.icon === 'vessel' && this.vesselStyler ? this.vesselStyler.symbol(feature, symbol) : symbol;
  }

  /** Colours vessel arrows by their state; they are drawn again whenever the styler says states changed. */
  setVesselStyler(styler) {
    this.vesselStyler = styler;
    styler.onChange(() => this.restyleVessels());
    this.renderPanel();
  }

  /** Gives every drawn vessel marker the symbol of its current state. */
  restyleVessels() {
    for (const entry of this.entries.values()) {
      if (entry.layer.style?.icon !== 'vessel') {
        continue;
      }
      const changed = [];
      for (const record of entry.features.values()) {
        for (const marker of record.markers) {
          const symbol = this.symbolOf(entry.layer, record.feature);
          const icon = this.icon('vessel', symbol, headingOf(record.feature.properties));
          if (marker.options.icon !== icon) {
            marker.symbol = symbol;
            marker.setIcon(icon);
            changed.push(marker);
          }
        }
      }
      if (changed.length > 0 && entry.cluster._map) {
        entry.cluster.refreshClusters(changed);
      }
    }
  }

  /** Returns {state: number of vessel markers} of the vessel layers drawn now (for tests). */
  vesselStates() {
    const states = {};
    for (const entry of this.entries.values()) {
      if (entry.layer.style?.icon !== 'vessel' || !entry.visible) {
        continue;
      }
      for (const record of entry.features.values()) {
        for (const marker of record.markers) {
          const state = marker.symbol?.state ?? 'style';
          states[state] = (states[state] ?? 0) + 1;
        }
      }
    }
    return states;
  }

  icon(iconName, symbol, heading) {
    const key = JSON.stringify([iconName, symbol, heading == null ? null : Math.round(heading)]);
    let icon = this.iconCache.get(key);
    if (!icon) {
      const size = markerSize(symbol);
      icon = L.divIcon({
        html: markerHtml(iconName, symbol, heading),
        className: 'iocmap-marker',
        iconSize: [size, size],
        iconAnchor: [size / 2, size / 2],
        popupAnchor: [0, -size / 2],
      });
      this.iconCache.set(key, icon);
    }
    return icon;
  }

  /** Draws a cluster in the colour of its most prominent member (largest symbol, e.g. an active alarm). */
  clusterIcon(entry, cluster) {
    let prominent = null;
    for (const child of cluster.getAllChildMarkers()) {
      if (!prominent || (child.symbol?.radius ?? 0) > (prominent.radius ?? 0)) {
        prominent = child.symbol;
      }
    }
    const count = cluster.getChildCount();
    const size = count < 10 ? 30 : count < 100 ? 34 : count < 1000 ? 40 : 46;
    const fill = safeColour(prominent?.fill, '#546e7a');
    return L.divIcon({
      html: `<div class="cluster" style="--fill:${fill}"><span>${formatNumber(count)}</span></div>`,
      className: 'iocmap-cluster',
      iconSize: [size, size],
    });
  }

  setVisible(entry, visible) {
    entry.visible = visible;
    this.choices.set(entry.layer.id, { visible, opacity: entry.opacity });
    if (entry.dense) {
      if (visible && entry.status === 'ok') {
        this.trackView(this.drawView(entry));
      } else {
        this.hideView(entry);
      }
    } else if (visible && entry.status === 'ok') {
      entry.cluster.addTo(this.map);
      entry.shapes.addTo(this.map);
      entry.live.start(); // resumes after the last event it had, so the layer catches up
    } else {
      entry.live.stop();
      entry.cluster.remove();
      entry.shapes.remove();
    }
    this.renderCount(entry);
    this.notify();
  }

  setOpacity(entry, opacity) {
    entry.opacity = opacity;
    this.choices.set(entry.layer.id, { visible: entry.visible, opacity });
    entry.pane.style.opacity = String(opacity);
  }

  async zoomTo(entry) {
    if (entry.dense && entry.features.size === 0) {
      // Nothing of it is loaded (it is drawn as tiles, or out of view): ask the server where its features lie.
      try {
        const extent = await layerExtent(entry.layer);
        if (extent) {
          this.map.fitBounds(extent, { padding: [30, 30], maxZoom: 15 });
        }
      } catch (error) {
        showError(error, 'error.layer', { layer: localized(entry.layer.title, entry.layer.id) });
      }
      return;
    }
    const bounds = L.latLngBounds([]);
    if (entry.cluster.getLayers().length > 0) {
      bounds.extend(entry.cluster.getBounds());
    }
    if (entry.shapes.getLayers().length > 0) {
      bounds.extend(entry.shapes.getBounds());
    }
    if (bounds.isValid()) {
      this.map.fitBounds(bounds, { padding: [30, 30], maxZoom: 15 });
    }
  }

  // ---- dense layers, drawn per view ----

  /** Draws every visible dense layer for the view once the map has rested VIEW_DEBOUNCE_MS. */
  scheduleViewUpdate() {
    window.clearTimeout(this.viewTimer);
    this.viewTimer = window.setTimeout(() => {
      this.viewTimer = null;
      for (const entry of this.entries.values()) {
        if (entry.dense && entry.visible && entry.status === 'ok') {
          this.trackView(this.drawView(entry));
        }
      }
    }, VIEW_DEBOUNCE_MS);
  }

  /** Remembers promise until it settles, for settled(); returns it. */
  trackView(promise) {
    this.viewWork.add(promise);
    const forget = () => this.viewWork.delete(promise);
    promise.then(forget, forget);
    return promise;
  }

  /**
   * Draws a dense layer for the current view: counts its features in the view and a margin around it, then shows
   * PNG tiles or loads those features as vectors. Nothing is asked while the features loaded still cover the view.
   * A newer call supersedes this one. Never rejects: a failure is shown.
   */
  async drawView(entry) {
    entry.viewAbort?.abort();
    const abort = new AbortController();
    entry.viewAbort = abort;
    const { signal } = abort;
    const view = this.map.getBounds();
    const zoom = this.map.getZoom();
    const box = view.pad(VIEW_MARGIN);
    const covered = entry.mode === 'vector' && entry.loadedBox?.contains(view);
    if (covered && !entry.forcedTiles && !tilesAtZoom(entry.layer, zoom)) {
      entry.viewAbort = null;
      return;
    }
    try {
      entry.viewMatched = await countFeatures(entry.layer, boxOf(box), signal);
      if (signal.aborted) {
        return;
      }
      if (entry.forcedTiles || drawsAsTiles(entry.layer, zoom, entry.viewMatched)) {
        await this.showTiles(entry);
      } else {
        const collection = await getAllFeatures(itemsUrl(entry.layer, { bbox: boxOf(box) }), { signal });
        if (signal.aborted) {
          return;
        }
        this.showVectors(entry, collection.features, box);
      }
    } catch (error) {
      if (signal.aborted || error.name === 'AbortError') {
        return;
      }
      showError(error, 'error.layer', { layer: localized(entry.layer.title, entry.layer.id) });
    } finally {
      if (entry.viewAbort === abort) {
        entry.viewAbort = null;
      }
    }
    this.renderCount(entry);
  }

  /** Shows a dense layer as PNG tiles (its vector features go) and resolves when the tiles in view are loaded. */
  async showTiles(entry) {
    if (entry.mode !== 'tiles') {
      entry.mode = 'tiles';
      entry.loadedBox = null;
      this.replaceFeatures(entry, []);
      entry.tiles = new AuthTileLayer({ layerId: entry.layer.id, pane: entry.paneName });
      // A tile that cannot be fetched stays empty; the count in the panel says how many are missing in the tiles
      // last loaded (Leaflet fires 'loading' when the map moves and a new set of tiles starts).
      entry.tileErrors = 0;
      entry.tiles.on('loading', () => {
        entry.tileErrors = 0;
        this.renderCount(entry);
      });
      entry.tiles.on('tileerror', () => {
        entry.tileErrors += 1;
        this.renderCount(entry);
      });
      entry.live.setSubscription(TILE_NOTICES);
    }
    if (!this.map.hasLayer(entry.tiles)) {
      entry.tiles.addTo(this.map);
    }
    entry.live.start();
    this.renderCount(entry);
    await entry.tiles.whenLoaded();
  }

  /** Shows a dense layer as these vector features of box (its tiles go) and follows the box live. */
  showVectors(entry, features, box) {
    if (entry.tiles) {
      entry.tiles.remove(); // frees the tiles' images
      entry.tiles = null;
    }
    entry.mode = 'vector';
    entry.loadedBox = box;
    this.replaceFeatures(entry, features);
    entry.cluster.addTo(this.map);
    entry.shapes.addTo(this.map);
    entry.live.setSubscription({ bbox: boxOf(box) });
    entry.live.start();
  }

  /** Takes a dense layer off the map (switched off): nothing of it stays loaded. */
  hideView(entry) {
    entry.viewAbort?.abort();
    entry.live.stop();
    entry.tiles?.remove();
    entry.tiles = null;
    entry.mode = null;
    entry.loadedBox = null;
    this.replaceFeatures(entry, []);
    entry.cluster.remove();
    entry.shapes.remove();
  }

  /**
   * Draws a layer as PNG tiles whatever the view holds, as if it were dense (for tests: the layers one can write
   * to through the API are small).
   */
  forceTiles(id) {
    const entry = this.entries.get(id);
    if (!entry || entry.status !== 'ok') {
      return Promise.resolve();
    }
    entry.live.stop();
    entry.dense = true;
    entry.forcedTiles = true;
    return entry.visible ? this.trackView(this.drawView(entry)) : Promise.resolve();
  }

  /** Returns the layers drawn as PNG tiles now, topmost first: [{layer}]. */
  tiledLayers() {
    return [...this.entries.values()]
      .filter((entry) => entry.visible && entry.mode === 'tiles' && entry.tiles)
      .sort((a, b) => Number(b.pane.style.zIndex) - Number(a.pane.style.zIndex))
      .map((entry) => ({ layer: entry.layer }));
  }

  /** Returns {layerId: 'vector' | 'tiles' | 'off'}: how each layer is drawn now. */
  drawModes() {
    const modes = {};
    for (const [id, entry] of this.entries) {
      modes[id] = !entry.visible || entry.status !== 'ok' ? 'off' : entry.dense ? entry.mode ?? 'off' : 'vector';
    }
    return modes;
  }

  /** Returns {layerId: tile statistics (tiles.js stats())} of the layers drawn as PNG tiles now. */
  tileStatus() {
    const status = {};
    for (const [id, entry] of this.entries) {
      if (entry.mode === 'tiles' && entry.tiles) {
        status[id] = entry.tiles.stats();
      }
    }
    return status;
  }

  /** Resolves when no dense layer is waiting to be drawn for the view, nor being drawn (tiles loaded included). */
  async settled() {
    for (let i = 0; i < 400; i++) {
      if (this.viewTimer == null && this.viewWork.size === 0 && !this.map._animatingZoom) {
        return this.drawnCounts();
      }
      await Promise.race([...this.viewWork, new Promise((resolve) => window.setTimeout(resolve, 50))]);
    }
    return this.drawnCounts();
  }

  // ---- panel ----

  renderPanel() {
    const panel = this.panel;
    panel.replaceChildren();
    if (this.status === 'loading' && this.entries.size === 0) {
      panel.append(note(t('panel.loading'), 'panel-note loading'));
      return;
    }
    if (this.status === 'failed') {
      panel.append(note(t('error.layers'), 'panel-note error'));
      return;
    }
    if (this.anonymous) {
      panel.append(note(t('panel.publicOnly'), 'panel-note'));
    }
    if (this.entries.size === 0) {
      panel.append(note(t('panel.empty'), 'panel-note'));
      return;
    }
    const groups = new Map();
    for (const entry of this.entries.values()) {
      const kind = KIND_ORDER.includes(entry.layer.kind) ? entry.layer.kind : 'generic';
      if (!groups.has(kind)) {
        groups.set(kind, []);
      }
      groups.get(kind).push(entry);
    }
    const kinds = [...groups.keys()].sort((a, b) => KIND_ORDER.indexOf(a) - KIND_ORDER.indexOf(b));
    for (const kind of kinds) {
      const section = document.createElement('section');
      section.className = 'layer-group';
      section.dataset.kind = kind;
      const heading = document.createElement('h3');
      heading.textContent = kindTitle(kind);
      section.append(heading);
      for (const entry of groups.get(kind)) {
        section.append(this.renderLayer(entry));
      }
      panel.append(section);
    }
  }

  renderLayer(entry) {
    const { layer } = entry;
    const id = layer.id;
    const item = document.createElement('div');
    item.className = 'layer';
    item.dataset.layer = id;

    const row = document.createElement('div');
    row.className = 'layer-row';
    const label = document.createElement('label');
    label.className = 'layer-label';
    const toggle = document.createElement('input');
    toggle.type = 'checkbox';
    toggle.checked = entry.visible;
    toggle.dataset.testid = `layer-toggle-${id}`;
    toggle.addEventListener('change', () => this.setVisible(entry, toggle.checked));
    const icon = document.createElement('span');
    icon.className = 'layer-icon';
    icon.innerHTML = smallIconHtml(layer.style?.icon, layer.style?.symbol?.fill);
    const title = document.createElement('span');
    title.className = 'layer-title';
    title.textContent = localized(layer.title, id);
    title.title = title.textContent;
    label.append(toggle, icon, title);

    const live = document.createElement('span');
    live.className = 'live-dot';
    live.dataset.testid = `layer-live-${id}`;
    entry.liveElement = live;

    const count = document.createElement('span');
    count.className = 'layer-count';
    count.dataset.testid = `layer-count-${id}`;
    entry.countElement = count;

    const zoom = document.createElement('button');
    zoom.type = 'button';
    zoom.className = 'icon-button layer-zoom';
    zoom.title = t('layer.zoomTo');
    zoom.setAttribute('aria-label', t('layer.zoomTo'));
    zoom.innerHTML = '<svg viewBox="0 0 24 24" width="14" height="14"><path d="M4 9V4h5M15 4h5v5M20 15v5h-5M9 20H4v-5" fill="none" stroke="currentColor" stroke-width="2"/></svg>';
    zoom.addEventListener('click', () => this.zoomTo(entry));
    row.append(label, live, count);
    if (this.heat && isPointLayer(layer)) {
      row.append(this.heatSwitch(layer));
    }
    row.append(zoom);
    item.append(row);

    const controls = document.createElement('div');
    controls.className = 'layer-controls';
    const slider = document.createElement('input');
    slider.type = 'range';
    slider.min = '0';
    slider.max = '100';
    slider.step = '5';
    slider.value = String(Math.round(entry.opacity * 100));
    slider.dataset.testid = `layer-opacity-${id}`;
    const sliderLabel = () => `${t('layer.opacity')}: ${formatNumber(entry.opacity, { style: 'percent' })}`;
    slider.title = sliderLabel();
    slider.setAttribute('aria-label', t('layer.opacity'));
    slider.addEventListener('input', () => {
      this.setOpacity(entry, Number(slider.value) / 100);
      slider.title = sliderLabel();
    });
    controls.append(slider);
    item.append(controls);

    const legend = this.renderLegend(entry);
    if (legend) {
      item.append(legend);
    }
    this.renderCount(entry);
    this.renderLive(entry);
    return item;
  }

  /** Returns the button that switches the heat map of a point layer on and off (one heat map at a time). */
  heatSwitch(layer) {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'icon-button layer-heat';
    button.dataset.testid = `heat-toggle-${layer.id}`;
    const on = this.heat.isOn(layer.id);
    button.setAttribute('aria-pressed', String(on));
    const text = t(on ? 'heat.off' : 'heat.on');
    button.title = text;
    button.setAttribute('aria-label', text);
    // three hexagons of growing heat
    button.innerHTML =
      '<svg viewBox="0 0 24 24" width="15" height="15" aria-hidden="true">' +
      '<path d="M7 3.5l3.5 2v4L7 11.5l-3.5-2v-4z" fill="#fecc5c"/>' +
      '<path d="M15.5 3.5l3.5 2v4l-3.5 2-3.5-2v-4z" fill="#fd8d3c"/>' +
      '<path d="M11.2 11l3.5 2v4l-3.5 2-3.5-2v-4z" fill="#bd0026"/></svg>';
    button.addEventListener('click', () => this.heat.toggle(layer));
    return button;
  }

  /** Sets the heat-map control whose switches the panel shows, and re-renders the panel when it changes. */
  setHeat(heat) {
    this.heat = heat;
    heat.onChange(() => {
      // The panel is drawn anew: keep the keyboard focus on the switch that was pressed.
      const focused = this.panel.contains(document.activeElement) ? document.activeElement.dataset.testid : null;
      this.renderPanel();
      if (focused) {
        this.panel.querySelector(`[data-testid="${CSS.escape(focused)}"]`)?.focus();
      }
    });
    this.renderPanel();
  }

  renderLegend(entry) {
    const style = entry.layer.style;
    if (style?.icon === 'vessel' && this.vesselStyler) {
      return this.renderVesselLegend();
    }
    const rules = (style?.property && style.rules) || [];
    if (rules.length === 0) {
      return null;
    }
    const points = isPointLayer(entry.layer);
    const list = document.createElement('ul');
    list.className = `legend ${points ? 'legend-points' : 'legend-areas'}`;
    for (const rule of rules) {
      const symbol = { ...style.symbol, ...rule.symbol };
      const li = document.createElement('li');
      const swatch = document.createElement('span');
      swatch.className = 'swatch';
      swatch.style.background = safeColour(symbol.fill, '#9e9e9e');
      swatch.style.borderColor = safeColour(points ? symbol.stroke : symbol.stroke || symbol.fill, '#616161');
      const text = document.createElement('span');
      text.className = 'legend-text';
      const title = localized(rule.title, String(rule.value));
      text.textContent = points || title === String(rule.value) ? title : `${rule.value} – ${title}`;
      text.title = text.textContent;
      li.append(swatch, text);
      list.append(li);
    }
    if (rules.length <= LEGEND_OPEN_MAX) {
      return list;
    }
    const details = document.createElement('details');
    details.className = 'legend-fold';
    const summary = document.createElement('summary');
    summary.textContent = `${t('layer.legend')} (${formatNumber(rules.length)})`;
    details.append(summary, list);
    return details;
  }

  /** The legend of vessel states: an arrow in each state's colour. */
  renderVesselLegend() {
    const list = document.createElement('ul');
    list.className = 'legend legend-vessels';
    list.dataset.testid = 'vessel-legend';
    for (const { state, symbol, title } of this.vesselStyler.legend()) {
      const li = document.createElement('li');
      li.dataset.state = state;
      const swatch = document.createElement('span');
      swatch.className = 'legend-arrow';
      swatch.innerHTML = markerHtml('vessel', { ...symbol, radius: 5 }, 45);
      const text = document.createElement('span');
      text.className = 'legend-text';
      text.textContent = title;
      text.title = title;
      li.append(swatch, text);
      list.append(li);
    }
    return list;
  }

  renderCount(entry) {
    const element = entry.countElement;
    if (!element) {
      return;
    }
    element.classList.toggle('failed', entry.status === 'failed');
    element.classList.toggle('off', !entry.visible);
    if (entry.status === 'loading') {
      element.textContent = entry.progress ? formatNumber(entry.progress.loaded) : '…';
      element.title = t('layer.loading');
    } else if (entry.status === 'failed') {
      element.textContent = '!';
      element.title = t('layer.failed');
    } else if (entry.visible && entry.mode === 'tiles') {
      const count = entry.viewMatched == null ? '…' : formatNumber(entry.viewMatched);
      element.textContent = count;
      element.title = t('layer.tiles', { count });
      if (entry.tileErrors > 0) {
        element.classList.add('failed');
        element.title += ` ${t('layer.tilesFailed', { count: formatNumber(entry.tileErrors) })}`;
      }
    } else {
      element.textContent = formatNumber(entry.drawn);
      element.title = t(entry.dense ? 'layer.countView' : 'layer.count', { count: formatNumber(entry.drawn) });
    }
    element.classList.toggle('tiles', entry.visible && entry.mode === 'tiles');
    element.dataset.mode = entry.mode ?? 'vector';
  }

  /** Shows whether a layer follows the live stream: a green dot when live, a pulsing grey one while connecting. */
  renderLive(entry) {
    const element = entry.liveElement;
    if (!element) {
      return;
    }
    const { status, error } = entry.live;
    element.dataset.status = status;
    element.classList.toggle('failed', status === 'off' && error != null);
    element.hidden = status === 'off' && error == null;
    const text = status === 'off' && error
      ? t('live.failed', { detail: errorDetail(error) || t('live.off') })
      : t(`live.${status}`);
    element.title = text;
    element.setAttribute('aria-label', text);
    element.setAttribute('role', 'img');
  }

  // ---- test hooks ----

  /**
   * Returns the page position {x, y} of a feature of this layer that a click there would hit, or null
   * when the layer draws nothing. Zooms, pans or spiderfies first if the feature is clustered or out of
   * view, so the answer is a Promise. For a layer drawn as PNG tiles: a point inside one of its features in
   * the middle of the view where nothing else would take the click.
   */
  async screenPointOf(id) {
    const entry = this.entries.get(id);
    await this.settled();
    if (entry?.visible && entry.mode === 'tiles') {
      this.map.closePopup();
      await waitForPopupGone(this.map);
      return this.tiledPointOf(entry);
    }
    if (!entry || !entry.visible || entry.status !== 'ok' || entry.drawn === 0) {
      return null;
    }
    const markers = this.markersOf(entry);
    this.map.closePopup();
    await waitForPopupGone(this.map);
    const find = () => this.clickableMarker(entry) || this.clickableShape(entry);
    let point = await stable(find);
    if (point) {
      return point;
    }
    if (markers.length > 0) {
      const marker = this.nearestToCentre(markers);
      await withTimeout(new Promise((resolve) => entry.cluster.zoomToShowLayer(marker, resolve)), 4000);
      // The cluster group moves markers out of their cluster with CSS transitions after the zoom: retry
      // until an icon stays where a click would hit it.
      for (let i = 0; i < 10 && !point; i++) {
        await settle(this.map);
        point = await stable(() => this.clickableMarker(entry, marker) || this.clickableMarker(entry));
      }
      return point || (marker._icon ? iconCentre(marker) : null);
    }
    const shape = entry.shapes.getLayers().flatMap((l) => (l.getLayers ? l.getLayers() : [l]))[0];
    this.map.fitBounds(shape.getBounds(), { padding: [40, 40], animate: false });
    await settle(this.map);
    await this.settled(); // a dense layer is drawn again for the new view
    return stable(() => this.clickableShape(entry));
  }

  /**
   * Returns the page position of a point inside a feature of a layer drawn as PNG tiles, in the middle half of
   * the map and not under anything a click would hit instead (a marker, a drawn area, a control), or null.
   */
  async tiledPointOf(entry) {
    const mapRect = this.map.getContainer().getBoundingClientRect();
    const inner = this.map.getBounds().pad(-0.25);
    const collection = await getJson(itemsUrl(entry.layer, { bbox: boxOf(inner), limit: 200 }));
    const centre = this.map.getCenter();
    const candidates = (collection.features || [])
      .map((feature) => interiorPoint(feature.geometry))
      .filter(Boolean)
      .map(([lon, lat]) => L.latLng(lat, lon))
      .filter((latlng) => inner.contains(latlng))
      .sort((a, b) => centre.distanceTo(a) - centre.distanceTo(b));
    for (const latlng of candidates) {
      const point = this.map.latLngToContainerPoint(latlng);
      const x = mapRect.left + point.x;
      const y = mapRect.top + point.y;
      const hit = document.elementFromPoint(x, y);
      if (hit && this.map.getContainer().contains(hit) && !hit.closest(CLICK_TAKERS)) {
        return { x: x + window.scrollX, y: y + window.scrollY };
      }
    }
    return null;
  }

  nearestToCentre(markers) {
    const centre = this.map.getCenter();
    let best = markers[0];
    let bestDistance = Infinity;
    for (const marker of markers) {
      const distance = centre.distanceTo(marker.getLatLng());
      if (distance < bestDistance) {
        best = marker;
        bestDistance = distance;
      }
    }
    return best;
  }

  /** Returns the centre of an unclustered marker icon of the layer that is the topmost element there. */
  clickableMarker(entry, preferred = null) {
    const candidates = preferred ? [preferred] : this.markersOf(entry);
    for (const marker of candidates) {
      const icon = marker._icon; // set only while the marker itself (not its cluster) is on the map
      if (!icon) {
        continue;
      }
      const point = iconCentre(marker);
      const hit = document.elementFromPoint(point.x - window.scrollX, point.y - window.scrollY);
      if (hit && icon.contains(hit)) {
        return point;
      }
    }
    return null;
  }

  /** Returns a point inside an area or on a line of the layer where its path is the topmost element. */
  clickableShape(entry) {
    const mapRect = this.map.getContainer().getBoundingClientRect();
    const centre = { x: (mapRect.left + mapRect.right) / 2, y: (mapRect.top + mapRect.bottom) / 2 };
    const distance = (rect) => Math.hypot((rect.left + rect.right) / 2 - centre.x, (rect.top + rect.bottom) / 2 - centre.y);
    const paths = entry.shapes.getLayers()
      .flatMap((l) => (l.getLayers ? l.getLayers() : [l]))
      .filter((path) => path.getElement?.())
      .map((path) => ({ path, rect: path.getElement().getBoundingClientRect() }))
      .sort((a, b) => distance(a.rect) - distance(b.rect))
      .map(({ path }) => path);
    for (const path of paths) {
      const element = path.getElement?.();
      if (!element) {
        continue;
      }
      const rect = element.getBoundingClientRect();
      const left = Math.max(rect.left, mapRect.left + 5);
      const right = Math.min(rect.right, mapRect.right - 5);
      const top = Math.max(rect.top, mapRect.top + 5);
      const bottom = Math.min(rect.bottom, mapRect.bottom - 5);
      if (left >= right || top >= bottom) {
        continue;
      }
      for (let i = 1; i < 6; i++) {
        for (let j = 1; j < 6; j++) {
          const x = left + ((right - left) * i) / 6;
          const y = top + ((bottom - top) * j) / 6;
          if (document.elementFromPoint(x, y) === element) {
            return { x: x + window.scrollX, y: y + window.scrollY };
          }
        }
      }
    }
    return null;
  }
}

/** What takes a click before the map does: markers, clusters, drawn paths, popups, controls. */
const CLICK_TAKERS = '.leaflet-interactive, .leaflet-marker-icon, .leaflet-popup, .leaflet-control';

/** Waits until a closing popup has faded out: Leaflet removes it 200 ms later, and until then it takes clicks. */
async function waitForPopupGone(map) {
  for (let i = 0; i < 20 && map.getContainer().querySelector('.leaflet-popup'); i++) {
    await new Promise((resolve) => window.setTimeout(resolve, 50));
  }
}

/** Replaces Leaflet's English label of the popup close button. */
function translateCloseButton(popup) {
  const button = popup.getElement()?.querySelector('.leaflet-popup-close-button');
  if (button) {
    button.setAttribute('aria-label', t('popup.close'));
    button.title = t('popup.close');
  }
}

/** Returns the key of a feature in entry.features: its id, or its position for a feature without one. */
function featureKey(id, index = null) {
  return id != null ? String(id) : `#${index}`;
}

/** Tests whether two GeoJSON features draw and read the same (the OGC API and the stream write them alike). */
function sameFeature(a, b) {
  return JSON.stringify(a.geometry) === JSON.stringify(b.geometry) && JSON.stringify(a.properties) === JSON.stringify(b.properties);
}

function headingOf(properties) {
  for (const name of HEADING_PROPERTIES) {
    const value = Number(properties?.[name]);
    // AIS sends 511 (heading) and 360 (course) for "not available"
    if (properties?.[name] != null && Number.isFinite(value) && value >= 0 && value < 360) {
      return value;
    }
  }
  return null;
}

function iconCentre(marker) {
  const rect = marker._icon.getBoundingClientRect();
  return { x: rect.left + rect.width / 2 + window.scrollX, y: rect.top + rect.height / 2 + window.scrollY };
}

function note(text, className) {
  const p = document.createElement('p');
  p.className = className;
  p.textContent = text;
  return p;
}

function withTimeout(promise, ms) {
  return Promise.race([promise, new Promise((resolve) => window.setTimeout(resolve, ms))]);
}

/**
 * Returns find()'s point if it is still the same 250 ms later (nothing is animating it away), else null.
 */
async function stable(find) {
  const first = find();
  if (!first) {
    return null;
  }
  await new Promise((resolve) => window.setTimeout(resolve, 250));
  const second = find();
  return second && Math.abs(second.x - first.x) < 1 && Math.abs(second.y - first.y) < 1 ? second : null;
}

/** Waits until the map has stopped moving and the browser has painted. */
async function settle(map) {
  for (let i = 0; i < 40 && (map._animatingZoom || map._panAnim?._inProgress); i++) {
    await new Promise((resolve) => window.setTimeout(resolve, 50));
  }
  await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
}
