// Relais web console — what the delegate view keeps across a reload of the tab: reply drafts (one
// per escalation) and the board's filter. Kept in sessionStorage, not localStorage: a draft may
// describe a patient's situation, so it goes with the tab. Loaded before delegate.js; defines
// window.RelaisDelegateMemory.

(() => {
  const DRAFTS = 'relais.delegate.drafts';
  const FILTER = 'relais.delegate.filter';

  /** The stored JSON under `key`, or `fallback` (storage refused, or never written). */
  function read(key, fallback) {
    try {
      const value = JSON.parse(window.sessionStorage.getItem(key) ?? 'null');
      return value && typeof value === 'object' ? value : fallback;
    } catch {
      return fallback;
    }
  }

  function write(key, value) {
    try {
      window.sessionStorage.setItem(key, JSON.stringify(value));
    } catch {
      // Storage full or refused (private mode): the page works, the memory does not.
    }
  }

  /** Reply drafts by escalation id: a Map the page edits, written through on every change. */
  function drafts() {
    const map = new Map(Object.entries(read(DRAFTS, {})).filter(([, text]) => typeof text === 'string'));
    const save = () => write(DRAFTS, Object.fromEntries(map));
    return {
      get: (id) => map.get(id),
      set(id, text) {
        if (text) map.set(id, text);
        else map.delete(id);
        save();
      },
      delete(id) {
        if (map.delete(id)) save();
      },
      /** Drops the drafts of requests the delegate no longer owns (sent, transferred, resolved…). */
      keepOnly(ids) {
        const before = map.size;
        for (const id of [...map.keys()]) if (!ids.has(id)) map.delete(id);
        if (map.size !== before) save();
      },
    };
  }

  /** The board's filter (`{ queue, text }`), as the delegate left it in this tab. */
  function filter() {
    const stored = read(FILTER, {});
    return {
      queue: typeof stored.queue === 'string' ? stored.queue : '',
      text: typeof stored.text === 'string' ? stored.text : '',
    };
  }

  function saveFilter(value) {
    write(FILTER, { queue: value.queue, text: value.text });
  }

  window.RelaisDelegateMemory = { drafts, filter, saveFilter };
})();
