import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { ConfigError } from '../config.js';
import { CardTargets, ReportTargets, reportProblems } from './channel-targets.js';

/**
 * The escalation configuration: queues, topics, referents, absences, admins, people and console
 * tokens, read from one YAML file (RELAIS_CONFIG, default `config/relais.yaml`) and validated here.
 * Services never read the file: they read the validated value through the store (see directory.ts),
 * so that the admin layer can later edit it at runtime.
 */

/** A person as a channel identifies them: `web:claire`, `slack:U123`, `teams:29:abc`. */
export const Identity = z
  .string()
  .regex(/^(web|slack|teams):\S+$/, 'expected <web|slack|teams>:<id>, e.g. web:claire or slack:U123');
export type Identity = z.infer<typeof Identity>;

const QueueId = z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'queue ids are lower-case, digits, - and _');
const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
const timeRange = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d-(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'expected HH:MM-HH:MM')
  .refine((r) => {
    const [a, b] = r.split('-') as [string, string];
    return toMinutes(a) < toMinutes(b);
  }, 'a time range must end after it starts');

export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Opening hours in Europe/Paris: per weekday, a list of `HH:MM-HH:MM` ranges (absent day: closed). */
export const WeeklyHours = z
  .object({
    sun: z.array(timeRange).default([]),
    mon: z.array(timeRange).default([]),
    tue: z.array(timeRange).default([]),
    wed: z.array(timeRange).default([]),
    thu: z.array(timeRange).default([]),
    fri: z.array(timeRange).default([]),
    sat: z.array(timeRange).default([]),
  })
  .strict();
export type WeeklyHours = z.infer<typeof WeeklyHours>;

export const HolidayCalendar = z.enum(['national', 'alsace-moselle']);
export type HolidayCalendar = z.infer<typeof HolidayCalendar>;

const QueueDefaults = z
  .object({
    hours: WeeklyHours.optional(),
    calendar: HolidayCalendar.optional(),
    deadlineHours: z.number().positive().max(500).optional(),
  })
  .strict();

const QueueInput = z
  .object({
    id: QueueId,
    name: z.string().min(1).max(120),
    kind: z.enum(['referent', 'team', 'service']),
    members: z.array(Identity).min(1),
    cards: CardTargets.default({ web: true }),
    hours: WeeklyHours.optional(),
    calendar: HolidayCalendar.optional(),
    /** Deadline counted in opening hours: reminder at half, move to the backup queue at the end. */
    deadlineHours: z.number().positive().max(500).optional(),
    backup: QueueId.optional(),
    supervisors: z.array(Identity).default([]),
  })
  .strict();

export const Person = z
  .object({
    name: z.string().min(1).max(120),
    /** Shown in signatures: "Claire Martin (déléguée de l'Assurance Maladie)". */
    role: z.string().max(120).optional(),
    profession: z.string().max(100).optional(),
    territory: z.string().max(100).optional(),
  })
  .strict();
export type Person = z.infer<typeof Person>;

const Absence = z
  .object({ delegate: Identity, from: isoDay, to: isoDay })
  .strict()
  .refine((a) => a.from <= a.to, { message: 'an absence must end on or after its first day', path: ['to'] });

const FileSchema = z
  .object({
    defaults: QueueDefaults.default({}),
    defaultQueue: QueueId,
    queues: z.array(QueueInput).min(1),
    /** Topic of the question's best-guess intent → queue id. */
    topics: z.record(z.string(), QueueId).default({}),
    /** Professional identity → the queue of their referent delegate. */
    referents: z.record(Identity, QueueId).default({}),
    absences: z.array(Absence).default([]),
    admins: z.array(Identity).default([]),
    /** Where the daily and weekly digests go (absent: a private copy to each admin). */
    reports: ReportTargets.optional(),
    people: z.record(Identity, Person).default({}),
    /** Web console per-user tokens: token → identity (the dev login needs none on loopback). */
    webTokens: z
      .record(z.string().min(16, 'a console token needs at least 16 characters'), Identity)
      .default({}),
  })
  .strict();

const DEFAULT_HOURS: WeeklyHours = {
  sun: [],
  mon: ['08:30-12:30', '13:30-17:30'],
  tue: ['08:30-12:30', '13:30-17:30'],
  wed: ['08:30-12:30', '13:30-17:30'],
  thu: ['08:30-12:30', '13:30-17:30'],
  fri: ['08:30-12:30', '13:30-17:30'],
  sat: [],
};

/** A queue with its defaults applied. */
export interface Queue {
  id: string;
  name: string;
  kind: 'referent' | 'team' | 'service';
  members: Identity[];
  cards: CardTargets;
  hours: WeeklyHours;
  calendar: HolidayCalendar;
  deadlineHours: number;
  backup?: string;
  supervisors: Identity[];
}

export type EscalationConfigFile = z.infer<typeof FileSchema>;
export interface EscalationConfig extends Omit<EscalationConfigFile, 'queues' | 'defaults'> {
  queues: Queue[];
}

/** Validates a parsed YAML value; throws ConfigError naming every problem (path: message). */
export function parseEscalationConfig(raw: unknown, source = 'relais.yaml'): EscalationConfig {
  const parsed = FileSchema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `- ${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new ConfigError(`Invalid escalation configuration ${source}:\n${lines.join('\n')}`);
  }
  const file = parsed.data;
  const queues: Queue[] = file.queues.map((q) => ({
    id: q.id,
    name: q.name,
    kind: q.kind,
    members: q.members,
    cards: q.cards,
    hours: q.hours ?? file.defaults.hours ?? DEFAULT_HOURS,
    calendar: q.calendar ?? file.defaults.calendar ?? 'national',
    deadlineHours: q.deadlineHours ?? file.defaults.deadlineHours ?? 8,
    ...(q.backup ? { backup: q.backup } : {}),
    supervisors: q.supervisors,
  }));
  const { defaults: _defaults, queues: _queues, ...rest } = file;
  const config: EscalationConfig = { ...rest, queues };
  const problems = referenceProblems(config);
  if (problems.length > 0) {
    throw new ConfigError(
      `Invalid escalation configuration ${source}:\n${problems.map((p) => `- ${p}`).join('\n')}`,
    );
  }
  return config;
}

/** Reads and validates the YAML file at `path`. */
export function loadEscalationConfig(path: string): EscalationConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(`RELAIS_CONFIG: cannot read ${path} (${(error as Error).message})`);
  }
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (error) {
    throw new ConfigError(`RELAIS_CONFIG: ${path} is not valid YAML (${(error as Error).message})`);
  }
  return parseEscalationConfig(raw, path);
}

/**
 * The shipped `config/relais.yaml` is a demo for the local console: with Slack or Teams switched on,
 * a real configuration must be named explicitly. Called by the composition root at start-up.
 */
export function checkEscalationConfigChoice(config: {
  slackEnabled: boolean;
  teamsEnabled: boolean;
  relaisConfigExplicit: boolean;
}): void {
  if ((config.slackEnabled || config.teamsEnabled) && !config.relaisConfigExplicit) {
    throw new ConfigError(
      'RELAIS_CONFIG: required when Slack or Teams credentials are set. The shipped config/relais.yaml is a ' +
        'demo for the local web console; write your queues, members and channels in your own file ' +
        '(see the README, "Escalation configuration") and point RELAIS_CONFIG at it.',
    );
  }
}

function referenceProblems(config: EscalationConfig): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  for (const q of config.queues) {
    if (ids.has(q.id)) problems.push(`queues: duplicate queue id "${q.id}"`);
    ids.add(q.id);
  }
  const known = (id: string | undefined, where: string) => {
    if (id !== undefined && !ids.has(id)) problems.push(`${where}: unknown queue "${id}"`);
  };
  known(config.defaultQueue, 'defaultQueue');
  for (const q of config.queues) {
    known(q.backup, `queues.${q.id}.backup`);
    if (q.backup === q.id) problems.push(`queues.${q.id}.backup: a queue cannot back itself up`);
    if (q.kind === 'referent' && q.members.length !== 1) {
      problems.push(`queues.${q.id}.members: a referent queue has exactly one delegate`);
    }
  }
  for (const [topic, id] of Object.entries(config.topics)) known(id, `topics.${topic}`);
  for (const [who, id] of Object.entries(config.referents)) known(id, `referents.${who}`);
  problems.push(...reportProblems(config.reports));
  const cycle = findBackupCycle(config.queues);
  if (cycle) problems.push(`queues: backup queues form a cycle (${cycle.join(' → ')})`);
  return problems;
}

/** The first cycle found in the backup graph, as the list of queue ids walked, or null. */
export function findBackupCycle(queues: Pick<Queue, 'id' | 'backup'>[]): string[] | null {
  const backupOf = new Map(queues.map((q) => [q.id, q.backup]));
  for (const start of backupOf.keys()) {
    const walked: string[] = [start];
    let next = backupOf.get(start);
    while (next !== undefined) {
      if (next === start) return [...walked, next];
      if (walked.includes(next)) break; // a cycle not through `start`: found when starting from it
      walked.push(next);
      next = backupOf.get(next);
    }
  }
  return null;
}

export function toMinutes(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return h * 60 + m;
}

/** Helpers over a validated configuration. */
export function queueById(config: EscalationConfig, id: string): Queue | undefined {
  return config.queues.find((q) => q.id === id);
}

/** Display name of an identity: from `people`, else the identity's id part. */
export function personOf(config: EscalationConfig, identity: string): Person {
  return config.people[identity] ?? { name: identity.slice(identity.indexOf(':') + 1) };
}
