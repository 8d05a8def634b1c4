// Dense layers: the rule that says when a layer is drawn as the server's PNG tiles instead of vector features,
// and what a click on those tiles opens.
//
// The rule. A layer is dense when it holds more features than the page draws well at once: more than
// MAX_VECTOR_SHAPES areas or lines (each one an SVG path), or more than MAX_VECTOR_POINTS points (clustered
// markers), by the OGC API's numberMatched; or when it is a land-use plan, whose many small zones are read as one
// coloured map. A dense layer is drawn for each view: as PNG tiles when the view and the margin the page would load
// around it hold more than those numbers of its features, or, for a land-use plan, below zoom LAND_USE_VECTOR_ZOOM,
// where a zone is a few pixels wide; otherwise as clickable vector features of the view and that margin, followed
// live within it. Any other layer is loaded whole and followed live, as before.
//
// A click on PNG tiles asks the OGC items endpoint for the features within a few pixels of the click and opens
// the popup of the best one (an area containing the point first), with a pager when several are there.

import { getJson, showError } from './api.js';
import { onLangChange, localized, t } from './i18n.js';
import { popupContent } from './popup.js';

/** The most areas or lines a view draws as vector paths; more are drawn as PNG tiles. */
export const MAX_VECTOR_SHAPES = 1000;

/**
 * The most points the page loads and clusters as markers at once: the most a live stream's snapshot holds
 * (StreamRoutes.MAX_SNAPSHOT, docs/stream.md) and one page of the OGC API; clustering that many takes about a second.
 */
export const MAX_VECTOR_POINTS = 10000;

/** Land-use plans are drawn as PNG tiles below this zoom whatever their number. */
export const LAND_USE_VECTOR_ZOOM = 13;

/** How far, in CSS pixels, a click on PNG tiles reaches: lines and small zones are hard to hit exactly. */
const CLICK_TOLERANCE_PX = 4;

/** The most features a click on PNG tiles lists per layer. */
const CLICK_LIMIT = 20;

/**
 * What a tile-drawing layer subscribes to on the live stream: no features at all (filter FALSE), over a box of
 * one point (0°, 0°, in the Gulf of Guinea) so that the snapshot reads next to nothing. `tiles` events are sent
 * for the whole layer whatever the box, and they are all such a subscription is for.
 */
export const TILE_NOTICES = { bbox: [0, 0, 0, 0], filter: 'FALSE' };

/** Tests whether a layer draws points (and clusters them) rather than areas or lines. */
export function isPointLayer(layer) {
  return /Point/i.test(layer.geometryType || '');
}

/** Tests whether a layer of numberMatched features is dense (drawn per view, sometimes as tiles). */
export function isDense(layer, numberMatched) {
  if (layer.kind === 'land_use_plan') {
    return true;
  }
  return numberMatched != null && numberMatched > maxVectorFeatures(layer);
}

/** Tests whether a dense layer is drawn as PNG tiles at this zoom whatever the number of its features. */
export function tilesAtZoom(layer, zoom) {
  return layer.kind === 'land_use_plan' && zoom < LAND_USE_VECTOR_ZOOM;
}

/**
 * Tests whether a dense layer is drawn as PNG tiles at this zoom, when the view and its margin hold matched of its
 * features (null when unknown).
 */
export function drawsAsTiles(layer, zoom, matched) {
  return tilesAtZoom(layer, zoom) || matched == null || matched > maxVectorFeatures(layer);
}

function maxVectorFeatures(layer) {
  return isPointLayer(layer) ? MAX_VECTOR_POINTS : MAX_VECTOR_SHAPES;
}

/** Returns the items URL of a layer with these query parameters added (bbox as an array is joined). */
export function itemsUrl(layer, params) {
  const url = new URL(layer.itemsUrl, window.location.href);
  for (const [name, value] of Object.entries(params)) {
    if (value != null) {
      url.searchParams.set(name, Array.isArray(value) ? value.join(',') : String(value));
    }
  }
  return url.pathname + url.search;
}

/** Resolves to the number of features of a layer in bbox ([minLon, minLat, maxLon, maxLat]; null for all), or null. */
export async function countFeatures(layer, bbox, signal) {
  const page = await getJson(itemsUrl(layer, { bbox, limit: 1 }), { signal });
  return page.numberMatched ?? null;
}

/** Returns [minLon, minLat, maxLon, maxLat] of Leaflet bounds, clamped to the Web Mercator world. */
export function boxOf(bounds) {
  const round = (value) => Math.round(value * 1e6) / 1e6;
  return [
    round(Math.max(-180, bounds.getWest())),
    round(Math.max(-85, bounds.getSouth())),
    round(Math.min(180, bounds.getEast())),
    round(Math.min(85, bounds.getNorth())),
  ];
}

/**
 * Resolves to the Leaflet bounds of where a layer's features lie, from its heat-map cells: first coarse cells of the
 * whole world, then finer ones inside them. Resolves to null when the layer is empty.
 */
export async function layerExtent(layer, signal) {
  const boundsOf = (answer) => {
    const bounds = L.latLngBounds([]);
    for (const cell of answer.features || []) {
      for (const [lon, lat] of cell.geometry?.coordinates?.[0] || []) {
        bounds.extend([lat, lon]);
      }
    }
    return bounds.isValid() ? bounds : null;
  };
  const base = `api/heatmap?layer=${encodeURIComponent(layer.id)}`;
  const coarse = boundsOf(await getJson(`${base}&resolution=8`, { signal }));
  if (!coarse) {
    return null;
  }
  const box = boxOf(coarse);
  return boundsOf(await getJson(`${base}&bbox=${box.join(',')}&resolution=18`, { signal })) || coarse;
}

// ---- geometry (GeoJSON, [lon, lat]) ----

/** Returns the polygons of a geometry as lists of rings; [] for points and lines. */
function polygonsOf(geometry) {
  if (geometry?.type === 'Polygon') {
    return [geometry.coordinates];
  }
  if (geometry?.type === 'MultiPolygon') {
    return geometry.coordinates;
  }
  if (geometry?.type === 'GeometryCollection') {
    return geometry.geometries.flatMap(polygonsOf);
  }
  return [];
}

/** Tests whether [lon, lat] lies inside an area of a geometry (even-odd rule: holes are outside). */
export function coversPoint(geometry, lon, lat) {
  return polygonsOf(geometry).some((rings) => {
    let inside = false;
    for (const ring of rings) {
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const [xi, yi] = ring[i];
        const [xj, yj] = ring[j];
        if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) {
          inside = !inside;
        }
      }
    }
    return inside;
  });
}

/**
 * Returns a [lon, lat] inside an area of the geometry (the middle of the widest span across its largest polygon,
 * on the line through the polygon's middle), or a vertex of a point or line; null for an empty geometry.
 */
export function interiorPoint(geometry) {
  const polygons = polygonsOf(geometry);
  if (polygons.length === 0) {
    const first = firstPosition(geometry?.coordinates);
    return first ? [first[0], first[1]] : null;
  }
  let best = null;
  let bestArea = -1;
  for (const rings of polygons) {
    const lats = rings[0].map((c) => c[1]);
    const lons = rings[0].map((c) => c[0]);
    const area = (Math.max(...lons) - Math.min(...lons)) * (Math.max(...lats) - Math.min(...lats));
    if (area > bestArea) {
      best = rings;
      bestArea = area;
    }
  }
  const lats = best[0].map((c) => c[1]);
  const lat = (Math.min(...lats) + Math.max(...lats)) / 2;
  const crossings = [];
  for (const ring of best) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i];
      const [xj, yj] = ring[j];
      if (yi > lat !== yj > lat) {
        crossings.push(xi + ((lat - yi) * (xj - xi)) / (yj - yi));
      }
    }
  }
  crossings.sort((a, b) => a - b);
  let span = null;
  for (let i = 0; i + 1 < crossings.length; i += 2) {
    if (!span || crossings[i + 1] - crossings[i] > span[1] - span[0]) {
      span = [crossings[i], crossings[i + 1]];
    }
  }
  return span ? [(span[0] + span[1]) / 2, lat] : [best[0][0][0], best[0][0][1]];
}

function firstPosition(coordinates) {
  let c = coordinates;
  while (Array.isArray(c) && Array.isArray(c[0])) {
    c = c[0];
  }
  return Array.isArray(c) && c.length >= 2 ? c : null;
}

/** Returns the area of a geometry's bounding box in square degrees: smaller areas are the more specific hits. */
function boxArea(geometry) {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const rings of polygonsOf(geometry)) {
    for (const [x, y] of rings[0]) {
      minX = Math.min(minX, x);
      maxX = Math.max(maxX, x);
      minY = Math.min(minY, y);
      maxY = Math.max(maxY, y);
    }
  }
  return maxX >= minX ? (maxX - minX) * (maxY - minY) : Infinity;
}

// ---- clicks on PNG tiles ----

/**
 * Opens feature popups for clicks on PNG tiles. tiledLayers() returns the layers drawn as tiles now, topmost
 * first: [{layer}].
 */
export class TilePicker {
  constructor(map, tiledLayers) {
    this.map = map;
    this.tiledLayers = tiledLayers;
    this.abort = null;
    const pane = map.getPane('tile-pick') || map.createPane('tile-pick');
    pane.style.zIndex = '644';
    pane.style.pointerEvents = 'none';
    this.highlight = L.layerGroup().addTo(map);
    map.on('click', (event) => this.pick(event.latlng, event.containerPoint));
    onLangChange(() => this.popup?.isOpen() && this.popup.update());
  }

  /** Asks every tiled layer for its features at a clicked point and opens the popup of the best hit. */
  async pick(latlng, containerPoint) {
    // While a query shape is being drawn, clicks place its points.
    if (this.map.getContainer().classList.contains('iocmap-drawing')) {
      return;
    }
    const layers = this.tiledLayers();
    if (layers.length === 0) {
      return;
    }
    this.abort?.abort();
    const abort = new AbortController();
    this.abort = abort;
    const p = containerPoint;
    const southWest = this.map.containerPointToLatLng([p.x - CLICK_TOLERANCE_PX, p.y + CLICK_TOLERANCE_PX]);
    const northEast = this.map.containerPointToLatLng([p.x + CLICK_TOLERANCE_PX, p.y - CLICK_TOLERANCE_PX]);
    const bbox = boxOf(L.latLngBounds(southWest, northEast));
    const answers = await Promise.all(
      layers.map(({ layer }) =>
        getJson(itemsUrl(layer, { bbox, limit: CLICK_LIMIT }), { signal: abort.signal }).then(
          (collection) => ({ layer, features: ranked(collection.features || [], latlng.lng, latlng.lat) }),
          (error) => ({ layer, features: [], error }),
        ),
      ),
    );
    if (abort.signal.aborted) {
      return;
    }
    const hits = answers.flatMap(({ layer, features }) => features.map((feature) => ({ layer, feature })));
    if (hits.length === 0) {
      const failed = answers.find((answer) => answer.error);
      if (failed) {
        showError(failed.error, 'error.pick', { layer: localized(failed.layer.title, failed.layer.id) });
      }
      return;
    }
    this.open(latlng, hits);
  }

  /** Opens the popup of hits[0] at latlng, with a pager through the others. */
  open(latlng, hits) {
    let index = 0;
    const show = () => {
      this.highlight.clearLayers();
      const { feature } = hits[index];
      if (feature.geometry && feature.geometry.type !== 'Point') {
        L.geoJSON(feature.geometry, {
          pane: 'tile-pick',
          interactive: false,
          style: { color: '#1565c0', weight: 3, opacity: 0.95, fill: false },
        }).addTo(this.highlight);
      }
    };
    const content = () => {
      const { layer, feature } = hits[index];
      const root = popupContent(layer, feature);
      root.dataset.source = 'tiles';
      if (hits.length > 1) {
        root.append(this.pager(index, hits.length, (next) => {
          index = next;
          show();
          popup.update();
        }));
      }
      return root;
    };
    const popup = L.popup({
      maxWidth: 360,
      minWidth: 220,
      className: 'iocmap-popup',
      autoPanPaddingTopLeft: L.point(20, 60),
    })
      .setLatLng(latlng)
      .setContent(content);
    popup.on('remove', () => {
      if (this.popup === popup) {
        this.highlight.clearLayers();
        this.popup = null;
      }
    });
    this.popup = popup;
    show();
    popup.openOn(this.map);
  }

  pager(index, total, go) {
    const bar = document.createElement('div');
    bar.className = 'popup-pager';
    const button = (text, label, target) => {
      const b = document.createElement('button');
      b.type = 'button';
      b.className = 'icon-button';
      b.textContent = text;
      b.title = label;
      b.setAttribute('aria-label', label);
      b.disabled = target < 0 || target >= total;
      b.addEventListener('click', (event) => {
        event.stopPropagation();
        go(target);
      });
      return b;
    };
    const text = document.createElement('span');
    text.dataset.testid = 'popup-pager';
    text.textContent = t('pick.position', { index: index + 1, total });
    bar.append(button('‹', t('pick.previous'), index - 1), text, button('›', t('pick.next'), index + 1));
    return bar;
  }
}

/** Orders the features found around a click: areas containing the point first, the smallest of them first. */
function ranked(features, lon, lat) {
  const covering = features.filter((f) => coversPoint(f.geometry, lon, lat));
  covering.sort((a, b) => boxArea(a.geometry) - boxArea(b.geometry));
  const rest = features.filter((f) => !covering.includes(f));
  return [...covering, ...rest];
}
