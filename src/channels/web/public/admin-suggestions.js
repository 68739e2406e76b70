// Relais web console — admin view, Suggestions tab: questions the bot could not place (fallbacks,
// 👎, "none of these", delegates' proposed answers), grouped by likely intent. Each may be added as
// a phrasing of any intent, or dismissed. Defines RelaisAdmin.loadSuggestions; no wording of its own.

const { t, el } = window.RelaisConsole;
const { say, call, quiet, errorBox, checkKeys } = window.RelaisAdmin;

checkKeys([
  'admin.console.suggestion_kind_fallback', 'admin.console.suggestion_kind_feedback_down',
  'admin.console.suggestion_kind_none_of_these', 'admin.console.suggestion_kind_delegate_answer',
]);

async function loadSuggestions() {
  // Every intent is a possible target, whatever the Answers tab's search shows.
  const [groups, intents] = await Promise.all([call('suggestions.list'), call('intents.list')]);
  const box = document.getElementById('suggestions');
  if (groups.length === 0) {
    box.replaceChildren(el('p', {}, t('admin.console.suggestions_empty')));
    return;
  }
  box.replaceChildren(
    ...groups.map((group) => {
      const heading = group.intentId ?? t('admin.console.suggestions_unknown');
      return el('section', { class: 'group' }, el('h3', {}, heading), el('ul', {}, ...group.items.map((item) => suggestionItem(item, group.intentId, intents))));
    }),
  );
}

/** One option per intent (sorted by title by the server): "Title (intent_id)". */
function intentSelect(intents, chosen) {
  const select = el('select', { 'aria-label': t('admin.console.suggestion_accept') });
  if (!chosen) select.append(el('option', { value: '' }, t('admin.console.suggestion_choose')));
  for (const intent of intents) {
    select.append(el('option', { value: intent.intentId, selected: intent.intentId === chosen }, t('admin.console.intent_option', intent)));
  }
  return select;
}

function suggestionItem(item, intentId, intents) {
  const select = intentSelect(intents, intentId);
  const errors = errorBox();
  const run = (name, input) => quiet(call(name, input, errors).then(() => { say(t('admin.console.done')); return loadSuggestions(); }));
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
    // A delegate's proposed answer: « Créer un brouillon de réponse » for the chosen intent (admin-versions.js).
    ' ',
    ...window.RelaisAdmin.draftActions(item, () => select.value, errors),
    errors,
  );
}

window.RelaisAdmin = { ...window.RelaisAdmin, loadSuggestions };
