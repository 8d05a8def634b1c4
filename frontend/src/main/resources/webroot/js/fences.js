// Geofences: the latest version of each fence drawn on the map in the style of its kind, with a popup (name, kind,
// version, schedule) and a list in the panel. Fisheries officers and administrators draw a new fence (an area or a
// line) with leaflet-draw, give it a name and a kind and save it; change a fence's name, kind or shape, which the
// server keeps as a new version; and remove a fence after confirming. The server's explanation of a refusal
// (problem+json detail) is shown under the form.

import { ApiError, authToken, errorDetail, errorMessage, getJson, postJson } from './api.js';
import { formatDate, formatDateTime, has, lang, onLangChange, t } from './i18n.js';

export const FENCE_KINDS = ['NO_FISHING_ZONE', 'PROTECTED_AREA', 'FOREIGN_WATERS', 'TERRITORIAL_SEA', 'PORT', 'CUSTOM'];

/** Colours by kind: red for closed areas, purple for foreign waters, blue for own waters, green for protected. */
const KIND_STYLE = {
  NO_FISHING_ZONE: { color: '#c62828', fillColor: '#ef5350', dashArray: null },
  PROTECTED_AREA: { color: '#2e7d32', fillColor: '#66bb6a', dashArray: null },
  FOREIGN_WATERS: { color: '#6a1b9a', fillColor: '#ab47bc', dashArray: '6 4' },
  TERRITORIAL_SEA: { color: '#1565c0', fillColor: '#42a5f5', dashArray: '10 5' },
  PORT: { color: '#00838f', fillColor: '#26c6da', dashArray: null },
  CUSTOM: { color: '#5d4037', fillColor: '#a1887f', dashArray: '4 4' },
};

const DRAW_COLOUR = '#ff6d00';

/**
 * Returns Leaflet fitBounds options that keep what is shown clear of the alert feed over the map's right side.
 */
export function fitOptions(maxZoom = 14) {
  const feed = document.getElementById('alert-feed');
  const right = feed && !feed.hidden ? feed.offsetWidth + 30 : 40;
  return { paddingTopLeft: [40, 40], paddingBottomRight: [right, 40], maxZoom, animate: false };
}

/** Returns the translated name of a fence kind. */
export function fenceKindTitle(kind) {
  return FENCE_KINDS.includes(kind) ? t(`fences.kind.${kind}`) : String(kind ?? '');
}

/** Returns the path style of a fence of this kind (lines get no fill). */
export function fenceStyle(kind, geometryType) {
  const style = KIND_STYLE[kind] || KIND_STYLE.CUSTOM;
  const line = /LineString$/.test(geometryType || '');
  return {
    color: style.color,
    weight: line ? 3 : 2,
    opacity: 0.9,
    dashArray: style.dashArray,
    fillColor: style.fillColor,
    fillOpacity: line ? 0 : 0.12,
  };
}

export class FenceManager {
  /** Draws on map; the panel (list and forms) goes into element. */
  constructor(map, element) {
    this.map = map;
    this.element = element;
    this.fences = new Map(); // id → latest version as the list gives it
    this.shapes = new Map(); // id → L.GeoJSON
    this.enabled = false;
    this.canWrite = false;
    this.visible = true;
    this.form = null; // {mode: 'create' | 'edit', id, layer (the drawn or edited shape), geometryType, error}
    this.drawer = null;
    this.confirmDelete = null;
    this.loading = null;
    this.counter = 0;
    const pane = map.getPane('fences') || map.createPane('fences');
    pane.style.zIndex = '430';
    const drawPane = map.getPane('fence-draft') || map.createPane('fence-draft');
    drawPane.style.zIndex = '645';
    // leaflet-draw puts its corner handles in the marker pane: above every layer's points, the track and the
    // shape being drawn, so a click on a corner reaches it (below tooltips and popups).
    map.getPane('markerPane').style.zIndex = '648';
    this.group = L.featureGroup([], { pane: 'fences' });
    this.draft = L.featureGroup([], { pane: 'fence-draft' }).addTo(map);
    map.on(L.Draw.Event.CREATED, (event) => this.drawn(event.layer, event.layerType));
    map.on(L.Draw.Event.DRAWSTOP, () => {
      this.drawer = null;
      this.restoreDoubleClickZoom();
      this.render();
    });
    this.localizeDraw();
    onLangChange(() => {
      this.localizeDraw();
      this.render();
      this.redraw();
    });
  }

  /** Shows the fences for a session that may read them (write: may also change them), or hides them. */
  async setSession({ read, write }) {
    this.cancelForm();
    this.enabled = read;
    this.canWrite = write;
    this.fences.clear();
    this.group.clearLayers();
    this.shapes.clear();
    this.group.remove();
    if (!read) {
      this.render();
      return;
    }
    if (this.visible) {
      this.group.addTo(this.map);
    }
    await this.reload();
  }

  /** Reads the list again and redraws; resolves when drawn. */
  reload() {
    const generation = ++this.counter;
    this.loading = (async () => {
      this.render();
      try {
        const answer = await getJson('api/geofences');
        if (generation !== this.counter) {
          return;
        }
        this.fences.clear();
        for (const fence of answer.geofences || []) {
          this.fences.set(fence.id, fence);
        }
        this.error = null;
      } catch (error) {
        if (generation === this.counter) {
          this.error = error;
        }
      }
      if (generation === this.counter) {
        this.redraw();
        this.loading = null;
        this.render();
      }
    })();
    return this.loading;
  }

  redraw() {
    this.group.clearLayers();
    this.shapes.clear();
    for (const fence of this.sorted()) {
      if (this.form?.mode === 'edit' && this.form.id === fence.id) {
        continue; // drawn by the edit form while it is open
      }
      const shape = L.geoJSON(fence.geometry, {
        pane: 'fences',
        style: () => fenceStyle(fence.kind, fence.geometry?.type),
        bubblingMouseEvents: false,
      });
      shape.eachLayer((layer) => {
        layer.options.className = 'fence-shape';
        layer.getElement?.()?.setAttribute('data-fence', fence.id);
      });
      shape.bindPopup(() => this.popupContent(fence), { maxWidth: 320 });
      shape.on('add', () => shape.eachLayer((layer) => layer.getElement?.()?.setAttribute('data-fence', fence.id)));
      shape.addTo(this.group);
      this.shapes.set(fence.id, shape);
    }
  }

  sorted() {
    return [...this.fences.values()].sort(
      (a, b) => FENCE_KINDS.indexOf(a.kind) - FENCE_KINDS.indexOf(b.kind) || String(a.name).localeCompare(String(b.name), lang()),
    );
  }

  popupContent(fence) {
    const root = document.createElement('div');
    root.className = 'fence-popup';
    const title = document.createElement('div');
    title.className = 'popup-title';
    title.textContent = fence.name;
    const table = document.createElement('table');
    table.className = 'popup-table';
    const row = (label, value) => {
      const tr = document.createElement('tr');
      const th = document.createElement('th');
      th.textContent = label;
      const td = document.createElement('td');
      td.textContent = value;
      tr.append(th, td);
      table.append(tr);
    };
    row(t('fences.kind'), fenceKindTitle(fence.kind));
    row(t('fences.version'), t('fences.versionOf', { version: fence.version, count: fence.versionCount ?? fence.version }));
    if (fence.effectiveFrom) {
      row(t('fences.effectiveFrom'), formatDateTime(fence.effectiveFrom));
    }
    row(t('fences.schedule'), scheduleText(fence.schedule));
    if (Array.isArray(fence.vesselClasses) && fence.vesselClasses.length > 0) {
      row(t('fences.vesselClasses'), fence.vesselClasses.map((c) => vesselClassTitle(c)).join(', '));
    }
    root.append(title, table);
    return root;
  }

  setVisible(visible) {
    this.visible = visible;
    if (visible && this.enabled) {
      this.group.addTo(this.map);
    } else {
      this.group.remove();
    }
    this.render();
  }

  // ---- drawing and forms ----

  /** Starts drawing a new fence: 'polygon' or 'polyline'. */
  startDrawing(type) {
    this.cancelForm();
    const shapeOptions = { color: DRAW_COLOUR, weight: 3, opacity: 0.9, fillOpacity: 0.15, pane: 'fence-draft', interactive: false };
    this.drawer = type === 'polyline'
      ? new L.Draw.Polyline(this.map, { shapeOptions: { ...shapeOptions, fill: false }, showLength: false })
      : new L.Draw.Polygon(this.map, { shapeOptions, allowIntersection: false, showArea: false });
    this.drawerType = type;
    // Corners clicked in quick succession would otherwise be a double-click, which zooms the map in.
    if (this.map.doubleClickZoom.enabled()) {
      this.map.doubleClickZoom.disable();
      this.doubleClickZoomOff = true;
    }
    this.drawer.enable();
    this.render();
  }

  /** Gives the map its double-click zoom back, once a double-click that ended the drawing has passed. */
  restoreDoubleClickZoom() {
    if (this.doubleClickZoomOff) {
      this.doubleClickZoomOff = false;
      window.setTimeout(() => {
        if (!this.drawer) {
          this.map.doubleClickZoom.enable();
        }
      }, 500);
    }
  }

  stopDrawing() {
    this.drawer?.disable();
    this.drawer = null;
    this.render();
  }

  drawn(layer, type) {
    this.drawer = null;
    this.draft.clearLayers();
    layer.addTo(this.draft);
    this.form = { mode: 'create', id: null, layer, geometryType: type === 'polyline' ? 'LineString' : 'Polygon', error: null, name: '', kind: 'NO_FISHING_ZONE' };
    this.render();
    this.element.querySelector('[data-testid="fence-name"]')?.focus();
  }

  /** Opens the edit form of a fence: its name and kind, and its shape made editable where leaflet-draw can. */
  startEdit(id) {
    const fence = this.fences.get(id);
    if (!fence) {
      return;
    }
    this.cancelForm();
    const geometry = fence.geometry;
    const editable = geometry?.type === 'Polygon' || geometry?.type === 'LineString';
    let layer = null;
    if (editable) {
      const coordinates = geometry.type === 'Polygon' ? geometry.coordinates.map((ring) => ring.slice(0, -1)) : geometry.coordinates;
      const latlngs = geometry.type === 'Polygon'
        ? coordinates.map((ring) => ring.map(([lon, lat]) => L.latLng(lat, lon)))
        : coordinates.map(([lon, lat]) => L.latLng(lat, lon));
      const style = { ...fenceStyle(fence.kind, geometry.type), pane: 'fence-draft', color: DRAW_COLOUR, interactive: false };
      layer = geometry.type === 'Polygon' ? L.polygon(latlngs, style) : L.polyline(latlngs, style);
      layer.addTo(this.draft);
      layer.editing.enable();
    }
    this.form = { mode: 'edit', id, layer, geometryType: geometry?.type, editable, error: null, name: fence.name, kind: fence.kind };
    this.redraw();
    this.render();
    if (layer) {
      this.map.fitBounds(layer.getBounds(), fitOptions());
    }
  }

  cancelForm() {
    this.drawer?.disable();
    this.drawer = null;
    if (this.form?.layer?.editing?.enabled()) {
      this.form.layer.editing.disable();
    }
    const wasEdit = this.form?.mode === 'edit';
    this.form = null;
    this.confirmDelete = null;
    this.draft.clearLayers();
    if (wasEdit) {
      this.redraw();
    }
    this.render();
  }

  /** Returns the GeoJSON geometry of the form's shape. */
  formGeometry() {
    const { layer } = this.form;
    if (!layer) {
      return this.fences.get(this.form.id)?.geometry;
    }
    return layer.toGeoJSON(7).geometry;
  }

  async save(name, kind) {
    const form = this.form;
    form.name = name;
    form.kind = kind;
    form.error = null;
    if (!name.trim()) {
      form.error = { message: t('fences.error.name'), detail: '' };
      this.render();
      return;
    }
    form.saving = true;
    this.render();
    try {
      let saved;
      if (form.mode === 'create') {
        saved = await postJson('api/geofences', { name: name.trim(), kind, geometry: this.formGeometry() });
      } else {
        const current = this.fences.get(form.id) || {};
        const body = { name: name.trim(), kind, geometry: this.formGeometry() };
        for (const member of ['schedule', 'vesselClasses', 'rules']) {
          if (current[member] != null) {
            body[member] = current[member];
          }
        }
        saved = await sendJson('PUT', `api/geofences/${encodeURIComponent(form.id)}`, body);
      }
      this.lastSaved = { id: saved.id ?? form.id, version: saved.version, mode: form.mode };
      if (form.layer?.editing?.enabled()) {
        form.layer.editing.disable();
      }
      this.form = null;
      this.draft.clearLayers();
      await this.reload();
    } catch (error) {
      form.saving = false;
      form.error = { message: errorMessage(error), detail: errorDetail(error), parameter: error.problem?.parameter };
      this.render();
    }
  }

  async remove(id) {
    try {
      await sendJson('DELETE', `api/geofences/${encodeURIComponent(id)}`);
      this.confirmDelete = null;
      this.lastRemoved = id;
      await this.reload();
    } catch (error) {
      this.confirmDelete = null;
      this.error = error;
      this.render();
    }
  }

  zoomTo(id) {
    const shape = this.shapes.get(id);
    if (shape) {
      this.map.fitBounds(shape.getBounds(), fitOptions());
      shape.openPopup();
    }
  }

  // ---- panel ----

  render() {
    const root = this.element;
    root.replaceChildren();
    if (!this.enabled) {
      root.append(note(t('fences.noAccess'), 'panel-note'));
      return;
    }
    const top = document.createElement('div');
    top.className = 'fence-top';
    const show = document.createElement('label');
    show.className = 'fence-show';
    const checkbox = document.createElement('input');
    checkbox.type = 'checkbox';
    checkbox.checked = this.visible;
    checkbox.dataset.testid = 'fences-visible';
    checkbox.addEventListener('change', () => this.setVisible(checkbox.checked));
    show.append(checkbox, document.createTextNode(` ${t('fences.show')}`));
    top.append(show);
    root.append(top);

    if (this.canWrite) {
      const actions = document.createElement('div');
      actions.className = 'fence-actions';
      if (this.drawer) {
        const hint = note(t(this.drawerType === 'polyline' ? 'fences.hint.line' : 'fences.hint.polygon'), 'fence-hint');
        hint.dataset.testid = 'fence-hint';
        const cancel = button(t('fences.cancel'), 'small-button', 'fence-draw-cancel', () => this.stopDrawing());
        actions.append(hint, cancel);
      } else if (!this.form) {
        actions.append(
          button(t('fences.drawPolygon'), 'small-button', 'fence-draw-polygon', () => this.startDrawing('polygon')),
          button(t('fences.drawLine'), 'small-button', 'fence-draw-line', () => this.startDrawing('polyline')),
        );
      }
      root.append(actions);
    }
    if (this.form) {
      root.append(this.renderForm());
    }
    if (this.error) {
      const error = note(`${errorMessage(this.error)} ${errorDetail(this.error)}`.trim(), 'panel-note error');
      error.dataset.testid = 'fences-error';
      root.append(error);
    }
    const list = document.createElement('ul');
    list.className = 'fence-list';
    list.dataset.testid = 'fence-list';
    if (this.loading && this.fences.size === 0) {
      root.append(note(t('fences.loading'), 'panel-note loading'));
    } else if (this.fences.size === 0) {
      root.append(note(t('fences.empty'), 'panel-note'));
    }
    for (const fence of this.sorted()) {
      list.append(this.renderFence(fence));
    }
    root.append(list);
  }

  renderFence(fence) {
    const li = document.createElement('li');
    li.className = 'fence-item';
    li.dataset.testid = `fence-${fence.id}`;
    li.dataset.fence = fence.id;
    const swatch = document.createElement('span');
    swatch.className = 'fence-swatch';
    const style = fenceStyle(fence.kind, fence.geometry?.type);
    swatch.style.borderColor = style.color;
    swatch.style.background = /LineString$/.test(fence.geometry?.type || '') ? 'transparent' : style.fillColor;
    const text = document.createElement('button');
    text.type = 'button';
    text.className = 'fence-text';
    text.title = t('fences.zoom');
    text.addEventListener('click', () => this.zoomTo(fence.id));
    const name = document.createElement('span');
    name.className = 'fence-name';
    name.textContent = fence.name;
    const meta = document.createElement('span');
    meta.className = 'fence-meta';
    meta.dataset.testid = `fence-meta-${fence.id}`;
    meta.textContent = `${fenceKindTitle(fence.kind)} · ${t('fences.versionShort', { version: fence.version })}`;
    text.append(name, meta);
    li.append(swatch, text);
    if (this.canWrite && !this.form && !this.drawer) {
      const tools = document.createElement('span');
      tools.className = 'fence-tools';
      if (this.confirmDelete === fence.id) {
        const ask = document.createElement('span');
        ask.className = 'fence-confirm';
        ask.textContent = t('fences.confirmDelete');
        tools.append(
          ask,
          button(t('fences.delete'), 'small-button danger', `fence-delete-confirm-${fence.id}`, () => this.remove(fence.id)),
          button(t('fences.cancel'), 'small-button', `fence-delete-cancel-${fence.id}`, () => {
            this.confirmDelete = null;
            this.render();
          }),
        );
      } else {
        tools.append(
          button(t('fences.edit'), 'small-button', `fence-edit-${fence.id}`, () => this.startEdit(fence.id)),
          button(t('fences.delete'), 'small-button', `fence-delete-${fence.id}`, () => {
            this.confirmDelete = fence.id;
            this.render();
          }),
        );
      }
      li.append(tools);
    }
    return li;
  }

  renderForm() {
    const form = document.createElement('form');
    form.className = 'fence-form';
    form.noValidate = true;
    form.dataset.testid = 'fence-form';
    const heading = document.createElement('h3');
    heading.textContent = this.form.mode === 'create' ? t('fences.new') : t('fences.editTitle', { name: this.fences.get(this.form.id)?.name ?? '' });
    form.append(heading);
    if (this.form.mode === 'edit') {
      form.append(note(this.form.editable ? t('fences.hint.edit') : t('fences.hint.noShapeEdit'), 'fence-hint'));
    }
    const nameField = document.createElement('label');
    nameField.className = 'field';
    const nameLabel = document.createElement('span');
    nameLabel.textContent = t('fences.name');
    const name = document.createElement('input');
    name.type = 'text';
    name.maxLength = 200;
    name.value = this.form.name ?? '';
    name.dataset.testid = 'fence-name';
    nameField.append(nameLabel, name);
    const kindField = document.createElement('label');
    kindField.className = 'field';
    const kindLabel = document.createElement('span');
    kindLabel.textContent = t('fences.kind');
    const kind = document.createElement('select');
    kind.dataset.testid = 'fence-kind';
    for (const value of FENCE_KINDS) {
      const option = document.createElement('option');
      option.value = value;
      option.textContent = fenceKindTitle(value);
      kind.append(option);
    }
    kind.value = this.form.kind ?? 'NO_FISHING_ZONE';
    kindField.append(kindLabel, kind);
    form.append(nameField, kindField);
    if (this.form.error) {
      const error = document.createElement('div');
      error.className = 'form-error';
      error.setAttribute('role', 'alert');
      error.dataset.testid = 'fence-error';
      const head = document.createElement('strong');
      head.textContent = this.form.error.message;
      error.append(head);
      if (this.form.error.detail) {
        const detail = document.createElement('div');
        detail.textContent = this.form.error.parameter ? `${this.form.error.parameter}: ${this.form.error.detail}` : this.form.error.detail;
        error.append(detail);
      }
      form.append(error);
    }
    const actions = document.createElement('div');
    actions.className = 'query-actions';
    const save = document.createElement('button');
    save.type = 'submit';
    save.className = 'primary';
    save.dataset.testid = 'fence-save';
    save.textContent = this.form.saving ? t('fences.saving') : t('fences.save');
    save.disabled = Boolean(this.form.saving);
    const cancel = button(t('fences.cancel'), 'secondary', 'fence-cancel', () => this.cancelForm());
    actions.append(save, cancel);
    form.append(actions);
    const keep = () => {
      this.form.name = name.value;
      this.form.kind = kind.value;
    };
    name.addEventListener('input', keep);
    kind.addEventListener('change', keep);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.save(name.value, kind.value);
    });
    return form;
  }

  /** Sets leaflet-draw's own texts (tooltips while drawing) in the page's language. */
  localizeDraw() {
    const local = L.drawLocal;
    if (!local) {
      return;
    }
    const h = local.draw.handlers;
    h.polygon.tooltip.start = t('fences.draw.start');
    h.polygon.tooltip.cont = t('fences.draw.contPolygon');
    h.polygon.tooltip.end = t('fences.draw.endPolygon');
    h.polyline.tooltip.start = t('fences.draw.start');
    h.polyline.tooltip.cont = t('fences.draw.contLine');
    h.polyline.tooltip.end = t('fences.draw.endLine');
    h.polyline.error = t('fences.draw.intersect');
    local.edit.handlers.edit.tooltip.text = t('fences.hint.edit');
    local.edit.handlers.edit.tooltip.subtext = '';
  }

  /** Returns the fences drawn now, for tests: [{id, name, kind, version, versionCount, geometryType}]. */
  status() {
    return {
      loading: Boolean(this.loading),
      drawing: Boolean(this.drawer),
      form: this.form ? { mode: this.form.mode, id: this.form.id, error: this.form.error } : null,
      lastSaved: this.lastSaved ?? null,
      fences: this.sorted().map((f) => ({
        id: f.id, name: f.name, kind: f.kind, version: f.version, versionCount: f.versionCount, geometryType: f.geometry?.type,
        drawn: this.shapes.has(f.id) && this.map.hasLayer(this.shapes.get(f.id)),
      })),
    };
  }

  /** Returns the page positions of the vertices of the shape being edited, [] while the map moves (for tests). */
  editVertices() {
    const layer = this.form?.layer;
    if (!layer || this.map._animatingZoom || this.map._panAnim?._inProgress) {
      return [];
    }
    const rect = this.map.getContainer().getBoundingClientRect();
    const flat = L.LineUtil.isFlat(layer.getLatLngs()) ? layer.getLatLngs() : layer.getLatLngs()[0];
    return flat.map((latlng) => {
      const p = this.map.latLngToContainerPoint(latlng);
      return { x: rect.left + p.x + window.scrollX, y: rect.top + p.y + window.scrollY };
    });
  }
}

/** PUT and DELETE with the session's token; resolves to the JSON answer (or null for 204). */
async function sendJson(method, url, body) {
  const headers = { Accept: 'application/json, application/problem+json' };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  const token = authToken();
  if (token) {
    headers.Authorization = `Bearer ${token}`;
  }
  let response;
  try {
    response = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (e) {
    throw new ApiError(0, null, url);
  }
  if (!response.ok) {
    let problem = null;
    try {
      problem = await response.json();
    } catch (e) {
      // not JSON
    }
    throw new ApiError(response.status, problem, url);
  }
  return response.status === 204 ? null : response.json();
}

/** Returns a schedule as text: "always", or its windows (day ranges, with hours when given). */
export function scheduleText(schedule) {
  const windows = schedule?.windows || [];
  if (windows.length === 0) {
    return t('fences.schedule.always');
  }
  return windows
    .map((w) => {
      const days = t('fences.schedule.window', { from: monthDay(w.from), to: monthDay(w.to) });
      return w.dailyStart ? `${days}, ${w.dailyStart}–${w.dailyEnd}` : days;
    })
    .join('; ');
}

function monthDay(value) {
  const match = /^(\d{2})-(\d{2})$/.exec(String(value));
  if (!match) {
    return String(value);
  }
  const date = formatDate(`2000-${match[1]}-${match[2]}`);
  return date.replace(/[./-]?2000$/, '').replace(/^2000[./-]?/, '');
}

function vesselClassTitle(value) {
  return has(`fences.class.${value}`) ? t(`fences.class.${value}`) : String(value);
}

function button(text, className, testid, onClick) {
  const b = document.createElement('button');
  b.type = 'button';
  b.className = className;
  b.dataset.testid = testid;
  b.textContent = text;
  b.addEventListener('click', onClick);
  return b;
}

function note(text, className) {
  const p = document.createElement('p');
  p.className = className;
  p.textContent = text;
  return p;
}
