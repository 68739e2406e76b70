// Relais web console — the admin view. Plain browser module, no framework.
// Every action is an admin command posted to /api/admin/commands/<name> (src/channels/web/admin.ts);
// the server checks the admin role. Holds no wording of its own: UI strings come in #relais-strings.

const { strings, locale, t, el, client } = window.RelaisConsole;
const api = client('api/admin', 'relais.demoAdmin');

const state = { rows: [], current: null, detail: null };

// Keys the script builds at run time, listed so that the server sends them (it scans for literals).
const RUNTIME_KEYS = [
  'admin.console.state_in_force', 'admin.console.state_scheduled', 'admin.console.state_cancelled', 'admin.console.state_past',
  'admin.console.suggestion_kind_fallback', 'admin.console.suggestion_kind_feedback_down',
  'admin.console.suggestion_kind_none_of_these', 'admin.console.suggestion_kind_delegate_answer',
];

function say(text, isError = false) {
  const box = document.getElementById('status');
  box.textContent = text;
  box.className = isError ? 'status error' : 'status';
}

function showErrors(details = []) {
  const list = document.getElementById('form-errors');
  list.replaceChildren(...details.map((d) => el('li', {}, d)));
}

async function call(name, input = {}) {
  let response;
  try {
    response = await fetch(api.url(`/commands/${name}`), {
      method: 'POST',
      headers: api.headers({ 'Content-Type': 'application/json' }),
      body: JSON.stringify(input),
    });
  } catch {
    document.getElementById('network').hidden = false;
    throw new Error('network');
  }
  document.getElementById('network').hidden = true;
  const body = await response.json();
  if (!body.ok) {
    say(body.message, true);
    showErrors(body.details);
    if (body.code === 'not_allowed') document.getElementById('refused').hidden = false;
    throw new Error(body.code);
  }
  showErrors([]);
  return body.result;
}

const quiet = (promise) => promise.catch(() => undefined);

// ---- answers -------------------------------------------------------------------------------

function badges(row) {
  const out = [];
  const add = (cls, key) => out.push(el('span', { class: `badge ${cls}` }, t(key)));
  if (row.flags.expired) add('expired', 'admin.console.flag_expired');
  else if (row.flags.reviewDue) add('review', 'admin.console.flag_review');
  if (row.hasDraft) add('draft', 'admin.console.flag_draft');
  if (row.scheduled.length > 0) add('scheduled', 'admin.console.flag_scheduled');
  if (row.conflict) add('conflict', 'admin.console.flag_conflict');
  if (row.retired) add('retired', 'admin.console.flag_retired');
  return out;
}

async function loadAnswers() {
  state.rows = await call('answers.list', { query: document.getElementById('search').value });
  const body = document.querySelector('#answers tbody');
  body.replaceChildren(
    ...state.rows.map((row) =>
      el(
        'tr',
        { 'data-intent': row.intentId, 'aria-current': row.intentId === state.current ? 'true' : false, onclick: () => quiet(openAnswer(row.intentId, true)) },
        // The row answers a click anywhere; the button makes it reachable with the keyboard.
        el('td', {}, el('button', { type: 'button', class: 'link' }, row.intentId)),
        el('td', {}, row.title),
        el('td', {}, row.inForce ?? '—'),
        el('td', {}, ...badges(row)),
      ),
    ),
  );
}

function sourcesText(sources) {
  return sources.map((s) => `${s.title} | ${s.url} | ${s.checked}`).join('\n');
}

function parseSources(text) {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const [title = '', url = '', checked = ''] = line.split('|').map((p) => p.trim());
      return { title, url, checked };
    });
}

function renderAnswer(target, served) {
  target.replaceChildren();
  if (!served) {
    target.append(t('admin.console.none_served'));
    return;
  }
  target.append(el('strong', {}, served.title), '\n', served.text);
}

async function openAnswer(intentId, focus = false) {
  state.current = intentId;
  const detail = await call('answers.get', { intentId });
  state.detail = detail;
  document.getElementById('detail').hidden = false;
  document.getElementById('preview-box').hidden = true;
  const heading = el('h2', { id: 'detail-title', tabindex: '-1' }, `${detail.row.title} (${intentId})`);
  document.getElementById('detail-head').replaceChildren(heading);
  if (focus) heading.focus();
  renderAnswer(document.getElementById('served'), detail.served);
  const form = document.getElementById('editor');
  const c = detail.editable;
  form.title.value = c.title;
  form.text.value = c.text;
  form.sources.value = sourcesText(c.sources);
  form.validFrom.value = c.validFrom;
  form.validUntil.value = c.validUntil ?? '';
  form.reviewBy.value = c.reviewBy;
  form.offerDelegate.checked = c.offerDelegate;
  form.note.value = '';
  const conflict = document.getElementById('conflict');
  conflict.hidden = !detail.conflict;
  if (detail.conflict) {
    document.getElementById('conflict-label').textContent = t('admin.console.conflict', { file: detail.conflict.file });
    document.getElementById('conflict-text').textContent = detail.conflict.content.text;
  }
  document.getElementById('utterances').replaceChildren(
    ...detail.utterances.map((u) =>
      el('li', {}, u, ' ', el('button', { type: 'button', 'aria-label': t('admin.console.utterance_remove_label', { text: u }), onclick: () => quiet(act('utterances.remove', { intentId, text: u })) }, t('admin.console.utterance_remove'))),
    ),
  );
  document.getElementById('history').replaceChildren(...detail.versions.map((v) => historyItem(intentId, v)));
  for (const row of document.querySelectorAll('#answers tbody tr')) {
    row.setAttribute('aria-current', row.dataset.intent === intentId ? 'true' : 'false');
  }
}

function historyItem(intentId, v) {
  const line = t('admin.console.version_line', {
    version: v.version,
    state: t(`admin.console.state_${v.state}`),
    by: v.by,
    at: new Date(v.at).toLocaleString(locale),
    effective: new Date(v.effectiveAt).toLocaleString(locale),
  });
  const actions = [];
  if (v.state === 'past') {
    actions.push(el('button', { type: 'button', onclick: () => act('answers.rollback', { intentId, n: v.n }) }, t('admin.console.rollback')));
  }
  if (v.state === 'scheduled') {
    actions.push(el('button', { type: 'button', onclick: () => act('answers.cancelScheduled', { intentId, n: v.n }) }, t('admin.console.cancel_scheduled')));
  }
  return el('li', { 'data-version': v.version }, line, v.note ? ` — ${v.note}` : '', el('pre', { class: 'diff' }, v.diff.join('\n')), ...actions);
}

function editedContent() {
  const form = document.getElementById('editor');
  const content = {
    title: form.title.value,
    text: form.text.value,
    sources: parseSources(form.sources.value),
    validFrom: form.validFrom.value,
    reviewBy: form.reviewBy.value,
    offerDelegate: form.offerDelegate.checked,
    kind: state.detail.editable.kind,
  };
  if (form.validUntil.value) content.validUntil = form.validUntil.value;
  return content;
}

/** Runs a command on the open answer, then reloads it and the list. */
async function act(name, input, message = t('admin.console.done')) {
  const result = await call(name, input);
  await loadAnswers();
  if (state.current) await openAnswer(state.current);
  // Said once the page shows the outcome, so that what is read next is already up to date.
  say(typeof message === 'function' ? message(result) : message);
  return result;
}

async function saveDraft() {
  await call('answers.saveDraft', { intentId: state.current, content: editedContent() });
}

function wire(id, handler) {
  document.getElementById(id).addEventListener('click', () => quiet(handler()));
}

wire('save-draft', async () => {
  await saveDraft();
  await act('answers.get', { intentId: state.current }, t('admin.console.saved'));
});
wire('preview', async () => {
  await saveDraft();
  const preview = await call('answers.preview', { intentId: state.current });
  document.getElementById('preview-box').hidden = false;
  document.getElementById('preview-when').textContent = preview.scheduled
    ? t('admin.console.takes_effect', { at: new Date(preview.effectiveAt).toLocaleString(locale) })
    : t('admin.console.takes_effect_now');
  renderAnswer(document.getElementById('preview-answer'), preview.served);
  document.getElementById('preview-diff').textContent = preview.diff.filter((l) => !l.startsWith('  ')).join('\n');
});
wire('publish', async () => {
  await saveDraft();
  const note = document.getElementById('editor').note.value;
  await act('answers.publish', { intentId: state.current, ...(note ? { note } : {}) }, (r) =>
    r.scheduled
      ? t('admin.console.scheduled', { version: `v${r.n}`, at: new Date(r.effectiveAt).toLocaleString(locale) })
      : t('admin.console.published', { version: `v${r.n}` }),
  );
});
wire('discard', () => act('answers.discardDraft', { intentId: state.current }));
wire('retire', () => act('answers.retire', { intentId: state.current }));
wire('conflict-keep', () => act('answers.resolveConflict', { intentId: state.current, choice: 'keep' }));
wire('conflict-file', () => act('answers.resolveConflict', { intentId: state.current, choice: 'file' }));
document.getElementById('utterance-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const input = event.target.text;
  quiet(act('utterances.add', { intentId: state.current, text: input.value }).then(() => (input.value = '')));
});
let searchTimer;
document.getElementById('search').addEventListener('input', () => {
  clearTimeout(searchTimer);
  searchTimer = setTimeout(() => quiet(loadAnswers()), 200);
});

// ---- suggestions ---------------------------------------------------------------------------

async function loadSuggestions() {
  const groups = await call('suggestions.list');
  const box = document.getElementById('suggestions');
  if (groups.length === 0) {
    box.replaceChildren(el('p', {}, t('admin.console.suggestions_empty')));
    return;
  }
  box.replaceChildren(
    ...groups.map((group) => {
      const heading = group.intentId ?? t('admin.console.suggestions_unknown');
      return el('section', { class: 'group' }, el('h3', {}, heading), el('ul', {}, ...group.items.map((item) => suggestionItem(item, group.intentId))));
    }),
  );
}

function suggestionItem(item, intentId) {
  const select = el('select', { 'aria-label': t('admin.console.suggestion_accept') });
  for (const row of state.rows) select.append(el('option', { value: row.intentId, selected: row.intentId === intentId }, row.intentId));
  const run = (name, input) => quiet(call(name, input).then(() => { say(t('admin.console.done')); return loadSuggestions(); }));
  return el(
    'li',
    {},
    el('span', { class: 'badge' }, t(`admin.console.suggestion_kind_${item.kind}`)),
    ' ',
    item.question,
    item.answer ? el('pre', { class: 'diff' }, item.answer) : null,
    ' ',
    el('button', { type: 'button', onclick: () => run('suggestions.accept', { id: item.id, intentId: select.value }) }, t('admin.console.suggestion_accept')),
    ' ',
    select,
    ' ',
    el('button', { type: 'button', onclick: () => run('suggestions.dismiss', { id: item.id }) }, t('admin.console.suggestion_dismiss')),
  );
}

// ---- queues --------------------------------------------------------------------------------

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const list = (text) => text.split(',').map((s) => s.trim()).filter(Boolean);

function hoursText(hours) {
  return DAYS.map((d) => `${d}: ${(hours[d] ?? []).join(', ')}`).join('\n');
}

function parseHours(text) {
  const hours = {};
  for (const line of text.split('\n')) {
    const [day, ranges = ''] = line.split(':').length > 1 ? [line.slice(0, line.indexOf(':')).trim(), line.slice(line.indexOf(':') + 1)] : [line.trim()];
    if (day) hours[day] = list(ranges);
  }
  return hours;
}

// A changed relais.yaml that was not imported because admins had edited the queues here since.
function differenceText(d) {
  const fields = d.fields.join(', ');
  if (d.scope === 'config') return t('admin.console.queue_conflict_setting', { name: d.id });
  if (d.only === 'file') return t('admin.console.queue_conflict_file_only', { queue: d.id });
  if (d.only === 'runtime') return t('admin.console.queue_conflict_runtime_only', { queue: d.id });
  return t('admin.console.queue_conflict_queue', { queue: d.id, fields });
}

function showQueueConflict(conflict) {
  document.getElementById('queue-conflict').hidden = !conflict;
  flagQueuesTab(Boolean(conflict));
  if (!conflict) return;
  document.getElementById('queue-conflict-label').textContent = t('admin.console.queue_conflict', {
    edited: conflict.runtimeEditedAt.slice(0, 16).replace('T', ' '),
    by: conflict.runtimeEditedBy ?? '?',
  });
  document.getElementById('queue-conflict-differences').replaceChildren(...conflict.differences.map((d) => el('li', {}, differenceText(d))));
}

function flagQueuesTab(on) {
  const tab = document.getElementById('tab-queues-tab');
  tab.querySelector('.badge')?.remove();
  if (on) tab.append(' ', el('span', { class: 'badge conflict' }, t('admin.console.flag_conflict')));
}

for (const choice of ['keep', 'file']) {
  wire(`queue-conflict-${choice}`, async () => {
    await call('queues.resolveConflict', { choice });
    await loadQueues();
    // Said once the page shows the outcome, as for the answers' commands.
    say(t('admin.console.done'));
  });
}

async function loadQueues() {
  const data = await call('queues.get');
  showQueueConflict(data.conflict);
  document.getElementById('queues').replaceChildren(...data.queues.map(queueForm));
  const form = document.getElementById('directory-form');
  form.absences.value = data.absences.map((a) => `${a.delegate} ${a.from} ${a.to}`).join('\n');
  form.referents.value = Object.entries(data.referents).map(([who, queue]) => `${who} ${queue}`).join('\n');
}

function queueForm(queue) {
  const field = (label, name, value, tag = 'input') =>
    el('label', {}, label, tag === 'input' ? el('input', { name, value }) : el('textarea', { name, rows: 7 }, value));
  const form = el(
    'form',
    { class: 'queue', 'data-queue': queue.id },
    el('h3', {}, `${queue.name} (${queue.id})`),
    field(t('admin.console.queue_members'), 'members', queue.members.join(', ')),
    field(t('admin.console.queue_supervisors'), 'supervisors', queue.supervisors.join(', ')),
    field(t('admin.console.queue_backup'), 'backup', queue.backup ?? ''),
    field(t('admin.console.queue_deadline'), 'deadlineHours', String(queue.deadlineHours)),
    field(t('admin.console.queue_hours'), 'hours', hoursText(queue.hours), 'textarea'),
    el('button', { type: 'submit' }, t('admin.console.queue_save')),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const patch = {
      members: list(form.members.value),
      supervisors: list(form.supervisors.value),
      backup: form.backup.value.trim() || null,
      deadlineHours: Number(form.deadlineHours.value),
      hours: parseHours(form.hours.value),
    };
    quiet(call('queues.update', { queueId: queue.id, patch }).then(() => { say(t('admin.console.done')); return loadQueues(); }));
  });
  return form;
}

document.getElementById('directory-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const form = event.target;
  const lines = (text) => text.split('\n').map((l) => l.trim().split(/\s+/)).filter((p) => p[0]);
  const absences = lines(form.absences.value).map(([delegate, from, to]) => ({ delegate, from, to }));
  const referents = Object.fromEntries(lines(form.referents.value).map(([who, queue]) => [who, queue]));
  quiet(call('queues.updateDirectory', { patch: { absences, referents } }).then(() => { say(t('admin.console.done')); return loadQueues(); }));
});

// ---- reports -------------------------------------------------------------------------------

async function loadReports() {
  const recent = await call('digests.list');
  const digests = [...recent.daily, ...recent.weekly].map((d) => el('pre', { class: 'digest' }, d.text));
  document.getElementById('digests').replaceChildren(...(digests.length ? digests : [el('p', { class: 'empty' }, t('admin.console.digests_empty'))]));
  const dead = await call('outbox.dead');
  const items = dead.map((d) =>
    el('li', {}, `${d.channel} — ${d.error} `, el('button', { type: 'button', onclick: () => quiet(call('outbox.requeue', { id: d.id }).then(loadReports)) }, t('admin.console.requeue'))),
  );
  document.getElementById('dead').replaceChildren(...(items.length ? items : [el('li', { class: 'empty' }, t('admin.console.dead_empty'))]));
}
for (const kind of ['daily', 'weekly']) {
  wire(`digest-${kind}`, async () => {
    const { text } = await call('digests.preview', { kind });
    document.getElementById('digest-now').textContent = text;
  });
}

// ---- tabs and start ------------------------------------------------------------------------

const loaders = { answers: loadAnswers, suggestions: loadSuggestions, queues: loadQueues, reports: loadReports };
const tabs = [...document.querySelectorAll('[data-tab]')];

function selectTab(tab) {
  for (const other of tabs) {
    other.setAttribute('aria-selected', String(other === tab));
    other.tabIndex = other === tab ? 0 : -1;
  }
  for (const section of document.querySelectorAll('.tab')) section.hidden = section.id !== `tab-${tab.dataset.tab}`;
  quiet(loaders[tab.dataset.tab]());
}

// Tabs follow the ARIA pattern: one stop in the tab order, arrows (and Home/End) move between tabs.
function neighbour(tab, key) {
  const i = tabs.indexOf(tab);
  if (key === 'ArrowRight') return tabs[(i + 1) % tabs.length];
  if (key === 'ArrowLeft') return tabs[(i - 1 + tabs.length) % tabs.length];
  if (key === 'Home') return tabs[0];
  if (key === 'End') return tabs[tabs.length - 1];
  return null;
}
for (const tab of tabs) {
  tab.addEventListener('click', () => selectTab(tab));
  tab.addEventListener('keydown', (event) => {
    const next = neighbour(tab, event.key);
    if (!next) return;
    event.preventDefault();
    next.focus();
    selectTab(next);
  });
}

async function start() {
  for (const key of RUNTIME_KEYS) if (!(key in strings)) console.warn('missing UI string', key);
  const response = await fetch(api.url('/me'), { headers: api.headers() });
  const body = await response.json();
  if (!body.ok) {
    document.getElementById('refused').hidden = false;
    return;
  }
  document.getElementById('who').textContent = t('admin.console.signed_in', { name: body.name });
  document.getElementById('app').hidden = false;
  await loadAnswers();
  quiet(call('queues.get').then((data) => flagQueuesTab(Boolean(data.conflict))));
}

start().catch(() => {
  document.getElementById('network').hidden = false;
});
