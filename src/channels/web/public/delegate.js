// Relais web console — the delegate view. Plain browser module, no framework.
// Talks to the JSON API of src/channels/web/delegate.ts and polls the board, so that a colleague's
// claim shows without a reload. Holds no wording of its own: the server puts the UI strings in
// #relais-strings (console.js reads them), and card labels come with the cards. Reply drafts and
// the filter survive a reload of the tab (delegate-memory.js, delegate-filter.js).

const { strings, locale, t, el, client } = window.RelaisConsole;
const POLL_MS = 1000;
const api = client('api/delegate', 'relais.demoDelegate');
const memory = window.RelaisDelegateMemory;
const { filter, shown, renderFilter, setUpFilter } = window.RelaisDelegateFilter;
const { announce, doneText, listOf, placeFocus } = window.RelaisDelegateOutcome;

/** Per-card state the re-render must keep: last action message, open history, reply draft, transfer target. */
const messages = new Map();
const histories = new Map();
const drafts = memory.drafts();
const targets = new Map();
let lastBoard = '';
let me = '';
/**
 * Board requests started; only the latest one's answer is drawn (an older one may predate an
 * action). A forced redraw asked for by a superseded request passes to the one that supersedes it.
 */
let boardRequests = 0;
let latestRefresh = Promise.resolve();
let forceNext = false;

/** Shows why the board cannot be read (the server's words when it answered), or hides it. */
function showNetworkError(visible, text = strings['console.delegate.network_error']) {
  const box = document.getElementById('network');
  box.textContent = text;
  box.hidden = !visible;
}

async function act(card, action, body, where) {
  const before = listOf(where).ids;
  let ok = false;
  try {
    const response = await fetch(api.url(`/escalations/${encodeURIComponent(card.escalationId)}/${action}`), {
      method: 'POST',
      headers: api.headers({ 'Content-Type': 'application/json' }),
      body: JSON.stringify(body ?? {}),
    });
    const result = await response.json();
    ok = result.ok === true;
    // A refusal stays on the card; a success is said once, in the status line.
    messages.set(card.escalationId, ok && action !== 'reply' ? '' : (result.message ?? ''));
    announce(ok ? doneText(card, action, result) : (result.message ?? ''), ok ? 'done' : 'refused');
    if (action === 'reply' && ok) drafts.delete(card.escalationId);
    showNetworkError(false);
  } catch {
    showNetworkError(true);
  }
  await refreshed();
  placeFocus(card, action, where, ok, before);
}

async function toggleHistory(card) {
  if (histories.has(card.escalationId)) {
    histories.delete(card.escalationId);
  } else {
    const response = await fetch(api.url(`/escalations/${encodeURIComponent(card.escalationId)}/history`), {
      headers: api.headers(),
    });
    const result = await response.json();
    if (result.ok) histories.set(card.escalationId, result.lines);
    else messages.set(card.escalationId, result.message);
  }
  render(JSON.parse(lastBoard), true);
}

function renderHistory(lines) {
  return el(
    'ol',
    { class: 'history', 'aria-label': strings['console.delegate.history'] },
    ...lines.map((line) => {
      const who =
        line.from === 'delegate'
          ? `${line.name ?? strings['console.delegate.history_delegate']}`
          : strings['console.delegate.history_professional'];
      const note = line.relayed === false ? ` ${strings['console.delegate.history_not_relayed']}` : '';
      return el('li', {}, `${new Date(line.at).toLocaleString(locale)} — ${who}${note} : ${line.text}`);
    }),
  );
}

/**
 * The card's heading and who asks: the question's first words, then "Demande de …" with profession
 * and territory, its status, and one line on where it stands in time.
 */
function cardHead(card, titleId) {
  const asker = [card.title, card.asker.profession, card.asker.territory].filter(Boolean).join(' · ');
  const head = [
    el('h4', { id: titleId }, card.headline ?? card.title),
    el('p', { class: 'meta' }, `${card.queueName} — ${asker}`),
    el('p', { class: 'status', 'data-testid': 'status' }, card.statusText),
  ];
  if (card.followUp) head.unshift(el('p', { class: 'follow-up', 'data-testid': 'follow-up' }, card.followUp.text));
  if (card.timing?.text) head.push(el('p', { class: 'meta times', 'data-testid': 'times' }, card.timing.text));
  return head;
}

/** The transfer control: no queue chosen until the delegate picks one, and a confirmation. */
function transferControl(card, action, key, where) {
  const select = el(
    'select',
    { 'aria-label': strings['console.delegate.transfer_to'], 'data-focus': key('target') },
    el('option', { value: '' }, strings['console.delegate.transfer_choose']),
    ...card.transferTargets.map((t) => el('option', { value: t.queueId }, t.name)),
  );
  select.value = targets.get(card.escalationId) ?? '';
  select.addEventListener('change', () => targets.set(card.escalationId, select.value));
  const transfer = el(
    'button',
    {
      'data-focus': key('transfer'),
      onclick: () => {
        const target = card.transferTargets.find((t) => t.queueId === select.value);
        if (!target) {
          messages.set(card.escalationId, strings['console.delegate.transfer_missing']);
          announce(strings['console.delegate.transfer_missing']);
          render(JSON.parse(lastBoard), true);
          return;
        }
        if (!window.confirm(t('console.delegate.transfer_confirm', { queue: target.name }))) return;
        targets.delete(card.escalationId);
        act(card, 'transfer', { queueId: target.queueId }, where);
      },
    },
    action.label,
  );
  return el('span', { class: 'transfer' }, select, transfer);
}

/**
 * A card. A request the delegate owns shows in full in "Mes demandes" and as one reference line in
 * its queue: `where` tells the places apart, so that the focus comes back to the control it left.
 */
function renderCard(card, where) {
  const key = (control) => `${where}/${card.escalationId}:${control}`;
  const titleId = `title-${where}-${card.escalationId}`.replace(/[^A-Za-z0-9_-]/g, '-');
  // Focusable by script only: the keyboard lands on the card after an action (see placeFocus).
  const node = el('article', {
    class: card.mine && where !== 'mine' ? 'card reference' : 'card',
    tabindex: '-1',
    'aria-labelledby': titleId,
    'data-focus': key('card'),
    'data-status': card.status,
    'data-escalation': card.escalationId,
    'data-follow-up': card.followUp ? 'true' : false,
  });
  node.append(...cardHead(card, titleId));
  if (card.mine && where !== 'mine') {
    node.append(el('p', { class: 'meta' }, strings['console.delegate.in_mine']));
    return node;
  }
  node.append(
    el('p', { class: 'question', 'aria-label': strings['console.delegate.question'] }, card.question),
    el('p', { class: 'meta' }, `${strings['console.delegate.summary']} : ${card.summary}`),
  );
  if (card.guesses.length > 0) {
    const guesses = card.guesses.map((g) => `${g.label} (${Math.round(g.confidence * 100)} %)`).join(', ');
    node.append(el('p', { class: 'meta' }, `${strings['console.delegate.guesses']} : ${guesses}`));
  }

  // The server offers only the actions this delegate may take (another's claim: its history only).
  const actions = el('div', { class: 'actions' });
  for (const action of card.actions) {
    if (action.id === 'transfer') {
      actions.append(transferControl(card, action, key, where));
    } else if (action.id === 'history') {
      actions.append(
        el(
          'button',
          {
            'aria-expanded': String(histories.has(card.escalationId)),
            'data-focus': key('history'),
            onclick: () => toggleHistory(card),
          },
          action.label,
        ),
      );
    } else {
      const [path, body] =
        action.id === 'resolve_faq' ? ['resolve', { proposeFaq: true }] : [action.id, undefined];
      actions.append(
        el(
          'button',
          {
            class: action.style === 'primary' ? 'primary' : '',
            'data-focus': key(action.id),
            onclick: () => act(card, path, body, where),
          },
          action.label,
        ),
      );
    }
  }
  node.append(actions);

  if (card.status === 'claimed' && card.owner?.identity === me) {
    const area = el('textarea', { 'data-focus': key('reply') });
    area.value = drafts.get(card.escalationId) ?? '';
    area.addEventListener('input', () => drafts.set(card.escalationId, area.value));
    const send = el(
      'button',
      {
        class: 'primary',
        'data-focus': key('send'),
        onclick: () => area.value.trim() && act(card, 'reply', { text: area.value }, where),
      },
      strings['console.delegate.reply_send'],
    );
    node.append(el('label', {}, strings['console.delegate.reply_label'], area), send);
  }
  node.append(el('p', { class: 'message' }, messages.get(card.escalationId) ?? ''));
  if (histories.has(card.escalationId)) node.append(renderHistory(histories.get(card.escalationId)));
  return node;
}

function renderCards(container, all, where, emptyKey) {
  const cards = all.filter(shown);
  container.replaceChildren(
    ...(cards.length ? cards.map((card) => renderCard(card, where)) : [el('p', { class: 'empty' }, t(emptyKey))]),
  );
}

/** "3 demande(s)" after a heading, when there are any. */
function count(cards) {
  return cards.length ? el('span', { class: 'count' }, t('console.delegate.count', { count: cards.length })) : null;
}

function render(board, force = false) {
  const snapshot = JSON.stringify(board);
  if (!force && snapshot === lastBoard) return;
  // The board is rebuilt: keep the keyboard where it was (same control of the same card).
  const active = document.activeElement;
  const focused = active?.dataset?.focus;
  const caret = active?.tagName === 'TEXTAREA' ? [active.selectionStart, active.selectionEnd] : null;
  lastBoard = snapshot;
  me = board.identity;
  // A draft goes once its request is no longer the delegate's (sent and resolved, transferred…).
  drafts.keepOnly(new Set(board.mine.map((card) => card.escalationId)));
  document.getElementById('who').textContent = t('console.delegate.signed_in', { name: board.name });
  renderFilter(board.queues);
  renderCards(document.getElementById('mine'), board.mine, 'mine', 'console.delegate.mine_empty');
  document.getElementById('mine-count').replaceChildren(count(board.mine.filter(shown)) ?? '');
  const queues = document.getElementById('queues');
  queues.replaceChildren(
    ...board.queues
      .filter((q) => !filter.queue || q.id === filter.queue)
      .map((q) => {
        const box = el('div', { class: 'cards' });
        renderCards(box, q.cards, `queue:${q.id}`, 'console.delegate.empty');
        const title = q.supervisor ? `${q.name} (${strings['console.delegate.supervisor']})` : q.name;
        const heading = el('h3', { tabindex: '-1', 'data-focus': `heading:${q.id}` }, title, count(q.cards.filter(shown)));
        return el('section', { 'data-queue': q.id }, heading, box);
      }),
  );
  const notices = board.notices.map((n) => el('li', {}, `${new Date(n.at).toLocaleString(locale)} — ${n.text}`));
  document
    .getElementById('notices')
    .replaceChildren(...(notices.length ? notices : [el('li', { class: 'empty' }, t('console.delegate.notices_empty'))]));
  document.getElementById('dead-section').hidden = board.deadLetters.length === 0;
  document
    .getElementById('dead')
    .replaceChildren(
      ...board.deadLetters.map((d) =>
        el('li', {}, `${d.createdAt} — ${d.channel} ${d.type} : ${d.error ?? ''}`),
      ),
    );
  const identities = document.getElementById('identities');
  identities.hidden = board.demoUsers.length === 0;
  document
    .getElementById('identity-list')
    .replaceChildren(
      ...board.demoUsers.map((u) =>
        el(
          'li',
          {},
          el(
            'a',
            {
              href: `?as=${encodeURIComponent(u.id)}`,
              'aria-current': u.id === me.slice(4) ? 'true' : 'false',
            },
            u.name,
          ),
        ),
      ),
    );
  const again = focused ? document.querySelector(`[data-focus="${CSS.escape(focused)}"]`) : null;
  again?.focus();
  if (again && caret) again.setSelectionRange(...caret);
}

/** Fetches and draws the board (see `boardRequests`); resolves once drawn or superseded. */
function refresh(force = false) {
  const request = ++boardRequests;
  forceNext ||= force;
  latestRefresh = drawBoard(request);
  return latestRefresh;
}

/** Resolves once the page shows a board asked for after this call. */
async function refreshed() {
  let run = refresh(true);
  await run;
  while (run !== latestRefresh) {
    run = latestRefresh;
    await run;
  }
}

async function drawBoard(request) {
  try {
    const response = await fetch(api.url('/board'), { headers: api.headers() });
    if (request !== boardRequests) return;
    if (!response.ok) {
      // Refused (no token, unknown identity): say so rather than blame the network.
      const body = await response.json().catch(() => ({}));
      showNetworkError(true, body?.error?.message ?? body?.message ?? strings['console.delegate.network_error']);
      return;
    }
    const board = await response.json();
    if (request !== boardRequests) return;
    render(board, forceNext);
    forceNext = false;
    showNetworkError(false);
  } catch {
    showNetworkError(true);
  }
}

async function poll() {
  await refresh();
  setTimeout(poll, POLL_MS);
}

setUpFilter(() => {
  if (lastBoard) render(JSON.parse(lastBoard), true);
});
poll();
