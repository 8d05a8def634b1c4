// Drawing of the shape a spatial query asks about, with plain map clicks: a point (click; then drag the
// handle), an area (click the corners; double-click, Enter, a click on the first corner or finish() closes
// it) or a line (click its points; double-click, Enter or finish() ends it). While a shape is being drawn
// the features on the map do not take clicks, so a click always lands on the map.

/** Colour of the drawn shape: violet, apart from the layers' colours and the amber of query results. */
const COLOUR = '#6a1b9a';

/** A click this close (CSS px) to the previous point is the second click of a double-click, not a new point. */
const SAME_POINT_PX = 6;

/** A click this close (CSS px) to the first corner of an area closes it. */
const CLOSE_PX = 10;

/** Geometry each drawing mode makes. */
const MIN_POINTS = { point: 1, polygon: 3, line: 2 };

export class Sketch {
  /** Draws on map; onChange() is called whenever the shape, or whether it is complete, changes. */
  constructor(map, { onChange }) {
    this.map = map;
    this.onChange = onChange;
    this.mode = 'point';
    this.points = []; // L.LatLng
    this.complete = false;
    this.active = false;
    this.armed = false;
    this.radius = null; // metres of the circle drawn around a point; null for none
    this.buffer = null; // metres of the corridor drawn along a line; null for none
    this.cursor = null; // the mouse position while drawing an area or a line
    this.disabledDoubleClickZoom = false;

    for (const [name, zIndex, events] of [['query-shape', 644, 'none'], ['query-handle', 655, 'auto']]) {
      const pane = map.getPane(name) || map.createPane(name);
      pane.style.zIndex = String(zIndex);
      pane.style.pointerEvents = events;
    }
    this.group = L.layerGroup().addTo(map);

    this.handlers = {
      click: (e) => this.onClick(e),
      dblclick: (e) => this.onDoubleClick(e),
      mousemove: (e) => this.onMouseMove(e),
      mouseout: () => this.onMouseMove(null),
      zoomend: () => this.render(),
    };
    map.on('zoomend', this.handlers.zoomend);
    this.keyListener = (e) => this.onKey(e);
  }

  /** Sets what is drawn: 'point', 'polygon' or 'line'. A different mode starts a new shape. */
  setMode(mode) {
    if (mode === this.mode) {
      return;
    }
    this.mode = mode;
    this.restart();
  }

  /** Draws a circle of this radius (metres) around a point; null for none. */
  setRadius(metres) {
    this.radius = Number.isFinite(metres) && metres > 0 ? metres : null;
    this.render();
  }

  /** Draws a corridor this wide (metres, each side) along a line; null for none. */
  setBuffer(metres) {
    this.buffer = Number.isFinite(metres) && metres > 0 ? metres : null;
    this.render();
  }

  /** Lets map clicks draw (active) or not; a complete shape takes no clicks either way. */
  setActive(active) {
    this.active = active;
    this.updateArmed();
  }

  /** Forgets the shape and waits for a new one. */
  restart() {
    this.points = [];
    this.complete = false;
    this.cursor = null;
    this.updateArmed();
    this.render();
    this.onChange();
  }

  /** Ends an area or a line that has enough points; returns whether the shape is now complete. */
  finish() {
    if (!this.complete && this.points.length >= MIN_POINTS[this.mode]) {
      this.complete = true;
      this.cursor = null;
      this.updateArmed();
      this.render();
      this.onChange();
    }
    return this.complete;
  }

  /** Tests whether finish() would complete the shape now. */
  canFinish() {
    return !this.complete && this.points.length >= MIN_POINTS[this.mode];
  }

  /**
   * Returns the shape as a GeoJSON geometry (Point, Polygon or LineString, longitude first), or null until it
   * has enough points. An area that is still being drawn counts with the corners it has.
   */
  geometry() {
    if (this.points.length < MIN_POINTS[this.mode]) {
      return null;
    }
    const positions = this.points.map(position);
    switch (this.mode) {
      case 'point':
        return { type: 'Point', coordinates: positions[0] };
      case 'polygon':
        return { type: 'Polygon', coordinates: [[...positions, positions[0]]] };
      default:
        return { type: 'LineString', coordinates: positions };
    }
  }

  /** Returns the bounds of the drawn shape (with its circle or corridor), or null when nothing is drawn. */
  bounds() {
    const bounds = L.latLngBounds(this.points);
    if (this.mode === 'point' && this.points.length > 0 && this.radius) {
      return this.points[0].toBounds(2 * this.radius);
    }
    return bounds.isValid() ? bounds : null;
  }

  updateArmed() {
    const armed = this.active && !this.complete;
    if (armed === this.armed) {
      return;
    }
    this.armed = armed;
    const map = this.map;
    map.getContainer().classList.toggle('iocmap-drawing', armed);
    const events = ['click', 'dblclick', 'mousemove', 'mouseout'];
    if (armed) {
      events.forEach((name) => map.on(name, this.handlers[name]));
      document.addEventListener('keydown', this.keyListener);
      if (map.doubleClickZoom.enabled()) {
        map.doubleClickZoom.disable(); // a double-click ends the shape instead
        this.disabledDoubleClickZoom = true;
      }
    } else {
      events.forEach((name) => map.off(name, this.handlers[name]));
      document.removeEventListener('keydown', this.keyListener);
      if (this.disabledDoubleClickZoom) {
        // Enabled after this double-click's events are over, or its dblclick would still zoom.
        window.setTimeout(() => this.armed || map.doubleClickZoom.enable(), 0);
        this.disabledDoubleClickZoom = false;
      }
      this.cursor = null;
    }
  }

  onClick(e) {
    const latlng = e.latlng.wrap();
    if (this.mode === 'point') {
      this.points = [latlng];
      this.complete = true;
      this.updateArmed();
      this.render();
      this.onChange();
      return;
    }
    const last = this.points[this.points.length - 1];
    if (last && this.pixelDistance(last, latlng) < SAME_POINT_PX) {
      return; // the second click of a double-click
    }
    if (this.mode === 'polygon' && this.points.length >= 3 && this.pixelDistance(this.points[0], latlng) < CLOSE_PX) {
      this.finish();
      return;
    }
    this.points.push(latlng);
    this.render();
    this.onChange();
  }

  onDoubleClick(e) {
    L.DomEvent.stop(e.originalEvent);
    this.finish();
  }

  onMouseMove(e) {
    if (this.mode === 'point' || this.points.length === 0) {
      return;
    }
    this.cursor = e ? e.latlng : null;
    this.renderGuide();
  }

  onKey(e) {
    if (e.target instanceof HTMLElement && e.target.closest('input, textarea, select')) {
      return;
    }
    if (e.key === 'Enter') {
      this.finish();
    } else if (e.key === 'Escape') {
      this.restart();
    } else if (e.key === 'Backspace' && this.points.length > 0) {
      e.preventDefault();
      this.points.pop();
      this.render();
      this.onChange();
    }
  }

  pixelDistance(a, b) {
    return this.map.latLngToContainerPoint(a).distanceTo(this.map.latLngToContainerPoint(b));
  }

  render() {
    this.group.clearLayers();
    this.guide = null;
    const points = this.points;
    if (points.length === 0) {
      return;
    }
    const shape = { pane: 'query-shape', interactive: false, color: COLOUR };
    if (this.mode === 'point') {
      if (this.radius) {
        L.circle(points[0], { ...shape, radius: this.radius, weight: 2, dashArray: '6 5', fillOpacity: 0.07 }).addTo(this.group);
      }
      this.renderHandle(points[0]);
      return;
    }
    if (this.mode === 'line' && this.buffer && points.length >= 2) {
      // The corridor, drawn as a thick line whose width is the buffer at this zoom and latitude.
      L.polyline(points, {
        ...shape,
        weight: Math.max(3, (2 * this.buffer) / metresPerPixel(this.map, points[0].lat)),
        opacity: 0.13,
        lineCap: 'round',
        lineJoin: 'round',
      }).addTo(this.group);
    }
    if (this.mode === 'polygon' && this.complete) {
      L.polygon(points, { ...shape, weight: 2.5, dashArray: '6 5', fillOpacity: 0.07 }).addTo(this.group);
    } else {
      L.polyline(points, { ...shape, weight: 2.5, dashArray: this.complete ? '6 5' : null }).addTo(this.group);
    }
    if (!this.complete) {
      points.forEach((point, index) => {
        L.circleMarker(point, {
          ...shape,
          radius: index === 0 && this.mode === 'polygon' ? 6 : 4,
          weight: 2,
          fillColor: '#fff',
          fillOpacity: 1,
        }).addTo(this.group);
      });
    }
    this.renderGuide();
  }

  /** Draws the dashed lines from the last point to the mouse (and, for an area, on to the first corner). */
  renderGuide() {
    if (this.guide) {
      this.group.removeLayer(this.guide);
      this.guide = null;
    }
    if (this.complete || !this.cursor || this.points.length === 0) {
      return;
    }
    const last = this.points[this.points.length - 1];
    const path = this.mode === 'polygon' && this.points.length >= 2 ? [last, this.cursor, this.points[0]] : [last, this.cursor];
    this.guide = L.polyline(path, { pane: 'query-shape', interactive: false, color: COLOUR, weight: 1.5, dashArray: '3 4', opacity: 0.8 })
      .addTo(this.group);
  }

  /** Draws the point as a handle that can be dragged to move it. */
  renderHandle(latlng) {
    const handle = L.marker(latlng, {
      pane: 'query-handle',
      draggable: true,
      keyboard: false,
      icon: L.divIcon({
        className: 'query-handle',
        html: '<svg viewBox="0 0 24 24" width="24" height="24"><circle cx="12" cy="12" r="6" fill="#fff" stroke="' + COLOUR + '" stroke-width="3"/><path d="M12 0v6M12 18v6M0 12h6M18 12h6" stroke="' + COLOUR + '" stroke-width="2"/></svg>',
        iconSize: [24, 24],
        iconAnchor: [12, 12],
      }),
    }).addTo(this.group);
    handle.on('drag', () => {
      this.points = [handle.getLatLng().wrap()];
      const circle = this.group.getLayers().find((layer) => layer instanceof L.Circle);
      circle?.setLatLng(this.points[0]);
    });
    handle.on('dragend', () => this.onChange());
  }
}

/** Returns [longitude, latitude] rounded to 6 decimals (about 0.1 m). */
function position(latlng) {
  return [Math.round(latlng.lng * 1e6) / 1e6, Math.round(latlng.lat * 1e6) / 1e6];
}

/** Returns how many metres one CSS pixel spans at this latitude and the map's zoom (Web Mercator). */
function metresPerPixel(map, latitude) {
  return (40075016.686 * Math.cos((latitude * Math.PI) / 180)) / 2 ** (map.getZoom() + 8);
}
