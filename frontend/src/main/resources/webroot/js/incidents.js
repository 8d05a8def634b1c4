// The IOC operator's incident desk: the queue of fire incidents and citizen reports (/api/incidents), most urgent
// first as the server sorts it, with filters, counts and one-click actions; their pins on the map (a fire alarm not
// yet acknowledged pulses red, reports are coloured by status, an overdue report carries its countdown); the detail of
// the selected incident (history, nearest fire stations, covering cameras, photos, comments, duplicates).
//
// The queue follows the layers fire_alarms (the devices in alarm) and citizen_reports (heat mode: the page needs to
// know that they changed, not their features) over the live stream, and asks again within LIVE_DEBOUNCE_MS of a
// change. A fire incident the page has not seen before, whatever the filters, plays the alarm sound, flashes its row,
// comes first in the queue until someone opens it, and raises a banner over the map.

import { ApiError, errorDetail, getJson, postJson, showError } from './api.js';
import { distanceText, duplicatesOf, incidentDetail, stationsOf, statusTitle } from './incident-detail.js';
import { formatDateTime, formatNumber, has, lang, localized, onLangChange, t } from './i18n.js';
import { LiveStream } from './live.js';
import { AlertSound } from './sound.js';

/** The layers whose changes make the queue ask again. */
export const FIRE_LAYER = 'fire_alarms';
export const REPORT_LAYER = 'citizen_reports';

/** What the page follows of the fire-alarm layer: the devices in alarm (a few, however many devices there are). */
const FIRE_SUBSCRIPTION = { filter: "status = 'alarm'" };

/**
 * How often the queue is read again without any change seen: what the streams do not show (a fire incident handled
 * after its device was restored) still reaches the page.
 */
const POLL_MILLIS = 30000;

/**
 * How long the queue waits after a change before it asks again: reports often change in bursts; a device in alarm
 * changing is rare, and the page must not lose time on it.
 */
const LIVE_DEBOUNCE_MS = 150;
const FIRE_DEBOUNCE_MS = 20;

/** The most incidents the queue lists (and pins on the map). */
const QUEUE_LIMIT = 200;

/** The most open fire incidents read to notice new ones, whatever the filters. */
const FIRE_WATCH_LIMIT = 200;

/** The zooms from which pins carry the countdown of overdue reports, and of every open report. */
const LABEL_OVERDUE_ZOOM = 11;
const LABEL_ALL_ZOOM = 14;

/** How long a new fire incident's row flashes. */
const FRESH_MILLIS = 8000;

/** Time windows of the time filter, in hours; null means all. */
const WINDOWS = { '24h': 24, '7d': 168, '30d': 720, all: null };

/** Pin colours of report statuses; fire incidents are red until resolved. */
const REPORT_COLOURS = {
  NEW: '#ef6c00',
  ASSIGNED: '#1e88e5',
  IN_PROGRESS: '#8e24aa',
  RESOLVED: '#43a047',
  REJECTED: '#757575',
  MERGED: '#9e9e9e',
};
const FIRE_COLOURS = { open: '#d32f2f', handled: '#c62828', closed: '#6d4c41' };

/** Actions that need no input: one click sends them. The others open a small form in the row. */
const ONE_CLICK = new Set(['acknowledge', 'start']);

/** The order of action buttons. */
const ACTION_ORDER = ['acknowledge', 'dispatch', 'assign', 'start', 'resolve', 'reject', 'reopen', 'merge'];

const GLYPH_FIRE =
  '<path d="M12.5 2.5c.8 3.4 5.5 5.6 5.5 11a6 6 0 0 1-12 0c0-3.2 2-4.6 2.4-7 1.3 1.1 1.9 2.6 1.9 3.9 1.8-1.9 2.8-4.6 2.2-7.9z"/>';
const GLYPH_REPORT = '<path d="M4 4.5h16v11H10l-4.5 4v-4H4z"/>';

export class IncidentDesk {
  /**
   * Renders the queue into element (the panel's incident tab), its pins on map, and the new-alarm banner into banner.
   * openTab() shows the incident tab (a click on a pin or on the banner selects a row there).
   */
  constructor(map, element, banner, { openTab = () => {}, onUnacknowledged = () => {} } = {}) {
    this.map = map;
    this.element = element;
    this.bannerElement = banner;
    this.openTab = openTab;
    this.onUnacknowledged = onUnacknowledged;
    this.enabled = false;
    this.filters = defaultFilters();
    this.incidents = []; // as listed: the server's order, but new fire alarms nobody has looked at yet first
    this.unseen = new Set(); // codes of fire incidents noticed live that nobody has opened or acted on yet
    this.answer = null; // {at, numberMatched, counts, area}
    this.skewMillis = 0; // server clock minus ours, from the last answer's `at`
    this.state = 'idle'; // idle, loading, done, failed
    this.error = null;
    this.rows = new Map(); // code → {li, summary, actions, error, formSlot, detailSlot, countdown, signature}
    this.markers = new Map(); // code → {marker, key, order}
    this.selected = null; // code
    this.form = null; // {code, action, element, lang}: the action form open in a row
    this.details = new Map(); // code → {state, data, error, updatedAt}
    this.seenFires = null; // codes of fire incidents seen (null until the first look)
    this.fresh = new Map(); // code → epoch ms when it was first seen
    this.unacknowledgedFires = [];
    this.lastAlarm = null; // {code, at}
    this.banner = null; // the incident the banner shows
    this.categories = [];
    this.areas = [];
    this.showPins = true;
    this.sound = new AlertSound();
    this.streams = [];
    this.pollTimer = null;
    this.refreshTimer = null;
    this.refreshDue = 0;
    this.fireTimer = null;
    this.queueAbort = null;
    this.generation = 0;
    this.fireGeneration = 0;
    const pane = map.getPane('incidents') || map.createPane('incidents');
    pane.style.zIndex = '645';
    this.pins = L.layerGroup([], { pane: 'incidents' });
    // Countdown labels crowd a wide view: overdue ones from LABEL_OVERDUE_ZOOM, all from LABEL_ALL_ZOOM (and always on
    // the selected pin and under the mouse).
    const labelZoom = () => {
      pane.classList.toggle('labels-overdue', map.getZoom() >= LABEL_OVERDUE_ZOOM);
      pane.classList.toggle('labels-all', map.getZoom() >= LABEL_ALL_ZOOM);
    };
    map.on('zoomend', labelZoom);
    labelZoom();
    this.build();
    this.renderBanner();
    this.ticker = window.setInterval(() => this.tick(), 1000);
    onLangChange(() => this.languageChanged());
  }

  // ---- enabling ----

  /** Starts the desk for a session that may use it (operators, administrators), or stops it and clears it. */
  setEnabled(enabled) {
    for (const stream of this.streams) {
      stream.stop();
    }
    this.streams = [];
    window.clearInterval(this.pollTimer);
    window.clearTimeout(this.refreshTimer);
    this.refreshTimer = null;
    window.clearTimeout(this.fireTimer);
    this.queueAbort?.abort();
    this.generation += 1;
    this.fireGeneration += 1;
    this.enabled = enabled;
    this.incidents = [];
    this.answer = null;
    this.state = 'idle';
    this.selected = null;
    this.form = null;
    this.details.clear();
    this.seenFires = null;
    this.fresh.clear();
    this.unseen.clear();
    this.unacknowledgedFires = [];
    this.banner = null;
    this.lastAlarm = null;
    for (const row of this.rows.values()) {
      row.li.remove();
    }
    this.rows.clear();
    this.pins.clearLayers();
    this.markers.clear();
    this.pins.remove();
    this.renderBanner();
    this.onUnacknowledged(0);
    if (!enabled) {
      this.renderAll();
      return Promise.resolve();
    }
    if (this.showPins) {
      this.pins.addTo(this.map);
    }
    // Fire: the devices in alarm, as features. A device entering alarm comes at once as `added`, and the stream stays
    // quiet while the other devices send their heartbeats (heat events would come every second for those, and late).
    // Reports: heat events, at most one a second, for any change.
    for (const [layerId, subscription] of [[FIRE_LAYER, FIRE_SUBSCRIPTION], [REPORT_LAYER, { mode: 'heat' }]]) {
      const changed = () => this.changed(layerId);
      const stream = new LiveStream(layerId, {
        onAdded: changed,
        onChanged: changed,
        onRemoved: changed,
        onHeat: changed,
        onReady: (first) => {
          if (!first) {
            changed(); // reconnected: changes may have come meanwhile
          }
        },
        onStatus: () => this.renderLive(),
      });
      stream.setSubscription(subscription);
      stream.start();
      this.streams.push(stream);
    }
    window.clearInterval(this.pollTimer);
    this.pollTimer = window.setInterval(() => {
      if (document.visibilityState !== 'hidden') {
        this.refresh();
        this.watchFires();
      }
    }, POLL_MILLIS);
    this.loadChoices();
    this.renderAll();
    return Promise.all([this.watchFires(), this.refresh()]);
  }

  /** Reads the report categories (with the agency each goes to) and the areas the filters offer. */
  async loadChoices() {
    const generation = this.generation;
    const [categories, areas] = await Promise.all([
      getJson('api/reports/categories').catch(() => ({ categories: [] })),
      getJson('api/areas').catch(() => ({ areas: [] })),
    ]);
    if (generation !== this.generation) {
      return;
    }
    this.categories = (categories.categories || []).map((c) => ({
      code: c.code,
      name: c.nameVi,
      nameEn: c.nameEn,
      agency: c.agency ?? null,
    }));
    this.areas = (areas.areas || []).map((a) => ({ code: a.code, name: a.name, nameEn: a.nameEn, level: a.level }));
    this.renderChoices();
  }

  // ---- reading the queue ----

  /** Asks again soon: called for every change of a followed layer. */
  changed(layerId) {
    if (!this.enabled) {
      return;
    }
    const delay = layerId === FIRE_LAYER ? FIRE_DEBOUNCE_MS : LIVE_DEBOUNCE_MS;
    // A burst of report changes postpones the read until it is over, but does not postpone a fire's read.
    const fireReadPending = this.refreshTimer !== null && this.refreshDue - Date.now() <= FIRE_DEBOUNCE_MS;
    if (layerId === FIRE_LAYER || !fireReadPending) {
      window.clearTimeout(this.refreshTimer);
      this.refreshDue = Date.now() + delay;
      this.refreshTimer = window.setTimeout(() => this.refresh(), delay);
    }
    if (layerId === FIRE_LAYER) {
      window.clearTimeout(this.fireTimer);
      this.fireTimer = window.setTimeout(() => this.watchFires(), delay);
    }
  }

  queryParams({ limit = QUEUE_LIMIT } = {}) {
    const f = this.filters;
    const params = new URLSearchParams();
    const kinds = ['fire', 'report'].filter((kind) => f.kinds.has(kind));
    params.set('kind', kinds.join(','));
    params.set('status', f.status);
    if (f.category) {
      params.set('category', f.category);
    }
    if (f.area) {
      params.set('area', f.area);
    }
    const hours = WINDOWS[f.window];
    if (hours) {
      params.set('from', new Date(Date.now() + this.skewMillis - hours * 3600000).toISOString());
    }
    if (f.q.trim()) {
      params.set('q', f.q.trim());
    }
    if (f.overdue) {
      params.set('overdue', 'true');
    }
    params.set('limit', String(limit));
    return params;
  }

  /** Reads the queue for the filters and redraws the rows and pins; resolves when drawn. */
  async refresh() {
    if (!this.enabled) {
      return;
    }
    window.clearTimeout(this.refreshTimer);
    this.refreshTimer = null;
    this.queueAbort?.abort();
    const abort = new AbortController();
    this.queueAbort = abort;
    const generation = ++this.generation;
    if (this.filters.kinds.size === 0) {
      this.apply({ at: new Date().toISOString(), numberMatched: 0, counts: {}, incidents: [] }, Date.now());
      return;
    }
    this.state = this.answer ? 'refreshing' : 'loading';
    this.renderStatus();
    try {
      const answer = await getJson(`api/incidents?${this.queryParams()}`, { signal: abort.signal });
      if (generation !== this.generation) {
        return;
      }
      this.apply(answer, Date.now());
    } catch (error) {
      if (error.name === 'AbortError' || generation !== this.generation) {
        return;
      }
      this.state = 'failed';
      this.error = error;
      this.renderStatus();
    }
  }

  apply(answer, receivedAt) {
    const at = Date.parse(answer.at);
    this.skewMillis = Number.isNaN(at) ? 0 : at - receivedAt;
    this.answer = answer;
    this.incidents = (answer.incidents || []).map((incident, index) => ({ ...incident, code: String(incident.code), rank: index }));
    this.order();
    this.state = 'done';
    this.error = null;
    const shown = new Set(this.incidents.map((incident) => incident.code));
    if (this.selected && !shown.has(this.selected)) {
      this.selected = null;
    }
    if (this.form && !(this.find(this.form.code)?.actions || []).includes(this.form.action)) {
      this.form = null; // gone from the queue, or someone else moved it on
    }
    // Fires that came in through the queue before the fire watch saw them count as new too (once the watch has
    // taken its first look: the queue alone, being filtered, cannot tell what is new).
    if (this.seenFires !== null) {
      this.noticeFires(this.incidents.filter((incident) => incident.kind === 'fire' && isOpen(incident)));
    }
    this.renderAll();
    for (const incident of this.incidents) {
      const detail = this.details.get(incident.code);
      if (detail && detail.updatedAt !== incident.updatedAt && incident.code === this.selected) {
        this.loadDetail(incident.code);
      }
    }
  }

  /**
   * Reads the open fire incidents whatever the filters, so that a new one is never missed: the ones not seen before
   * play the sound, flash and raise the banner. The first read of a session only learns what is there.
   */
  async watchFires() {
    if (!this.enabled) {
      return;
    }
    window.clearTimeout(this.fireTimer);
    const generation = ++this.fireGeneration;
    try {
      const answer = await getJson(`api/incidents?kind=fire&status=open&limit=${FIRE_WATCH_LIMIT}`);
      if (generation !== this.fireGeneration || !this.enabled) {
        return;
      }
      const fires = (answer.incidents || []).map((incident) => ({ ...incident, code: String(incident.code) }));
      this.unacknowledgedFires = fires.filter((incident) => isUnacknowledged(incident));
      this.onUnacknowledged(this.unacknowledgedFires.length);
      this.noticeFires(fires);
      if (this.banner) {
        const current = fires.find((incident) => incident.code === this.banner.code);
        if (!current || !isUnacknowledged(current)) {
          this.banner = null; // handled (here or elsewhere): nothing left to announce
        } else {
          this.banner = current;
        }
      }
      this.renderBanner();
      this.renderCounts();
    } catch (error) {
      if (generation === this.fireGeneration) {
        console.warn('iocmap: cannot read the open fire incidents', error);
      }
    }
  }

  /** Notices fire incidents not seen before: sound, flash, banner (after the first look of a session). */
  noticeFires(fires) {
    if (this.seenFires === null) {
      this.seenFires = new Set(fires.map((incident) => incident.code));
      return;
    }
    const now = Date.now();
    const news = fires.filter((incident) => !this.seenFires.has(incident.code));
    if (news.length === 0) {
      return;
    }
    for (const incident of news) {
      this.seenFires.add(incident.code);
      this.fresh.set(incident.code, now);
      if (isUnacknowledged(incident)) {
        this.unseen.add(incident.code);
      }
    }
    if (this.order()) {
      this.renderRows();
    }
    const newest = news.reduce((a, b) => (Date.parse(b.openedAt) > Date.parse(a.openedAt) ? b : a));
    this.lastAlarm = { code: newest.code, at: now };
    this.banner = newest;
    this.sound.play();
    this.renderBanner();
    const row = this.rows.get(newest.code);
    row?.li.classList.add('fresh');
    window.setTimeout(() => {
      for (const [code, seenAt] of this.fresh) {
        if (Date.now() - seenAt >= FRESH_MILLIS) {
          this.fresh.delete(code);
          this.rows.get(code)?.li.classList.remove('fresh');
        }
      }
    }, FRESH_MILLIS + 50);
  }

  // ---- the detail of one incident ----

  async loadDetail(code) {
    const incident = this.find(code);
    if (!incident) {
      return null;
    }
    const previous = this.details.get(code);
    const entry = { state: previous?.data ? 'refreshing' : 'loading', data: previous?.data ?? null, error: null, updatedAt: incident.updatedAt };
    this.details.set(code, entry);
    this.renderDetail(code);
    try {
      entry.data = await getJson(detailUrl(incident));
      entry.state = 'done';
    } catch (error) {
      entry.state = 'failed';
      entry.error = error;
    }
    if (this.details.get(code) === entry) {
      this.renderDetail(code);
      if (this.form?.code === code && ['dispatch', 'merge'].includes(this.form.action)) {
        this.fillChoices(code);
      }
    }
    return entry.data;
  }

  // ---- selection and map ----

  /** Selects an incident's row (and opens its detail), highlights its pin and, with pan, brings the pin into view. */
  select(code, { pan = true, scroll = true } = {}) {
    const incident = this.find(code);
    if (!incident) {
      return;
    }
    const previous = this.selected;
    this.selected = code;
    this.fresh.delete(code);
    this.unseen.delete(code);
    this.rows.get(code)?.li.classList.remove('fresh');
    if (previous && previous !== code) {
      this.updateRowSelection(previous);
      this.updatePin(this.find(previous));
    }
    this.updateRowSelection(code);
    this.updatePin(incident);
    if (pan && Number.isFinite(incident.lon) && Number.isFinite(incident.lat)) {
      this.map.setView([incident.lat, incident.lon], Math.max(this.map.getZoom(), 14));
    }
    if (scroll) {
      this.rows.get(code)?.li.scrollIntoView({ block: 'nearest' });
    }
    this.loadDetail(code);
  }

  /** Closes the selected incident's detail. */
  unselect() {
    const previous = this.selected;
    this.selected = null;
    if (previous) {
      this.updateRowSelection(previous);
      this.updatePin(this.find(previous));
    }
  }

  /**
   * Puts the fire alarms that came in while the page was open, and that nobody has opened or acted on yet, first
   * (newest first; they share urgency 0 with the others, so the order by urgency holds), the rest in the server's
   * order. Returns whether the order changed.
   */
  order() {
    for (const code of this.unseen) {
      const incident = this.find(code);
      if (incident && !isUnacknowledged(incident)) {
        this.unseen.delete(code);
      }
    }
    const before = this.incidents.map((incident) => incident.code).join();
    const key = (incident) => (this.unseen.has(incident.code) ? 0 : 1);
    this.incidents.sort((a, b) => key(a) - key(b)
      || (key(a) === 0 ? Date.parse(b.openedAt) - Date.parse(a.openedAt) : 0)
      || (a.rank ?? 0) - (b.rank ?? 0));
    return before !== this.incidents.map((incident) => incident.code).join();
  }

  find(code) {
    return this.incidents.find((incident) => incident.code === code) ?? null;
  }

  // ---- actions ----

  /** Sends an action; one-click actions come here straight from their button, the others from their form. */
  async act(code, action, body = {}) {
    const incident = this.find(code);
    if (!incident) {
      return;
    }
    const row = this.rows.get(code);
    this.unseen.delete(code);
    row?.li.setAttribute('aria-busy', 'true');
    this.setRowError(code, null);
    try {
      const answer = await postJson(actionUrl(incident, action), body);
      if (this.form?.code === code) {
        this.form = null;
        this.renderForm(code);
      }
      this.absorb(code, answer);
      if (Array.isArray(answer?.history)) {
        this.details.set(code, { state: 'done', data: answer, error: null, updatedAt: answer.updatedAt ?? null });
      } else {
        this.details.delete(code);
      }
      this.fireGeneration += 1; // a fire read under way may predate the action
      await Promise.all([this.refresh(), incident.kind === 'fire' ? this.watchFires() : null]);
      if (this.selected === code && !this.details.has(code)) {
        this.loadDetail(code);
      } else if (this.selected === code) {
        this.renderDetail(code);
      }
    } catch (error) {
      if (error instanceof ApiError && [400, 403, 404, 409].includes(error.status)) {
        this.setRowError(code, errorDetail(error) || error.message);
        if (error.status === 409) {
          this.refresh(); // someone else moved it on: show what it is now
        }
      } else {
        showError(error, 'incidents.actionFailed', { action: actionTitle(incident.kind, action), code });
      }
    } finally {
      this.rows.get(code)?.li.removeAttribute('aria-busy');
    }
  }

  /** Takes an action's answer into the row at once (status, actions), before the queue is read again. */
  absorb(code, answer) {
    const fresh = answer; // the fire incident's detail, or the report
    const incident = this.find(code);
    if (!incident || !fresh || typeof fresh !== 'object') {
      return;
    }
    if (typeof fresh.status === 'string') {
      incident.status = fresh.status;
    }
    const actions = fresh.actions ?? fresh.allowedActions; // fire incidents name them one way, reports the other
    if (Array.isArray(actions)) {
      incident.actions = actions;
    }
    if (Number.isInteger(fresh.urgency)) {
      incident.urgency = fresh.urgency;
    } else if (incident.kind === 'fire') {
      // As the queue ranks fires: 0 while nobody has acknowledged it, 4 once resolved, 1 in between.
      incident.urgency = fresh.status === 'OPEN' ? 0 : fresh.status === 'RESOLVED' ? 4 : 1;
    }
    if (typeof fresh.falseAlarmOnly === 'boolean') {
      incident.falseAlarmOnly = fresh.falseAlarmOnly;
    }
    this.renderRow(incident);
    this.updatePin(incident);
  }

  /** Opens (or closes) the form of an action that needs input. */
  openForm(code, action) {
    const previous = this.form;
    this.form = previous?.code === code && previous.action === action ? null : { code, action };
    if (previous && previous.code !== code) {
      this.renderForm(previous.code);
    }
    this.renderForm(code);
    if (this.form && ['dispatch', 'merge'].includes(action) && !this.details.get(code)?.data) {
      this.loadDetail(code);
    }
    this.form?.element?.querySelector('select, input:not([type="checkbox"]), textarea')?.focus();
  }

  // ---- rendering: the panel ----

  build() {
    const el = this.element;
    el.replaceChildren();

    const head = document.createElement('div');
    head.className = 'incident-head';
    this.liveDot = document.createElement('span');
    this.liveDot.className = 'live-dot';
    this.liveDot.dataset.testid = 'incident-live';
    this.areaNote = document.createElement('span');
    this.areaNote.className = 'incident-area';
    this.areaNote.dataset.testid = 'incident-area';
    this.muteButton = document.createElement('button');
    this.muteButton.type = 'button';
    this.muteButton.className = 'icon-button alert-mute';
    this.muteButton.dataset.testid = 'incident-mute';
    this.muteButton.innerHTML =
      '<svg viewBox="0 0 24 24" width="15" height="15" aria-hidden="true"><path d="M4 9.5h4l5-4v13l-5-4H4z" fill="currentColor"/>' +
      '<path class="sound-waves" d="M16 9a4 4 0 0 1 0 6M18.5 6.5a7.5 7.5 0 0 1 0 11" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round"/>' +
      '<path class="sound-off" d="M16 9l5 6M21 9l-5 6" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round"/></svg>';
    this.muteButton.addEventListener('click', () => {
      this.sound.setMuted(!this.sound.muted);
      this.renderLive();
    });
    head.append(this.liveDot, this.areaNote, this.muteButton);

    this.countsBar = document.createElement('div');
    this.countsBar.className = 'incident-counts';
    this.countsBar.dataset.testid = 'incident-counts';

    const filters = document.createElement('div');
    filters.className = 'incident-filters';
    // kinds
    this.kindBoxes = {};
    const kinds = document.createElement('div');
    kinds.className = 'incident-kinds';
    for (const kind of ['fire', 'report']) {
      const label = document.createElement('label');
      label.className = 'incident-check';
      const box = document.createElement('input');
      box.type = 'checkbox';
      box.checked = this.filters.kinds.has(kind);
      box.dataset.testid = `incident-kind-${kind}`;
      box.addEventListener('change', () => {
        if (box.checked) {
          this.filters.kinds.add(kind);
        } else {
          this.filters.kinds.delete(kind);
        }
        this.filtersChanged();
      });
      const text = document.createElement('span');
      label.append(box, text);
      kinds.append(label);
      this.kindBoxes[kind] = { box, text };
    }
    const overdueLabel = document.createElement('label');
    overdueLabel.className = 'incident-check';
    this.overdueBox = document.createElement('input');
    this.overdueBox.type = 'checkbox';
    this.overdueBox.dataset.testid = 'incident-overdue-only';
    this.overdueBox.addEventListener('change', () => {
      this.filters.overdue = this.overdueBox.checked;
      this.filtersChanged();
    });
    this.overdueText = document.createElement('span');
    overdueLabel.append(this.overdueBox, this.overdueText);
    kinds.append(overdueLabel);

    // status and time
    const row1 = document.createElement('div');
    row1.className = 'incident-filter-row';
    this.statusSelect = selectElement('incident-status-filter', () => {
      this.filters.status = this.statusSelect.value;
      this.filtersChanged();
    });
    this.windowSelect = selectElement('incident-window', () => {
      this.filters.window = this.windowSelect.value;
      this.filtersChanged();
    });
    row1.append(this.statusSelect, this.windowSelect);
    // category and area
    const row2 = document.createElement('div');
    row2.className = 'incident-filter-row';
    this.categorySelect = selectElement('incident-category', () => {
      this.filters.category = this.categorySelect.value;
      this.filtersChanged();
    });
    this.areaSelect = selectElement('incident-area-filter', () => {
      this.filters.area = this.areaSelect.value;
      this.filtersChanged();
    });
    row2.append(this.categorySelect, this.areaSelect);
    // text
    this.search = document.createElement('input');
    this.search.type = 'search';
    this.search.className = 'incident-search';
    this.search.dataset.testid = 'incident-search';
    this.search.spellcheck = false;
    this.search.autocomplete = 'off';
    this.search.addEventListener('input', () => {
      this.filters.q = this.search.value;
      window.clearTimeout(this.searchTimer);
      this.searchTimer = window.setTimeout(() => this.filtersChanged(), 300);
    });
    const pinsLabel = document.createElement('label');
    pinsLabel.className = 'incident-check incident-pins-toggle';
    this.pinsBox = document.createElement('input');
    this.pinsBox.type = 'checkbox';
    this.pinsBox.checked = this.showPins;
    this.pinsBox.dataset.testid = 'incident-pins';
    this.pinsBox.addEventListener('change', () => {
      this.showPins = this.pinsBox.checked;
      if (this.showPins && this.enabled) {
        this.pins.addTo(this.map);
      } else {
        this.pins.remove();
      }
    });
    this.pinsText = document.createElement('span');
    pinsLabel.append(this.pinsBox, this.pinsText);
    filters.append(kinds, row1, row2, this.search, pinsLabel);

    this.statusLine = document.createElement('div');
    this.statusLine.className = 'incident-status-line';
    this.statusLine.dataset.testid = 'incident-summary';
    this.statusLine.setAttribute('aria-live', 'polite');

    this.list = document.createElement('ul');
    this.list.className = 'incident-list';
    this.list.dataset.testid = 'incident-list';

    el.append(head, this.countsBar, filters, this.statusLine, this.list);
  }

  filtersChanged() {
    this.form = null;
    this.refresh();
  }

  languageChanged() {
    this.renderAll();
    for (const code of this.details.keys()) {
      this.renderDetail(code);
    }
    if (this.form) {
      this.renderForm(this.form.code);
    }
    this.renderBanner();
  }

  renderAll() {
    this.renderLive();
    this.renderFilters();
    this.renderChoices();
    this.renderCounts();
    this.renderStatus();
    this.renderRows();
    this.renderPins();
  }

  renderLive() {
    const statuses = this.streams.map((stream) => stream.status);
    const status = statuses.length === 0 ? 'off' : statuses.every((s) => s === 'live') ? 'live' : statuses.includes('connecting') ? 'connecting' : 'off';
    this.liveDot.dataset.status = status;
    this.liveDot.title = t(`live.${status}`);
    const muted = this.sound.muted;
    this.muteButton.setAttribute('aria-pressed', String(muted));
    this.muteButton.classList.toggle('muted', muted);
    this.muteButton.title = t(muted ? 'incidents.unmute' : 'incidents.mute');
    this.muteButton.setAttribute('aria-label', this.muteButton.title);
  }

  renderFilters() {
    this.kindBoxes.fire.text.textContent = t('incidents.kind.fire');
    this.kindBoxes.report.text.textContent = t('incidents.kind.report');
    this.overdueText.textContent = t('incidents.overdueOnly');
    this.pinsText.textContent = t('incidents.showPins');
    fillOptions(this.statusSelect, [
      { value: 'open', text: t('incidents.filter.open') },
      { value: 'all', text: t('incidents.filter.all') },
    ], this.filters.status);
    this.statusSelect.title = t('incidents.filter.status');
    fillOptions(
      this.windowSelect,
      Object.keys(WINDOWS).map((key) => ({ value: key, text: t(`incidents.window.${key}`) })),
      this.filters.window,
    );
    this.windowSelect.title = t('incidents.filter.window');
    this.search.placeholder = t('incidents.search');
    this.search.setAttribute('aria-label', t('incidents.search'));
  }

  renderChoices() {
    const en = lang() === 'en';
    fillOptions(
      this.categorySelect,
      [{ value: '', text: t('incidents.filter.anyCategory') }].concat(
        this.categories.map((c) => ({ value: c.code, text: (en && c.nameEn) || c.name || c.code })),
      ),
      this.filters.category,
    );
    this.categorySelect.title = t('incidents.filter.category');
    fillOptions(
      this.areaSelect,
      [{ value: '', text: t('incidents.filter.anyArea') }].concat(
        this.areas.map((a) => ({ value: a.code, text: (en && a.nameEn) || a.name || a.code })),
      ),
      this.filters.area,
    );
    this.areaSelect.title = t('incidents.filter.area');
  }

  renderCounts() {
    const counts = this.answer?.counts || {};
    this.countsBar.replaceChildren();
    const chip = (key, value, extra = '') => {
      const span = document.createElement('span');
      span.className = `incident-count count-${key} ${extra}`;
      span.dataset.testid = `incident-count-${key}`;
      span.dataset.count = String(value ?? 0);
      const number = document.createElement('b');
      number.textContent = formatNumber(value ?? 0);
      span.append(number, ` ${t(`incidents.count.${key}`)}`);
      return span;
    };
    this.countsBar.append(chip('fire', counts.fire), chip('report', counts.report), chip('overdue', counts.overdue, counts.overdue ? 'alarm' : ''));
    if (this.unacknowledgedFires.length > 0) {
      const span = chip('unacknowledged', this.unacknowledgedFires.length, 'alarm');
      span.title = t('incidents.unacknowledgedTitle');
      this.countsBar.append(span);
    }
    const area = this.answer?.area;
    this.areaNote.textContent = area ? t('incidents.limitedTo', { area: localized({ vi: area.name, en: area.nameEn || area.name }) }) : t('incidents.title');
    this.areaNote.classList.toggle('limited', Boolean(area));
  }

  renderStatus() {
    const line = this.statusLine;
    line.classList.toggle('error', this.state === 'failed');
    line.setAttribute('aria-busy', String(this.state === 'loading' || this.state === 'refreshing'));
    if (!this.enabled) {
      line.textContent = t('incidents.noAccess');
    } else if (this.state === 'loading') {
      line.textContent = t('incidents.loading');
    } else if (this.state === 'failed') {
      line.textContent = `${t('incidents.loadFailed')} ${errorDetail(this.error)}`.trim();
    } else if (this.answer) {
      const shown = this.incidents.length;
      const matched = this.answer.numberMatched ?? shown;
      line.textContent = shown === 0
        ? t('incidents.empty')
        : shown < matched
          ? t('incidents.shownOf', { shown: formatNumber(shown), matched: formatNumber(matched) })
          : t('incidents.shown', { shown: formatNumber(shown) });
    } else {
      line.textContent = '';
    }
  }

  // ---- rendering: rows ----

  renderRows() {
    const wanted = this.enabled ? this.incidents : [];
    const keep = new Set(wanted.map((incident) => incident.code));
    for (const [code, row] of this.rows) {
      if (!keep.has(code)) {
        row.li.remove();
        this.rows.delete(code);
        this.details.delete(code);
      }
    }
    let previous = null;
    for (const incident of wanted) {
      const row = this.renderRow(incident);
      // Move a row only when it is out of place: moving the row that holds the focus would lose it.
      const expected = previous ? previous.nextSibling : this.list.firstChild;
      if (expected !== row.li) {
        this.list.insertBefore(row.li, expected);
      }
      previous = row.li;
    }
  }

  /** Creates or updates the row of an incident; parts that did not change are left alone. */
  renderRow(incident) {
    let row = this.rows.get(incident.code);
    if (!row) {
      row = this.createRow(incident.code);
      this.rows.set(incident.code, row);
    }
    const li = row.li;
    li.dataset.kind = incident.kind;
    li.dataset.status = incident.status || '';
    li.dataset.urgency = String(incident.urgency ?? '');
    li.className = `incident-item kind-${incident.kind} urgency-${incident.urgency ?? 'x'}`;
    li.classList.toggle('unacknowledged', isUnacknowledged(incident));
    li.classList.toggle('closed', !isOpen(incident));
    li.classList.toggle('selected', this.selected === incident.code);
    li.classList.toggle('fresh', this.fresh.has(incident.code));
    this.markOverdue(incident, row);
    const signature = JSON.stringify([lang(), { ...incident, secondsToDeadline: null, overdue: null, rank: null }]);
    if (signature !== row.signature) {
      row.signature = signature;
      this.renderSummary(incident, row);
      this.renderActions(incident, row);
    }
    this.updateCountdown(incident, row.countdown);
    return row;
  }

  createRow(code) {
    const li = document.createElement('li');
    li.dataset.testid = `incident-${code}`;
    li.dataset.code = code;
    const summary = document.createElement('button');
    summary.type = 'button';
    summary.className = 'incident-main';
    summary.dataset.testid = `incident-open-${code}`;
    summary.addEventListener('click', () => {
      if (this.selected === code) {
        this.unselect();
      } else {
        this.select(code, { scroll: false });
      }
    });
    const actions = document.createElement('div');
    actions.className = 'incident-actions';
    const error = document.createElement('div');
    error.className = 'form-error';
    error.dataset.testid = `incident-error-${code}`;
    error.setAttribute('role', 'alert');
    error.hidden = true;
    const formSlot = document.createElement('div');
    formSlot.className = 'incident-form-slot';
    const detailSlot = document.createElement('div');
    detailSlot.className = 'incident-detail-slot';
    li.append(summary, actions, error, formSlot, detailSlot);
    const countdown = document.createElement('span');
    countdown.className = 'incident-countdown';
    countdown.dataset.testid = `incident-countdown-${code}`;
    return { li, summary, actions, error, formSlot, detailSlot, countdown, signature: null };
  }

  renderSummary(incident, row) {
    const summary = row.summary;
    summary.replaceChildren();
    const head = document.createElement('div');
    head.className = 'incident-line';
    const icon = document.createElement('span');
    icon.className = 'incident-icon';
    icon.style.setProperty('--fill', pinColour(incident));
    icon.innerHTML = `<svg viewBox="0 0 24 24" fill="#fff" aria-hidden="true">${incident.kind === 'fire' ? GLYPH_FIRE : GLYPH_REPORT}</svg>`;
    const title = document.createElement('span');
    title.className = 'incident-title';
    title.textContent = incident.title || incident.categoryName || incident.code;
    head.append(icon, title);

    const meta = document.createElement('div');
    meta.className = 'incident-line incident-meta';
    const code = document.createElement('span');
    code.className = 'incident-code';
    code.textContent = incident.code;
    const status = document.createElement('span');
    status.className = `incident-status status-${String(incident.status || '').toLowerCase()}`;
    status.dataset.testid = `incident-status-${incident.code}`;
    status.textContent = statusTitle(incident.kind, incident.status);
    meta.append(code, status);
    if (incident.kind === 'fire' && incident.alarmCount > 1) {
      const alarms = document.createElement('span');
      alarms.className = 'incident-alarms';
      alarms.textContent = t('incidents.alarmCount', { count: formatNumber(incident.alarmCount) });
      meta.append(alarms);
    }

    const where = document.createElement('div');
    where.className = 'incident-where';
    where.textContent = [incident.address, incident.district].filter(Boolean).join(', ');

    const foot = document.createElement('div');
    foot.className = 'incident-line incident-foot';
    const category = document.createElement('span');
    category.className = 'incident-category';
    category.textContent = [incident.categoryName || (incident.kind === 'fire' ? t('incidents.kind.fire') : incident.category), incident.agency]
      .filter(Boolean)
      .join(' · ');
    const time = document.createElement('time');
    time.className = 'incident-time';
    time.dateTime = incident.openedAt || '';
    time.textContent = incident.openedAt ? formatDateTime(incident.openedAt) : '';
    time.title = t('incidents.openedAt');
    foot.append(category, time);
    summary.append(head, meta, where, foot);
    if (incident.deadlineAt) {
      summary.append(row.countdown);
    }
  }

  renderActions(incident, row) {
    const allowed = orderedActions(incident);
    row.actions.replaceChildren();
    row.actions.hidden = allowed.length === 0;
    for (const action of allowed) {
      const button = document.createElement('button');
      button.type = 'button';
      button.className = `small-button action-${action}${ONE_CLICK.has(action) ? ' one-click' : ''}`;
      button.dataset.testid = `incident-action-${action}-${incident.code}`;
      button.dataset.action = action;
      button.textContent = actionTitle(incident.kind, action);
      button.setAttribute('aria-expanded', String(this.form?.code === incident.code && this.form.action === action));
      button.addEventListener('click', (event) => {
        event.stopPropagation();
        if (ONE_CLICK.has(action)) {
          button.disabled = true;
          this.act(incident.code, action, {}).finally(() => {
            button.disabled = false;
          });
        } else {
          this.openForm(incident.code, action);
        }
      });
      row.actions.append(button);
    }
    this.renderForm(incident.code);
  }

  updateRowSelection(code) {
    const row = this.rows.get(code);
    if (!row) {
      return;
    }
    row.li.classList.toggle('selected', this.selected === code);
    row.summary.setAttribute('aria-expanded', String(this.selected === code));
    this.renderDetail(code);
  }

  setRowError(code, message) {
    const row = this.rows.get(code);
    if (!row) {
      return;
    }
    row.error.hidden = !message;
    row.error.textContent = message || '';
  }

  // ---- rendering: action forms ----

  renderForm(code) {
    const row = this.rows.get(code);
    if (!row) {
      return;
    }
    for (const button of row.actions.querySelectorAll('button[data-action]')) {
      button.setAttribute('aria-expanded', String(this.form?.code === code && this.form.action === button.dataset.action));
      button.classList.toggle('open', this.form?.code === code && this.form.action === button.dataset.action);
    }
    if (this.form?.code !== code) {
      row.formSlot.replaceChildren();
      return;
    }
    const incident = this.find(code);
    if (!incident) {
      return;
    }
    if (this.form.element && this.form.lang === lang() && row.formSlot.contains(this.form.element)) {
      return; // keep what the user typed
    }
    const form = this.actionForm(incident, this.form.action);
    this.form.element = form;
    this.form.lang = lang();
    row.formSlot.replaceChildren(form);
    if (['dispatch', 'merge'].includes(this.form.action)) {
      this.fillChoices(code);
    }
  }

  actionForm(incident, action) {
    const code = incident.code;
    const form = document.createElement('form');
    form.className = 'incident-form';
    form.noValidate = true;
    form.dataset.testid = `incident-form-${action}-${code}`;
    const fields = [];
    const field = (name, labelKey, input) => {
      const label = document.createElement('label');
      label.className = 'field';
      const span = document.createElement('span');
      span.textContent = t(labelKey);
      input.name = name;
      input.dataset.testid = `incident-${action}-${name}-${code}`;
      label.append(span, input);
      form.append(label);
      fields.push(input);
      return input;
    };
    const text = (maxLength = 500) => {
      const input = document.createElement('input');
      input.type = 'text';
      input.maxLength = maxLength;
      input.autocomplete = 'off';
      return input;
    };
    switch (action) {
      case 'dispatch':
        field('station', 'incidents.form.station', document.createElement('select'));
        field('note', 'incidents.form.note', text());
        break;
      case 'assign': {
        const agency = field('agency', 'incidents.form.agency', text(200));
        agency.value = this.suggestedAgency(incident);
        field('unit', 'incidents.form.unit', text(200));
        field('note', 'incidents.form.note', text());
        break;
      }
      case 'reject':
        field('reason', 'incidents.form.reason', text()).required = true;
        break;
      case 'merge':
        field('into', 'incidents.form.mergeInto', document.createElement('select'));
        break;
      case 'resolve':
        field('note', 'incidents.form.note', text());
        if (incident.kind === 'fire') {
          const label = document.createElement('label');
          label.className = 'incident-check';
          const box = document.createElement('input');
          box.type = 'checkbox';
          box.name = 'falseAlarm';
          box.dataset.testid = `incident-resolve-falseAlarm-${code}`;
          // Nobody was sent yet: the incident can only be closed as a false alarm, with a note saying why.
          const falseAlarmOnly = incident.falseAlarmOnly ?? ['OPEN', 'ACKNOWLEDGED'].includes(incident.status);
          box.checked = falseAlarmOnly;
          box.disabled = falseAlarmOnly;
          const span = document.createElement('span');
          span.textContent = t('incidents.form.falseAlarm');
          label.append(box, span);
          form.append(label);
        }
        break;
      default:
        field('note', 'incidents.form.note', text());
    }
    const error = document.createElement('div');
    error.className = 'form-error';
    error.hidden = true;
    const buttons = document.createElement('div');
    buttons.className = 'incident-form-actions';
    const submit = document.createElement('button');
    submit.type = 'submit';
    submit.className = 'primary small';
    submit.dataset.testid = `incident-submit-${action}-${code}`;
    submit.textContent = actionTitle(incident.kind, action);
    const cancel = document.createElement('button');
    cancel.type = 'button';
    cancel.className = 'small-button';
    cancel.textContent = t('incidents.form.cancel');
    cancel.addEventListener('click', () => this.openForm(code, action));
    buttons.append(submit, cancel);
    form.append(error, buttons);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const body = {};
      for (const input of form.elements) {
        if (!input.name) {
          continue;
        }
        if (input.type === 'checkbox') {
          body[input.name] = input.checked; // a disabled box is sent too: it states what the server requires
        } else if (input.value.trim()) {
          body[input.name] = input.value.trim();
        }
      }
      const missing = action === 'reject' && !body.reason ? 'incidents.form.reasonRequired'
        : action === 'assign' && !body.agency ? 'incidents.form.agencyRequired'
          : action === 'merge' && !body.into ? 'incidents.form.mergeRequired'
            : action === 'dispatch' && !body.station ? 'incidents.form.stationRequired'
              : action === 'resolve' && body.falseAlarm && !body.note ? 'incidents.form.falseAlarmNote'
                : null;
      if (missing) {
        error.textContent = t(missing);
        error.hidden = false;
        return;
      }
      error.hidden = true;
      submit.disabled = true;
      await this.act(code, action, body);
      submit.disabled = false;
    });
    return form;
  }

  /** Fills the station (dispatch) or duplicate (merge) choices of the open form from the incident's detail. */
  fillChoices(code) {
    const form = this.form?.code === code ? this.form.element : null;
    if (!form) {
      return;
    }
    const detail = this.details.get(code);
    const data = detail?.data;
    if (this.form.action === 'dispatch') {
      const select = form.elements.station;
      const stations = stationsOf(data);
      if (select.dataset.filled === 'true' && stations.length > 0) {
        return;
      }
      fillOptions(
        select,
        stations.length > 0
          ? stations.map((s) => ({ value: s.code, text: `${s.name || s.code}${distanceText(s)}` }))
          : [{ value: '', text: t(detail?.state === 'failed' ? 'incidents.detail.failed' : 'incidents.detail.loading') }],
        stations[0]?.code ?? '',
      );
      select.dataset.filled = String(stations.length > 0);
    } else if (this.form.action === 'merge') {
      const select = form.elements.into;
      const duplicates = duplicatesOf(data);
      if (select.dataset.filled === 'true' && duplicates.length > 0) {
        return;
      }
      fillOptions(
        select,
        duplicates.length > 0
          ? duplicates.map((d) => ({ value: d.code, text: `${d.code} · ${d.title || ''}${distanceText(d)}` }))
          : [{ value: '', text: t(data ? 'incidents.detail.noDuplicates' : 'incidents.detail.loading') }],
        duplicates[0]?.code ?? '',
      );
      select.dataset.filled = String(duplicates.length > 0);
    }
  }

  /**
   * Returns the agency to prefill when assigning a report: a new report goes to its category's agency; one assigned
   * before stays with its agency unless the operator changes it.
   */
  suggestedAgency(incident) {
    const category = this.categories.find((c) => c.code === incident.category)?.agency;
    return (incident.status === 'NEW' ? category || incident.agency : incident.agency || category) || '';
  }

  // ---- rendering: the detail ----

  renderDetail(code) {
    const row = this.rows.get(code);
    if (!row) {
      return;
    }
    if (this.selected !== code) {
      row.detailSlot.replaceChildren();
      return;
    }
    const incident = this.find(code);
    const entry = this.details.get(code);
    const focused = row.detailSlot.contains(document.activeElement) ? document.activeElement : null;
    if (!incident || focused?.closest('form')) {
      return; // a comment being written: leave the detail as it is until it is sent
    }
    row.detailSlot.replaceChildren(
      incidentDetail(incident, entry, { onComment: (text) => this.comment(code, text), errorText: errorDetail }),
    );
  }

  /** Adds a comment to a report and reads its detail again; resolves to whether it was stored. */
  async comment(code, text) {
    try {
      await postJson(`api/reports/${encodeURIComponent(code)}/comments`, { text });
    } catch (error) {
      showError(error, 'incidents.commentFailed');
      return false;
    }
    window.setTimeout(() => this.loadDetail(code)); // once the form has let go of the focus
    return true;
  }

  // ---- rendering: pins ----

  renderPins() {
    const wanted = this.enabled ? this.incidents.filter((i) => Number.isFinite(i.lon) && Number.isFinite(i.lat)) : [];
    const keep = new Set(wanted.map((incident) => incident.code));
    for (const [code, entry] of this.markers) {
      if (!keep.has(code)) {
        this.pins.removeLayer(entry.marker);
        this.markers.delete(code);
      }
    }
    // Most urgent drawn last, on top.
    wanted.forEach((incident, index) => this.updatePin(incident, wanted.length - index));
  }

  updatePin(incident, order = null) {
    if (!incident || !Number.isFinite(incident.lon) || !Number.isFinite(incident.lat)) {
      return;
    }
    let entry = this.markers.get(incident.code);
    const selected = this.selected === incident.code;
    const overdue = this.isOverdue(incident);
    const key = [incident.kind, incident.status, incident.urgency, overdue, selected, pinColour(incident)].join('|');
    const latlng = L.latLng(incident.lat, incident.lon);
    if (!entry) {
      const marker = L.marker(latlng, { pane: 'incidents', icon: this.pinIcon(incident, overdue, selected), keyboard: false, riseOnHover: true });
      marker.on('click', () => {
        this.openTab();
        this.select(incident.code, { pan: false });
      });
      entry = { marker, key, order: order ?? 0 };
      this.markers.set(incident.code, entry);
      marker.addTo(this.pins);
    } else {
      if (!entry.marker.getLatLng().equals(latlng)) {
        entry.marker.setLatLng(latlng);
      }
      if (entry.key !== key) {
        entry.key = key;
        entry.marker.setIcon(this.pinIcon(incident, overdue, selected));
      }
    }
    if (order != null) {
      entry.order = order;
    }
    entry.marker.setZIndexOffset(selected ? 10000 : entry.order * 10);
    entry.marker.options.title = incident.title || incident.code;
    const element = entry.marker.getElement();
    if (element) {
      const countdown = incident.deadlineAt && isOpen(incident) ? ` · ${this.countdownText(incident)}` : '';
      element.title = `${incident.code} · ${incident.title || ''}${countdown}`;
      this.updateCountdown(incident, element.querySelector('.incident-pin-countdown'));
    }
  }

  pinIcon(incident, overdue, selected) {
    const classes = ['incident-pin', `kind-${incident.kind}`, `status-${String(incident.status || '').toLowerCase()}`];
    if (isUnacknowledged(incident)) {
      classes.push('unacknowledged');
    }
    if (overdue) {
      classes.push('overdue');
    }
    if (selected) {
      classes.push('selected');
    }
    if (!isOpen(incident)) {
      classes.push('closed');
    }
    const size = incident.kind === 'fire' ? 28 : 24;
    const glyph = incident.kind === 'fire' ? GLYPH_FIRE : GLYPH_REPORT;
    const label = overdue || (incident.deadlineAt && isOpen(incident) && incident.kind === 'report')
      ? `<span class="incident-pin-countdown">${escapeHtml(this.countdownText(incident))}</span>`
      : '';
    return L.divIcon({
      className: 'incident-marker',
      html:
        `<div class="${classes.join(' ')}" data-code="${escapeHtml(incident.code)}" style="--fill:${pinColour(incident)};--size:${size}px">` +
        `<span class="incident-pin-dot"><svg viewBox="0 0 24 24" fill="#fff" aria-hidden="true">${glyph}</svg></span>${label}</div>`,
      iconSize: [size, size],
      iconAnchor: [size / 2, size / 2],
    });
  }

  // ---- time ----

  /** Returns the milliseconds to an incident's deadline now (negative when passed), or null when it has none. */
  remainingMillis(incident) {
    const deadline = Date.parse(incident.deadlineAt ?? '');
    if (Number.isNaN(deadline)) {
      return null;
    }
    return deadline - (Date.now() + this.skewMillis);
  }

  isOverdue(incident) {
    if (!isOpen(incident)) {
      return false;
    }
    const remaining = this.remainingMillis(incident);
    return remaining == null ? Boolean(incident.overdue) : remaining < 0;
  }

  countdownText(incident) {
    const remaining = this.remainingMillis(incident);
    if (remaining == null) {
      return '';
    }
    const duration = durationText(Math.abs(remaining));
    return remaining < 0 ? t('incidents.overdueBy', { duration }) : t('incidents.dueIn', { duration });
  }

  updateCountdown(incident, element) {
    if (!element) {
      return;
    }
    const text = incident.deadlineAt && isOpen(incident) ? this.countdownText(incident) : '';
    if (element.textContent !== text) {
      element.textContent = text;
    }
    element.classList.toggle('overdue', this.isOverdue(incident));
  }

  markOverdue(incident, row) {
    const overdue = this.isOverdue(incident);
    row.li.classList.toggle('overdue', overdue);
    row.li.dataset.overdue = String(overdue);
  }

  /** Updates every countdown (rows and pins) once a second, and marks reports whose deadline just passed. */
  tick() {
    if (!this.enabled) {
      return;
    }
    for (const incident of this.incidents) {
      if (!incident.deadlineAt) {
        continue;
      }
      const row = this.rows.get(incident.code);
      if (row) {
        this.markOverdue(incident, row);
        this.updateCountdown(incident, row.countdown);
      }
      this.updatePin(incident);
    }
  }

  // ---- the banner ----

  renderBanner() {
    const banner = this.bannerElement;
    const incident = this.banner;
    banner.hidden = !incident || !this.enabled;
    if (banner.hidden) {
      banner.replaceChildren();
      return;
    }
    banner.replaceChildren();
    const icon = document.createElement('span');
    icon.className = 'incident-banner-icon';
    icon.innerHTML = `<svg viewBox="0 0 24 24" fill="#fff" aria-hidden="true">${GLYPH_FIRE}</svg>`;
    const text = document.createElement('div');
    text.className = 'incident-banner-text';
    const head = document.createElement('b');
    head.textContent = t('incidents.banner.title');
    const what = document.createElement('span');
    what.textContent = [incident.title, incident.address, incident.district].filter(Boolean).join(' · ');
    text.append(head, what);
    const show = document.createElement('button');
    show.type = 'button';
    show.className = 'small-button';
    show.dataset.testid = 'incident-banner-show';
    show.textContent = t('incidents.banner.show');
    show.addEventListener('click', () => {
      this.openTab();
      this.select(incident.code);
    });
    const close = document.createElement('button');
    close.type = 'button';
    close.className = 'icon-button incident-banner-close';
    close.textContent = '×';
    close.title = t('incidents.banner.close');
    close.setAttribute('aria-label', close.title);
    close.addEventListener('click', () => {
      this.banner = null;
      this.renderBanner();
    });
    banner.append(icon, text, show, close);
    banner.dataset.code = incident.code;
  }

  // ---- for tests and the benchmark ----

  /** Returns the rows shown: [{code, kind, status, overdue, urgency, lon, lat, countdown}]. */
  shown() {
    return this.enabled
      ? this.incidents.map((incident) => ({
        code: incident.code,
        kind: incident.kind,
        status: incident.status,
        overdue: this.isOverdue(incident),
        urgency: incident.urgency,
        lon: incident.lon,
        lat: incident.lat,
        countdown: incident.deadlineAt && isOpen(incident) ? this.countdownText(incident) : null,
      }))
      : [];
  }

  /** Returns {code, at} of the newest fire incident noticed since the page opened (at in epoch ms), or null. */
  lastAlarmSeen() {
    return this.lastAlarm ? { ...this.lastAlarm } : null;
  }

  /** Returns {enabled, live, state, numberMatched, counts, selected, form, unacknowledged, sound}. */
  status() {
    const statuses = this.streams.map((stream) => stream.status);
    return {
      enabled: this.enabled,
      live: statuses.length > 0 && statuses.every((s) => s === 'live') ? 'live' : statuses.includes('connecting') ? 'connecting' : 'off',
      state: this.state,
      numberMatched: this.answer?.numberMatched ?? null,
      counts: this.answer?.counts ?? null,
      selected: this.selected,
      detail: this.selected ? this.details.get(this.selected)?.state ?? null : null,
      form: this.form ? { code: this.form.code, action: this.form.action } : null,
      unacknowledged: this.unacknowledgedFires.length,
      pins: this.markers.size,
      sound: this.sound.status(),
    };
  }
}

// ---- helpers ----

function defaultFilters() {
  return { kinds: new Set(['fire', 'report']), status: 'open', category: '', area: '', window: 'all', q: '', overdue: false };
}

function detailUrl(incident) {
  return incident.kind === 'fire'
    ? `api/fire-incidents/${encodeURIComponent(incident.code)}`
    : `api/reports/${encodeURIComponent(incident.code)}`;
}

function actionUrl(incident, action) {
  return `${detailUrl(incident)}/${encodeURIComponent(action)}`;
}

function orderedActions(incident) {
  const actions = Array.isArray(incident.actions) ? incident.actions : [];
  return ACTION_ORDER.filter((action) => actions.includes(action));
}

/** Tests whether an incident is still open (not resolved, rejected or merged). */
function isOpen(incident) {
  return (incident.urgency ?? 0) < 4;
}

/** Tests whether an incident is a fire alarm nobody has acknowledged yet. */
function isUnacknowledged(incident) {
  return incident.kind === 'fire' && incident.urgency === 0;
}

function pinColour(incident) {
  if (incident.kind === 'fire') {
    return !isOpen(incident) ? FIRE_COLOURS.closed : isUnacknowledged(incident) ? FIRE_COLOURS.open : FIRE_COLOURS.handled;
  }
  return REPORT_COLOURS[incident.status] || '#546e7a';
}

function actionTitle(kind, action) {
  const specific = `incidents.action.${kind}.${action}`;
  const generic = `incidents.action.${action}`;
  return has(specific) ? t(specific) : has(generic) ? t(generic) : action;
}

/** Returns a duration as days and hours, hours and minutes, minutes (and seconds under ten minutes), or seconds. */
export function durationText(millis) {
  const seconds = Math.floor(millis / 1000);
  const days = Math.floor(seconds / 86400);
  const hours = Math.floor((seconds % 86400) / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = seconds % 60;
  const parts = [];
  if (days > 0) {
    parts.push(t('duration.days', { count: days }));
    if (hours > 0) {
      parts.push(t('duration.hours', { count: hours }));
    }
  } else if (hours > 0) {
    parts.push(t('duration.hours', { count: hours }));
    if (minutes > 0) {
      parts.push(t('duration.minutes', { count: minutes }));
    }
  } else if (minutes > 0) {
    parts.push(t('duration.minutes', { count: minutes }));
    if (minutes < 10 && rest > 0) {
      parts.push(t('duration.seconds', { count: rest }));
    }
  } else {
    parts.push(t('duration.seconds', { count: rest }));
  }
  return parts.join(' ');
}

function selectElement(testid, onChange) {
  const select = document.createElement('select');
  select.dataset.testid = testid;
  select.addEventListener('change', onChange);
  return select;
}

/** Replaces a select's options, keeping value selected when it is among them. */
function fillOptions(select, options, value) {
  const same = select.options.length === options.length
    && options.every((o, i) => select.options[i].value === o.value && select.options[i].textContent === o.text);
  if (!same) {
    select.replaceChildren(...options.map((o) => {
      const option = document.createElement('option');
      option.value = o.value;
      option.textContent = o.text;
      return option;
    }));
  }
  if (options.some((o) => o.value === value)) {
    select.value = value;
  }
}

function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}
