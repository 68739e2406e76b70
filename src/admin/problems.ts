import type { Locale } from '../model/message.js';
import type { MessageCatalogue } from '../model/messages-port.js';

/**
 * Validation problems worded for admins. `AdminError.details` are technical lines
 * (`sources.0.url: Invalid URL`, `queues.0.deadlineHours: Invalid input: expected number, received
 * null`): stable, English, for logs and scripts. Here each line becomes one sentence in the admin's
 * language that names the field as the console's forms label it (« Source 1 : adresse invalide »).
 * The field comes from the line's path, the problem from the validators' wording; a line neither
 * recognises still gives a readable « <champ> : valeur invalide ».
 */

/** A field of the console's forms: its label key (`admin.field.<name>`) and the label's values. */
interface Field {
  name: string;
  values: Record<string, string | number>;
}

/** Path (numeric segments written `#`) → field; `n` is the 1-based position of the first `#`. */
const FIELDS: Record<string, string> = {
  intentId: 'intent',
  title: 'title',
  text: 'text',
  sources: 'sources',
  'sources.#': 'source',
  'sources.#.title': 'source_title',
  'sources.#.url': 'source_url',
  'sources.#.checked': 'source_checked',
  validFrom: 'valid_from',
  validUntil: 'valid_until',
  reviewBy: 'review_by',
  offerDelegate: 'offer_delegate',
  kind: 'kind',
  utterances: 'utterance',
  'queues.#.members': 'members',
  'queues.#.members.#': 'member',
  'queues.#.supervisors': 'supervisors',
  'queues.#.supervisors.#': 'supervisor',
  'queues.#.backup': 'backup',
  'queues.#.deadlineHours': 'deadline',
  'queues.#.hours': 'hours',
  queues: 'queues',
  absences: 'absences',
  'absences.#': 'absence',
  'absences.#.delegate': 'absence',
  'absences.#.from': 'absence',
  'absences.#.to': 'absence',
  referents: 'referents',
};

/** The validators' wording (zod's and Relais's own) → a problem key (`admin.problem.<key>`). */
const PROBLEMS: Array<[RegExp, string, (m: RegExpExecArray) => Record<string, string | number>]> = [
  [/^Invalid input: expected \w+, received (undefined|null)$/, 'missing', () => ({})],
  [/^Invalid input: expected number/, 'number', () => ({})],
  [/^Invalid input: expected (array|object)/, 'invalid', () => ({})],
  [/^Too small: expected string to have >=(\d+)/, 'too_short', (m) => ({ min: Number(m[1]) })],
  [/^Too big: expected string to have <=(\d+)/, 'too_long', (m) => ({ max: Number(m[1]) })],
  [/^Too small: expected array to have >=(\d+)/, 'too_few', (m) => ({ min: Number(m[1]) })],
  [/^Too small: expected number to be >0/, 'positive', () => ({})],
  [/^Too big: expected number to be <=(\d+)/, 'too_big', (m) => ({ max: Number(m[1]) })],
  [/^Invalid URL/, 'url', () => ({})],
  [/YYYY-MM-DD/, 'day', () => ({})],
  [/^before validFrom$/, 'before_valid_from', () => ({})],
  [/^expected <web\|slack\|teams>/, 'identity', () => ({})],
  [/^Invalid key in record$/, 'identity', () => ({})],
  [/HH:MM-HH:MM|a time range must end after it starts/, 'time_range', () => ({})],
  [/^Unrecognized keys?: (.+)$/, 'unknown_key', (m) => ({ key: m[1]!.replaceAll('"', '') })],
  [/^unknown queue "(.+)"$/, 'unknown_queue', (m) => ({ queue: m[1]! })],
  [/^unknown person "(.+)"$/, 'unknown_person', (m) => ({ who: m[1]! })],
  [/^a queue cannot back itself up$/, 'self_backup', () => ({})],
  [/^backup queues form a cycle \((.+)\)$/, 'backup_cycle', (m) => ({ cycle: m[1]! })],
  [/^a referent queue has exactly one delegate$/, 'one_delegate', () => ({})],
  [/^an absence must end on or after its first day$/, 'absence_order', () => ({})],
  [/^already an utterance of (\S+)$/, 'utterance_taken', (m) => ({ intent: m[1]! })],
  [/^"(.*)" not found$/, 'utterance_missing', () => ({})],
  [/^at least (\d+) required$/, 'utterances_min', (m) => ({ min: Number(m[1]) })],
];

/** Root-level problems (`(root): …`) are about the command's one free-text input. */
const ROOT_FIELDS: Record<string, string> = { 'utterances.add': 'utterance', 'utterances.remove': 'utterance' };

function fieldOf(command: string, path: string): Field | null {
  if (path === '(root)') return ROOT_FIELDS[command] ? { name: ROOT_FIELDS[command], values: {} } : null;
  const segments = path.split('.');
  // Referents are keyed by identity, which may itself hold dots.
  if (segments[0] === 'referents' && segments.length > 1) return { name: 'referent', values: { who: segments.slice(1).join('.') } };
  // A reference problem names a queue by id (`queues.cis.backup`), a schema problem by index.
  const shape = segments.map((s, i) => (/^\d+$/.test(s) || (segments[0] === 'queues' && i === 1) ? '#' : s)).join('.');
  const name = FIELDS[shape];
  if (!name) return null;
  const index = segments.findIndex((s) => /^\d+$/.test(s));
  return { name, values: index >= 0 ? { n: Number(segments[index]) + 1 } : {} };
}

function problemOf(text: string): { key: string; values: Record<string, string | number> } {
  for (const [pattern, key, values] of PROBLEMS) {
    const match = pattern.exec(text);
    if (match) return { key, values: values(match) };
  }
  return { key: 'invalid', values: {} };
}

/**
 * The problems of a refused admin `command` (its `AdminError.details`), one sentence each in
 * `locale`, naming the form field (« Délai (heures ouvrées) : un nombre est attendu »).
 */
export function describeProblems(
  command: string,
  details: readonly string[],
  messages: MessageCatalogue,
  locale: Locale,
): string[] {
  return details.map((line) => {
    const colon = line.indexOf(': ');
    const [path, text] = colon >= 0 ? [line.slice(0, colon), line.slice(colon + 2)] : ['(root)', line];
    const field = fieldOf(command, path);
    const problem = problemOf(text);
    const specific = field ? `admin.problem.${field.name}.${problem.key}` : '';
    const sentence = messages.t(locale, field && messages.has(locale, specific) ? specific : `admin.problem.${problem.key}`, problem.values);
    if (!field) return sentence.charAt(0).toUpperCase() + sentence.slice(1);
    return messages.t(locale, 'admin.problem.line', { field: messages.t(locale, `admin.field.${field.name}`, field.values), problem: sentence });
  });
}
