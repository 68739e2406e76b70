// Relais web console — the admin view's start: who is signed in (and, when refused, how to sign
// in), then the tabs. The tabs' modules (admin-answers.js, admin-suggestions.js, admin-queues.js,
// admin-reports.js) and the server calls (admin-api.js) are loaded before it and share
// window.RelaisAdmin. Plain browser modules, no framework; UI strings come in #relais-strings.

const { t, el } = window.RelaisConsole;
const { call, whoAmI, quiet, loadAnswers, restoreAnswers, loadSuggestions, loadQueues, loadReports, flagQueuesTab } = window.RelaisAdmin;

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

/** This page's URL signed in as the demo identity `id` (the page language kept). */
function signInUrl(id) {
  const params = new URLSearchParams(window.location.search);
  params.set('as', id);
  return `?${params}`;
}

/**
 * What a refused caller can do. On loopback (development): sign in as one of the demo identities
 * that are admins. With a personal link (production): open an admin's own link instead.
 */
function showSignIn(refusal) {
  const box = document.getElementById('sign-in');
  if (refusal.via === 'token') {
    box.replaceChildren(el('p', {}, t('admin.console.sign_in_token', { name: refusal.name ?? '' })));
  } else if (refusal.via === 'loopback' && refusal.signIn?.length) {
    box.replaceChildren(
      el('p', {}, t('admin.console.sign_in_demo')),
      el('ul', {}, ...refusal.signIn.map((u) => el('li', {}, el('a', { href: signInUrl(u.id) }, t('admin.console.sign_in_as', { name: u.name, id: u.id }))))),
    );
  } else if (refusal.via === 'loopback') {
    box.replaceChildren(el('p', {}, t('admin.console.sign_in_no_demo_admin')));
  } else {
    // Refused before any identity (an unknown demo identity, say): the server's message says why.
    box.replaceChildren(el('p', {}, refusal.message ?? ''), el('p', {}, t('admin.console.sign_in_token_needed')));
  }
  box.hidden = false;
}

async function start() {
  const me = await whoAmI();
  if (!me.ok) {
    document.getElementById('refused').hidden = false;
    showSignIn(me);
    return;
  }
  document.getElementById('who').textContent = t('admin.console.signed_in', { name: me.name });
  document.getElementById('app').hidden = false;
  // The answer and the search of the URL, if any (a reload lands where the admin was).
  await restoreAnswers();
  quiet(call('queues.get').then((data) => flagQueuesTab(Boolean(data.conflict))));
}

start().catch(() => {
  document.getElementById('network').hidden = false;
});
