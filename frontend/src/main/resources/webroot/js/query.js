// The spatial query tool of the panel: ask POST /api/query which features of the chosen layers lie within a
// radius of a point, are nearest to it, lie inside a drawn area or along a drawn line; list the answers by
// layer, mark them all on the map, and zoom to one when its row is clicked.

import { errorDetail, errorMessage, postJson } from './api.js';
import { applyStatic, formatNumber, lang, localized, onLangChange, t } from './i18n.js';
import { Sketch } from './draw.js';
import { smallIconHtml } from './icons.js';
import { popupContent } from './popup.js';

/** What each question needs drawn. */
const SHAPES = { near: 'point', nearest: 'point', within: 'polygon', along: 'line' };

/** Properties that name a feature in a result row, in this order; name_<lang> first when there is one. */
const NAME_PROPERTIES = ['name', 'title', 'building', 'land_use_name'];

/** Properties that identify a feature (shown beside its name, or instead of it). */
const CODE_PROPERTIES = ['code', 'mmsi', 'registration_no', 'call_sign'];

/** Rows listed per layer before "show more". */
const ROWS_PER_PAGE = 100;

/** A layer's results start folded when there are more than this (and other layers have results too). */
const OPEN_GROUP_MAX = 20;

/** Zoom a row click zooms in to at least (points), or at most (areas and lines). */
const FEATURE_ZOOM = 16;

/** Colours of the results (amber) and of the selected result (red). */
const RESULT_COLOUR = '#ff8f00';
const SELECTED_COLOUR = '#d50000';

/** The bounds of the numeric fields: the server's limits. */
const LIMITS = {
  radius: { min: 1, max: 1000000 },
  k: { min: 1, max: 1000 },
  buffer: { min: 0, max: 1000000 },
};

export class QueryTool {
  /** Wires the form root (index.html #query-tool) to map and to the layer list of manager. */
  constructor(map, manager, root) {
    this.map = map;
    this.manager = manager;
    this.root = root;
    this.field = (name) => root.querySelector(`[data-testid="query-${name}"]`);
    this.chosen = new Map(); // layer id → whether the user ticked it; else a layer is ticked when visible
    // The last answer, one entry per layer: {layer, definition (from /api/layers), title, numberMatched,
    // numberReturned, features, shown (rows listed), open (the list unfolded)}.
    this.results = null;
    this.error = null; // {key, params} of a check in the page, or {error} for an ApiError
    this.running = false;
    this.selected = null; // {layerId, index}

    for (const [name, zIndex] of [['query-results', 645], ['query-selected', 646]]) {
      const pane = map.getPane(name) || map.createPane(name);
      pane.style.zIndex = String(zIndex);
      pane.style.pointerEvents = 'none';
    }
    this.highlights = L.layerGroup().addTo(map);
    this.selection = L.layerGroup().addTo(map);
    this.sketch = new Sketch(map, { onChange: () => this.renderDrawState() });

    const kind = this.field('kind');
    kind.addEventListener('change', () => this.setKind(kind.value));
    this.field('radius').addEventListener('input', () => this.sketch.setRadius(this.number('radius')));
    this.field('buffer').addEventListener('input', () => this.sketch.setBuffer(this.number('buffer')));
    this.field('finish').addEventListener('click', () => this.sketch.finish());
    this.field('redraw').addEventListener('click', () => this.sketch.restart());
    this.field('clear').addEventListener('click', () => this.clear());
    this.field('layers-all').addEventListener('click', () => this.chooseAll(true));
    this.field('layers-none').addEventListener('click', () => this.chooseAll(false));
    root.addEventListener('submit', (event) => {
      event.preventDefault();
      this.run();
    });

    manager.onChange(() => this.renderLayers());
    onLangChange(() => this.render());
    this.setKind(kind.value);
    this.render();
  }

  /** Shows or hides the tool: while shown, map clicks draw the query's shape. */
  setOpen(open) {
    this.sketch.setActive(open);
    if (open) {
      this.renderLayers();
    }
  }

  /** Returns {layerId: number of matching features} of the last answer; {} before a query and after clear. */
  resultCounts() {
    const counts = {};
    for (const result of this.results || []) {
      counts[result.layer] = result.numberMatched;
    }
    return counts;
  }

  /** Forgets the answer (the shape stays): the layers the user may read have changed. */
  forgetResults() {
    this.abort?.abort();
    this.results = null;
    this.error = null;
    this.selected = null;
    this.drawResults();
    this.renderResults();
  }

  /** Clears the shape, the answer and its marks on the map; the next clicks draw a new shape. */
  clear() {
    this.forgetResults();
    this.sketch.restart();
    this.map.closePopup();
  }

  setKind(kind) {
    this.kind = kind;
    const shape = SHAPES[kind];
    if (shape !== this.sketch.mode) {
      this.forgetResults();
    }
    this.sketch.setMode(shape);
    this.sketch.setRadius(kind === 'near' ? this.number('radius') : null);
    this.sketch.setBuffer(kind === 'along' ? this.number('buffer') : null);
    for (const label of this.root.querySelectorAll('[data-for]')) {
      label.hidden = label.dataset.for !== kind;
    }
    this.renderDrawState();
  }

  chooseAll(checked) {
    for (const { layer } of this.manager.layerList()) {
      this.chosen.set(layer.id, checked);
    }
    this.renderLayers();
  }

  /** Returns the value of a numeric field, or NaN when it is empty or not a number. */
  number(name) {
    const text = this.field(name).value.trim();
    return text === '' ? NaN : Number(text);
  }

  // ---- asking ----

  async run() {
    if (this.sketch.canFinish()) {
      this.sketch.finish(); // an area or a line being drawn counts with the points it has
    }
    const problem = this.check();
    if (problem) {
      this.showError(problem);
      return;
    }
    const body = this.body();
    this.abort?.abort();
    const abort = new AbortController();
    this.abort = abort;
    this.running = true;
    this.error = null;
    this.renderRunButton();
    try {
      const answer = await postJson('api/query', body, { signal: abort.signal });
      if (abort.signal.aborted) {
        return;
      }
      this.showResults(answer.results || []);
    } catch (error) {
      if (error.name !== 'AbortError' && !abort.signal.aborted) {
        this.showError({ error });
      }
    } finally {
      if (this.abort === abort) {
        this.running = false;
        this.renderRunButton();
      }
    }
  }

  /** Returns what stops the query from being asked ({key, params}), or null. */
  check() {
    if (!this.sketch.geometry()) {
      return { key: `query.error.noShape.${this.sketch.mode}` };
    }
    const field = { near: 'radius', nearest: 'k', along: 'buffer' }[this.kind];
    if (field) {
      const value = this.number(field);
      const { min, max } = LIMITS[field];
      if (!(value >= min && value <= max) || (field === 'k' && !Number.isInteger(value))) {
        return { key: 'query.error.number', params: { field: t(`query.${field}`), min: formatNumber(min), max: formatNumber(max) } };
      }
    }
    if (this.chosenLayers().length === 0) {
      return { key: 'query.error.noLayers' };
    }
    return null;
  }

  body() {
    const geometry = this.sketch.geometry();
    const body = { layers: this.chosenLayers() };
    const [lon, lat] = geometry.type === 'Point' ? geometry.coordinates : [];
    switch (this.kind) {
      case 'near':
        body.near = { lon, lat, radiusMetres: this.number('radius') };
        break;
      case 'nearest':
        body.nearest = { lon, lat, k: this.number('k') };
        break;
      case 'within':
        body.within = geometry;
        break;
      default:
        body.along = { line: geometry, bufferMetres: this.number('buffer') };
    }
    const filter = this.field('filter').value.trim();
    if (filter) {
      body.filter = filter;
    }
    return body;
  }

  /** Returns the ids of the layers to ask, in the order of the layer list. */
  chosenLayers() {
    return this.manager.layerList()
      .filter(({ layer, visible }) => this.chosen.get(layer.id) ?? visible)
      .map(({ layer }) => layer.id);
  }

  showError(error) {
    this.results = null;
    this.error = error;
    this.selected = null;
    this.drawResults();
    this.renderResults();
  }

  showResults(results) {
    const layers = new Map(this.manager.layerList().map(({ layer }) => [layer.id, layer]));
    const centre = this.kind === 'near' ? this.sketch.geometry()?.coordinates : null;
    const withResults = results.filter((result) => (result.features?.features || []).length > 0).length;
    this.results = results.map((result) => {
      const features = result.features?.features || [];
      if (centre) {
        // near does not send distances: work them out for points, and list the nearest first
        for (const feature of features) {
          if (feature.geometry?.type === 'Point' && feature.distance_m == null) {
            feature.distance_m = metresBetween(centre, feature.geometry.coordinates);
          }
        }
        features.sort((a, b) => (a.distance_m ?? Infinity) - (b.distance_m ?? Infinity));
      }
      return {
        layer: result.layer,
        definition: layers.get(result.layer) || { id: result.layer, title: result.title },
        title: result.title,
        numberMatched: result.numberMatched ?? features.length,
        numberReturned: result.numberReturned ?? features.length,
        features,
        shown: ROWS_PER_PAGE,
        open: withResults === 1 || features.length <= OPEN_GROUP_MAX,
      };
    });
    this.error = null;
    this.selected = null;
    this.drawResults();
    this.renderResults();
    this.showAll();
  }

  /** Moves the map so that the shape and every result are in view, if some are not. */
  showAll() {
    const bounds = L.latLngBounds([]);
    const shape = this.sketch.bounds();
    if (shape) {
      bounds.extend(shape);
    }
    // Areas and lines count with their centres: one large area that touches the shape should not zoom the map out.
    this.highlights.eachLayer((layer) => bounds.extend(layer.getBounds ? layer.getBounds().getCenter() : layer.getLatLng()));
    if (bounds.isValid() && !this.map.getBounds().contains(bounds)) {
      this.map.fitBounds(bounds, { padding: [30, 30], maxZoom: Math.max(this.map.getZoom(), 13) });
    }
  }

  // ---- the map ----

  /** Marks every result on the map (amber rings and outlines); the selected one in red. */
  drawResults() {
    this.selectionToken = null;
    this.highlights.clearLayers();
    this.selection.clearLayers();
    for (const result of this.results || []) {
      for (const feature of result.features) {
        const mark = resultMark(feature, 'query-results', RESULT_COLOUR, 11);
        if (mark) {
          this.highlights.addLayer(mark);
        }
      }
    }
  }

  /** Selects a result: marks it in red, zooms to it and opens its details. */
  select(result, index) {
    const feature = result.features[index];
    this.selected = { layerId: result.layer, index };
    this.selection.clearLayers();
    const mark = resultMark(feature, 'query-selected', SELECTED_COLOUR, 17);
    if (!mark) {
      return;
    }
    mark.addTo(this.selection);
    for (const row of this.root.querySelectorAll('[data-testid="query-result-row"]')) {
      const selected = row.dataset.layer === result.layer && Number(row.dataset.index) === index;
      row.classList.toggle('selected', selected);
      row.setAttribute('aria-pressed', String(selected));
    }
    const anchor = mark.getLatLng ? mark.getLatLng() : mark.getBounds().getCenter();
    // The details open once the map has arrived, so that the popup can pan itself into view.
    const selection = {};
    this.selectionToken = selection;
    this.map.closePopup();
    this.map.once('moveend', () => {
      if (this.selectionToken === selection) {
        L.popup({ maxWidth: 360, minWidth: 220, className: 'iocmap-popup', offset: [0, -8], autoPanPaddingTopLeft: L.point(20, 20) })
          .setLatLng(anchor)
          .setContent(() => popupContent(result.definition, feature))
          .openOn(this.map);
      }
    });
    if (mark.getLatLng) {
      this.map.setView(anchor, Math.max(this.map.getZoom(), FEATURE_ZOOM));
    } else {
      this.map.fitBounds(mark.getBounds(), { padding: [40, 40], maxZoom: FEATURE_ZOOM });
    }
  }

  // ---- the panel ----

  render() {
    applyStatic(this.root);
    this.renderLayers();
    this.renderDrawState();
    this.renderRunButton();
    this.renderResults();
  }

  renderLayers() {
    const list = this.field('layers');
    list.replaceChildren();
    for (const { layer, visible } of this.manager.layerList()) {
      const label = document.createElement('label');
      label.className = 'query-layer';
      const box = document.createElement('input');
      box.type = 'checkbox';
      box.checked = this.chosen.get(layer.id) ?? visible;
      box.value = layer.id;
      box.dataset.testid = `query-layer-${layer.id}`;
      box.addEventListener('change', () => this.chosen.set(layer.id, box.checked));
      const icon = document.createElement('span');
      icon.innerHTML = smallIconHtml(layer.style?.icon, layer.style?.symbol?.fill);
      const title = document.createElement('span');
      title.className = 'query-layer-title';
      title.textContent = localized(layer.title, layer.id);
      label.append(box, icon.firstChild, title);
      list.append(label);
    }
  }

  renderDrawState() {
    const sketch = this.sketch;
    const hint = this.field('hint');
    if (sketch.complete) {
      hint.textContent = t(sketch.mode === 'point' ? 'query.hint.pointDone' : 'query.hint.shapeDone');
    } else {
      const count = sketch.points.length;
      hint.textContent = t(`query.hint.${sketch.mode}`)
        + (count > 0 && sketch.mode !== 'point' ? ` (${t('query.points', { count: formatNumber(count) })})` : '');
    }
    hint.classList.toggle('done', sketch.complete);
    const finish = this.field('finish');
    finish.hidden = sketch.mode === 'point' || sketch.complete;
    finish.disabled = !sketch.canFinish();
    this.field('redraw').hidden = sketch.points.length === 0;
  }

  renderRunButton() {
    const run = this.field('run');
    run.disabled = this.running;
    run.textContent = t(this.running ? 'query.running' : 'query.run');
  }

  renderResults() {
    const box = this.field('results');
    box.replaceChildren();
    if (this.error) {
      box.append(this.renderError());
      return;
    }
    if (!this.results) {
      return;
    }
    const total = this.results.reduce((sum, result) => sum + result.numberMatched, 0);
    const summary = document.createElement('p');
    summary.className = 'query-summary';
    summary.dataset.testid = 'query-summary';
    summary.textContent = t('query.results.total', { count: formatNumber(total), layers: formatNumber(this.results.length) });
    box.append(summary);
    for (const result of this.results) {
      box.append(this.renderGroup(result));
    }
  }

  renderError() {
    const error = document.createElement('div');
    error.className = 'query-error';
    error.setAttribute('role', 'alert');
    error.dataset.testid = 'query-error';
    const head = document.createElement('div');
    head.className = 'query-error-head';
    if (this.error.key) {
      head.textContent = t(this.error.key, this.error.params);
      error.append(head);
      return error;
    }
    head.textContent = `${t('query.error.title')}: ${errorMessage(this.error.error)}`;
    error.append(head);
    const detail = errorDetail(this.error.error);
    if (detail) {
      const small = document.createElement('div');
      small.className = 'query-error-detail';
      small.textContent = detail;
      error.append(small);
    }
    return error;
  }

  /** Renders one layer's results: a foldable list under a heading with the layer and its count. */
  renderGroup(result) {
    const head = document.createElement('span');
    head.className = 'query-group-head';
    const icon = document.createElement('span');
    icon.innerHTML = smallIconHtml(result.definition.style?.icon, result.definition.style?.symbol?.fill);
    const title = document.createElement('span');
    title.className = 'query-group-title';
    title.textContent = localized(result.definition.title ?? result.title, result.layer);
    const count = document.createElement('span');
    count.className = 'layer-count';
    count.dataset.testid = `query-count-${result.layer}`;
    count.textContent = formatNumber(result.numberMatched);
    head.append(icon.firstChild, title, count);

    if (result.features.length === 0) {
      const empty = document.createElement('div');
      empty.className = 'query-group empty';
      empty.dataset.layer = result.layer;
      empty.dataset.testid = `query-group-${result.layer}`;
      empty.append(head);
      return empty;
    }
    const group = document.createElement('details');
    group.className = 'query-group';
    group.dataset.layer = result.layer;
    group.dataset.testid = `query-group-${result.layer}`;
    group.open = result.open;
    group.addEventListener('toggle', () => {
      result.open = group.open;
    });
    const summary = document.createElement('summary');
    summary.append(head);
    group.append(summary);
    if (result.numberReturned < result.numberMatched) {
      const partial = document.createElement('p');
      partial.className = 'query-partial';
      partial.textContent = t('query.results.partial', {
        returned: formatNumber(result.numberReturned),
        matched: formatNumber(result.numberMatched),
      });
      group.append(partial);
    }
    const list = document.createElement('ol');
    list.className = 'query-rows';
    const shown = Math.min(result.shown, result.features.length);
    for (let index = 0; index < shown; index++) {
      list.append(this.renderRow(result, index));
    }
    group.append(list);
    const rest = result.features.length - shown;
    if (rest > 0) {
      const more = document.createElement('button');
      more.type = 'button';
      more.className = 'link query-more';
      more.textContent = t('query.results.more', { count: formatNumber(Math.min(rest, ROWS_PER_PAGE)), rest: formatNumber(rest) });
      more.addEventListener('click', () => {
        result.shown += ROWS_PER_PAGE;
        group.replaceWith(this.renderGroup(result));
      });
      group.append(more);
    }
    return group;
  }

  renderRow(result, index) {
    const feature = result.features[index];
    const item = document.createElement('li');
    const row = document.createElement('button');
    row.type = 'button';
    row.className = 'query-row';
    row.dataset.testid = 'query-result-row';
    row.dataset.layer = result.layer;
    row.dataset.index = String(index);
    row.dataset.featureId = String(feature.id ?? '');
    const selected = this.selected?.layerId === result.layer && this.selected.index === index;
    row.classList.toggle('selected', selected);
    row.setAttribute('aria-pressed', String(selected));
    const { text, code } = featureLabel(feature);
    row.title = `${text}${code ? ` (${code})` : ''} – ${t('query.result.zoom')}`;
    const label = document.createElement('span');
    label.className = 'query-row-label';
    label.textContent = text;
    row.append(label);
    if (code) {
      const small = document.createElement('span');
      small.className = 'query-row-code';
      small.textContent = code;
      row.append(small);
    }
    if (feature.distance_m != null) {
      const distance = document.createElement('span');
      distance.className = 'query-row-distance';
      distance.dataset.testid = 'query-result-distance';
      distance.textContent = formatDistance(feature.distance_m);
      row.append(distance);
    }
    row.addEventListener('click', () => this.select(result, index));
    item.append(row);
    return item;
  }
}

/** Returns {text, code} naming a feature in a row: its name (in the page's language when it has one) and code. */
export function featureLabel(feature) {
  const properties = feature.properties || {};
  const pick = (names) => names.map((name) => properties[name]).find((value) => value != null && String(value).trim() !== '');
  const name = pick([`name_${lang()}`, ...NAME_PROPERTIES]);
  const code = pick(CODE_PROPERTIES);
  if (name != null) {
    return { text: String(name), code: code != null && String(code) !== String(name) ? String(code) : '' };
  }
  if (code != null) {
    return { text: String(code), code: '' };
  }
  return { text: t('query.feature', { id: feature.id ?? '?' }), code: '' };
}

/** Returns a distance for people: metres below 1 km, else kilometres, in the page's locale. */
function formatDistance(metres) {
  if (metres < 1000) {
    return `${formatNumber(Math.round(metres), { maximumFractionDigits: 0 })}\u00a0m`;
  }
  return `${formatNumber(metres / 1000, { maximumFractionDigits: metres < 10000 ? 2 : 1 })}\u00a0km`;
}

/** Returns the great-circle distance in metres between two [longitude, latitude] positions. */
function metresBetween([lon1, lat1], [lon2, lat2]) {
  return L.latLng(lat1, lon1).distanceTo(L.latLng(lat2, lon2));
}

/** Returns a non-interactive mark for a result: a ring around a point, an outline of an area or a line. */
function resultMark(feature, pane, colour, radius) {
  const geometry = feature.geometry;
  if (!geometry) {
    return null;
  }
  if (geometry.type === 'Point') {
    const [lon, lat] = geometry.coordinates;
    return L.circleMarker([lat, lon], {
      pane,
      radius,
      color: colour,
      weight: radius > 11 ? 4 : 2.5,
      fillColor: colour,
      fillOpacity: 0.12,
      interactive: false,
      className: markClass(pane),
    });
  }
  return L.geoJSON(feature, {
    pane,
    interactive: false,
    style: { color: colour, weight: radius > 11 ? 4 : 3, fillColor: colour, fillOpacity: 0.12, className: markClass(pane) },
    pointToLayer: (f, latlng) => L.circleMarker(latlng, { pane, radius, color: colour, weight: 3, fillOpacity: 0.12, interactive: false }),
  });
}

function markClass(pane) {
  return pane === 'query-selected' ? 'query-mark query-mark-selected' : 'query-mark';
}
