// The detail of one incident in the operator's queue, as GET /api/fire-incidents/{code} and GET /api/reports/{code}
// give it: for a fire, the device and building, the nearest fire stations (with their distance) and the cameras that
// see the place (with links to their stream and snapshot); for a report, its description, reporter, agency, photos,
// suggested duplicates and comments (with a form to add one); for both, the history: who did what when, from which
// status to which, with the note.

import { formatDateTime, formatNumber, has, t } from './i18n.js';
import { cameraLinks } from './popup.js';

/**
 * Returns the element of an incident's detail (data-testid="incident-detail-{code}"). entry is {state, data, error}
 * as the desk holds it; onComment(text) sends a comment on a report and resolves once it is stored.
 */
export function incidentDetail(incident, entry, { onComment, errorText }) {
  const detail = document.createElement('div');
  detail.className = 'incident-detail';
  detail.dataset.testid = `incident-detail-${incident.code}`;
  if (!entry || (entry.state === 'loading' && !entry.data)) {
    detail.append(note(t('incidents.detail.loading')));
  } else if (entry.state === 'failed' && !entry.data) {
    const failed = note(`${t('incidents.detail.failed')} ${errorText(entry.error)}`.trim());
    failed.classList.add('error');
    detail.append(failed);
  } else if (incident.kind === 'fire') {
    fireDetail(detail, incident, entry.data);
  } else {
    reportDetail(detail, incident, entry.data, onComment);
  }
  return detail;
}

function fireDetail(detail, incident, fire) {
  const stations = stationsOf(fire);
  const dispatched = stations.find((s) => s.code === fire.dispatchedStation);
  const resolution = [fire.falseAlarm ? t('incidents.form.falseAlarm') : null, fire.resolutionNote].filter(Boolean).join(': ');
  const facts = factTable([
    ['incidents.detail.device', fire.device],
    [
      'incidents.detail.building',
      [fire.building, fire.floor != null ? t('incidents.detail.floor', { floor: fire.floor }) : null].filter(Boolean).join(' · '),
    ],
    ['incidents.detail.address', [fire.address, fire.district].filter(Boolean).join(', ')],
    ['incidents.detail.openedAt', fire.openedAt ? formatDateTime(fire.openedAt) : null],
    [
      'incidents.detail.lastAlarm',
      fire.lastAlarmAt
        ? `${formatDateTime(fire.lastAlarmAt)} (${t('incidents.alarmCount', { count: formatNumber(fire.alarmCount ?? 1) })})`
        : null,
    ],
    ['incidents.detail.station', fire.dispatchedStation ? dispatched?.name || fire.dispatchedStation : null],
    ['incidents.detail.resolution', fire.resolvedAt ? resolution : null],
  ]);
  if (facts) {
    detail.append(facts);
  }
  detail.append(heading('incidents.detail.stations'));
  if (stations.length === 0) {
    detail.append(note(t('incidents.detail.none')));
  } else {
    const list = subList(`incident-stations-${incident.code}`);
    for (const station of stations) {
      const li = document.createElement('li');
      li.textContent = `${station.name || station.code}${distanceText(station)}`;
      if (station.phone) {
        li.append(` · ${station.phone}`);
      }
      list.append(li);
    }
    detail.append(list);
  }
  const cameras = fire.cameras || [];
  detail.append(heading('incidents.detail.cameras'));
  if (cameras.length === 0) {
    detail.append(note(t('incidents.detail.none')));
  } else {
    const list = subList(`incident-cameras-${incident.code}`);
    for (const camera of cameras) {
      const li = document.createElement('li');
      li.append(`${camera.name || camera.code}${distanceText(camera)}`);
      // The same links, with the same rules for what counts as an address, as the camera layer's popup.
      const links = cameraLinks({ stream_url: camera.streamUrl, snapshot_url: camera.snapshotUrl, status: camera.status });
      if (links) {
        li.append(links);
      }
      list.append(li);
    }
    detail.append(list);
  }
  detail.append(history(incident, fire.history || []));
}

function reportDetail(detail, incident, report, onComment) {
  if (report.description) {
    const description = document.createElement('p');
    description.className = 'incident-description';
    description.textContent = report.description;
    detail.append(description);
  }
  const facts = factTable([
    ['incidents.detail.channel', report.channel],
    ['incidents.detail.reporter', [report.reporterName, report.reporterPhone, report.reporterEmail].filter(Boolean).join(' · ')],
    ['incidents.detail.agency', [report.agency, report.unit].filter(Boolean).join(' · ')],
    ['incidents.detail.openedAt', report.createdAt ? formatDateTime(report.createdAt) : null],
    ['incidents.detail.deadline', report.deadlineAt ? formatDateTime(report.deadlineAt) : null],
    ['incidents.detail.mergedInto', report.mergedInto],
  ]);
  if (facts) {
    detail.append(facts);
  }
  const photos = (report.photos || []).filter((photo) => typeof photo.url === 'string' && /^https?:\/\//i.test(photo.url));
  if (photos.length > 0) {
    detail.append(heading('incidents.detail.photos'));
    const strip = document.createElement('div');
    strip.className = 'incident-photos';
    strip.dataset.testid = `incident-photos-${incident.code}`;
    for (const photo of photos) {
      const a = document.createElement('a');
      a.href = photo.url;
      a.target = '_blank';
      a.rel = 'noopener noreferrer';
      const img = document.createElement('img');
      img.src = photo.url;
      img.alt = t('incidents.detail.photo');
      img.loading = 'lazy';
      a.append(img);
      strip.append(a);
    }
    detail.append(strip);
  }
  const duplicates = duplicatesOf(report);
  if (duplicates.length > 0) {
    detail.append(heading('incidents.detail.duplicates'));
    const list = subList(`incident-duplicates-${incident.code}`);
    for (const duplicate of duplicates) {
      const li = document.createElement('li');
      li.textContent = `${duplicate.code} · ${duplicate.title || ''}${distanceText(duplicate)} · ${statusTitle('report', duplicate.status)}`;
      list.append(li);
    }
    detail.append(list);
  }
  detail.append(history(incident, report.history || []));
  const comments = report.comments || [];
  detail.append(heading('incidents.detail.comments'));
  if (comments.length === 0) {
    detail.append(note(t('incidents.detail.noComments')));
  }
  const list = document.createElement('ul');
  list.className = 'incident-comments';
  list.dataset.testid = `incident-comments-${incident.code}`;
  for (const comment of comments) {
    const li = document.createElement('li');
    const who = document.createElement('div');
    who.className = 'incident-comment-head';
    who.textContent = [comment.author, comment.at ? formatDateTime(comment.at) : null].filter(Boolean).join(' · ');
    const text = document.createElement('div');
    text.textContent = comment.text || '';
    li.append(who, text);
    list.append(li);
  }
  detail.append(list, commentForm(incident, onComment));
}

function commentForm(incident, onComment) {
  const form = document.createElement('form');
  form.className = 'incident-form incident-comment-form';
  form.noValidate = true;
  const input = document.createElement('input');
  input.type = 'text';
  input.maxLength = 4000;
  input.autocomplete = 'off';
  input.placeholder = t('incidents.form.comment');
  input.setAttribute('aria-label', t('incidents.form.comment'));
  input.dataset.testid = `incident-comment-${incident.code}`;
  const submit = document.createElement('button');
  submit.type = 'submit';
  submit.className = 'primary small';
  submit.dataset.testid = `incident-comment-send-${incident.code}`;
  submit.textContent = t('incidents.form.send');
  form.append(input, submit);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (!text) {
      return;
    }
    submit.disabled = true;
    const sent = await onComment(text);
    submit.disabled = false;
    if (sent) {
      input.value = '';
      input.blur(); // the detail is redrawn with the comment once nobody is typing in it
    }
  });
  return form;
}

/** Returns the history list: what was done, by whom, when, from which status to which, to whom, and the note. */
function history(incident, entries) {
  const wrap = document.createElement('div');
  wrap.className = 'incident-history-wrap';
  wrap.append(heading('incidents.detail.history'));
  if (entries.length === 0) {
    wrap.append(note(t('incidents.detail.none')));
    return wrap;
  }
  const list = document.createElement('ol');
  list.className = 'incident-history';
  list.dataset.testid = `incident-history-${incident.code}`;
  for (const entry of entries) {
    const action = String(entry.action || '').toUpperCase();
    const li = document.createElement('li');
    li.dataset.action = action;
    const head = document.createElement('div');
    head.className = 'incident-history-head';
    const what = document.createElement('b');
    what.textContent = has(`incidents.history.${action}`) ? t(`incidents.history.${action}`) : action;
    const who = document.createElement('span');
    who.className = 'incident-history-who';
    who.textContent = entry.actor || '';
    const when = document.createElement('time');
    when.dateTime = entry.at || '';
    when.textContent = entry.at ? formatDateTime(entry.at) : '';
    head.append(what, who, when);
    li.append(head);
    // Fire history names its statuses from/to; report history fromStatus/toStatus.
    const from = entry.from ?? entry.fromStatus;
    const to = entry.to ?? entry.toStatus;
    if ((from || to) && from !== to) {
      li.append(line('incident-history-change', `${from ? statusTitle(incident.kind, from) : '–'} → ${to ? statusTitle(incident.kind, to) : '–'}`));
    }
    const assignee = [entry.agency, entry.unit].filter(Boolean).join(' · ');
    if (assignee) {
      li.append(line('incident-history-change', t('incidents.history.assignedTo', { to: assignee })));
    }
    if (entry.station) {
      li.append(line('incident-history-change', t('incidents.history.station', { station: entry.station })));
    }
    if (entry.note) {
      li.append(line('incident-history-note', entry.note));
    }
    list.append(li);
  }
  wrap.append(list);
  return wrap;
}

// ---- shared with the queue ----

/** Returns the translated name of an incident status ('fire' or 'report' kind); unknown statuses as they are. */
export function statusTitle(kind, status) {
  const key = `incidents.status.${kind}.${status}`;
  return has(key) ? t(key) : String(status ?? '');
}

/** Returns the nearest fire stations of a fire incident's detail, nearest first; [] before it is read. */
export function stationsOf(fire) {
  return fire?.stations || [];
}

/** Returns the suggested duplicates of a report's detail, nearest first; [] before it is read. */
export function duplicatesOf(report) {
  return report?.duplicates || [];
}

/** Returns " · 850 m" or " · 1,2 km" for an item with a distance, else ''. */
export function distanceText(item) {
  const metres = item.distanceM ?? item.distanceMetres;
  if (!Number.isFinite(metres)) {
    return '';
  }
  return metres >= 1000
    ? ` · ${formatNumber(metres / 1000, { maximumFractionDigits: 1 })} km`
    : ` · ${formatNumber(metres, { maximumFractionDigits: 0 })} m`;
}

/** Returns a small paragraph of muted text. */
export function note(text) {
  const p = document.createElement('p');
  p.className = 'incident-note';
  p.textContent = text;
  return p;
}

function heading(key) {
  const h = document.createElement('h4');
  h.textContent = t(key);
  return h;
}

function line(className, text) {
  const div = document.createElement('div');
  div.className = className;
  div.textContent = text;
  return div;
}

function subList(testid) {
  const list = document.createElement('ul');
  list.className = 'incident-sublist';
  list.dataset.testid = testid;
  return list;
}

function factTable(rows) {
  const table = document.createElement('table');
  table.className = 'popup-attributes incident-facts';
  for (const [key, value] of rows) {
    if (value == null || value === '') {
      continue;
    }
    const row = table.insertRow();
    const th = document.createElement('th');
    th.scope = 'row';
    th.textContent = t(key);
    const td = document.createElement('td');
    td.textContent = value;
    row.append(th, td);
  }
  return table.rows.length > 0 ? table : null;
}
