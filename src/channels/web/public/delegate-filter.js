// Relais web console — the delegate board's filter: one queue (or all), and words to find on a card
// (question, asker, profession, territory), accents and case aside. Kept for the tab across a
// reload (delegate-memory.js). Loaded before delegate.js; defines window.RelaisDelegateFilter.

(() => {
  const { strings, el } = window.RelaisConsole;
  const memory = window.RelaisDelegateMemory;
  /** The filter in force (edited in place, so that the board reads the current one). */
  const filter = memory.filter();

  /** Folds case and accents, for the text filter. */
  function fold(text) {
    return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  }

  /** True when the card passes the board's filter. */
  function shown(card) {
    if (filter.queue && card.queueId !== filter.queue) return false;
    if (!filter.text.trim()) return true;
    const { name, profession, territory } = card.asker;
    const haystack = fold([card.headline, card.title, card.question, name, profession, territory].filter(Boolean).join(' '));
    return fold(filter.text).split(/\s+/).filter(Boolean).every((word) => haystack.includes(word));
  }

  /** The filter bar: the delegate's queues (kept as chosen across refreshes) and a search box. */
  function renderFilter(queues) {
    const select = document.getElementById('filter-queue');
    const options = [['', strings['console.delegate.filter_all']], ...queues.map((q) => [q.id, q.name])];
    const wanted = JSON.stringify(options);
    if (select.dataset.options !== wanted) {
      select.replaceChildren(...options.map(([value, label]) => el('option', { value }, label)));
      select.dataset.options = wanted;
    }
    if (!options.some(([value]) => value === filter.queue)) {
      filter.queue = '';
      memory.saveFilter(filter);
    }
    select.value = filter.queue;
  }

  /** Wires the filter bar; `changed` redraws the board. */
  function setUpFilter(changed) {
    const select = document.getElementById('filter-queue');
    const text = document.getElementById('filter-text');
    text.value = filter.text;
    document.getElementById('filter').addEventListener('submit', (event) => event.preventDefault());
    select.addEventListener('change', () => {
      filter.queue = select.value;
      memory.saveFilter(filter);
      changed();
    });
    text.addEventListener('input', () => {
      filter.text = text.value;
      memory.saveFilter(filter);
      changed();
    });
  }

  window.RelaisDelegateFilter = { filter, shown, renderFilter, setUpFilter };
})();
