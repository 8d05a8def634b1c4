// Feature popups: the layer's title, then every attribute the server listed for the caller's role,
// labelled with the attribute's title in the current language and formatted for the user's locale.
// Empty values are left out.

import { formatDate, formatDateTime, formatNumber, localized, t } from './i18n.js';
import { smallIconHtml } from './icons.js';
import { ruleFor, symbolFor } from './style.js';

// Identifiers are shown without thousands separators even when they are numbers (MMSI 574001234).
const IDENTIFIER = /(^|_)(id|code|mmsi|imo|no|number|year|phone)$/i;

// Attributes whose values are codes worth showing beside their titles.
const CODE = /(^|_)code$/i;

// Unit codes of the schemas shown as their usual symbols; anything else is shown as sent.
const UNIT_SYMBOLS = { deg: '°', degC: '°C', m2: 'm²', km2: 'km²', m3: 'm³', 'ug/m3': 'µg/m³', 'mg/m3': 'mg/m³', pct: '%' };

/** Returns the display form of a unit code (deg → °, m2 → m²). */
export function unitSymbol(unit) {
  const text = localized(unit);
  return UNIT_SYMBOLS[text] || text;
}

/** Tests whether a property value counts as empty (and is then not shown). */
export function isEmpty(value) {
  return value == null || value === '' || (Array.isArray(value) && value.length === 0);
}

/** Returns the text shown for one attribute value; layer gives the style (rule titles for coded values). */
export function formatValue(attribute, value, layer) {
  const style = layer.style;
  if (style?.property === attribute.name) {
    const rule = ruleFor(style, value);
    if (rule?.title) {
      // A code attribute (land_use_code) keeps its code next to the title; a status shows its title only.
      const title = localized(rule.title, String(value));
      return CODE.test(attribute.name) && title !== String(value) ? `${value} – ${title}` : title;
    }
  }
  const coded = attribute.values?.[value];
  if (coded) {
    return localized(coded, String(value));
  }
  let text;
  switch (attribute.type) {
    case 'datetime':
      text = formatDateTime(value);
      break;
    case 'date':
      text = formatDate(value);
      break;
    case 'integer':
    case 'number': {
      const number = Number(value);
      if (!Number.isFinite(number)) {
        text = String(value);
      } else if (attribute.type === 'integer') {
        text = formatNumber(number, { maximumFractionDigits: 0, useGrouping: !IDENTIFIER.test(attribute.name) });
      } else {
        text = formatNumber(number, { maximumFractionDigits: Math.abs(number) < 10 ? 3 : 2 });
      }
      break;
    }
    case 'boolean':
      text = value === true || value === 'true' ? t('value.true') : t('value.false');
      break;
    default:
      if (Array.isArray(value)) {
        text = value.map((v) => (typeof v === 'object' ? JSON.stringify(v) : String(v))).join(', ');
      } else if (typeof value === 'object') {
        text = JSON.stringify(value);
      } else {
        text = String(value);
      }
  }
  const unit = attribute.unit ? unitSymbol(attribute.unit) : '';
  return unit ? `${text}${/^[°%‰]$/.test(unit) ? '' : '\u00a0'}${unit}` : text;
}

/** Returns the popup content element (data-testid="popup") for a feature of a layer. */
export function popupContent(layer, feature) {
  const root = document.createElement('div');
  root.className = 'feature-popup';
  root.dataset.testid = 'popup';
  root.dataset.layer = layer.id;

  const head = document.createElement('div');
  head.className = 'popup-head';
  const symbol = symbolFor(layer.style, feature.properties);
  head.innerHTML = smallIconHtml(layer.style?.icon, symbol?.fill);
  const title = document.createElement('span');
  title.className = 'popup-title';
  title.textContent = localized(layer.title, layer.id);
  head.append(title);
  root.append(head);

  const table = document.createElement('table');
  table.className = 'popup-attributes';
  const properties = feature.properties || {};
  const links = layer.kind === 'camera' ? cameraLinks(properties) : null;
  for (const attribute of layer.attributes || []) {
    const value = properties[attribute.name];
    if (isEmpty(value) || (links && CAMERA_LINKS[attribute.name])) {
      continue;
    }
    const row = table.insertRow();
    row.dataset.attribute = attribute.name;
    const th = document.createElement('th');
    th.scope = 'row';
    th.textContent = localized(attribute.title, attribute.name);
    const td = document.createElement('td');
    td.textContent = formatValue(attribute, value, layer);
    row.append(th, td);
  }
  if (table.rows.length > 0) {
    root.append(table);
  } else {
    const none = document.createElement('p');
    none.className = 'popup-none';
    none.textContent = t('popup.noAttributes');
    root.append(none);
  }
  if (links) {
    root.append(links);
  }
  return root;
}

// A camera's video addresses, shown as links rather than as text: the attribute, its label and its test id.
const CAMERA_LINKS = {
  stream_url: { label: 'camera.stream', testid: 'camera-stream' },
  snapshot_url: { label: 'camera.snapshot', testid: 'camera-snapshot' },
};

// Only addresses a camera gateway serves: rtsp(s) and http(s) with a host, or a path on this server. Anything else
// (javascript:, data:) is not made a link.
const SAFE_URL = /^(?:(?:rtsps?|https?):\/\/[^\s/]+|\/(?!\/))\S*$/i;

/** Returns the links to a camera's live video and snapshot (data-testid="camera-links"); null when it has none. */
export function cameraLinks(properties) {
  const box = document.createElement('div');
  box.className = 'popup-links';
  box.dataset.testid = 'camera-links';
  for (const [name, link] of Object.entries(CAMERA_LINKS)) {
    const url = properties[name];
    if (typeof url !== 'string' || !SAFE_URL.test(url)) {
      continue;
    }
    const a = document.createElement('a');
    a.href = url;
    a.target = '_blank';
    a.rel = 'noopener noreferrer';
    a.dataset.testid = link.testid;
    a.textContent = t(link.label);
    a.title = url;
    box.append(a);
  }
  if (properties.status === 'offline' && box.childElementCount > 0) {
    const note = document.createElement('span');
    note.className = 'popup-links-note';
    note.textContent = t('camera.offline');
    box.append(note);
  }
  return box.childElementCount > 0 ? box : null;
}

/**
 * Binds a popup to a Leaflet layer that is rebuilt each time it opens (so it follows the language), from the
 * layer's current feature (leafletLayer.feature, which live updates replace) or else from feature.
 */
export function bindFeaturePopup(leafletLayer, layer, feature) {
  leafletLayer.bindPopup(() => popupContent(layer, leafletLayer.feature ?? feature), {
    maxWidth: 360,
    minWidth: 220,
    className: 'iocmap-popup',
    autoPanPaddingTopLeft: L.point(20, 60),
  });
}
