// Boots the page: reads /api/config, builds the map and the basemap, signs in (or not), loads the layers,
// and exposes window.iocmap for real-browser tests.

import { getJson, showError } from './api.js';
import { currentSession, initAuth, onSessionChange, onSignInAttempt, openSignIn } from './auth.js';
import { addBasemap } from './basemap.js';
import { applyStatic, lang, onLangChange, t, toggleLang } from './i18n.js';
import { LayerManager } from './layers.js';

/** Used when /api/config cannot be read: Khánh Hòa, offline basemap. */
const FALLBACK_CONFIG = { basemapUrl: null, basemapAttribution: null, center: [109.19, 12.24], zoom: 9, demo: false };

/** Converts an API position [longitude, latitude] to Leaflet's [latitude, longitude]; the only place that does. */
export function toLatLng([lon, lat]) {
  return L.latLng(lat, lon);
}

let layers = null;
let ready = null;
let pendingReady = null; // resolves a ready promise handed out before its reload could start

function reload() {
  const loading = layers.load({ anonymous: !currentSession() });
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

  const map = L.map('map', {
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
  onSessionChange(() => reload());
  onSignInAttempt(expectReload);

  reload().then(resolveBoot, resolveBoot);
  if (!currentSession()) {
    openSignIn();
  }
}

function renderLangSwitch() {
  const button = document.getElementById('lang-switch');
  button.querySelector('.lang-code').textContent = t('lang.switch.label');
  button.title = t('lang.switch.title');
  button.setAttribute('aria-label', t('lang.switch.title'));
  document.title = t('app.title');
}

boot();
