// Relais web console — admin view, what publishing a version involves beyond the form:
// - a version scheduled for a later date would replace the one being published (a fix undone on
//   1 December by a text written before it): the server refuses with `scheduled_conflict` and the
//   admin chooses here, explicitly, to cancel those versions or keep them (src/admin/scheduled-conflict.ts);
// - « Sources vérifiées aujourd'hui », offered whenever an answer is open and never pre-ticked (an
//   admin may re-read the sources without changing the text; a changed text alone proves nothing),
//   and the « à jour au » the chat will show, in the preview;
// - a delegate's proposed answer becomes a draft of the chosen intent (Suggestions tab).
// Loaded after admin-api.js, before the tabs' modules; adds to window.RelaisAdmin. No wording of its own.

const { locale, t, el } = window.RelaisConsole;

// ---- later scheduled versions ------------------------------------------------------------------

/** The choice box, placed right after the editor (built once). */
function choiceBox() {
  let box = document.getElementById('scheduled-choice');
  if (!box) {
    box = el('section', { id: 'scheduled-choice', class: 'conflict', role: 'group', 'aria-labelledby': 'scheduled-choice-title', hidden: true });
    document.getElementById('editor').after(box);
  }
  return box;
}

function hideChoice() {
  const box = document.getElementById('scheduled-choice');
  if (box) box.hidden = true;
}

/** One line per later version: which, from when, by whom. */
function laterItems(scheduled) {
  return scheduled.map((s) =>
    // The person's name when the configuration knows them, else their identity.
    el('li', { 'data-version': s.version }, t('admin.console.later_scheduled_item', { version: s.version, at: new Date(s.effectiveAt).toLocaleString(locale), by: s.name ?? s.by })),
  );
}

/** Lists the later versions and resolves with the admin's choice (`null`: back to editing). */
function askChoice(refusal) {
  const box = choiceBox();
  return new Promise((resolve) => {
    const choose = (action) => () => {
      box.hidden = true;
      resolve(action ? { action, versions: refusal.scheduled.map((s) => s.n) } : null);
    };
    const title = el('h3', { id: 'scheduled-choice-title', tabindex: '-1' }, t('admin.console.later_scheduled_heading'));
    box.replaceChildren(
      title,
      el('p', {}, refusal.message),
      el('p', {}, t('admin.console.later_scheduled_intro')),
      el('ul', {}, ...laterItems(refusal.scheduled)),
      el('div', { class: 'actions' },
        el('button', { type: 'button', class: 'primary', onclick: choose('cancel') }, t('admin.console.later_scheduled_cancel')),
        el('button', { type: 'button', onclick: choose('keep') }, t('admin.console.later_scheduled_keep')),
        el('button', { type: 'button', onclick: choose(null) }, t('admin.console.later_scheduled_back')),
      ),
    );
    box.hidden = false;
    title.focus();
  });
}

/**
 * Runs `attempt(extra)` (a publish or rollback through RelaisAdmin's `call`). When the server
 * answers `scheduled_conflict`, the refusal is replaced by the choice, and the command runs again
 * with `{onScheduled}` once the admin has chosen; a later version scheduled meanwhile asks again.
 */
async function withScheduledChoice(attempt, errors = null) {
  hideChoice();
  let extra = {};
  for (;;) {
    try {
      return await attempt(extra);
    } catch (error) {
      const refusal = error.refusal;
      if (refusal?.code !== 'scheduled_conflict' || !refusal.scheduled?.length) throw error;
      // The choice box says it all: the generic refusal above it would repeat it.
      if (errors) errors.hidden = true;
      const onScheduled = await askChoice(refusal);
      if (!onScheduled) throw error;
      extra = { onScheduled };
    }
  }
}

// ---- sources checked today, and the preview's « à jour au » -----------------------------------

/** The box, right after the sources field (built once), with what ticking it does. */
function sourcesBox() {
  let row = document.getElementById('sources-checked-today');
  if (!row) {
    const form = document.getElementById('editor');
    row = el('div', { id: 'sources-checked-today' },
      el('label', { class: 'check' }, el('input', { name: 'sourcesCheckedToday', type: 'checkbox', 'aria-describedby': 'sources-checked-today-hint' }), ' ', t('admin.console.sources_checked_today')),
      el('p', { id: 'sources-checked-today-hint', class: 'hint' }, t('admin.console.sources_checked_today_hint')));
    form.sources.closest('label').after(row);
  }
  return row;
}

/** Called when an answer is opened: the box starts unticked (the admin ticks it on purpose). */
function resetSourcesCheck() {
  hideChoice();
  sourcesBox().querySelector('input').checked = false;
}

/** What saving the draft adds to the command's input. */
function draftOptions() {
  return sourcesBox().querySelector('input').checked ? { sourcesCheckedToday: true } : {};
}

/** `2026-11-23` as the chat writes it (23/11/2026 in French). */
function formatDay(day) {
  const [y, m, d] = day.split('-');
  return locale === 'fr' ? `${d}/${m}/${y}` : day;
}

/** Adds to the preview the « à jour au » the chat will show and the later versions that would replace it. */
function showPreviewExtras(preview) {
  const box = document.getElementById('preview-box');
  let asOf = document.getElementById('preview-as-of');
  if (!asOf) {
    asOf = el('p', { id: 'preview-as-of' });
    document.getElementById('preview-answer').after(asOf);
  }
  asOf.textContent = t('admin.console.preview_as_of', { date: formatDay(preview.asOf) });
  box.querySelector('#preview-later')?.remove();
  box.querySelector('#preview-unmerged')?.remove();
  // Said before publishing is tried: the delegate's block must be merged, then deleted.
  if (preview.unmergedProposal) asOf.after(el('p', { id: 'preview-unmerged', class: 'error' }, t('admin.error.proposal_unmerged')));
  if (preview.laterScheduled?.length) {
    asOf.after(el('div', { id: 'preview-later', class: 'conflict' }, el('p', {}, t('admin.console.later_scheduled_intro')), el('ul', {}, ...laterItems(preview.laterScheduled))));
  }
}

// ---- a delegate's proposed answer becomes a draft ----------------------------------------------

/** Opens the Answers tab on `intentId`'s editor. */
async function openEditor(intentId) {
  document.getElementById('tab-answers-tab').click();
  await window.RelaisAdmin.openAnswer(intentId, true);
}

/**
 * The draft actions of a suggestion carrying a proposed answer: create the draft (for the intent
 * chosen in the item's list), or, once created, open it. Nothing for other suggestions.
 */
function draftActions(item, chosenIntent, errors) {
  if (!item.answer) return [];
  const { call, say, quiet } = window.RelaisAdmin;
  if (item.draftFor) {
    return [
      el('span', { class: 'badge draft' }, t('admin.console.suggestion_draft_for', { intent: item.draftFor })),
      ' ',
      el('button', { type: 'button', onclick: () => quiet(openEditor(item.draftFor)) }, t('admin.console.suggestion_open_draft')),
    ];
  }
  const create = async () => {
    const intentId = chosenIntent();
    await call('suggestions.draftAnswer', { id: item.id, intentId }, errors);
    await openEditor(intentId);
    say(t('admin.console.draft_from_suggestion'));
  };
  return [el('button', { type: 'button', onclick: () => quiet(create()) }, t('admin.console.suggestion_draft'))];
}

window.RelaisAdmin = { ...window.RelaisAdmin, withScheduledChoice, resetSourcesCheck, draftOptions, showPreviewExtras, draftActions };
