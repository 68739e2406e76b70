// Relais web console — the professional's chat. Plain browser module, no framework.
// Talks to the JSON API of src/channels/web/professional.ts; holds no wording of its own (the
// server puts the UI strings in #relais-strings; console.js reads them).

const { strings, locale, client } = window.RelaisConsole;

const log = document.getElementById('log');
const statusLine = document.getElementById('status');
const form = document.getElementById('ask');
const input = document.getElementById('question');
const sendButton = document.getElementById('send');
const identityBox = document.getElementById('identity');
const identitySelect = document.getElementById('identity-select');

const DEMO_KEY = 'relais.demoUser';
const api = client('api/chat', DEMO_KEY);

let busy = false;

function newId() {
  if (window.crypto?.randomUUID) return window.crypto.randomUUID();
  return `${Date.now()}-${Math.random().toString(16).slice(2)}`;
}

// ---- Light formatting: **bold**, [title](https://…), "- " bullets, line breaks. Built as DOM
// nodes, never as HTML, so that nothing a message contains can inject markup.

const INLINE = /\*\*(.+?)\*\*|\[([^\]]+)\]\((https?:\/\/[^\s)]+)\)/g;

function appendInline(parent, text) {
  let last = 0;
  for (const match of text.matchAll(INLINE)) {
    if (match.index > last) parent.append(text.slice(last, match.index));
    if (match[1] !== undefined) {
      const strong = document.createElement('strong');
      strong.textContent = match[1];
      parent.append(strong);
    } else {
      parent.append(link(match[2], match[3]));
    }
    last = match.index + match[0].length;
  }
  if (last < text.length) parent.append(text.slice(last));
}

function link(title, url) {
  const a = document.createElement('a');
  a.href = url;
  a.textContent = title;
  a.target = '_blank';
  a.rel = 'noopener noreferrer';
  return a;
}

function formatted(text) {
  const fragment = document.createDocumentFragment();
  let list = null;
  for (const line of text.split('\n')) {
    const trimmed = line.trim();
    if (trimmed.startsWith('- ')) {
      if (!list) {
        list = document.createElement('ul');
        fragment.append(list);
      }
      const item = document.createElement('li');
      appendInline(item, trimmed.slice(2));
      list.append(item);
      continue;
    }
    list = null;
    if (trimmed === '') continue;
    const p = document.createElement('p');
    appendInline(p, trimmed);
    fragment.append(p);
  }
  return fragment;
}

// ---- Messages

function messageItem(kind, who) {
  const li = document.createElement('li');
  li.className = who === 'me' ? 'msg me' : `msg bot kind-${kind}`;
  li.dataset.kind = kind;
  const label = document.createElement('span');
  label.className = 'who visually-hidden';
  label.textContent = `${who === 'me' ? strings['console.chat.you'] : strings['console.chat.bot']} : `;
  li.append(label);
  return li;
}

function showMine(text, scroll = true) {
  const li = messageItem('question', 'me');
  li.append(formatted(text));
  log.append(li);
  if (scroll) li.scrollIntoView({ block: 'end' });
  return li;
}

/** Shows the text as the server kept it (a NIR masked) in place of what was typed. */
function replaceMine(li, text) {
  const label = li.querySelector('.who');
  li.replaceChildren(label, formatted(text));
}

// Buttons shown as an icon: drawn as SVG (no emoji font needed), named by a UI string.
const THUMB =
  'M2 21h4V9H2v12zm21-11c0-1.1-.9-2-2-2h-6.31l.95-4.57.03-.32c0-.41-.17-.79-.44-1.06L14.17 1 ' +
  '7.59 7.59C7.22 7.95 7 8.45 7 9v10c0 1.1.9 2 2 2h9c.83 0 1.54-.5 1.84-1.22l3.02-7.05c.09-.23' +
  '.14-.47.14-.73v-2z';
const ICON_BUTTONS = {
  feedback_up: { label: 'console.chat.feedback_up', flip: false },
  feedback_down: { label: 'console.chat.feedback_down', flip: true },
};
const SVG = 'http://www.w3.org/2000/svg';

function icon(flip) {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  const path = document.createElementNS(SVG, 'path');
  path.setAttribute('d', THUMB);
  if (flip) path.setAttribute('transform', 'rotate(180 12 12)');
  svg.append(path);
  return svg;
}

const isFeedback = (action) => action === 'feedback_up' || action === 'feedback_down';

function buttonFor(button, group) {
  const b = document.createElement('button');
  b.type = 'button';
  const iconButton = ICON_BUTTONS[button.action];
  const label = iconButton ? strings[iconButton.label] : button.label;
  if (iconButton) {
    b.classList.add('icon');
    b.setAttribute('aria-label', label);
    b.title = label;
    b.append(icon(iconButton.flip));
  } else {
    b.textContent = label;
  }
  b.dataset.action = button.action;
  if (button.value) b.dataset.value = button.value;
  if (button.style) b.classList.add(button.style);
  b.addEventListener('click', () => {
    if (busy) return;
    // A choice is made once: its buttons stay visible but inactive. A vote closes the vote only,
    // so that "talk to a delegate" stays open after a 👎.
    for (const other of group.querySelectorAll('button')) {
      if (isFeedback(other.dataset.action) === isFeedback(button.action)) other.disabled = true;
    }
    b.classList.add('chosen');
    send({ action: button.action, value: button.value }, label);
  });
  return b;
}

function showReply(reply, scroll = true) {
  const li = messageItem(reply.kind, 'bot');
  if (reply.intentId) li.dataset.intent = reply.intentId;
  li.append(formatted(reply.text));
  if (reply.signature) {
    const p = document.createElement('p');
    p.className = 'signature';
    p.textContent = `— ${reply.signature}`;
    li.append(p);
  }
  if (reply.sources?.length) {
    const p = document.createElement('p');
    p.className = 'sources';
    p.append(`${strings['console.chat.sources']} `);
    reply.sources.forEach((source, i) => {
      if (i > 0) p.append(' · ');
      p.append(link(source.title, source.url));
    });
    li.append(p);
  }
  if (reply.asOf) {
    const p = document.createElement('p');
    p.className = 'asof';
    p.textContent = reply.asOf;
    li.append(p);
  }
  if (reply.buttons?.length) {
    const group = document.createElement('div');
    group.className = 'actions';
    group.setAttribute('role', 'group');
    for (const button of reply.buttons) group.append(buttonFor(button, group));
    li.append(group);
  }
  if (reply.followUps?.length) {
    const group = document.createElement('div');
    group.className = 'followups';
    group.setAttribute('role', 'group');
    const title = document.createElement('p');
    title.className = 'followups-title';
    title.id = `followups-${newId()}`;
    title.textContent = strings['console.chat.followups'];
    group.setAttribute('aria-labelledby', title.id);
    group.append(title);
    for (const button of reply.followUps) group.append(buttonFor(button, group));
    li.append(group);
  }
  log.append(li);
  if (scroll) li.scrollIntoView({ block: 'end' });
}

// ---- Talking to the server

async function send(body, echo) {
  if (busy) return;
  busy = true;
  sendButton.disabled = true;
  statusLine.textContent = strings['console.chat.sending'];
  const mine = showMine(echo);
  let response = null;
  let payload = null;
  try {
    response = await fetch(api.url(''), {
      method: 'POST',
      headers: api.headers({ 'Content-Type': 'application/json' }),
      body: JSON.stringify({ id: newId(), locale, ...body }),
    });
    payload = await response.json();
  } catch {
    // No answer, or not JSON: left null, told below as a network failure.
  }
  // Free again before the replies show: their buttons work as soon as they can be seen.
  busy = false;
  sendButton.disabled = false;
  if (!response || payload === null) {
    statusLine.textContent = strings['console.chat.network_error'];
    // Nothing reached the server: give the question back rather than make them type it again.
    if (body.text !== undefined && input.value === '') input.value = body.text;
  } else if (!response.ok) {
    statusLine.textContent = '';
    showReply({ kind: 'error', text: payload?.error?.message ?? strings['console.chat.network_error'] });
  } else {
    statusLine.textContent = '';
    if (typeof payload.echo === 'string' && payload.echo !== echo) replaceMine(mine, payload.echo);
    for (const reply of payload.replies) showReply(reply, false);
    // Not handled (too long, too many messages): the text comes back to be edited or sent again.
    const refused = payload.replies.some((reply) => reply.kind === 'error');
    if (refused && body.text !== undefined && input.value === '') input.value = body.text;
    // A long answer is read from its start: bring the question to the top, the answer below it.
    mine.scrollIntoView({ block: 'start' });
  }
  input.focus();
}

// The recent conversation, then the later replies (delegate messages) as they arrive: chat-history.js.
const feed = window.RelaisChatHistory.feed(api, { log, showMine, showReply });

async function loadSession() {
  const current = feed.reset();
  let response = await fetch(api.url('/session'), { headers: api.headers() });
  if (response.status === 400 && window.localStorage.getItem(DEMO_KEY)) {
    // The remembered demo identity is no longer configured: fall back to the default one.
    window.localStorage.removeItem(DEMO_KEY);
    response = await fetch(api.url('/session'), { headers: api.headers() });
  }
  if (!response.ok) {
    const payload = await response.json().catch(() => ({}));
    showReply({ kind: 'error', text: payload?.error?.message ?? strings['console.chat.network_error'] });
    return false;
  }
  const session = await response.json();
  if (!current()) return false;
  if (session.demoUsers.length > 0) {
    identitySelect.replaceChildren(
      ...session.demoUsers.map((user) => {
        const option = document.createElement('option');
        option.value = user.id;
        option.textContent = user.profession ? `${user.name} — ${user.profession}` : user.name;
        return option;
      }),
    );
    identitySelect.value = session.user.id;
    identityBox.hidden = false;
  }
  // This person's recent conversation first, then the live one below it.
  await feed.load(session.user.id, session.inboxSeq, current);
  return true;
}

identitySelect.addEventListener('change', async () => {
  window.localStorage.setItem(DEMO_KEY, identitySelect.value);
  await loadSession();
  input.focus();
});

for (const tool of document.querySelectorAll('button.tool')) {
  tool.addEventListener('click', () => send({ action: tool.dataset.action }, tool.textContent));
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  const text = input.value.trim();
  // While a question is on its way the box keeps what is typed (it is sent with the next Enter).
  if (text === '' || busy) return;
  input.value = '';
  send({ text }, text);
});

input.addEventListener('keydown', (event) => {
  // Enter sends, Shift+Enter starts a new line.
  if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
    event.preventDefault();
    form.requestSubmit();
  }
});

feed.start();
if (await loadSession()) input.focus();
