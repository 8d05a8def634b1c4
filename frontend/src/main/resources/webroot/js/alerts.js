// The alert feed of fisheries officers: the alerts of the geofence monitor (layer vessel_alerts), newest first,
// followed live over the stream; a sound and a flash for each new one, a badge counting the unacknowledged, an
// acknowledge button with a note, the alert as CAP XML. A click on an alert zooms to its evidence: the track the
// monitor judged, the event point, and the fence version it names.

import { ApiError, authToken, errorDetail, getJson, postJson, showError } from './api.js';
import { fenceKindTitle, fitOptions } from './fences.js';
import { formatDateTime, formatNumber, onLangChange, t } from './i18n.js';
import { LiveStream } from './live.js';
import { AlertSound } from './sound.js';

export const ALERT_LAYER = 'vessel_alerts';

/** The feed lists this many alerts; the badge counts all the page knows. */
const LIST_MAX = 150;

const EVENTS = ['ENTER', 'EXIT', 'CROSS', 'APPROACH', 'DWELL', 'LOITER', 'DARK_STARTED', 'DARK_ENDED'];

export class AlertFeed {
  /** Lists into element (the feed panel); draws evidence on map. */
  constructor(map, element) {
    this.map = map;
    this.element = element;
    this.alerts = new Map(); // id → feature
    this.fresh = new Set(); // ids that arrived live since the page opened
    this.listeners = new Set();
    this.sound = new AlertSound();
    this.stream = null;
    this.open = false; // whether an ack form is open, by alert id
    this.ackOpen = null;
    this.evidenceState = null;
    this.collapsed = false;
    const pane = map.getPane('evidence') || map.createPane('evidence');
    pane.style.zIndex = '646';
    this.evidence = L.featureGroup([], { pane: 'evidence' }).addTo(map);
    this.list = element.querySelector('[data-testid="alert-list"]');
    this.badge = element.querySelector('[data-testid="alert-badge"]');
    this.statusDot = element.querySelector('[data-testid="alert-status"]');
    this.muteButton = element.querySelector('[data-testid="alert-mute"]');
    this.toggleButton = element.querySelector('[data-testid="alert-toggle"]');
    this.muteButton.addEventListener('click', () => {
      this.sound.setMuted(!this.sound.muted);
      this.renderHeader();
    });
    this.toggleButton.addEventListener('click', () => {
      this.collapsed = !this.collapsed;
      this.render();
    });
    onLangChange(() => this.render());
  }

  /** Starts following the alerts for a session that may read them, or stops and hides the feed. */
  setEnabled(enabled) {
    this.stream?.stop();
    this.stream = null;
    this.alerts.clear();
    this.fresh.clear();
    this.evidence.clearLayers();
    this.evidenceState = null;
    this.element.hidden = !enabled;
    if (enabled) {
      this.stream = new LiveStream(ALERT_LAYER, {
        onSnapshot: (features) => {
          this.alerts.clear();
          features.forEach((feature) => this.alerts.set(String(feature.id), feature));
          this.changed();
        },
        onAdded: (id, feature) => this.put(id, feature, true),
        onChanged: (id, feature) => this.put(id, feature, false),
        onRemoved: (id) => {
          this.alerts.delete(String(id));
          this.changed();
        },
        onStatus: () => this.renderHeader(),
      });
      this.stream.start();
    }
    this.render();
    this.notify();
  }

  /** Calls listener() whenever the set of alerts changes (the vessel layer colours vessels in alert). */
  onChange(listener) {
    this.listeners.add(listener);
  }

  notify() {
    for (const listener of this.listeners) {
      listener();
    }
  }

  put(id, feature, added) {
    if (!feature) {
      return;
    }
    const key = String(feature.id ?? id);
    const isNew = added && !this.alerts.has(key);
    this.alerts.set(key, { ...feature, id: feature.id ?? id });
    if (isNew) {
      this.fresh.add(key);
      this.sound.play();
    }
    this.changed();
  }

  changed() {
    this.render();
    this.notify();
  }

  /** Returns the MMSIs (as strings) of vessels with an unacknowledged alert. */
  unacknowledgedVessels() {
    const vessels = new Set();
    for (const alert of this.alerts.values()) {
      if (alert.properties?.status === 'NEW' && alert.properties.mmsi != null) {
        vessels.add(String(alert.properties.mmsi));
      }
    }
    return vessels;
  }

  unacknowledgedCount() {
    let count = 0;
    for (const alert of this.alerts.values()) {
      if (alert.properties?.status === 'NEW') {
        count += 1;
      }
    }
    return count;
  }

  sorted() {
    return [...this.alerts.values()].sort((a, b) => alertTime(b) - alertTime(a) || Number(b.id) - Number(a.id));
  }

  render() {
    if (this.element.hidden) {
      return;
    }
    this.renderHeader();
    this.element.classList.toggle('collapsed', this.collapsed);
    this.list.hidden = this.collapsed;
    if (this.collapsed) {
      return;
    }
    const focused = this.list.contains(document.activeElement) ? document.activeElement.dataset.testid : null;
    this.list.replaceChildren();
    const alerts = this.sorted().slice(0, LIST_MAX);
    if (alerts.length === 0) {
      const empty = document.createElement('li');
      empty.className = 'alert-empty';
      empty.textContent = this.stream?.status === 'live' ? t('alerts.empty') : t('alerts.loading');
      this.list.append(empty);
    }
    for (const alert of alerts) {
      this.list.append(this.renderAlert(alert));
    }
    if (focused) {
      this.list.querySelector(`[data-testid="${CSS.escape(focused)}"]`)?.focus();
    }
  }

  renderHeader() {
    const count = this.unacknowledgedCount();
    this.badge.textContent = formatNumber(count);
    this.badge.hidden = count === 0;
    this.badge.title = t('alerts.badge', { count: formatNumber(count) });
    const live = this.stream?.status ?? 'off';
    this.statusDot.dataset.status = live;
    this.statusDot.title = live === 'off' && this.stream?.error ? t('live.failed', { detail: errorDetail(this.stream.error) }) : t(`live.${live}`);
    const muted = this.sound.muted;
    this.muteButton.setAttribute('aria-pressed', String(muted));
    this.muteButton.title = t(muted ? 'alerts.unmute' : 'alerts.mute');
    this.muteButton.setAttribute('aria-label', this.muteButton.title);
    this.muteButton.classList.toggle('muted', muted);
    this.toggleButton.title = t(this.collapsed ? 'alerts.expand' : 'alerts.collapse');
    this.toggleButton.setAttribute('aria-label', this.toggleButton.title);
    this.toggleButton.setAttribute('aria-expanded', String(!this.collapsed));
  }

  renderAlert(alert) {
    const p = alert.properties || {};
    const id = String(alert.id);
    const li = document.createElement('li');
    li.className = `alert-item status-${String(p.status || '').toLowerCase()}`;
    li.classList.toggle('fresh', this.fresh.has(id));
    li.classList.toggle('selected', this.evidenceState?.alertId === id);
    li.dataset.testid = `alert-${id}`;
    li.dataset.alertId = id;
    li.dataset.status = p.status || '';

    const main = document.createElement('button');
    main.type = 'button';
    main.className = 'alert-main';
    main.dataset.testid = `alert-open-${id}`;
    main.title = t('alerts.zoom');
    const head = document.createElement('div');
    head.className = 'alert-head';
    const event = document.createElement('span');
    event.className = `alert-event event-${String(p.event || '').toLowerCase()}`;
    event.textContent = eventTitle(p.event);
    const time = document.createElement('time');
    time.className = 'alert-time';
    const iso = alert.time || evidenceOf(p).time || p.raised_at;
    time.dateTime = iso || '';
    time.textContent = iso ? formatDateTime(iso) : '';
    head.append(event, time);
    const vessel = document.createElement('div');
    vessel.className = 'alert-vessel';
    vessel.textContent = p.vessel ? `${p.vessel} · MMSI ${p.mmsi}` : `MMSI ${p.mmsi}`;
    const fence = document.createElement('div');
    fence.className = 'alert-fence';
    if (p.fence_name) {
      fence.textContent = `${p.fence_name}${p.fence_version ? ` (${t('fences.versionShort', { version: p.fence_version })})` : ''}`;
      fence.title = `${fenceKindTitle(p.fence_kind)}: ${p.fence_name}`;
    }
    main.append(head, vessel, fence);
    main.addEventListener('click', () => this.showEvidence(alert));
    li.append(main);

    const foot = document.createElement('div');
    foot.className = 'alert-foot';
    const status = document.createElement('span');
    status.className = 'alert-status-text';
    status.dataset.testid = `alert-status-${id}`;
    status.textContent = p.status === 'ACKNOWLEDGED' ? t('alerts.status.ACKNOWLEDGED') : t('alerts.status.NEW');
    if (p.status === 'ACKNOWLEDGED') {
      const by = [p.acknowledged_by, p.acknowledged_at ? formatDateTime(p.acknowledged_at) : null].filter(Boolean).join(', ');
      status.title = [by, p.note].filter(Boolean).join(' — ');
    }
    foot.append(status);
    const cap = document.createElement('button');
    cap.type = 'button';
    cap.className = 'link';
    cap.dataset.testid = `alert-cap-${id}`;
    cap.textContent = 'CAP';
    cap.title = t('alerts.cap');
    cap.addEventListener('click', () => this.downloadCap(id));
    foot.append(cap);
    if (p.status !== 'ACKNOWLEDGED') {
      const ack = document.createElement('button');
      ack.type = 'button';
      ack.className = 'small-button';
      ack.dataset.testid = `alert-ack-${id}`;
      ack.textContent = t('alerts.ack');
      ack.addEventListener('click', () => {
        this.ackOpen = this.ackOpen === id ? null : id;
        this.render();
        this.list.querySelector(`[data-testid="alert-note-${CSS.escape(id)}"]`)?.focus();
      });
      foot.append(ack);
    }
    li.append(foot);
    if (p.status === 'ACKNOWLEDGED' && p.note) {
      const note = document.createElement('div');
      note.className = 'alert-note';
      note.textContent = t('alerts.noteBy', { note: p.note, user: p.acknowledged_by || '' });
      li.append(note);
    }
    if (this.ackOpen === id && p.status !== 'ACKNOWLEDGED') {
      li.append(this.ackForm(id));
    }
    return li;
  }

  ackForm(id) {
    const form = document.createElement('form');
    form.className = 'alert-ack-form';
    form.noValidate = true;
    const input = document.createElement('input');
    input.type = 'text';
    input.maxLength = 500;
    input.placeholder = t('alerts.note');
    input.setAttribute('aria-label', t('alerts.note'));
    input.dataset.testid = `alert-note-${id}`;
    const submit = document.createElement('button');
    submit.type = 'submit';
    submit.className = 'primary small';
    submit.dataset.testid = `alert-ack-submit-${id}`;
    submit.textContent = t('alerts.ackConfirm');
    form.append(input, submit);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      submit.disabled = true;
      try {
        const answer = await postJson(`api/alerts/${encodeURIComponent(id)}/acknowledge`, { note: input.value.trim() });
        this.ackOpen = null;
        this.alerts.set(id, { ...answer, id: answer.id ?? id });
        this.changed();
      } catch (error) {
        submit.disabled = false;
        if (error instanceof ApiError && error.status === 409) {
          this.ackOpen = null;
          this.refresh(id);
        }
        showError(error, 'alerts.ackFailed');
      }
    });
    return form;
  }

  /** Reads one alert again (after a conflict: someone else acknowledged it). */
  async refresh(id) {
    try {
      const answer = await getJson(`api/alerts?limit=200`);
      for (const feature of answer.features || []) {
        if (String(feature.id) === id) {
          this.alerts.set(id, feature);
        }
      }
      this.changed();
    } catch (error) {
      showError(error, 'alerts.loadFailed');
    }
  }

  /** Fetches the CAP message with the session's token and hands it to the browser as a file. */
  async downloadCap(id) {
    try {
      const headers = { Accept: 'application/xml' };
      const token = authToken();
      if (token) {
        headers.Authorization = `Bearer ${token}`;
      }
      const response = await fetch(`api/alerts/${encodeURIComponent(id)}/cap`, { headers });
      if (!response.ok) {
        let problem = null;
        try {
          problem = await response.json();
        } catch (e) {
          // not JSON
        }
        throw new ApiError(response.status, problem, response.url);
      }
      const blob = new Blob([await response.text()], { type: 'application/xml' });
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = `iocmap-alert-${id}.cap.xml`;
      document.body.append(link);
      link.click();
      link.remove();
      window.setTimeout(() => URL.revokeObjectURL(url), 10000);
    } catch (error) {
      showError(error, 'alerts.capFailed');
    }
  }

  /** Draws an alert's evidence (track, event point, fence version) and zooms the map to it. */
  async showEvidence(alert) {
    const id = String(alert.id);
    const p = alert.properties || {};
    const evidence = evidenceOf(p);
    this.fresh.delete(id);
    this.evidence.clearLayers();
    const state = { alertId: id, trackPoints: 0, fenceId: null, fenceVersion: null, point: null };
    this.evidenceState = state;
    this.render();
    const track = (evidence.track || []).filter((fix) => Number.isFinite(fix.lon) && Number.isFinite(fix.lat));
    const latlngs = track.map((fix) => L.latLng(fix.lat, fix.lon));
    if (latlngs.length > 1) {
      L.polyline(latlngs, { pane: 'evidence', color: '#ff6f00', weight: 4, opacity: 0.95, dashArray: '8 6', interactive: false })
        .addTo(this.evidence);
    }
    for (const fix of track) {
      L.circleMarker([fix.lat, fix.lon], { pane: 'evidence', radius: 4, color: '#fff', weight: 1.5, fillColor: '#ff6f00', fillOpacity: 1 })
        .bindTooltip(fixTooltip(fix))
        .addTo(this.evidence);
    }
    state.trackPoints = track.length;
    const coordinates = alert.geometry?.type === 'Point' ? alert.geometry.coordinates : [evidence.lon, evidence.lat];
    const bounds = L.latLngBounds(latlngs);
    if (Number.isFinite(coordinates?.[0]) && Number.isFinite(coordinates?.[1])) {
      const point = L.latLng(coordinates[1], coordinates[0]);
      state.point = { lon: point.lng, lat: point.lat };
      L.circleMarker(point, { pane: 'evidence', radius: 9, color: '#d32f2f', weight: 3, fillColor: '#fff', fillOpacity: 0.9, className: 'evidence-point' })
        .bindTooltip(`${eventTitle(p.event)} · ${formatDateTime(evidence.time || alert.time)}${evidence.interpolated ? ` (${t('alerts.interpolated')})` : ''}`, { permanent: false })
        .addTo(this.evidence);
      bounds.extend(point);
    }
    if (bounds.isValid()) {
      this.map.fitBounds(bounds, fitOptions());
    }
    const fenceId = evidence.fence?.id ?? p.fence_id;
    const version = evidence.fence?.version ?? p.fence_version;
    if (fenceId) {
      try {
        const fence = await getJson(`api/geofences/${encodeURIComponent(fenceId)}`);
        if (this.evidenceState !== state) {
          return;
        }
        const versions = fence.versions || [fence];
        const chosen = versions.find((v) => v.version === version) || versions[versions.length - 1];
        if (chosen?.geometry) {
          L.geoJSON(chosen.geometry, {
            pane: 'evidence',
            interactive: false,
            style: { color: '#ffd600', weight: 5, opacity: 0.95, fillColor: '#ffd600', fillOpacity: 0.12, className: 'evidence-fence' },
          }).addTo(this.evidence);
          state.fenceId = fenceId;
          state.fenceVersion = chosen.version;
          this.evidence.eachLayer((layer) => layer.bringToFront?.());
        }
      } catch (error) {
        showError(error, 'alerts.fenceFailed', { fence: p.fence_name || fenceId });
      }
    }
  }

  /** Returns what the feed shows, for tests. */
  status() {
    return {
      count: this.alerts.size,
      unacknowledged: this.unacknowledgedCount(),
      live: this.stream?.status ?? 'off',
      sound: this.sound.status(),
      evidence: this.evidenceState ? { ...this.evidenceState } : null,
    };
  }
}

/** Returns an alert's evidence as an object: the stream may carry it as JSON text. */
function evidenceOf(properties) {
  const evidence = properties?.evidence;
  if (typeof evidence === 'string') {
    try {
      return JSON.parse(evidence) || {};
    } catch (e) {
      return {};
    }
  }
  return evidence || {};
}

function alertTime(alert) {
  const time = Date.parse(alert.time || evidenceOf(alert.properties).time || alert.properties?.raised_at || '');
  return Number.isNaN(time) ? 0 : time;
}

/** Returns the translated name of an alert event (ENTER, EXIT, …); unknown events are shown as they are. */
export function eventTitle(event) {
  return EVENTS.includes(event) ? t(`alerts.event.${event}`) : String(event ?? '');
}

function fixTooltip(fix) {
  const parts = [formatDateTime(fix.time)];
  if (fix.sogKnots != null) {
    parts.push(`${formatNumber(fix.sogKnots, { maximumFractionDigits: 1 })} kn`);
  }
  if (fix.cogDegrees != null) {
    parts.push(`${formatNumber(fix.cogDegrees, { maximumFractionDigits: 0 })}°`);
  }
  return parts.join(' · ');
}
