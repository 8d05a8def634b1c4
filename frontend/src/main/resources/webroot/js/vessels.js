// Vessels for fisheries officers: the state colours of the vessel layer's arrows (moving, slow or stopped, dark,
// in alert) and the vessel panel: search the registry, read a vessel's details, draw its track for a period and
// replay it with a time slider (a marker moves along the track, the time is shown), and its recent alerts.

import { errorDetail, errorMessage, getJson, showError } from './api.js';
import { eventTitle } from './alerts.js';
import { fitOptions } from './fences.js';
import { formatDateTime, formatNumber, onLangChange, t } from './i18n.js';
import { markerHtml } from './icons.js';

/** Below this speed (knots) a vessel counts as slow or stopped. */
export const SLOW_KNOTS = 2;

/** A vessel that has not reported for this long counts as dark. */
export const DARK_MINUTES = 10;

/** Vessel states, most urgent first, with the colours of their arrows. */
export const VESSEL_STATES = {
  alert: { fill: '#d32f2f', stroke: '#ffffff', radius: 9 },
  dark: { fill: '#78909c', stroke: '#37474f', radius: 7, fillOpacity: 0.75 },
  slow: { fill: '#f9a825', stroke: '#5d4037', radius: 7 },
  moving: { fill: '#1565c0', stroke: '#ffffff', radius: 7 },
};

/** Periods of the track a user may choose, in hours. */
const PERIODS = [1, 6, 24, 72, 168];

/** How long a full replay takes, whatever the period. */
const REPLAY_MILLIS = 20000;

/** Returns the state of a vessel feature: 'alert', 'dark', 'slow' or 'moving'. */
export function vesselState(properties, inAlert, now = Date.now()) {
  if (inAlert) {
    return 'alert';
  }
  const fix = Date.parse(properties?.last_fix_at ?? '');
  if (Number.isNaN(fix) || now - fix > DARK_MINUTES * 60000) {
    return 'dark';
  }
  const speed = Number(properties?.speed_kn);
  return Number.isFinite(speed) && speed >= SLOW_KNOTS ? 'moving' : 'slow';
}

/**
 * Colours the vessel layer by state. symbol(feature, base) gives a marker's symbol; legend() the legend entries;
 * onChange(listener) tells the layer manager to restyle (alerts changed, or a vessel went dark as time passed).
 */
export class VesselStyler {
  constructor(alerts) {
    this.alerts = alerts;
    this.inAlert = new Set();
    this.listeners = new Set();
    alerts.onChange(() => {
      const next = alerts.unacknowledgedVessels();
      if (!sameSet(next, this.inAlert)) {
        this.inAlert = next;
        this.notify();
      }
    });
    window.setInterval(() => this.notify(), 30000); // vessels go dark without any event
  }

  onChange(listener) {
    this.listeners.add(listener);
  }

  notify() {
    for (const listener of this.listeners) {
      listener();
    }
  }

  symbol(feature, base) {
    const properties = feature.properties || {};
    const state = vesselState(properties, this.inAlert.has(String(properties.mmsi)));
    return { ...base, ...VESSEL_STATES[state], state };
  }

  /** Returns [{state, symbol, title}] for the legend, in the order of VESSEL_STATES. */
  legend() {
    return Object.entries(VESSEL_STATES).map(([state, symbol]) => ({
      state,
      symbol,
      title: t(`vessels.state.${state}`, { knots: formatNumber(SLOW_KNOTS), minutes: formatNumber(DARK_MINUTES) }),
    }));
  }
}

export class VesselPanel {
  /** Renders into element (the panel's vessel tab) and draws tracks on map. */
  constructor(map, element, alerts) {
    this.map = map;
    this.element = element;
    this.alerts = alerts;
    this.enabled = false;
    this.results = [];
    this.searchState = 'idle';
    this.vessel = null;
    this.track = null; // {times: [ms], latlngs, speeds, courses, from, to}
    this.period = 24;
    this.replayAt = null; // ms
    this.playing = false;
    this.vesselAlerts = null;
    this.searchTimer = null;
    this.searchAbort = null;
    const pane = map.getPane('track') || map.createPane('track');
    pane.style.zIndex = '640';
    this.group = L.featureGroup([], { pane: 'track' }).addTo(map);
    this.marker = null;
    alerts.onChange(() => this.alertsChanged());
    onLangChange(() => this.render());
  }

  setEnabled(enabled) {
    this.enabled = enabled;
    this.stop();
    this.vessel = null;
    this.track = null;
    this.results = [];
    this.group.clearLayers();
    this.marker = null;
    this.render();
  }

  // ---- search ----

  scheduleSearch(query) {
    this.query = query;
    window.clearTimeout(this.searchTimer);
    this.searchTimer = window.setTimeout(() => this.search(query), 250);
  }

  async search(query) {
    this.searchAbort?.abort();
    const abort = new AbortController();
    this.searchAbort = abort;
    this.searchState = 'loading';
    this.renderResults();
    try {
      const params = new URLSearchParams({ limit: '20' });
      if (query.trim()) {
        params.set('q', query.trim());
      }
      const answer = await getJson(`api/vessels?${params}`, { signal: abort.signal });
      this.results = answer.vessels || [];
      this.searchState = 'done';
      this.searchError = null;
    } catch (error) {
      if (error.name === 'AbortError') {
        return;
      }
      this.results = [];
      this.searchState = 'failed';
      this.searchError = error;
    }
    this.renderResults();
  }

  // ---- a chosen vessel ----

  async choose(vessel) {
    this.stop();
    this.vessel = vessel;
    this.track = null;
    this.vesselAlerts = null;
    this.group.clearLayers();
    this.marker = null;
    this.render();
    if (Number.isFinite(vessel.lon) && Number.isFinite(vessel.lat)) {
      this.map.setView([vessel.lat, vessel.lon], Math.max(this.map.getZoom(), 11), { animate: false });
    }
    await Promise.all([this.loadTrack(), this.loadAlerts()]);
  }

  async loadTrack() {
    const vessel = this.vessel;
    const to = new Date();
    const from = new Date(to.getTime() - this.period * 3600000);
    this.trackState = 'loading';
    this.renderTrack();
    try {
      const answer = await getJson(
        `api/vessels/${encodeURIComponent(vessel.mmsi)}/track?from=${encodeURIComponent(from.toISOString())}&to=${encodeURIComponent(to.toISOString())}`,
      );
      if (vessel !== this.vessel) {
        return;
      }
      const coordinates = answer.geometry?.coordinates || [];
      const p = answer.properties || {};
      const times = (p.times || []).map((time) => Date.parse(time));
      this.track = {
        latlngs: coordinates.map(([lon, lat]) => L.latLng(lat, lon)),
        times,
        speeds: p.speed_kn || [],
        courses: p.course_deg || [],
        from: Date.parse(p.from) || from.getTime(),
        to: Date.parse(p.to) || to.getTime(),
      };
      this.trackState = 'done';
      this.drawTrack();
    } catch (error) {
      if (vessel !== this.vessel) {
        return;
      }
      this.track = null;
      this.trackState = 'failed';
      this.trackError = error;
    }
    this.renderTrack();
  }

  drawTrack() {
    this.group.clearLayers();
    this.marker = null;
    const track = this.track;
    if (!track || track.latlngs.length === 0) {
      return;
    }
    if (track.latlngs.length > 1) {
      L.polyline(track.latlngs, { pane: 'track', color: '#0d47a1', weight: 3, opacity: 0.85, className: 'vessel-track' }).addTo(this.group);
    }
    L.circleMarker(track.latlngs[0], { pane: 'track', radius: 4, color: '#0d47a1', weight: 2, fillColor: '#fff', fillOpacity: 1 })
      .bindTooltip(t('vessels.trackStart', { time: formatDateTime(new Date(track.times[0]).toISOString()) }))
      .addTo(this.group);
    this.replayAt = track.times[track.times.length - 1];
    this.marker = L.marker(track.latlngs[track.latlngs.length - 1], {
      pane: 'track',
      icon: this.replayIcon(track.courses[track.courses.length - 1]),
      keyboard: false,
      interactive: false,
    }).addTo(this.group);
    this.map.fitBounds(L.latLngBounds(track.latlngs), fitOptions());
  }

  replayIcon(course) {
    const heading = Number.isFinite(Number(course)) && course >= 0 && course < 360 ? Number(course) : null;
    const symbol = { fill: '#ff6d00', stroke: '#ffffff', radius: 9, strokeWidth: 2 };
    const size = 26;
    return L.divIcon({
      html: markerHtml('vessel', symbol, heading ?? 0),
      className: 'iocmap-marker replay-marker',
      iconSize: [size, size],
      iconAnchor: [size / 2, size / 2],
    });
  }

  /** Moves the replay marker to time (ms), between the fixes around it. */
  seek(time) {
    const track = this.track;
    if (!track || track.times.length === 0) {
      return;
    }
    const { times, latlngs } = track;
    const at = Math.min(Math.max(time, times[0]), times[times.length - 1]);
    let i = 0;
    while (i < times.length - 2 && times[i + 1] < at) {
      i += 1;
    }
    let position = latlngs[i];
    let course = track.courses[i];
    if (times.length > 1 && at > times[i]) {
      const next = Math.min(i + 1, times.length - 1);
      const span = times[next] - times[i];
      const f = span > 0 ? Math.min(1, (at - times[i]) / span) : 1;
      position = L.latLng(latlngs[i].lat + (latlngs[next].lat - latlngs[i].lat) * f, latlngs[i].lng + (latlngs[next].lng - latlngs[i].lng) * f);
      course = f < 0.5 ? track.courses[i] : track.courses[next];
    }
    this.replayAt = at;
    this.replayIndex = i;
    if (this.marker) {
      this.marker.setLatLng(position);
      this.marker.setIcon(this.replayIcon(course));
    }
    this.renderReplayTime();
  }

  play() {
    const track = this.track;
    if (!track || track.times.length < 2) {
      return;
    }
    const first = track.times[0];
    const last = track.times[track.times.length - 1];
    if (this.replayAt >= last) {
      this.seek(first);
    }
    this.playing = true;
    let previous = performance.now();
    const rate = (last - first) / REPLAY_MILLIS;
    const step = (now) => {
      if (!this.playing) {
        return;
      }
      const next = this.replayAt + (now - previous) * rate;
      previous = now;
      this.seek(next);
      const slider = this.element.querySelector('[data-testid="track-slider"]');
      if (slider) {
        slider.value = String(Math.round((this.replayAt - first) / 1000));
      }
      if (next >= last) {
        this.stop();
        return;
      }
      this.frame = requestAnimationFrame(step);
    };
    this.frame = requestAnimationFrame(step);
    this.renderPlayButton();
  }

  stop() {
    this.playing = false;
    if (this.frame) {
      cancelAnimationFrame(this.frame);
      this.frame = null;
    }
    this.renderPlayButton();
  }

  async loadAlerts() {
    const vessel = this.vessel;
    try {
      const answer = await getJson(`api/alerts?mmsi=${encodeURIComponent(vessel.mmsi)}&limit=10`);
      if (vessel === this.vessel) {
        this.vesselAlerts = answer.features || [];
        this.alertsError = null;
      }
    } catch (error) {
      if (vessel === this.vessel) {
        this.vesselAlerts = [];
        this.alertsError = error;
      }
    }
    this.renderAlerts();
  }

  /** A new or acknowledged alert of the chosen vessel shows in its list. */
  alertsChanged() {
    if (!this.vessel || this.vesselAlerts == null) {
      return;
    }
    const mmsi = String(this.vessel.mmsi);
    const mine = [...this.alerts.alerts.values()].filter((a) => String(a.properties?.mmsi) === mmsi);
    const byId = new Map(this.vesselAlerts.map((a) => [String(a.id), a]));
    for (const alert of mine) {
      byId.set(String(alert.id), alert);
    }
    this.vesselAlerts = [...byId.values()]
      .sort((a, b) => Date.parse(b.time || '') - Date.parse(a.time || '') || Number(b.id) - Number(a.id))
      .slice(0, 10);
    this.renderAlerts();
  }

  // ---- rendering ----

  render() {
    const root = this.element;
    root.replaceChildren();
    if (!this.enabled) {
      root.append(note(t('vessels.noAccess'), 'panel-note'));
      return;
    }
    const field = document.createElement('label');
    field.className = 'field';
    const label = document.createElement('span');
    label.textContent = t('vessels.search');
    const input = document.createElement('input');
    input.type = 'search';
    input.autocomplete = 'off';
    input.spellcheck = false;
    input.placeholder = t('vessels.search.placeholder');
    input.dataset.testid = 'vessel-search';
    input.value = this.query ?? '';
    input.addEventListener('input', () => this.scheduleSearch(input.value));
    input.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') {
        event.preventDefault();
        window.clearTimeout(this.searchTimer);
        this.search(input.value);
      }
    });
    field.append(label, input);
    root.append(field);
    this.resultsElement = document.createElement('ul');
    this.resultsElement.className = 'vessel-results';
    this.resultsElement.dataset.testid = 'vessel-results';
    root.append(this.resultsElement);
    this.renderResults();

    this.detailsElement = document.createElement('section');
    this.detailsElement.className = 'vessel-details';
    this.detailsElement.dataset.testid = 'vessel-details';
    root.append(this.detailsElement);
    this.renderDetails();
  }

  renderResults() {
    const list = this.resultsElement;
    if (!list) {
      return;
    }
    list.replaceChildren();
    if (this.searchState === 'loading') {
      list.append(item(t('vessels.searching'), 'vessel-result-note'));
      return;
    }
    if (this.searchState === 'failed') {
      list.append(item(`${errorMessage(this.searchError)} ${errorDetail(this.searchError)}`.trim(), 'vessel-result-note error'));
      return;
    }
    if (this.searchState === 'done' && this.results.length === 0) {
      list.append(item(t('vessels.noResults'), 'vessel-result-note'));
      return;
    }
    for (const vessel of this.results) {
      const li = document.createElement('li');
      const b = document.createElement('button');
      b.type = 'button';
      b.className = 'vessel-result';
      b.dataset.testid = `vessel-result-${vessel.mmsi}`;
      b.classList.toggle('selected', String(this.vessel?.mmsi) === String(vessel.mmsi));
      const name = document.createElement('span');
      name.className = 'vessel-result-name';
      const named = Boolean(vessel.name || vessel.registration_no);
      name.textContent = vessel.name || vessel.registration_no || `MMSI ${vessel.mmsi}`;
      const meta = document.createElement('span');
      meta.className = 'vessel-result-meta';
      meta.textContent = [vessel.name ? vessel.registration_no : null, named ? `MMSI ${vessel.mmsi}` : null, vessel.call_sign, vessel.flag]
        .filter(Boolean)
        .join(' · ');
      b.append(name, meta);
      b.addEventListener('click', () => {
        this.choose(vessel);
        this.renderResults();
      });
      li.append(b);
      list.append(li);
    }
  }

  renderDetails() {
    const root = this.detailsElement;
    if (!root) {
      return;
    }
    root.replaceChildren();
    const vessel = this.vessel;
    root.hidden = !vessel;
    if (!vessel) {
      return;
    }
    const title = document.createElement('h3');
    title.textContent = vessel.name || vessel.registration_no || `MMSI ${vessel.mmsi}`;
    title.dataset.testid = 'vessel-name';
    const table = document.createElement('table');
    table.className = 'popup-table vessel-table';
    const row = (key, value) => {
      if (value == null || value === '') {
        return;
      }
      const tr = document.createElement('tr');
      const th = document.createElement('th');
      th.textContent = t(key);
      const td = document.createElement('td');
      td.textContent = value;
      tr.append(th, td);
      table.append(tr);
    };
    row('vessels.mmsi', String(vessel.mmsi));
    row('vessels.callSign', vessel.call_sign);
    row('vessels.registration', vessel.registration_no);
    row('vessels.type', vessel.ship_type ? shipTypeTitle(vessel.ship_type) : null);
    row('vessels.length', vessel.length_m != null ? `${formatNumber(vessel.length_m, { maximumFractionDigits: 1 })} m` : null);
    row('vessels.flag', vessel.flag);
    row('vessels.lastFix', vessel.last_fix_at ? formatDateTime(vessel.last_fix_at) : null);
    row('vessels.speed', vessel.speed_kn != null ? `${formatNumber(vessel.speed_kn, { maximumFractionDigits: 1 })} kn` : null);
    row('vessels.course', vessel.course_deg != null ? `${formatNumber(vessel.course_deg, { maximumFractionDigits: 0 })}°` : null);
    const state = vesselState(vessel, this.alerts.unacknowledgedVessels().has(String(vessel.mmsi)));
    row('vessels.stateLabel', t(`vessels.state.${state}`, { knots: formatNumber(SLOW_KNOTS), minutes: formatNumber(DARK_MINUTES) }));
    root.append(title, table);

    const trackHead = document.createElement('div');
    trackHead.className = 'vessel-track-head';
    const periodField = document.createElement('label');
    periodField.className = 'field inline';
    const periodLabel = document.createElement('span');
    periodLabel.textContent = t('vessels.period');
    const period = document.createElement('select');
    period.dataset.testid = 'track-period';
    for (const hours of PERIODS) {
      const option = document.createElement('option');
      option.value = String(hours);
      option.textContent = hours < 24 ? t('vessels.hours', { count: hours }) : t('vessels.days', { count: hours / 24 });
      period.append(option);
    }
    period.value = String(this.period);
    period.addEventListener('change', () => {
      this.period = Number(period.value);
      this.stop();
      this.loadTrack();
    });
    periodField.append(periodLabel, period);
    trackHead.append(periodField);
    root.append(trackHead);

    this.trackElement = document.createElement('div');
    this.trackElement.className = 'vessel-track';
    root.append(this.trackElement);
    this.renderTrack();

    const alertsTitle = document.createElement('h4');
    alertsTitle.textContent = t('vessels.alerts');
    this.alertsElement = document.createElement('ul');
    this.alertsElement.className = 'vessel-alerts';
    this.alertsElement.dataset.testid = 'vessel-alerts';
    root.append(alertsTitle, this.alertsElement);
    this.renderAlerts();
  }

  renderTrack() {
    const root = this.trackElement;
    if (!root) {
      return;
    }
    root.replaceChildren();
    if (this.trackState === 'loading') {
      root.append(note(t('vessels.trackLoading'), 'panel-note loading'));
      return;
    }
    if (this.trackState === 'failed') {
      const error = note(`${t('vessels.trackFailed')} ${errorDetail(this.trackError) || errorMessage(this.trackError)}`, 'panel-note error');
      error.dataset.testid = 'track-error';
      root.append(error);
      return;
    }
    const track = this.track;
    if (!track || track.times.length === 0) {
      root.append(note(t('vessels.trackEmpty'), 'panel-note'));
      return;
    }
    const summary = note(
      t('vessels.trackSummary', { count: formatNumber(track.times.length), from: formatDateTime(new Date(track.times[0]).toISOString()), to: formatDateTime(new Date(track.times[track.times.length - 1]).toISOString()) }),
      'vessel-track-summary',
    );
    summary.dataset.testid = 'track-summary';
    const replay = document.createElement('div');
    replay.className = 'replay';
    const play = document.createElement('button');
    play.type = 'button';
    play.className = 'icon-button replay-play';
    play.dataset.testid = 'track-play';
    play.addEventListener('click', () => (this.playing ? this.stop() : this.play()));
    this.playButton = play;
    const slider = document.createElement('input');
    slider.type = 'range';
    slider.min = '0';
    const first = track.times[0];
    slider.max = String(Math.max(0, Math.round((track.times[track.times.length - 1] - first) / 1000)));
    slider.step = '1';
    slider.value = String(Math.round((this.replayAt - first) / 1000));
    slider.dataset.testid = 'track-slider';
    slider.setAttribute('aria-label', t('vessels.replay'));
    slider.addEventListener('input', () => {
      this.stop();
      this.seek(first + Number(slider.value) * 1000);
    });
    replay.append(play, slider);
    const time = document.createElement('output');
    time.className = 'replay-time';
    time.dataset.testid = 'track-time';
    this.timeElement = time;
    root.append(summary, replay, time);
    this.renderPlayButton();
    this.renderReplayTime();
  }

  renderPlayButton() {
    const play = this.playButton;
    if (!play) {
      return;
    }
    const text = t(this.playing ? 'vessels.pause' : 'vessels.play');
    play.title = text;
    play.setAttribute('aria-label', text);
    play.innerHTML = this.playing
      ? '<svg viewBox="0 0 24 24" width="14" height="14"><path d="M6 5h4v14H6zM14 5h4v14h-4z" fill="currentColor"/></svg>'
      : '<svg viewBox="0 0 24 24" width="14" height="14"><path d="M7 4.5v15l12-7.5z" fill="currentColor"/></svg>';
  }

  renderReplayTime() {
    if (!this.timeElement || this.replayAt == null || !this.track) {
      return;
    }
    const i = this.replayIndex ?? this.track.times.length - 1;
    const speed = this.track.speeds[i];
    const parts = [formatDateTime(new Date(this.replayAt).toISOString())];
    if (speed != null) {
      parts.push(`${formatNumber(speed, { maximumFractionDigits: 1 })} kn`);
    }
    this.timeElement.textContent = parts.join(' · ');
    this.timeElement.dataset.time = new Date(this.replayAt).toISOString();
  }

  renderAlerts() {
    const list = this.alertsElement;
    if (!list) {
      return;
    }
    list.replaceChildren();
    if (this.vesselAlerts == null) {
      list.append(item(t('vessels.alertsLoading'), 'vessel-result-note'));
      return;
    }
    if (this.alertsError) {
      list.append(item(`${errorMessage(this.alertsError)} ${errorDetail(this.alertsError)}`.trim(), 'vessel-result-note error'));
      return;
    }
    if (this.vesselAlerts.length === 0) {
      list.append(item(t('vessels.noAlerts'), 'vessel-result-note'));
      return;
    }
    for (const alert of this.vesselAlerts) {
      const p = alert.properties || {};
      const li = document.createElement('li');
      const b = document.createElement('button');
      b.type = 'button';
      b.className = `vessel-alert status-${String(p.status || '').toLowerCase()}`;
      b.title = t('alerts.zoom');
      const time = alert.time || p.evidence?.time || p.raised_at;
      b.textContent = [eventTitle(p.event), p.fence_name, time ? formatDateTime(time) : null].filter(Boolean).join(' · ');
      b.addEventListener('click', () => this.alerts.showEvidence(alert));
      li.append(b);
      list.append(li);
    }
  }

  /** Returns the replay's state for tests: {mmsi, points, time, lon, lat, playing}. */
  status() {
    const position = this.marker?.getLatLng();
    return {
      mmsi: this.vessel ? String(this.vessel.mmsi) : null,
      points: this.track?.times.length ?? 0,
      trackState: this.trackState ?? null,
      time: this.replayAt == null ? null : new Date(this.replayAt).toISOString(),
      lon: position?.lng ?? null,
      lat: position?.lat ?? null,
      playing: this.playing,
    };
  }
}

function shipTypeTitle(type) {
  const key = `vessels.shipType.${type}`;
  const known = ['fishing', 'cargo', 'tanker', 'passenger', 'tug', 'other'];
  return known.includes(type) ? t(key) : type;
}

function sameSet(a, b) {
  if (a.size !== b.size) {
    return false;
  }
  for (const value of a) {
    if (!b.has(value)) {
      return false;
    }
  }
  return true;
}

function note(text, className) {
  const p = document.createElement('p');
  p.className = className;
  p.textContent = text;
  return p;
}

function item(text, className) {
  const li = document.createElement('li');
  li.className = className;
  li.textContent = text;
  return li;
}
