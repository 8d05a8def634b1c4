// The heat map of a point layer: GET /api/heatmap counts the layer's features (or sums a numeric attribute) per
// cell of a hexagonal (H3) or square grid over the view, within a time window; the cells are drawn as polygons
// coloured on the heat ramp from 0 to the answer's max, with their values in a tooltip. A card on the map holds the
// grid, value and time-window choices and the legend. The map asks again when the view moves (after a pause,
// dropping the question before), and, while the layer changes, when the live stream's heat events say so.
//
// One heat map at a time: switching it on for another layer moves it there.

import { ApiError, getJson, showError } from './api.js';
import { boxOf, isPointLayer } from './dense.js';
import { formatDateTime, formatNumber, localized, onLangChange, t } from './i18n.js';
import { LiveStream } from './live.js';
import { unitSymbol } from './popup.js';

/**
 * The heat ramp: ColorBrewer YlOrRd in five classes spread over 0..1, copied from the styles module's
 * org.iocmap.styles.ColourRamp.HEAT, which also colours the server's heat tiles (/api/heatmap/{layer}/{z}/{x}/{y}.png);
 * no endpoint sends it. Blended channel by channel in sRGB, as ColourRamp does.
 */
export const HEAT_RAMP = [
  [0, '#ffffb2'],
  [0.25, '#fecc5c'],
  [0.5, '#fd8d3c'],
  [0.75, '#f03b20'],
  [1, '#bd0026'],
];

/** The time windows offered, in milliseconds; null is the whole time range. */
const WINDOWS = { '24h': 24 * 3600e3, '7d': 7 * 24 * 3600e3, '30d': 30 * 24 * 3600e3, all: null };

/** The window end slider moves in steps of one hour. */
const HOUR = 3600e3;

/** How long the map, a slider or the layer must rest before the heat map is asked again. */
const REFRESH_DEBOUNCE_MS = 300;

/** Attributes never offered as weights: identifiers, codes and years are numbers but not amounts. */
const NOT_A_WEIGHT = /(^|_)(id|code|mmsi|imo|no|number|year|phone)$/i;

/** Returns the colour of the ramp at fraction (0..1, clamped) as #rrggbb. */
export function heatColour(fraction) {
  const f = Number.isFinite(fraction) ? Math.min(1, Math.max(0, fraction)) : 0;
  let i = 1;
  while (i < HEAT_RAMP.length - 1 && f > HEAT_RAMP[i][0]) {
    i++;
  }
  const [lowAt, low] = HEAT_RAMP[i - 1];
  const [highAt, high] = HEAT_RAMP[i];
  const share = (f - lowAt) / (highAt - lowAt);
  const channel = (shift) => {
    const a = (parseInt(low.slice(1), 16) >> shift) & 0xff;
    const b = (parseInt(high.slice(1), 16) >> shift) & 0xff;
    return Math.round(a + (b - a) * share);
  };
  return `#${[16, 8, 0].map((shift) => channel(shift).toString(16).padStart(2, '0')).join('')}`;
}

export class HeatMap {
  /** Draws heat maps on map for the point layers manager lists. */
  constructor(map, manager) {
    this.map = map;
    this.manager = manager;
    this.layer = null; // the layer definition (from /api/layers) whose heat map is on, or null
    this.grid = 'h3';
    this.h3 = null; // whether the server draws hexagons: null until its first answer says
    this.windowKey = '30d';
    this.endHour = null; // the window's end, in hours since 1970; null for "up to now"
    this.weight = null; // the numeric attribute summed per cell; null to count features
    this.answer = null; // the last answer drawn: {level, grid, max, cells, total, weight}
    this.loading = false;
    this.error = null;
    this.requests = 0;
    this.abort = null;
    this.timer = null;
    this.listeners = new Set();
    this.stream = null;

    const pane = map.getPane('heat') || map.createPane('heat');
    pane.style.zIndex = '590'; // above areas (400–550), below points (600 and up) so markers stay clickable
    // SVG, not canvas: a canvas would cover the map and take every click from the areas below it.
    this.cells = L.geoJSON(null, {
      pane: 'heat',
      renderer: L.svg({ pane: 'heat' }),
      bubblingMouseEvents: false,
      style: (cell) => this.cellStyle(cell),
      onEachFeature: (cell, path) => path.bindTooltip(() => this.cellText(cell), { sticky: true, className: 'heat-tooltip' }),
    });
    this.control = L.control({ position: 'bottomright' });
    this.control.onAdd = () => this.card();

    map.on('moveend', () => this.layer && this.schedule());
    manager.onChange(() => this.followLayerList());
    onLangChange(() => this.render());
  }

  /** Tests whether the heat map of this layer is on. */
  isOn(layerId) {
    return this.layer?.id === layerId;
  }

  /** Calls listener() when the heat map is switched on, moved to another layer or switched off. */
  onChange(listener) {
    this.listeners.add(listener);
  }

  /** Switches the heat map of a point layer on, or off when it is on. */
  toggle(layer) {
    if (this.isOn(layer.id)) {
      this.off();
    } else {
      this.on(layer);
    }
  }

  /** Shows the heat map of a point layer (instead of any other). */
  on(layer) {
    if (!isPointLayer(layer)) {
      return;
    }
    this.off(false);
    this.layer = layer;
    this.weight = null;
    this.windowKey = defaultWindow(layer);
    this.endHour = null;
    this.cells.addTo(this.map);
    this.control.addTo(this.map);
    this.stream = new LiveStream(layer.id, {
      onHeat: () => this.schedule(),
      // A server without heat events answers a heat subscription with feature events: they tell of changes too.
      onAdded: () => this.schedule(),
      onChanged: () => this.schedule(),
      onRemoved: () => this.schedule(),
      onReady: (first) => !first && this.schedule(), // changes may have been missed while disconnected
      onStatus: () => this.renderLive(),
    });
    this.stream.setSubscription({ mode: 'heat' });
    this.stream.start();
    this.refresh();
    this.notify();
  }

  /** Takes the heat map off the map. */
  off(notify = true) {
    if (!this.layer) {
      return;
    }
    this.abort?.abort();
    window.clearTimeout(this.timer);
    this.timer = null;
    this.stream?.stop();
    this.stream = null;
    this.cells.clearLayers();
    this.cells.remove();
    this.control.remove();
    this.layer = null;
    this.answer = null;
    this.error = null;
    if (notify) {
      this.notify();
    }
  }

  notify() {
    for (const listener of this.listeners) {
      listener();
    }
  }

  /** Keeps the heat map on after the layer list is read again (sign-in), or switches it off if the layer went. */
  followLayerList() {
    if (!this.layer) {
      return;
    }
    const now = this.manager.layerList().find(({ layer }) => layer.id === this.layer.id)?.layer;
    if (!now) {
      this.off();
      return;
    }
    if (now !== this.layer) {
      this.layer = now;
      if (this.weight && !weights(now).some((a) => a.name === this.weight)) {
        this.weight = null;
      }
      // the new session may read other features: subscribe and ask again with its token
      this.stream?.stop();
      this.stream?.start();
      this.render();
      this.refresh();
    }
  }

  /** Asks again after REFRESH_DEBOUNCE_MS of rest. */
  schedule() {
    window.clearTimeout(this.timer);
    this.timer = window.setTimeout(() => {
      this.timer = null;
      this.refresh();
    }, REFRESH_DEBOUNCE_MS);
  }

  /** Returns the time window asked for: {from, to} as ISO UTC strings, either possibly null. */
  window() {
    const length = WINDOWS[this.windowKey];
    if (!this.layer || !hasTime(this.layer) || length == null) {
      return { from: null, to: null };
    }
    const end = this.endHour == null ? this.latestHour() * HOUR : this.endHour * HOUR;
    return {
      from: new Date(end - length).toISOString(),
      to: this.endHour == null ? null : new Date(end).toISOString(), // "up to now" keeps new features in
    };
  }

  /** Returns the hours (since 1970) of the layer's time range, [first, last], rounded outwards. */
  timeRange() {
    const extent = this.layer?.timeExtent;
    return [Math.floor(Date.parse(extent.start) / HOUR), Math.ceil(Date.parse(extent.end) / HOUR)];
  }

  latestHour() {
    return Math.max(this.timeRange()[1], Math.ceil(Date.now() / HOUR));
  }

  /** Asks the heat map of the view now, dropping any question still unanswered, and draws the answer. */
  refresh() {
    window.clearTimeout(this.timer);
    this.timer = null;
    if (!this.layer) {
      return Promise.resolve();
    }
    this.abort?.abort();
    const abort = new AbortController();
    this.abort = abort;
    this.loading = true;
    this.renderSummary();
    return this.ask(abort.signal).finally(() => {
      if (this.abort === abort) {
        this.loading = false;
        this.abort = null;
        this.renderSummary();
      }
    });
  }

  async ask(signal) {
    const layer = this.layer;
    const grid = this.h3 === false ? 'square' : this.grid;
    const { from, to } = this.window();
    const params = new URLSearchParams({
      layer: layer.id,
      bbox: boxOf(this.map.getBounds()).join(','),
      zoom: String(Math.round(this.map.getZoom())),
      grid,
    });
    if (from) {
      params.set('from', from);
    }
    if (to) {
      params.set('to', to);
    }
    if (this.weight) {
      params.set('weight', this.weight);
    }
    this.requests += 1;
    let answer;
    try {
      answer = await getJson(`api/heatmap?${params}`, { signal });
    } catch (error) {
      if (signal.aborted || error.name === 'AbortError') {
        return;
      }
      if (grid === 'h3' && error instanceof ApiError && error.status === 400 && error.problem?.parameter === 'grid') {
        this.h3 = false; // this server draws squares only
        this.grid = 'square';
        this.render();
        return this.ask(signal);
      }
      this.error = error;
      this.answer = null;
      this.cells.clearLayers();
      this.renderLegend();
      showError(error, 'heat.error', { layer: localized(layer.title, layer.id) });
      return;
    }
    if (signal.aborted || layer !== this.layer) {
      return;
    }
    if (grid === 'h3' && this.h3 === null) {
      // A server that does not know the grid parameter ignores it and answers squares without saying so.
      this.h3 = answer.grid === 'h3';
      if (!this.h3) {
        this.grid = 'square';
        this.render();
      }
    }
    this.error = null;
    this.draw(answer);
  }

  draw(answer) {
    const features = answer.features || [];
    let total = 0;
    for (const cell of features) {
      total += Number(cell.properties?.count) || 0;
    }
    const max = Number(answer.max) || 0;
    this.answer = {
      level: answer.level,
      grid: answer.grid || 'square',
      max,
      weight: answer.weight ?? null,
      cells: features.length,
      total,
    };
    this.cells.clearLayers();
    this.cells.addData(features);
    this.renderLegend();
  }

  cellStyle(cell) {
    const max = this.answer?.max || 0;
    const value = Number(cell.properties?.value) || 0;
    const colour = heatColour(max > 0 ? value / max : 0);
    return { color: '#ffffff', weight: 0.6, opacity: 0.7, fillColor: colour, fillOpacity: 0.72 };
  }

  /** Returns the tooltip of a cell: its count, and the sum when the answer sums an attribute (text, not HTML). */
  cellText(cell) {
    const p = cell.properties || {};
    const root = element('div', 'heat-cell');
    root.append(element('div', '', t('heat.cell.count', { count: formatNumber(Number(p.count) || 0) })));
    if (this.answer?.weight) {
      const attribute = (this.layer?.attributes || []).find((a) => a.name === this.answer.weight);
      const unit = attribute?.unit ? unitSymbol(attribute.unit) : '';
      const sum = formatNumber(Number(p.sum) || 0) + (unit ? `\u00a0${unit}` : '');
      root.append(element('div', '', t('heat.cell.sum', { attribute: this.weightTitle(), sum })));
    }
    return root;
  }

  /** Returns the title of the attribute summed in the answer drawn (or, before one, of the one chosen). */
  weightTitle() {
    const name = this.answer ? this.answer.weight : this.weight;
    const attribute = (this.layer?.attributes || []).find((a) => a.name === name);
    return attribute ? localized(attribute.title, attribute.name) : name || '';
  }

  /** Returns what tests read: the layer, grid and answer drawn now, and the requests made. */
  status() {
    return {
      layer: this.layer?.id ?? null,
      grid: this.answer?.grid ?? null,
      h3: this.h3,
      level: this.answer?.level ?? null,
      cells: this.answer?.cells ?? 0,
      total: this.answer?.total ?? 0,
      max: this.answer?.max ?? 0,
      drawn: this.cells.getLayers().length,
      requests: this.requests,
      loading: this.loading || this.timer != null,
      live: this.stream?.status ?? 'off',
      window: this.window(),
    };
  }

  // ---- the card ----

  card() {
    const root = L.DomUtil.create('section', 'heat-card');
    root.dataset.testid = 'heat-panel';
    L.DomEvent.disableClickPropagation(root);
    L.DomEvent.disableScrollPropagation(root);
    this.root = root;
    this.render();
    return root;
  }

  render() {
    const root = this.root;
    if (!root || !this.layer) {
      return;
    }
    const layer = this.layer;
    root.replaceChildren();
    root.setAttribute('aria-label', t('heat.title'));

    const head = element('div', 'heat-head');
    const title = element('div', 'heat-title', t('heat.title'));
    const close = element('button', 'heat-close', '×');
    close.type = 'button';
    close.title = t('heat.off');
    close.setAttribute('aria-label', t('heat.off'));
    close.dataset.testid = 'heat-close';
    close.addEventListener('click', () => this.off());
    head.append(title, close);
    const name = element('div', 'heat-layer', localized(layer.title, layer.id));
    name.dataset.testid = 'heat-layer';
    root.append(head, name);

    // grid
    const grids = element('div', 'heat-row segmented');
    grids.setAttribute('role', 'radiogroup');
    grids.setAttribute('aria-label', t('heat.grid'));
    grids.append(element('span', 'heat-label', t('heat.grid')));
    for (const grid of ['h3', 'square']) {
      const button = this.choice(t(`heat.grid.${grid}`), this.currentGrid() === grid, () => {
        this.grid = grid;
        this.render();
        this.refresh();
      });
      button.dataset.testid = `heat-grid-${grid}`;
      if (grid === 'h3' && this.h3 === false) {
        button.disabled = true;
        button.title = t('heat.grid.h3.unsupported');
      }
      grids.append(button);
    }
    root.append(grids);

    // value
    const numeric = weights(layer);
    if (numeric.length > 0) {
      const row = element('label', 'heat-row');
      row.append(element('span', 'heat-label', t('heat.value')));
      const select = document.createElement('select');
      select.dataset.testid = 'heat-weight';
      const count = new Option(t('heat.value.count'), '');
      select.append(count);
      for (const attribute of numeric) {
        select.append(new Option(t('heat.value.sum', { attribute: localized(attribute.title, attribute.name) }), attribute.name));
      }
      select.value = this.weight ?? '';
      select.addEventListener('change', () => {
        this.weight = select.value || null;
        this.refresh();
      });
      row.append(select);
      root.append(row);
    }

    // time window
    if (hasTime(layer)) {
      const windows = element('div', 'heat-row segmented');
      windows.setAttribute('role', 'radiogroup');
      windows.setAttribute('aria-label', t('heat.window'));
      windows.append(element('span', 'heat-label', t('heat.window')));
      for (const key of Object.keys(WINDOWS)) {
        const button = this.choice(t(`heat.window.${key}`), this.windowKey === key, () => {
          this.windowKey = key;
          this.render();
          this.refresh();
        });
        button.dataset.testid = `heat-window-${key}`;
        windows.append(button);
      }
      root.append(windows);
      if (WINDOWS[this.windowKey] != null) {
        root.append(this.endSlider());
      }
    } else {
      root.append(element('p', 'heat-note', t('heat.noTime')));
    }

    // legend: the ramp from 0 to the answer's max
    const legend = element('div', 'heat-legend');
    legend.dataset.testid = 'heat-legend';
    this.captionElement = element('div', 'heat-caption');
    const bar = element('div', 'heat-bar');
    bar.style.background = `linear-gradient(to right, ${HEAT_RAMP.map(([at, colour]) => `${colour} ${at * 100}%`).join(', ')})`;
    this.ticksElement = element('div', 'heat-ticks');
    legend.append(this.captionElement, bar, this.ticksElement);
    root.append(legend);

    const foot = element('div', 'heat-foot');
    this.summaryElement = element('span', 'heat-summary');
    this.summaryElement.dataset.testid = 'heat-summary';
    this.liveElement = element('span', 'live-dot');
    this.liveElement.dataset.testid = 'heat-live';
    foot.append(this.summaryElement, this.liveElement);
    root.append(foot);
    this.renderLegend();
    this.renderLive();
  }

  /** Shows the answer drawn now in the legend (caption and the ramp's values) and the summary line. */
  renderLegend() {
    if (!this.captionElement || !this.layer) {
      return;
    }
    const weighted = Boolean(this.answer ? this.answer.weight : this.weight);
    this.captionElement.textContent = weighted
      ? t('heat.legend.sum', { attribute: this.weightTitle() })
      : t('heat.legend.count');
    const max = this.answer?.max ?? 0;
    const digits = weighted ? 2 : 1;
    const high = element('span', '', formatNumber(max, { maximumFractionDigits: digits }));
    high.dataset.testid = 'heat-max';
    this.ticksElement.replaceChildren(
      element('span', '', formatNumber(0)),
      element('span', '', max > 0 ? formatNumber(max / 2, { maximumFractionDigits: digits }) : ''),
      high,
    );
    this.renderSummary();
  }

  currentGrid() {
    return this.h3 === false ? 'square' : this.grid;
  }

  choice(text, selected, select) {
    const button = element('button', 'seg', text);
    button.type = 'button';
    button.setAttribute('role', 'radio');
    button.setAttribute('aria-checked', String(selected));
    button.addEventListener('click', () => {
      if (!selected) {
        select();
      }
    });
    return button;
  }

  /** The slider that moves the window's end over the layer's time range; its right end is "up to now". */
  endSlider() {
    const [first, last] = this.timeRange();
    const latest = this.latestHour();
    const length = WINDOWS[this.windowKey] / HOUR;
    const wrap = element('div', 'heat-end');
    const slider = document.createElement('input');
    slider.type = 'range';
    slider.min = String(Math.min(first + length, latest));
    slider.max = String(latest);
    slider.step = '1';
    slider.value = String(this.endHour ?? latest);
    slider.disabled = Number(slider.min) >= Number(slider.max);
    slider.dataset.testid = 'heat-end';
    slider.setAttribute('aria-label', t('heat.end'));
    const range = element('div', 'heat-range');
    range.dataset.testid = 'heat-range';
    const label = () => {
      const { from, to } = this.window();
      range.textContent = t(to ? 'heat.range' : 'heat.range.now', {
        from: formatDateTime(from),
        to: to ? formatDateTime(to) : '',
      });
      slider.setAttribute('aria-valuetext', range.textContent);
    };
    slider.addEventListener('input', () => {
      const hour = Number(slider.value);
      this.endHour = hour >= latest ? null : hour;
      label();
      this.schedule();
    });
    label();
    const ends = element('div', 'heat-ends');
    ends.append(element('span', '', formatDateTime(new Date(first * HOUR).toISOString())), element('span', '', t('heat.now')));
    wrap.append(slider, ends, range);
    return wrap;
  }

  renderSummary() {
    const el = this.summaryElement;
    if (!el) {
      return;
    }
    el.classList.toggle('failed', this.error != null);
    if (this.error) {
      el.textContent = t('heat.failed');
    } else if (!this.answer) {
      el.textContent = t('heat.loading');
    } else {
      el.textContent = t('heat.summary', {
        cells: formatNumber(this.answer.cells),
        count: formatNumber(this.answer.total),
      });
    }
    el.setAttribute('aria-busy', String(this.loading));
  }

  renderLive() {
    const el = this.liveElement;
    if (!el || !this.stream) {
      return;
    }
    const { status } = this.stream;
    el.dataset.status = status;
    const text = t(`live.${status}`);
    el.title = text;
    el.setAttribute('aria-label', text);
    el.setAttribute('role', 'img');
  }
}

/** Tests whether a layer has a time range to choose a window in. */
function hasTime(layer) {
  const extent = layer?.timeExtent;
  return Boolean(extent?.start && extent?.end && Number.isFinite(Date.parse(extent.start)) && Number.isFinite(Date.parse(extent.end)));
}

/**
 * Returns the window a heat map starts with: the last 30 days for a layer still being filled (its latest time is
 * at most two days old) over a longer time range, such as citizen reports; else all of it (installation dates of
 * cameras, the last hours of vessels), which would otherwise start as an empty map.
 */
function defaultWindow(layer) {
  if (!hasTime(layer)) {
    return 'all';
  }
  const start = Date.parse(layer.timeExtent.start);
  const end = Date.parse(layer.timeExtent.end);
  const filledNow = Date.now() - end < 2 * WINDOWS['24h'];
  return filledNow && end - start > WINDOWS['30d'] ? '30d' : 'all';
}

/** Returns the numeric attributes of a layer that make sense to sum per cell. */
function weights(layer) {
  return (layer.attributes || []).filter((a) => (a.type === 'number' || a.type === 'integer') && !NOT_A_WEIGHT.test(a.name));
}

function element(tag, className, text = null) {
  const el = document.createElement(tag);
  if (className) {
    el.className = className;
  }
  if (text != null) {
    el.textContent = text;
  }
  return el;
}
