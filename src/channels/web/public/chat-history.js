// Relais web console — what the professional's chat shows besides the direct replies: first their
// recent conversation (GET api/chat/history: their messages, the bot's replies, the delegates'
// replies, oldest first), then the later replies as they arrive (GET api/chat/inbox, polled).
// Loaded before chat.js, which draws the messages: this module orders them, marks where the
// history starts and which inbox replies arrived since the last visit (in this browser).

const { strings } = window.RelaisConsole;

const POLL_MS = 2500;
const seenKey = (userId) => `relais.chat.seenInbox.${userId}`;

/** The last inbox sequence shown to `userId` in this browser (0 when never). */
function lastSeen(userId) {
  const seen = Number(window.localStorage.getItem(seenKey(userId)));
  return Number.isSafeInteger(seen) && seen > 0 ? seen : 0;
}

function divider(key, name) {
  const li = document.createElement('li');
  li.className = 'divider';
  li.dataset.divider = name;
  const span = document.createElement('span');
  span.textContent = strings[key];
  li.append(span);
  return li;
}

/**
 * The conversation feed of the page: `reset()` empties it for a (new) identity and returns the
 * check that this identity is still the current one; `load()` draws its history and sets where
 * the polling continues; `start()` begins polling (it waits while a load is under way).
 */
function feed(api, { log, showMine, showReply }) {
  // Null while the conversation (re)loads: no poll then. A new `generation` (another identity)
  // drops what an earlier one still had on its way.
  let inboxSeq = null;
  let generation = 0;
  let userId = null;

  function seen(seq) {
    if (seq !== inboxSeq) window.localStorage.setItem(seenKey(userId), String(seq));
    inboxSeq = seq;
  }

  function reset() {
    const loading = ++generation;
    inboxSeq = null;
    log.replaceChildren();
    return () => loading === generation;
  }

  /** Older replies come without their buttons; inbox replies keep theirs, which still work. */
  async function load(user, fallbackSeq, current) {
    let payload = null;
    try {
      const response = await fetch(api.url('/history'), { headers: api.headers() });
      if (response.ok) payload = await response.json();
    } catch {
      // Without its history the chat still works: it continues from the session's inbox sequence.
    }
    if (!current()) return;
    userId = user;
    if (payload === null) {
      inboxSeq = fallbackSeq;
      return;
    }
    const before = lastSeen(user);
    const newAt = payload.items.findIndex((item) => item.seq !== undefined && item.seq > before);
    const firstNew = newAt < 0 ? null : divider('console.chat.history_new', 'new');
    // Shown, not announced: a screen reader reads the history at will, not all at once.
    log.setAttribute('aria-live', 'off');
    if (newAt !== 0 && payload.items.length > 0) log.append(divider('console.chat.history_previous', 'previous'));
    payload.items.forEach((item, i) => {
      if (i === newAt) log.append(firstNew);
      if (item.who === 'me') showMine(item.text, false);
      else showReply(item.reply, false);
    });
    // Polite again (as chat.html has it) once they are in: what comes next is announced.
    window.setTimeout(() => log.setAttribute('aria-live', 'polite'), 0);
    seen(payload.inboxSeq);
    // What arrived since the last visit is read from its start; otherwise the latest is in view.
    (firstNew ?? log.lastElementChild)?.scrollIntoView({ block: firstNew ? 'start' : 'end' });
  }

  async function poll() {
    const polled = generation;
    try {
      if (inboxSeq === null) return;
      const response = await fetch(api.url(`/inbox?after=${inboxSeq}`), { headers: api.headers() });
      if (!response.ok) return;
      const payload = await response.json();
      if (polled !== generation) return;
      for (const item of payload.items) showReply(item.reply);
      seen(payload.last);
    } catch {
      // The next poll tries again; nothing is lost, the inbox keeps the replies.
    } finally {
      window.setTimeout(poll, POLL_MS);
    }
  }

  return { reset, load, start: () => window.setTimeout(poll, POLL_MS) };
}

window.RelaisChatHistory = { feed };
