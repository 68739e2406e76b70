// Relais web console — admin view, Reports tab: the daily and weekly digests (recent ones, and a
// preview of the next), and the notifications that could not be delivered (requeued from here).
// Defines RelaisAdmin.loadReports; no wording of its own.

const { t, el } = window.RelaisConsole;
const { call, quiet, wire } = window.RelaisAdmin;

async function loadReports() {
  const recent = await call('digests.list');
  const digests = [...recent.daily, ...recent.weekly].map((d) => el('pre', { class: 'digest' }, d.text));
  document.getElementById('digests').replaceChildren(...(digests.length ? digests : [el('p', { class: 'empty' }, t('admin.console.digests_empty'))]));
  const dead = await call('outbox.dead');
  const items = dead.map((d) =>
    el('li', {}, `${d.channel} — ${d.error} `, el('button', { type: 'button', onclick: () => quiet(call('outbox.requeue', { id: d.id }).then(loadReports)) }, t('admin.console.requeue'))),
  );
  document.getElementById('dead').replaceChildren(...(items.length ? items : [el('li', { class: 'empty' }, t('admin.console.dead_empty'))]));
}
for (const kind of ['daily', 'weekly']) {
  wire(`digest-${kind}`, async () => {
    const { text } = await call('digests.preview', { kind });
    document.getElementById('digest-now').textContent = text;
  });
}

window.RelaisAdmin = { ...window.RelaisAdmin, loadReports };
