// Boots the page: reads /api/config, builds the map and the basemap, signs in (or not), loads the layers,
// wires the panel's tabs (layers, incidents, query, vessels, fences), and exposes window.iocmap for real-browser tests.

import { AlertFeed } from './alerts.js';
import { getJson, showError } from './api.js';
import { currentSession, initAuth, onSessionChange, onSignInAttempt, openSignIn } from './auth.js';
import { addBasemap } from './basemap.js';
import { FenceManager } from './fences.js';
import { HeatMap } from './heat.js';
import { applyStatic, formatNumber, lang, onLangChange, t, toggleLang } from './i18n.js';
import { IncidentDesk } from './incidents.js';
import { LayerManager } from './layers.js';
import { QueryTool } from './query.js';
import { VesselPanel, VesselStyler } from './vessels.js';

/** Used when /api/config cannot be read: Khánh Hòa, offline basemap. */
const FALLBACK_CONFIG = { basemapUrl: null, basemapAttribution: null, center: [109.19, 12.24], zoom: 9, demo: false };

/** Converts an API position [longitude, latitude] to Leaflet's [latitude, longitude]; the only place that does. */
export function toLatLng([lon, lat]) {
  return L.latLng(lat, lon);
}

let map = null;
let layers = null;
let heat = null;
let queryTool = null;
let alerts = null;
let fences = null;
let vessels = null;
let incidents = null;
let ready = null;
let pendingReady = null; // resolves a ready promise handed out before its reload could start

/** Roles that watch the fleet (vessels, alerts), that read fences, and that change fences. */
const FLEET_ROLES = ['fisheries', 'admin'];
const FENCE_READ_ROLES = ['fisheries', 'operator', 'admin'];
/** Roles that work the incident queue (fire alarms, citizen reports). */
const INCIDENT_ROLES = ['operator', 'admin'];

function hasRole(roles) {
  const mine = currentSession()?.roles || [];
  return roles.some((role) => mine.includes(role));
}

/** Shows the fleet tools (vessel panel, fences, alert feed) the session may use, and hides the others. */
function applyFleetAccess() {
  const fleet = hasRole(FLEET_ROLES);
  const fenceRead = hasRole(FENCE_READ_ROLES);
  document.getElementById('tab-vessels').hidden = !fleet;
  document.getElementById('tab-fences').hidden = !fenceRead;
  const incidentDesk = hasRole(INCIDENT_ROLES);
  document.getElementById('tab-incidents').hidden = !incidentDesk;
  const selected = document.querySelector('.panel-tab[aria-selected="true"]');
  if (selected?.hidden) {
    document.getElementById('tab-layers').click();
  }
  alerts.setEnabled(fleet);
  vessels.setEnabled(fleet);
  incidents.setEnabled(incidentDesk);
  return fences.setSession({ read: fenceRead, write: fleet });
}

function reload() {
  queryTool?.forgetResults(); // the answer may hold layers the new session cannot read
  const fenceLoading = applyFleetAccess();
  const loading = Promise.all([layers.load({ anonymous: !currentSession() }), fenceLoading]).then(([counts]) => counts);
  ready = loading;
  if (pendingReady) {
    const resolve = pendingReady;
    pendingReady = null;
    loading.then(resolve, resolve);
  }
  return loading;
}

/** Makes window.iocmap.ready wait for the reload a sign-in attempt is about to start. */
function expectReload(attempt) {
  if (!pendingReady) {
    ready = new Promise((resolve) => {
      pendingReady = resolve;
    });
  }
  attempt.then((signedIn) => {
    if (!signedIn && pendingReady) {
      const resolve = pendingReady;
      pendingReady = null;
      resolve(layers.drawnCounts());
    }
  });
}

window.iocmap = {
  /** Resolves (to drawnCounts) when the layer list and all enabled layers are drawn; replaced on each reload. */
  get ready() {
    return ready ?? Promise.resolve({});
  },
  drawnCounts: () => (layers ? layers.drawnCounts() : {}),
  screenPointOf: (layerId) => (layers ? layers.screenPointOf(layerId) : Promise.resolve(null)),
  lang: () => lang(),
  /** {layerId: number of matching features} of the last spatial query; {} before one and after clear. */
  queryResults: () => (queryTool ? queryTool.resultCounts() : {}),
  /** {layerId: 'live' | 'connecting' | 'off'}: which layers follow the live stream now. */
  liveStatus: () => (layers ? layers.liveStatus() : {}),
  /** {layerId: 'vector' | 'tiles' | 'off'}: how each layer is drawn now (dense layers switch by view). */
  drawModes: () => (layers ? layers.drawModes() : {}),
  /** {layerId: {requested, loaded, failed, refreshed, shown, refreshedKeys}} of the layers drawn as PNG tiles. */
  tileStatus: () => (layers ? layers.tileStatus() : {}),
  /** Resolves (to drawnCounts) once dense layers are drawn for the current view. */
  settled: () => (layers ? layers.settled() : Promise.resolve({})),
  /** Draws a layer as PNG tiles whatever its size, as a dense layer would be; resolves when they are drawn. */
  forceTiles: (layerId) => (layers ? layers.forceTiles(layerId) : Promise.resolve()),
  /** The heat map drawn now: {layer, grid, h3, level, cells, total, max, drawn, requests, loading, live, window}. */
  heatStatus: () => (heat ? heat.status() : null),
  /** Drops a layer's live connection as a network failure would; the page reconnects and resumes. */
  dropLive: (layerId) => {
    layers?.dropLive(layerId);
  },
  /** Shows [lon, lat] at a zoom, without animation. */
  setView: (lon, lat, zoom) => {
    map?.setView(toLatLng([lon, lat]), zoom, { animate: false });
  },
  /** Returns {lon, lat, zoom} of the map's centre. */
  view: () => (map ? { lon: map.getCenter().lng, lat: map.getCenter().lat, zoom: map.getZoom() } : null),
  /** Returns the page position {x, y} of [lon, lat] on the map. */
  /** {state: number of vessel arrows}: moving, slow, dark, alert. */
  vesselStates: () => (layers ? layers.vesselStates() : {}),
  /** The alert feed: {count, unacknowledged, live, sound, evidence}. */
  alerts: () => (alerts ? alerts.status() : null),
  /** The fences drawn and the fence form: {fences: [{id, name, kind, version, drawn}], form, lastSaved}. */
  fences: () => (fences ? fences.status() : null),
  /** Page positions of the vertices of the fence shape being edited. */
  fenceVertices: () => (fences ? fences.editVertices() : []),
  /** Whether the fence being drawn ignores clicks for now (leaflet-draw pauses 50 ms after each corner). */
  fenceDrawBusy: () => Boolean(fences?.drawer?._disableMarkers),
  /** The incident queue's rows: [{code, kind, status, overdue, urgency, lon, lat, countdown}], most urgent first. */
  incidents: () => (incidents ? incidents.shown() : []),
  /** {code, at (epoch ms)} of the newest fire incident when it first appeared on the page; null before one. */
  lastAlarmSeenAt: () => (incidents ? incidents.lastAlarmSeen() : null),
  /** The incident desk: {enabled, live, state, numberMatched, counts, selected, detail, form, unacknowledged, pins, sound}. */
  incidentStatus: () => (incidents ? incidents.status() : null),
  /** The vessel panel's track replay: {mmsi, points, time, lon, lat, playing}. */
  replay: () => (vessels ? vessels.status() : null),
  screenPointAt: (lon, lat) => {
    if (!map) {
      return null;
    }
    const point = map.latLngToContainerPoint(toLatLng([lon, lat]));
    const rect = map.getContainer().getBoundingClientRect();
    return { x: rect.left + point.x + window.scrollX, y: rect.top + point.y + window.scrollY };
  },
};

async function boot() {
  let resolveBoot;
  ready = new Promise((resolve) => {
    resolveBoot = resolve;
  });

  applyStatic();
  renderLangSwitch();
  onLangChange(() => {
    applyStatic();
    renderLangSwitch();
  });
  document.getElementById('lang-switch').addEventListener('click', toggleLang);

  let config;
  try {
    config = { ...FALLBACK_CONFIG, ...(await getJson('api/config')) };
  } catch (error) {
    showError(error, 'error.config');
    config = FALLBACK_CONFIG;
  }

  map = L.map('map', {
    center: toLatLng(config.center),
    zoom: config.zoom,
    minZoom: 4,
    maxZoom: 18,
    zoomControl: false,
    worldCopyJump: false,
  });
  let zoomControl = null;
  const addZoomControl = () => {
    zoomControl?.remove();
    zoomControl = L.control.zoom({ zoomInTitle: t('map.zoomIn'), zoomOutTitle: t('map.zoomOut') }).addTo(map);
  };
  addZoomControl();
  onLangChange(addZoomControl);
  map.attributionControl.setPrefix('<a href="https://leafletjs.com" target="_blank" rel="noopener">Leaflet</a>');
  L.control.scale({ imperial: false, position: 'bottomleft' }).addTo(map);
  addBasemap(map, config);

  initAuth(config);
  layers = new LayerManager(map, document.getElementById('layer-list'));
  heat = new HeatMap(map, layers);
  layers.setHeat(heat);
  queryTool = new QueryTool(map, layers, document.getElementById('query-tool'));
  alerts = new AlertFeed(map, document.getElementById('alert-feed'));
  layers.setVesselStyler(new VesselStyler(alerts));
  fences = new FenceManager(map, document.getElementById('fence-panel'));
  vessels = new VesselPanel(map, document.getElementById('vessel-panel'), alerts);
  const incidentTab = document.getElementById('tab-incidents');
  const incidentBadge = incidentTab.querySelector('.tab-badge');
  let unacknowledgedFires = 0;
  const renderIncidentBadge = () => {
    incidentBadge.hidden = unacknowledgedFires === 0;
    incidentBadge.textContent = formatNumber(unacknowledgedFires);
    incidentBadge.title = t('incidents.badge', { count: formatNumber(unacknowledgedFires) });
  };
  onLangChange(renderIncidentBadge);
  const incidentPanel = document.getElementById('incident-panel');
  incidents = new IncidentDesk(map, incidentPanel, document.getElementById('incident-banner'), {
    openTab: () => {
      if (incidentTab.getAttribute('aria-selected') !== 'true') {
        incidentTab.click();
      }
    },
    onUnacknowledged: (count) => {
      unacknowledgedFires = count;
      renderIncidentBadge();
    },
  });
  initTabs();
  onSessionChange(() => reload());
  onSignInAttempt(expectReload);

  reload().then(resolveBoot, resolveBoot);
  if (!currentSession()) {
    openSignIn();
  }
}

/** The panel's tabs: the layer list, the query tool, vessels and fences; arrow keys move between them. */
function initTabs() {
  const all = [...document.querySelectorAll('.panel-tab')];
  const select = (selected) => {
    for (const tab of all) {
      const isSelected = tab === selected;
      tab.setAttribute('aria-selected', String(isSelected));
      tab.tabIndex = isSelected ? 0 : -1;
      document.getElementById(tab.getAttribute('aria-controls')).hidden = !isSelected;
    }
    queryTool.setOpen(selected.id === 'tab-query');
  };
  all.forEach((tab) => {
    tab.addEventListener('click', () => select(tab));
    tab.addEventListener('keydown', (event) => {
      const step = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
      if (step) {
        const tabs = all.filter((other) => !other.hidden);
        const index = tabs.indexOf(tab);
        const next = tabs[(index + step + tabs.length) % tabs.length];
        select(next);
        next.focus();
      }
    });
  });
}

function renderLangSwitch() {
  const button = document.getElementById('lang-switch');
  button.querySelector('.lang-code').textContent = t('lang.switch.label');
  button.title = t('lang.switch.title');
  button.setAttribute('aria-label', t('lang.switch.title'));
  document.title = t('app.title');
}

boot();
