// Relais web console — admin view, Queues tab: each queue's members, supervisors, backup, deadline
// and opening hours; absences and referents; the conflict with a changed relais.yaml. Each form
// shows its own refusals. Defines RelaisAdmin.loadQueues and flagQueuesTab; no wording of its own.

const { t, el } = window.RelaisConsole;
const { say, call, quiet, wire, errorBox } = window.RelaisAdmin;

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const list = (text) => text.split(',').map((s) => s.trim()).filter(Boolean);

function hoursText(hours) {
  return DAYS.map((d) => `${d}: ${(hours[d] ?? []).join(', ')}`).join('\n');
}

function parseHours(text) {
  const hours = {};
  for (const line of text.split('\n')) {
    const [day, ranges = ''] = line.split(':').length > 1 ? [line.slice(0, line.indexOf(':')).trim(), line.slice(line.indexOf(':') + 1)] : [line.trim()];
    if (day) hours[day] = list(ranges);
  }
  return hours;
}

// A changed relais.yaml that was not imported because admins had edited the queues here since.
function differenceText(d) {
  const fields = d.fields.join(', ');
  if (d.scope === 'config') return t('admin.console.queue_conflict_setting', { name: d.id });
  if (d.only === 'file') return t('admin.console.queue_conflict_file_only', { queue: d.id });
  if (d.only === 'runtime') return t('admin.console.queue_conflict_runtime_only', { queue: d.id });
  return t('admin.console.queue_conflict_queue', { queue: d.id, fields });
}

function showQueueConflict(conflict) {
  document.getElementById('queue-conflict').hidden = !conflict;
  flagQueuesTab(Boolean(conflict));
  if (!conflict) return;
  document.getElementById('queue-conflict-label').textContent = t('admin.console.queue_conflict', {
    edited: conflict.runtimeEditedAt.slice(0, 16).replace('T', ' '),
    by: conflict.runtimeEditedBy ?? '?',
  });
  document.getElementById('queue-conflict-differences').replaceChildren(...conflict.differences.map((d) => el('li', {}, differenceText(d))));
}

function flagQueuesTab(on) {
  const tab = document.getElementById('tab-queues-tab');
  tab.querySelector('.badge')?.remove();
  if (on) tab.append(' ', el('span', { class: 'badge conflict' }, t('admin.console.flag_conflict')));
}

for (const choice of ['keep', 'file']) {
  wire(`queue-conflict-${choice}`, async () => {
    await call('queues.resolveConflict', { choice });
    await loadQueues();
    // Said once the page shows the outcome, as for the answers' commands.
    say(t('admin.console.done'));
  });
}

/** `4,5` and `4.5` are 4.5 hours; anything else goes as typed, for the server to name the problem. */
function hoursNumber(text) {
  const value = text.trim().replace(',', '.');
  return value !== '' && Number.isFinite(Number(value)) ? Number(value) : text;
}

/** `23/11/2026` (as French admins write it) → `2026-11-23`; anything else goes as typed. */
function isoDay(text) {
  const match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text ?? '');
  return match ? `${match[3]}-${match[2].padStart(2, '0')}-${match[1].padStart(2, '0')}` : text;
}

async function loadQueues() {
  const data = await call('queues.get');
  showQueueConflict(data.conflict);
  document.getElementById('queues').replaceChildren(...data.queues.map(queueForm));
  const form = document.getElementById('directory-form');
  form.absences.value = data.absences.map((a) => `${a.delegate} ${a.from} ${a.to}`).join('\n');
  form.referents.value = Object.entries(data.referents).map(([who, queue]) => `${who} ${queue}`).join('\n');
}

function queueForm(queue) {
  const errors = errorBox();
  const field = (label, name, value, tag = 'input') =>
    el('label', {}, label, tag === 'input' ? el('input', { name, value }) : el('textarea', { name, rows: 7 }, value));
  const form = el(
    'form',
    { class: 'queue', 'data-queue': queue.id },
    el('h3', {}, `${queue.name} (${queue.id})`),
    field(t('admin.console.queue_members'), 'members', queue.members.join(', ')),
    field(t('admin.console.queue_supervisors'), 'supervisors', queue.supervisors.join(', ')),
    field(t('admin.console.queue_backup'), 'backup', queue.backup ?? ''),
    field(t('admin.console.queue_deadline'), 'deadlineHours', String(queue.deadlineHours)),
    field(t('admin.console.queue_hours'), 'hours', hoursText(queue.hours), 'textarea'),
    el('button', { type: 'submit' }, t('admin.console.queue_save')),
    errors,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const patch = {
      members: list(form.members.value),
      supervisors: list(form.supervisors.value),
      backup: form.backup.value.trim() || null,
      deadlineHours: hoursNumber(form.deadlineHours.value),
      hours: parseHours(form.hours.value),
    };
    quiet(call('queues.update', { queueId: queue.id, patch }, errors).then(() => { say(t('admin.console.done')); return loadQueues(); }));
  });
  return form;
}

document.getElementById('directory-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const form = event.target;
  const lines = (text) => text.split('\n').map((l) => l.trim().split(/\s+/)).filter((p) => p[0]);
  const absences = lines(form.absences.value).map(([delegate, from, to]) => ({ delegate, from: isoDay(from), to: isoDay(to) }));
  const referents = Object.fromEntries(lines(form.referents.value).map(([who, queue]) => [who, queue]));
  quiet(call('queues.updateDirectory', { patch: { absences, referents } }, document.getElementById('directory-errors')).then(() => { say(t('admin.console.done')); return loadQueues(); }));
});

window.RelaisAdmin = { ...window.RelaisAdmin, loadQueues, flagQueuesTab };
