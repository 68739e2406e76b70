// Relais web console — admin view, Answers tab: the searchable list of answers, and the open
// answer's editor (draft, preview, publish, schedule, rollback), utterances and history.
// The open answer and the search live in the URL's hash (`#answer=…&q=…`), so that a reload reopens
// them; leaving the page while the editor holds unsaved changes asks first (beforeunload).
// Defines RelaisAdmin.loadAnswers / openAnswer / restoreAnswers; loaded after admin-api.js. Holds no wording of its own.

const { locale, t, el } = window.RelaisConsole;
const { say, call, quiet, wire, checkKeys } = window.RelaisAdmin;
// Scheduled-version choice, « Sources vérifiées aujourd'hui », the preview's « à jour au » (admin-versions.js).
const { withScheduledChoice, resetSourcesCheck, draftOptions, showPreviewExtras } = window.RelaisAdmin;
const editorErrors = document.getElementById('editor-errors');
const utteranceErrors = document.getElementById('utterance-errors');

const state = { rows: [], current: null, detail: null, saved: null };

// ---- where the admin is (URL hash) and unsaved edits -------------------------------------------

/** Writes the open answer and the search into the hash (replacing the entry: no history per keystroke). */
function rememberPlace() {
  const params = new URLSearchParams();
  if (state.current) params.set('answer', state.current);
  const query = document.getElementById('search').value;
  if (query) params.set('q', query);
  const hash = params.size ? `#${params}` : '';
  if (hash !== window.location.hash) history.replaceState(null, '', `${window.location.pathname}${window.location.search}${hash}`);
}

/** The editor's fields as one string, to tell whether they changed since the answer was opened or saved. */
function editorSnapshot() {
  const form = document.getElementById('editor');
  return JSON.stringify([...new FormData(form).entries()]);
}

function hasUnsavedChanges() {
  return state.saved !== null && editorSnapshot() !== state.saved;
}

window.addEventListener('beforeunload', (event) => {
  if (!hasUnsavedChanges()) return;
  // Browsers show their own wording; both calls are needed across them.
  event.preventDefault();
  event.returnValue = '';
});

// Keys built at run time, listed so that the server sends them (it scans for quoted literals).
checkKeys(['admin.console.state_in_force', 'admin.console.state_scheduled', 'admin.console.state_cancelled', 'admin.console.state_past']);

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
        { 'data-intent': row.intentId, 'aria-current': row.intentId === state.current ? 'true' : false, onclick: () => quiet(switchTo(row.intentId)) },
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

/** Opens another answer from the list, once the admin agreed to drop the open one's unsaved changes. */
async function switchTo(intentId) {
  if (intentId !== state.current && hasUnsavedChanges() && !window.confirm(t('admin.console.unsaved_leave'))) return;
  await openAnswer(intentId, true);
}

async function openAnswer(intentId, focus = false) {
  if (intentId !== state.current) {
    // Another answer's refusals no longer apply.
    for (const box of [editorErrors, utteranceErrors]) box.hidden = true;
  }
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
  resetSourcesCheck();
  state.saved = editorSnapshot();
  rememberPlace();
  const conflict = document.getElementById('conflict');
  conflict.hidden = !detail.conflict;
  if (detail.conflict) {
    document.getElementById('conflict-label').textContent = t('admin.console.conflict', { file: detail.conflict.file });
    document.getElementById('conflict-text').textContent = detail.conflict.content.text;
  }
  document.getElementById('utterances').replaceChildren(
    ...detail.utterances.map((u) =>
      el('li', {}, u, ' ', el('button', { type: 'button', 'aria-label': t('admin.console.utterance_remove_label', { text: u }), onclick: () => quiet(act('utterances.remove', { intentId, text: u }, undefined, utteranceErrors)) }, t('admin.console.utterance_remove'))),
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
    actions.push(el('button', { type: 'button', onclick: () => quiet(withScheduledChoice((extra) => act('answers.rollback', { intentId, n: v.n, ...extra }))) }, t('admin.console.rollback')));
  }
  if (v.state === 'scheduled') {
    actions.push(el('button', { type: 'button', onclick: () => quiet(act('answers.cancelScheduled', { intentId, n: v.n })) }, t('admin.console.cancel_scheduled')));
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

/** Runs a command on the open answer, then reloads it and the list (a refusal goes to `errors`). */
async function act(name, input, message = t('admin.console.done'), errors = null) {
  const result = await call(name, input, errors);
  await loadAnswers();
  if (state.current) await openAnswer(state.current);
  // Said once the page shows the outcome, so that what is read next is already up to date.
  say(typeof message === 'function' ? message(result) : message);
  return result;
}

async function saveDraft() {
  await call('answers.saveDraft', { intentId: state.current, content: editedContent(), ...draftOptions() }, editorErrors);
  state.saved = editorSnapshot();
}

wire('save-draft', async () => {
  await saveDraft();
  await act('answers.get', { intentId: state.current }, t('admin.console.saved'));
});
wire('preview', async () => {
  await saveDraft();
  const preview = await call('answers.preview', { intentId: state.current }, editorErrors);
  document.getElementById('preview-box').hidden = false;
  document.getElementById('preview-when').textContent = preview.scheduled
    ? t('admin.console.takes_effect', { at: new Date(preview.effectiveAt).toLocaleString(locale) })
    : t('admin.console.takes_effect_now');
  renderAnswer(document.getElementById('preview-answer'), preview.served);
  document.getElementById('preview-diff').textContent = preview.diff.filter((l) => !l.startsWith('  ')).join('\n');
  showPreviewExtras(preview);
});
wire('publish', async () => {
  await saveDraft();
  const note = document.getElementById('editor').note.value;
  const outcome = (r) =>
    r.scheduled
      ? t('admin.console.scheduled', { version: `v${r.n}`, at: new Date(r.effectiveAt).toLocaleString(locale) })
      : t('admin.console.published', { version: `v${r.n}` });
  await withScheduledChoice((extra) => act('answers.publish', { intentId: state.current, ...(note ? { note } : {}), ...extra }, outcome, editorErrors), editorErrors);
});
wire('discard', () => act('answers.discardDraft', { intentId: state.current }, undefined, editorErrors));
wire('retire', () => act('answers.retire', { intentId: state.current }, undefined, editorErrors));
wire('conflict-keep', () => act('answers.resolveConflict', { intentId: state.current, choice: 'keep' }));
wire('conflict-file', () => act('answers.resolveConflict', { intentId: state.current, choice: 'file' }));
document.getElementById('utterance-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const input = event.target.text;
  quiet(act('utterances.add', { intentId: state.current, text: input.value }, undefined, utteranceErrors).then(() => (input.value = '')));
});
let searchTimer;
document.getElementById('search').addEventListener('input', () => {
  rememberPlace();
  clearTimeout(searchTimer);
  searchTimer = setTimeout(() => quiet(loadAnswers()), 200);
});


/** Loads the list with the search kept in the URL, and reopens the answer it names (a reload comes back here). */
async function restoreAnswers() {
  const params = new URLSearchParams(window.location.hash.slice(1));
  document.getElementById('search').value = params.get('q') ?? '';
  await loadAnswers();
  const intentId = params.get('answer');
  if (intentId) await openAnswer(intentId).catch(() => rememberPlace());
}

window.RelaisAdmin = { ...window.RelaisAdmin, loadAnswers, openAnswer, restoreAnswers };
