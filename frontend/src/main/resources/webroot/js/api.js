// Talks to the service: JSON over fetch with the bearer token, application/problem+json errors turned
// into ApiError and shown to the user in a toast.

import { onLangChange, t } from './i18n.js';

/** The largest page the OGC items endpoint serves. */
export const MAX_PAGE = 10000;

let tokenProvider = () => null;
let unauthorizedHandler = () => {};

/**
 * Wires authentication in: getToken() returns the current token or null; onUnauthorized() is called
 * when the server answers 401 to a request that carried a token (the session has expired).
 */
export function configureAuth({ getToken, onUnauthorized }) {
  tokenProvider = getToken;
  unauthorizedHandler = onUnauthorized;
}

/** An HTTP failure: status 0 for a network failure; problem is the problem+json body, if any. */
export class ApiError extends Error {
  constructor(status, problem, url) {
    super(problem?.detail || problem?.title || `HTTP ${status} for ${url}`);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
    this.url = url;
  }
}

/** Fetches JSON with GET; resolves to the parsed body or rejects with ApiError. */
export function getJson(url, { signal } = {}) {
  return request(url, { method: 'GET', signal });
}

/** Sends body as JSON with POST; resolves to the parsed answer or rejects with ApiError. */
export function postJson(url, body, { anonymous = false, signal } = {}) {
  return request(url, { method: 'POST', body: JSON.stringify(body), anonymous, signal });
}

/** Returns the bearer token of the current session, or null: for channels fetch does not carry (WebSocket). */
export function authToken() {
  return tokenProvider();
}

/** Reports that the server refused the current token on a channel other than fetch (the session has expired). */
export function reportUnauthorized() {
  unauthorizedHandler();
}

async function request(url, { method, body, signal, anonymous = false }) {
  const headers = { Accept: 'application/json, application/geo+json, application/problem+json' };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  const token = anonymous ? null : tokenProvider();
  // The token goes to our own origin only, even if a paging link points elsewhere.
  const sameOrigin = new URL(url, window.location.href).origin === window.location.origin;
  if (token && sameOrigin) {
    headers.Authorization = `Bearer ${token}`;
  }
  let response;
  try {
    response = await fetch(url, { method, headers, body, signal, credentials: 'same-origin' });
  } catch (e) {
    if (e.name === 'AbortError') {
      throw e;
    }
    throw new ApiError(0, null, url);
  }
  if (!response.ok) {
    let problem = null;
    try {
      problem = await response.json();
    } catch (e) {
      // not JSON: keep the status only
    }
    if (response.status === 401 && token) {
      unauthorizedHandler();
    }
    throw new ApiError(response.status, problem, url);
  }
  return response.json();
}

/**
 * Fetches every feature of an OGC API items URL, following the "next" links, and resolves to one
 * GeoJSON FeatureCollection. onPage(featuresSoFar, numberMatched) reports progress.
 */
export async function getAllFeatures(itemsUrl, { signal, onPage } = {}) {
  const features = [];
  let url = withLimit(itemsUrl);
  let numberMatched = null;
  const seen = new Set();
  while (url && !seen.has(url)) {
    seen.add(url);
    const page = await getJson(url, { signal });
    features.push(...(page.features || []));
    numberMatched = page.numberMatched ?? numberMatched;
    onPage?.(features.length, numberMatched);
    const next = (page.links || []).find((link) => link.rel === 'next');
    url = next && (page.features || []).length > 0 ? next.href : null;
  }
  return { type: 'FeatureCollection', features, numberMatched };
}

function withLimit(itemsUrl) {
  const url = new URL(itemsUrl, window.location.href);
  if (!url.searchParams.has('limit')) {
    url.searchParams.set('limit', String(MAX_PAGE));
  }
  return url.toString();
}

/** Returns the user-facing message for an error: a translated headline for its status. */
export function errorMessage(error) {
  if (!(error instanceof ApiError)) {
    return t('error.status.other', { status: '?' });
  }
  if (error.status === 0) {
    return t('error.network');
  }
  if ([400, 401, 403, 404].includes(error.status)) {
    return t(`error.status.${error.status}`);
  }
  if (error.status >= 500) {
    return t('error.status.5xx');
  }
  return t('error.status.other', { status: error.status });
}

/** Returns the server's own explanation of an error (problem+json detail or title), or ''. */
export function errorDetail(error) {
  return (error instanceof ApiError && (error.problem?.detail || error.problem?.title)) || '';
}

const toasts = [];

/**
 * Shows an error to the user: contextKey/params name what failed ("cannot load layer X"), then the
 * translated headline for the status and the server's detail. The toast re-renders on language change.
 */
export function showError(error, contextKey = null, params = {}) {
  if (error?.name === 'AbortError') {
    return;
  }
  console.error('iocmap:', error);
  const area = document.getElementById('toasts');
  if (!area) {
    return;
  }
  const toast = document.createElement('div');
  toast.className = 'toast';
  toast.setAttribute('role', 'alert');
  toast.dataset.testid = 'error';
  const render = () => {
    toast.replaceChildren();
    const head = document.createElement('div');
    head.className = 'toast-head';
    head.textContent = contextKey ? t(contextKey, params) : t('error.title');
    const close = document.createElement('button');
    close.type = 'button';
    close.className = 'toast-close';
    close.textContent = '×';
    close.title = t('error.close');
    close.addEventListener('click', remove);
    head.append(close);
    const message = document.createElement('div');
    message.textContent = errorMessage(error);
    toast.append(head, message);
    const detail = errorDetail(error);
    if (detail) {
      const small = document.createElement('div');
      small.className = 'toast-detail';
      small.textContent = detail;
      toast.append(small);
    }
  };
  const entry = { render };
  function remove() {
    toast.remove();
    toasts.splice(toasts.indexOf(entry), 1);
  }
  render();
  toasts.push(entry);
  area.append(toast);
  window.setTimeout(() => toast.isConnected && remove(), 12000);
}

onLangChange(() => toasts.forEach((toast) => toast.render()));
