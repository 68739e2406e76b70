// Relais web console — what a delegate's action did, said in the status line under « Mes demandes »
// (a polite live region), and where the keyboard goes once the board shows it. Loaded before
// delegate.js; defines window.RelaisDelegateOutcome.

(() => {
  const { t } = window.RelaisConsole;

  /**
   * Says an action's outcome in the status line under « Mes demandes » (a polite live region: screen
   * readers read it too). Emptied first, so that the same words twice are read twice.
   */
  function announce(text, outcome) {
    const line = document.getElementById('announce');
    line.textContent = '';
    line.dataset.outcome = outcome;
    window.setTimeout(() => {
      line.textContent = text;
    }, 50);
  }

  /** What a successful action did, in the delegate's words (the server's own words for a reply). */
  function doneText(card, action, result) {
    const name = card.asker.name;
    switch (action) {
      case 'claim':
        return t('console.delegate.done.claim', { name });
      case 'release':
        return t('console.delegate.done.release', { name, queue: card.queueName });
      case 'transfer':
        return t('console.delegate.done.transfer', { name, queue: result.card?.queueName ?? '' });
      case 'resolve':
        return t('console.delegate.done.resolve', { name });
      default:
        return result.message ?? '';
    }
  }

  /** The list a card shows in (`where`), its heading, and the cards it shows now, in order. */
  function listOf(where) {
    const container =
      where === 'mine'
        ? document.getElementById('mine')
        : document.querySelector(`#queues section[data-queue="${CSS.escape(where.slice('queue:'.length))}"] .cards`);
    const heading =
      where === 'mine' ? document.getElementById('mine-heading') : container?.closest('section')?.querySelector('h3');
    const ids = container ? [...container.querySelectorAll(':scope > article')].map((a) => a.dataset.escalation) : [];
    return { container, heading, ids };
  }

  function cardNode(where, id) {
    return listOf(where).container?.querySelector(`:scope > article[data-escalation="${CSS.escape(id)}"]`) ?? null;
  }

  /**
   * Where the keyboard goes once the board shows an action's result: a claimed request's card in
   * « Mes demandes »; after a card left its list (transfer, resolution, release), the card that
   * followed it (else the one before, else the list's heading); after a refusal, the card itself when
   * the control pressed is gone.
   */
  function placeFocus(card, action, where, ok, before) {
    const id = card.escalationId;
    if (ok && action === 'claim') {
      (cardNode('mine', id) ?? document.getElementById('mine-heading')).focus();
      return;
    }
    const gone = ok && ['transfer', 'resolve', 'release'].includes(action) && !cardNode(where, id);
    if (gone) {
      const now = listOf(where);
      const index = before.indexOf(id);
      const next = [...before.slice(index + 1), ...before.slice(0, index).reverse()].find((other) =>
        now.ids.includes(other),
      );
      (next ? cardNode(where, next) : (now.heading ?? document.getElementById('mine-heading')))?.focus();
      return;
    }
    if (!document.activeElement || document.activeElement === document.body) cardNode(where, id)?.focus();
  }

  window.RelaisDelegateOutcome = { announce, doneText, listOf, placeFocus };
})();
