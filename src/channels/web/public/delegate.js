// Relais web console — the delegate view. Plain browser module, no framework.
// Talks to the JSON API of src/channels/web/delegate.ts and polls the board, so that a colleague's
// claim shows without a reload. Holds no wording of its own: the server puts the UI strings in
// #relais-strings (console.js reads them), and card labels come with the cards.

const { strings, locale, t, el, client } = window.RelaisConsole;
const POLL_MS = 1000;
const api = client('api/delegate', 'relais.demoDelegate');

/** Per-card state the re-render must keep: last action message, open history, reply draft, transfer target. */
const messages = new Map();
const histories = new Map();
const drafts = new Map();
const targets = new Map();
let lastBoard = '';
let me = '';

/** Shows why the board cannot be read (the server's words when it answered), or hides it. */
function showNetworkError(visible, text = strings['console.delegate.network_error']) {
  const box = document.getElementById('network');
  box.textContent = text;
  box.hidden = !visible;
}

/** Says an action's outcome to screen readers (the card, rebuilt by the refresh, shows it too). */
function announce(text) {
  document.getElementById('announce').textContent = text;
}

async function act(card, action, body) {
  try {
    const response = await fetch(api.url(`/escalations/${encodeURIComponent(card.escalationId)}/${action}`), {
      method: 'POST',
      headers: api.headers({ 'Content-Type': 'application/json' }),
      body: JSON.stringify(body ?? {}),
    });
    const result = await response.json();
    messages.set(card.escalationId, result.message ?? '');
    announce(result.message ?? '');
    if (action === 'reply' && result.ok) drafts.delete(card.escalationId);
    showNetworkError(false);
  } catch {
    showNetworkError(true);
  }
  await refresh(true);
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
 * A card. The same request can show twice (in "Mes demandes" and in its queue): `where` tells the
 * copies apart, so that the focus comes back to the control it left.
 */
function renderCard(card, where) {
  const key = (control) => `${where}/${card.escalationId}:${control}`;
  const node = el('article', {
    class: 'card',
    'data-status': card.status,
    'data-escalation': card.escalationId,
  });
  const asker = [card.asker.name, card.asker.profession, card.asker.territory].filter(Boolean).join(' · ');
  node.append(
    el('h4', {}, card.title),
    el('p', { class: 'meta' }, `${card.queueName} — ${strings['console.delegate.asker']} : ${asker}`),
    el('p', { class: 'status', 'data-testid': 'status' }, card.statusText),
    el('p', { class: 'question', 'aria-label': strings['console.delegate.question'] }, card.question),
    el('p', { class: 'meta' }, `${strings['console.delegate.summary']} : ${card.summary}`),
  );
  if (card.guesses.length > 0) {
    const guesses = card.guesses.map((g) => `${g.label} (${Math.round(g.confidence * 100)} %)`).join(', ');
    node.append(el('p', { class: 'meta' }, `${strings['console.delegate.guesses']} : ${guesses}`));
  }
  if (card.deadline) node.append(el('p', { class: 'meta' }, card.deadline.text));

  const actions = el('div', { class: 'actions' });
  for (const action of card.actions) {
    if (action.id === 'transfer') {
      const select = el(
        'select',
        { 'aria-label': strings['console.delegate.transfer_to'], 'data-focus': key('target') },
        ...card.transferTargets.map((t) => el('option', { value: t.queueId }, t.name)),
      );
      if (targets.has(card.escalationId)) select.value = targets.get(card.escalationId);
      select.addEventListener('change', () => targets.set(card.escalationId, select.value));
      const transfer = el(
        'button',
        { 'data-focus': key('transfer'), onclick: () => act(card, 'transfer', { queueId: select.value }) },
        action.label,
      );
      actions.append(el('span', { class: 'transfer' }, select, transfer));
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
      // Only the owner (or a supervisor) may release or resolve: the server says so if not.
      actions.append(
        el(
          'button',
          {
            class: action.style === 'primary' ? 'primary' : '',
            'data-focus': key(action.id),
            onclick: () => act(card, path, body),
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
        onclick: () => area.value.trim() && act(card, 'reply', { text: area.value }),
      },
      strings['console.delegate.reply_send'],
    );
    node.append(el('label', {}, strings['console.delegate.reply_label'], area), send);
  }
  node.append(el('p', { class: 'message' }, messages.get(card.escalationId) ?? ''));
  if (histories.has(card.escalationId)) node.append(renderHistory(histories.get(card.escalationId)));
  return node;
}

function renderCards(container, cards, where, emptyKey) {
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
  document.getElementById('who').textContent = t('console.delegate.signed_in', { name: board.name });
  renderCards(document.getElementById('mine'), board.mine, 'mine', 'console.delegate.mine_empty');
  document.getElementById('mine-count').replaceChildren(count(board.mine) ?? '');
  const queues = document.getElementById('queues');
  queues.replaceChildren(
    ...board.queues.map((q) => {
      const box = el('div', { class: 'cards' });
      renderCards(box, q.cards, `queue:${q.id}`, 'console.delegate.empty');
      const title = q.supervisor ? `${q.name} (${strings['console.delegate.supervisor']})` : q.name;
      return el('section', { 'data-queue': q.id }, el('h3', {}, title, count(q.cards)), box);
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

async function refresh(force = false) {
  try {
    const response = await fetch(api.url('/board'), { headers: api.headers() });
    if (!response.ok) {
      // Refused (no token, unknown identity): say so rather than blame the network.
      const body = await response.json().catch(() => ({}));
      showNetworkError(true, body?.error?.message ?? body?.message ?? strings['console.delegate.network_error']);
      return;
    }
    render(await response.json(), force);
    showNetworkError(false);
  } catch {
    showNetworkError(true);
  }
}

async function poll() {
  await refresh();
  setTimeout(poll, POLL_MS);
}

poll();
