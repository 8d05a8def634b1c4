// Live updates of one layer over the WebSocket of /api/stream (docs/stream.md): subscribe, take the snapshot,
// then apply added/changed/removed as they come. After a disconnect it reconnects with a growing delay and
// resumes after the last event id, so nothing is lost and nothing comes twice.
//
// A subscription may be narrowed to a box and a CQL2 filter (setSubscription), and may ask for heat events only
// (mode 'heat': no snapshot, no features, a `heat` event at most about once a second while the layer changes).
// `tiles` events, which name the kept PNG and vector tiles a change made stale, are handed to onTiles.

import { ApiError, authToken, reportUnauthorized } from './api.js';

/** Delay before the first reconnection; doubled after each failed attempt up to RETRY_MAX_MS. */
const RETRY_FIRST_MS = 1000;
const RETRY_MAX_MS = 30000;

/** Statuses the server sends that no retry can fix: bad subscription, no access, unknown layer. */
const PERMANENT = new Set([400, 401, 403, 404]);

export class LiveStream {
  /**
   * Follows one layer. handlers: onSnapshot(features) once the snapshot is complete (the full view: features
   * not in it are gone); onAdded(featureId, feature), onChanged(featureId, feature), onRemoved(featureId) for
   * every change; onStatus(status, error) when the status ('connecting', 'live' or 'off') or error changes;
   * onTiles(tiles) with the [[z, x, y], …] of a `tiles` event; onHeat(message) for a `heat` event; onReady(first)
   * after each `ready`, first telling whether it is the first since start().
   */
  constructor(layerId, handlers) {
    this.layerId = layerId;
    this.handlers = handlers;
    this.subscription = {}; // {bbox: [minLon, minLat, maxLon, maxLat], filter, mode}: what connect() asks for
    this.readyCount = 0;
    this.status = 'off';
    this.error = null; // ApiError of the last refusal, if the stream gave up
    this.lastEventId = null;
    this.socket = null;
    this.retryTimer = null;
    this.attempts = 0;
    this.running = false;
    this.onlineListener = () => {
      if (this.running && this.retryTimer) {
        this.connectNow();
      }
    };
  }

  /**
   * Sets what the next connection subscribes to: bbox ([minLon, minLat, maxLon, maxLat] or null for the whole
   * layer), filter (CQL2 text or null) and mode ('features', the default, or 'heat'). A running stream starts
   * afresh, without resuming: the events after its last id belong to another question.
   */
  setSubscription({ bbox = null, filter = null, mode = null } = {}) {
    const next = { bbox, filter, mode };
    if (JSON.stringify(next) === JSON.stringify(this.subscription)) {
      return;
    }
    this.subscription = next;
    this.lastEventId = null;
    if (this.running) {
      this.stop();
      this.start();
    }
  }

  /** Starts following; resumes after the last event id when this stream has received one before. */
  start() {
    if (this.running) {
      return;
    }
    this.running = true;
    this.error = null;
    this.attempts = 0;
    this.readyCount = 0;
    window.addEventListener('online', this.onlineListener);
    this.connect();
  }

  /** Stops following and closes the connection; start() resumes where it stopped. */
  stop() {
    this.running = false;
    window.removeEventListener('online', this.onlineListener);
    window.clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.closeSocket();
    this.setStatus('off');
  }

  /** Drops the connection as a network failure would (for tests); the stream reconnects and resumes. */
  drop() {
    this.socket?.close(4000, 'dropped by the page');
  }

  connectNow() {
    window.clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.connect();
  }

  connect() {
    this.closeSocket();
    this.setStatus('connecting');
    const url = new URL('api/stream', window.location.href);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    let socket;
    try {
      socket = new WebSocket(url);
    } catch (e) {
      this.retry();
      return;
    }
    this.socket = socket;
    const token = authToken();
    const { bbox, filter, mode } = this.subscription;
    const heat = mode === 'heat';
    // Heat events carry no features to catch up on: a heat stream starts afresh and its owner re-asks.
    const resumeAfter = heat ? null : this.lastEventId;
    let snapshot = resumeAfter == null && !heat ? [] : null;
    let failure = null;
    socket.addEventListener('open', () => {
      if (socket !== this.socket) {
        return; // given up while connecting
      }
      const subscribe = { type: 'subscribe', layer: this.layerId };
      if (token) {
        subscribe.token = token;
      }
      if (bbox) {
        subscribe.bbox = bbox;
      }
      if (filter) {
        subscribe.filter = filter;
      }
      if (mode) {
        subscribe.mode = mode;
      }
      if (resumeAfter != null) {
        subscribe.lastEventId = resumeAfter;
      }
      socket.send(JSON.stringify(subscribe));
    });
    socket.addEventListener('message', (event) => {
      if (socket !== this.socket) {
        return;
      }
      let message;
      try {
        message = JSON.parse(event.data);
      } catch (e) {
        return; // not ours to read
      }
      switch (message.event) {
        case 'snapshot':
          snapshot?.push(...(message.features || []));
          break;
        case 'ready':
          this.lastEventId = message.id ?? this.lastEventId;
          if (snapshot) {
            const features = snapshot;
            snapshot = null;
            this.handlers.onSnapshot?.(features);
          }
          this.attempts = 0;
          this.setStatus('live');
          this.readyCount += 1;
          this.handlers.onReady?.(this.readyCount === 1);
          break;
        case 'added':
        case 'changed':
          this.lastEventId = message.id ?? this.lastEventId;
          this.handlers[message.event === 'added' ? 'onAdded' : 'onChanged']?.(message.featureId, message.feature);
          break;
        case 'removed':
          this.lastEventId = message.id ?? this.lastEventId;
          this.handlers.onRemoved?.(message.featureId);
          break;
        case 'tiles':
          this.handlers.onTiles?.(message.tiles || []);
          break;
        case 'heat':
          this.lastEventId = message.id ?? message.changeId ?? this.lastEventId;
          this.handlers.onHeat?.(message);
          break;
        case 'error':
          failure = new ApiError(message.status ?? 0, { detail: message.detail, parameter: message.parameter }, url.href);
          break;
        default:
        // a newer server's event: ignore it
      }
    });
    socket.addEventListener('close', () => {
      if (socket !== this.socket) {
        return;
      }
      this.socket = null;
      if (!this.running) {
        return;
      }
      if (failure?.status === 400 && failure.problem?.parameter === 'lastEventId') {
        // The log no longer holds our position (a reset database): start afresh with a snapshot.
        this.lastEventId = null;
        this.connectNow();
      } else if (failure && PERMANENT.has(failure.status)) {
        if (failure.status === 401 && token) {
          reportUnauthorized();
        }
        this.running = false;
        this.error = failure;
        this.setStatus('off');
      } else {
        this.retry();
      }
    });
  }

  /** Reconnects after a delay that doubles with each failed attempt (with some jitter, so clients spread). */
  retry() {
    this.setStatus('connecting');
    const delay = Math.min(RETRY_MAX_MS, RETRY_FIRST_MS * 2 ** this.attempts) * (0.8 + Math.random() * 0.4);
    this.attempts = Math.min(this.attempts + 1, 10);
    window.clearTimeout(this.retryTimer);
    this.retryTimer = window.setTimeout(() => {
      this.retryTimer = null;
      if (this.running) {
        this.connect();
      }
    }, delay);
  }

  closeSocket() {
    const socket = this.socket;
    this.socket = null;
    if (socket?.readyState === WebSocket.CONNECTING) {
      // Closing before the handshake ends makes the browser log a failed connection: close once open.
      socket.addEventListener('open', () => socket.close(1000, 'unsubscribed'));
    } else if (socket?.readyState === WebSocket.OPEN) {
      socket.close(1000, 'unsubscribed');
    }
  }

  setStatus(status) {
    this.status = status;
    this.handlers.onStatus?.(status, this.error);
  }
}
