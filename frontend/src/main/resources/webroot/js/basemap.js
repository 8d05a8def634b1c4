// The background map: a configured tile server, or the offline basemap shipped in basemap/ (see
// basemap/DATA-SOURCES.md). The offline basemap is drawn on one canvas, in this order: the sea (the map's
// background colour), Viet Nam's land and territorial sea tint, neighbouring land, Viet Nam's land,
// province boundaries, the territorial-sea limit, and the Hoàng Sa and Trường Sa archipelagos drawn the
// same way as the territorial sea; labels (provinces, seas, archipelagos, islands) lie above it.

import { lang, localized, onLangChange, t } from './i18n.js';

const FILES = ['land', 'territorial-sea', 'provinces', 'seas', 'archipelagos'];

const COLOURS = {
  neighbourLand: '#e7e3da',
  neighbourCoast: '#b5b0a5',
  land: '#f8f5ee',
  coast: '#6f93ad',
  province: '#b39b87',
  territorialSea: '#c6dcec',
  territorialLimit: '#2f6f9f',
  island: '#f8f5ee',
};

/** Zoom ranges (inclusive) in which each kind of label is shown. */
const LABEL_ZOOMS = {
  sea: [4, 9],
  archipelago: [5, 18],
  island: [8, 18],
  province: [8, 18],
};

/**
 * Adds the background map: L.tileLayer(config.basemapUrl) when one is configured, else the offline
 * basemap. Resolves when the offline files are drawn (at once for tiles); a failure leaves the plain
 * sea colour and is reported on the console only, since overlays remain usable.
 */
export function addBasemap(map, config) {
  if (config.basemapUrl) {
    L.tileLayer(config.basemapUrl, {
      attribution: config.basemapAttribution || '',
      maxZoom: 19,
      crossOrigin: true,
    }).addTo(map);
    return Promise.resolve();
  }
  return addOfflineBasemap(map);
}

async function addOfflineBasemap(map) {
  map.getContainer().classList.add('offline-basemap');
  const basePane = map.createPane('basemap');
  basePane.style.zIndex = 150;
  const labelPane = map.createPane('basemap-labels');
  labelPane.style.zIndex = 380;
  labelPane.style.pointerEvents = 'none';
  const renderer = L.canvas({ pane: 'basemap', padding: 0.3 });

  const attribution = new BasemapAttribution(map);
  onLangChange(() => attribution.update());

  let data;
  try {
    data = Object.fromEntries(
      await Promise.all(
        FILES.map(async (name) => {
          const response = await fetch(`basemap/${name}.geojson`);
          if (!response.ok) {
            throw new Error(`basemap/${name}.geojson: HTTP ${response.status}`);
          }
          return [name, await response.json()];
        }),
      ),
    );
  } catch (e) {
    console.error('iocmap: offline basemap not drawn', e);
    return;
  }

  const common = { renderer, pane: 'basemap', interactive: false, bubblingMouseEvents: false };
  const part = (geojson, filter, style) => L.geoJSON(geojson, { ...common, filter, style }).addTo(map);

  part(data['territorial-sea'], (f) => f.properties.kind === 'area', () => ({
    stroke: false, fillColor: COLOURS.territorialSea, fillOpacity: 1,
  }));
  part(data.land, (f) => !f.properties.vn, () => ({
    color: COLOURS.neighbourCoast, weight: 0.6, fillColor: COLOURS.neighbourLand, fillOpacity: 1,
  }));
  part(data.land, (f) => f.properties.vn, () => ({
    color: COLOURS.coast, weight: 0.9, fillColor: COLOURS.land, fillOpacity: 1,
  }));
  part(data.provinces, (f) => f.properties.kind === 'boundary', () => ({
    color: COLOURS.province, weight: 0.8, dashArray: '4 3', opacity: 0.9,
  }));
  part(data['territorial-sea'], (f) => f.properties.kind === 'limit', () => ({
    color: COLOURS.territorialLimit, weight: 1.2, dashArray: '6 4', opacity: 0.85,
  }));
  part(data.archipelagos, (f) => f.properties.kind === 'archipelago', () => ({
    color: COLOURS.territorialLimit, weight: 1.2, dashArray: '6 4', opacity: 0.85,
    fillColor: COLOURS.territorialSea, fillOpacity: 1,
  }));
  L.geoJSON(data.archipelagos, {
    ...common,
    filter: (f) => f.properties.kind === 'island',
    pointToLayer: (f, latlng) => L.circleMarker(latlng, {
      ...common, radius: 2.5, color: COLOURS.coast, weight: 1, fillColor: COLOURS.island, fillOpacity: 1,
    }),
  }).addTo(map);

  const labels = [];
  for (const f of data.seas.features) {
    labels.push(label(f, 'sea', () => localized({ vi: f.properties.name_vi, en: f.properties.name_en }),
      f.properties.rank <= 2 ? 'bm-label-sea bm-label-major' : 'bm-label-sea'));
  }
  for (const f of data.archipelagos.features) {
    const p = f.properties;
    if (p.kind === 'archipelago') {
      const centre = p.label_lon != null ? L.latLng(p.label_lat, p.label_lon) : L.geoJSON(f).getBounds().getCenter();
      labels.push(label({ geometry: { type: 'Point', coordinates: [centre.lng, centre.lat] } }, 'archipelago',
        () => [localized({ vi: p.name_vi, en: p.name_en }), localized({ vi: p.district_vi, en: p.district_en })],
        'bm-label-archipelago'));
    } else if (p.kind === 'island') {
      const entry = label(f, 'island', () => localized({ vi: p.name_vi, en: p.name_en }), 'bm-label-island');
      entry.minZoom = p.label_minzoom ?? LABEL_ZOOMS.island[0];
      labels.push(entry);
    }
  }
  for (const f of data.provinces.features) {
    if (f.properties.kind === 'label') {
      labels.push(label(f, 'province', () => localized({ vi: f.properties.name_vi, en: f.properties.name_en }),
        'bm-label-province'));
    }
  }

  const showLabelsForZoom = () => {
    const zoom = map.getZoom();
    for (const entry of labels) {
      const [min, max] = LABEL_ZOOMS[entry.kind];
      const wanted = zoom >= (entry.minZoom ?? min) && zoom <= max;
      if (wanted && !map.hasLayer(entry.marker)) {
        entry.marker.addTo(map);
      } else if (!wanted && map.hasLayer(entry.marker)) {
        entry.marker.remove();
      }
    }
  };
  map.on('zoomend', showLabelsForZoom);
  showLabelsForZoom();
  onLangChange(() => labels.forEach((entry) => entry.render()));
}

/** Returns a non-interactive text label at a GeoJSON point; text() returns a string or lines. */
function label(feature, kind, text, className) {
  const [lon, lat] = feature.geometry.coordinates;
  const marker = L.marker([lat, lon], {
    pane: 'basemap-labels', interactive: false, keyboard: false,
    icon: L.divIcon({ className: 'bm-label-anchor', iconSize: [0, 0] }),
  });
  const entry = {
    kind,
    marker,
    render() {
      const lines = [].concat(text());
      const html = lines.map((line, i) => `<span class="${i === 0 ? 'l1' : 'l2'}">${escapeHtml(line)}</span>`).join('');
      marker.setIcon(L.divIcon({
        className: 'bm-label-anchor',
        iconSize: [0, 0],
        html: `<div class="bm-label ${className}" lang="${lang()}">${html}</div>`,
      }));
    },
  };
  entry.render();
  return entry;
}

function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Keeps the offline basemap's attribution in the attribution control, in the current language. */
class BasemapAttribution {
  constructor(map) {
    this.control = map.attributionControl;
    this.text = null;
    this.update();
  }

  update() {
    if (!this.control) {
      return;
    }
    if (this.text) {
      this.control.removeAttribution(this.text);
    }
    this.text = escapeHtml(t('basemap.attribution'));
    this.control.addAttribution(this.text);
  }
}
