// Sign-in: the dialog, the token (kept in sessionStorage, so it ends with the browser tab), the user
// shown in the header, and sign-out.

import { ApiError, configureAuth, errorDetail, errorMessage, postJson } from './api.js';
import { onLangChange, roleTitle, t } from './i18n.js';

const STORAGE_KEY = 'iocmap.session';

let session = restore();
const sessionListeners = new Set();
const attemptListeners = new Set();
let dialogNotice = null; // message key shown at the top of the dialog (e.g. session expired)
let lastError = null;
let demoUsers = [];

function restore() {
  try {
    const saved = JSON.parse(window.sessionStorage.getItem(STORAGE_KEY));
    if (saved?.token && (!saved.expiresAt || Date.parse(saved.expiresAt) > Date.now())) {
      return saved;
    }
  } catch (e) {
    // unreadable or disabled storage: start signed out
  }
  return null;
}

function store(value) {
  session = value;
  try {
    if (value) {
      window.sessionStorage.setItem(STORAGE_KEY, JSON.stringify(value));
    } else {
      window.sessionStorage.removeItem(STORAGE_KEY);
    }
  } catch (e) {
    // the session then lasts until reload
  }
  renderUser();
  for (const listener of sessionListeners) {
    listener(session);
  }
}

/** Returns the current session {token, username, displayName, roles, expiresAt}, or null when signed out. */
export function currentSession() {
  if (session?.expiresAt && Date.parse(session.expiresAt) <= Date.now()) {
    return null;
  }
  return session;
}

/** Calls listener(session) after every sign-in and sign-out. */
export function onSessionChange(listener) {
  sessionListeners.add(listener);
}

/**
 * Calls listener(promise) synchronously when the user submits the sign-in form; promise resolves to
 * true once signed in, false if sign-in failed. Lets the page announce a reload before it starts.
 */
export function onSignInAttempt(listener) {
  attemptListeners.add(listener);
}

/** Signs in; resolves to the session or rejects with ApiError (401 for bad credentials). */
export async function signIn(username, password) {
  const answer = await postJson('/api/auth/token', { username, password }, { anonymous: true });
  store({
    token: answer.token,
    username: answer.username ?? username,
    displayName: answer.displayName || answer.username || username,
    roles: answer.roles || [],
    expiresAt: answer.expiresAt || null,
  });
  return session;
}

/** Signs out: forgets the token and tells the listeners (the page then shows public layers only). */
export function signOut() {
  store(null);
}

/** Wires the dialog and the header's user area; demo users from /api/config are shown as a hint. */
export function initAuth(config) {
  demoUsers = (config.demo && config.demoUsers) || [];
  configureAuth({
    getToken: () => currentSession()?.token ?? null,
    onUnauthorized: () => {
      if (session) {
        store(null);
        openSignIn('auth.expired');
      }
    },
  });
  const form = document.getElementById('login-form');
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    submit(form);
  });
  document.getElementById('login-guest').addEventListener('click', () => closeDialog());
  document.getElementById('login-dialog').addEventListener('cancel', () => {
    dialogNotice = null;
  });
  document.getElementById('signin').addEventListener('click', () => openSignIn());
  document.getElementById('signout').addEventListener('click', () => {
    signOut();
    openSignIn();
  });
  renderUser();
  renderDialog();
  onLangChange(() => {
    renderUser();
    renderDialog();
  });
}

/** Opens the sign-in dialog, optionally with a notice (a message key) above the form. */
export function openSignIn(noticeKey = null) {
  dialogNotice = noticeKey;
  lastError = null;
  renderDialog();
  const dialog = document.getElementById('login-dialog');
  if (!dialog.open) {
    dialog.showModal();
  }
  document.getElementById('login-username').focus();
}

function closeDialog() {
  dialogNotice = null;
  lastError = null;
  const dialog = document.getElementById('login-dialog');
  if (dialog.open) {
    dialog.close();
  }
}

function submit(form) {
  const username = form.elements.username.value.trim();
  const password = form.elements.password.value;
  if (!username || !password) {
    lastError = { key: 'auth.missingFields' };
    renderDialog();
    return;
  }
  const button = document.getElementById('login-submit');
  button.disabled = true;
  button.textContent = t('auth.submitting');
  const attempt = signIn(username, password).then(
    () => {
      form.elements.password.value = '';
      closeDialog();
      return true;
    },
    (error) => {
      lastError = error instanceof ApiError && error.status === 401 ? { key: 'auth.badCredentials' } : { error };
      return false;
    },
  );
  for (const listener of attemptListeners) {
    listener(attempt);
  }
  attempt.finally(() => {
    button.disabled = false;
    renderDialog();
  });
}

function renderDialog() {
  const notice = document.getElementById('login-notice');
  notice.hidden = !dialogNotice;
  notice.textContent = dialogNotice ? t(dialogNotice) : '';

  const error = document.getElementById('login-error');
  error.hidden = !lastError;
  error.replaceChildren();
  if (lastError?.key) {
    error.textContent = t(lastError.key);
  } else if (lastError?.error) {
    error.textContent = errorMessage(lastError.error);
    const detail = errorDetail(lastError.error);
    if (detail) {
      const small = document.createElement('div');
      small.className = 'detail';
      small.textContent = detail;
      error.append(small);
    }
  }
  const button = document.getElementById('login-submit');
  if (!button.disabled) {
    button.textContent = t('auth.submit');
  }

  const hint = document.getElementById('login-demo');
  hint.hidden = demoUsers.length === 0;
  const list = hint.querySelector('ul');
  list.replaceChildren();
  for (const user of demoUsers) {
    const item = document.createElement('li');
    const fill = document.createElement('button');
    fill.type = 'button';
    fill.className = 'link';
    fill.textContent = `${user.username} / ${user.password}`;
    fill.addEventListener('click', () => {
      document.getElementById('login-username').value = user.username;
      document.getElementById('login-password').value = user.password;
      document.getElementById('login-submit').focus();
    });
    const roles = document.createElement('span');
    roles.className = 'roles';
    roles.textContent = (user.roles || []).map(roleTitle).join(', ');
    item.append(fill, ' ', roles);
    list.append(item);
  }
}

function renderUser() {
  const current = currentSession();
  const name = document.getElementById('user-name');
  const roles = document.getElementById('user-roles');
  document.getElementById('signin').hidden = Boolean(current);
  document.getElementById('signout').hidden = !current;
  if (current) {
    name.textContent = current.displayName || current.username;
    name.title = t('auth.signedInAs', { name: current.username });
    roles.textContent = (current.roles || []).map(roleTitle).join(', ');
    roles.hidden = roles.textContent === '';
  } else {
    name.textContent = t('auth.anonymous');
    name.title = '';
    roles.textContent = '';
    roles.hidden = true;
  }
}
