import { existsSync } from 'node:fs';
import { isIP } from 'node:net';
import path from 'node:path';
import { parse as parseDotenv } from 'dotenv';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { parseRedisNodes, type RedisNode, type RedisTarget } from './store/redis/target.js';

/**
 * The only reader of `process.env`. Parsed once against a zod schema and frozen; a bad value stops
 * start-up with a message naming the variable. `.env` in the working directory is read if present
 * (real environment variables win).
 */

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

const optionalText = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

export const ConfigSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: int(0, 65535).default(3000),
    HOST: z.string().min(1).default('127.0.0.1'),
    /** Public base URL, used in links the bot sends (e.g. the console). */
    PUBLIC_URL: optionalText,
    RELAIS_DATA_DIR: z.string().min(1).default('./data'),
    RELAIS_CONTENT_DIR: z.string().min(1).default('.'),
    RELAIS_CONFIG: optionalText,
    REDIS_URL: optionalText,
    /** Sentinel mode: `host:port,…` of the sentinels, with REDIS_SENTINEL_NAME. */
    REDIS_SENTINELS: optionalText,
    REDIS_SENTINEL_NAME: optionalText,
    REDIS_SENTINEL_PASSWORD: optionalText,
    /** Cluster mode: `host:port,…` of some cluster nodes (the others are discovered). */
    REDIS_CLUSTER_NODES: optionalText,
    /** Data-node credentials and TLS in Sentinel and Cluster modes (REDIS_URL carries its own). */
    REDIS_USERNAME: optionalText,
    REDIS_PASSWORD: optionalText,
    REDIS_TLS: bool.default(false),
    REDIS_PREFIX: z
      .string()
      .regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, - and _ only')
      .default('relais'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    RELAIS_TIMEZONE: z.string().default('Europe/Paris'),
    RETENTION_DAYS: int(1, 3650).default(90),
    REOPEN_WINDOW_HOURS: int(0, 24 * 30).default(48),
    MAX_MESSAGE_CHARS: int(100, 100_000).default(2000),
    MAX_BODY_BYTES: int(1024, 10_000_000).default(1_000_000),
    RATE_LIMIT_PER_MINUTE: int(1, 10_000).default(20),
    OUTBOX_POLL_MS: int(50, 60_000).default(500),
    SLACK_BOT_TOKEN: optionalText,
    SLACK_SIGNING_SECRET: optionalText,
    SLACK_APP_TOKEN: optionalText,
    SLACK_API_URL: optionalText,
    MicrosoftAppId: optionalText,
    MicrosoftAppPassword: optionalText,
    MicrosoftAppType: z.enum(['SingleTenant', 'MultiTenant', 'UserAssignedMSI']).default('SingleTenant'),
    MicrosoftAppTenantId: optionalText,
    TEAMS_ALLOWED_TENANTS: optionalText,
    /** Test-only overrides of the Bot Framework auth endpoints. */
    TEAMS_OPENID_METADATA_URL: optionalText,
    TEAMS_LOGIN_URL: optionalText,
    TEAMS_VALIDATE_AUTHORITY: bool.default(true),
    METRICS_ENABLED: bool.default(true),
  })
  .superRefine((c, ctx) => {
    if (c.SLACK_BOT_TOKEN && !c.SLACK_SIGNING_SECRET && !c.SLACK_APP_TOKEN) {
      ctx.addIssue({
        code: 'custom',
        path: ['SLACK_SIGNING_SECRET'],
        message: 'required with SLACK_BOT_TOKEN (or set SLACK_APP_TOKEN for Socket Mode)',
      });
    }
    if ((c.SLACK_SIGNING_SECRET || c.SLACK_APP_TOKEN) && !c.SLACK_BOT_TOKEN) {
      ctx.addIssue({ code: 'custom', path: ['SLACK_BOT_TOKEN'], message: 'required to enable Slack' });
    }
    if (c.SLACK_API_URL && !/^https?:\/\//.test(c.SLACK_API_URL)) {
      ctx.addIssue({ code: 'custom', path: ['SLACK_API_URL'], message: 'must be an http(s) URL' });
    }
    if (c.MicrosoftAppId && !c.MicrosoftAppPassword && c.MicrosoftAppType !== 'UserAssignedMSI') {
      ctx.addIssue({ code: 'custom', path: ['MicrosoftAppPassword'], message: 'required with MicrosoftAppId' });
    }
    if (c.MicrosoftAppId && c.MicrosoftAppType === 'SingleTenant' && !c.MicrosoftAppTenantId) {
      ctx.addIssue({
        code: 'custom',
        path: ['MicrosoftAppTenantId'],
        message: 'required when MicrosoftAppType is SingleTenant',
      });
    }
    if (c.REDIS_URL && !/^rediss?:\/\//.test(c.REDIS_URL)) {
      ctx.addIssue({ code: 'custom', path: ['REDIS_URL'], message: 'must start with redis:// or rediss://' });
    }
    checkRedisMode(c, (path, message) => ctx.addIssue({ code: 'custom', path: [path], message }));
    try {
      new Intl.DateTimeFormat('fr-FR', { timeZone: c.RELAIS_TIMEZONE });
    } catch {
      ctx.addIssue({ code: 'custom', path: ['RELAIS_TIMEZONE'], message: 'unknown IANA time zone' });
    }
  });

export type RawConfig = z.infer<typeof ConfigSchema>;

const REDIS_MODES = ['REDIS_URL', 'REDIS_SENTINELS', 'REDIS_CLUSTER_NODES'] as const;

/** At most one Redis mode, and each mode's companions only with it. */
function checkRedisMode(c: RawConfig, issue: (variable: string, message: string) => void): void {
  const chosen = REDIS_MODES.filter((variable) => c[variable] !== undefined);
  for (const extra of chosen.slice(1)) {
    issue(extra, `set only one of ${REDIS_MODES.join(', ')} (${chosen[0]} is set too)`);
  }
  const nodesIssue = (variable: 'REDIS_SENTINELS' | 'REDIS_CLUSTER_NODES', defaultPort: number): void => {
    const text = c[variable];
    if (text === undefined) return;
    const nodes = parseRedisNodes(text, defaultPort);
    if (typeof nodes === 'string') issue(variable, `${nodes} (expected host:port,host:port)`);
  };
  nodesIssue('REDIS_SENTINELS', 26379);
  nodesIssue('REDIS_CLUSTER_NODES', 6379);
  if (c.REDIS_SENTINELS && !c.REDIS_SENTINEL_NAME) {
    issue('REDIS_SENTINEL_NAME', 'required with REDIS_SENTINELS (the master group name of sentinel.conf)');
  }
  for (const variable of ['REDIS_SENTINEL_NAME', 'REDIS_SENTINEL_PASSWORD'] as const) {
    if (c[variable] !== undefined && !c.REDIS_SENTINELS) issue(variable, 'only used with REDIS_SENTINELS');
  }
  const auth = [
    ...(c.REDIS_USERNAME === undefined ? [] : ['REDIS_USERNAME']),
    ...(c.REDIS_PASSWORD === undefined ? [] : ['REDIS_PASSWORD']),
    ...(c.REDIS_TLS ? ['REDIS_TLS'] : []),
  ];
  for (const variable of auth) {
    if (c.REDIS_URL) issue(variable, 'not used with REDIS_URL: put credentials and rediss:// in the URL');
    else if (!c.REDIS_SENTINELS && !c.REDIS_CLUSTER_NODES) {
      issue(variable, 'only used with REDIS_SENTINELS or REDIS_CLUSTER_NODES');
    }
  }
}

/** The Redis deployment chosen by a valid configuration, if any. */
function redisTarget(c: RawConfig): RedisTarget | undefined {
  const auth = {
    ...(c.REDIS_USERNAME === undefined ? {} : { username: c.REDIS_USERNAME }),
    ...(c.REDIS_PASSWORD === undefined ? {} : { password: c.REDIS_PASSWORD }),
    ...(c.REDIS_TLS ? { tls: true } : {}),
  };
  const nodes = (text: string, defaultPort: number): RedisNode[] => parseRedisNodes(text, defaultPort) as RedisNode[];
  if (c.REDIS_URL) return { mode: 'standalone', url: c.REDIS_URL };
  if (c.REDIS_SENTINELS && c.REDIS_SENTINEL_NAME) {
    return {
      mode: 'sentinel',
      sentinels: nodes(c.REDIS_SENTINELS, 26379),
      name: c.REDIS_SENTINEL_NAME,
      ...(c.REDIS_SENTINEL_PASSWORD === undefined ? {} : { sentinelPassword: c.REDIS_SENTINEL_PASSWORD }),
      ...auth,
    };
  }
  if (c.REDIS_CLUSTER_NODES) return { mode: 'cluster', nodes: nodes(c.REDIS_CLUSTER_NODES, 6379), ...auth };
  return undefined;
}

export interface Config extends RawConfig {
  /** Absolute paths resolved from the working directory. */
  readonly dataDir: string;
  readonly contentDir: string;
  /** `config/relais.yaml` unless RELAIS_CONFIG says otherwise. */
  readonly relaisConfigPath: string;
  readonly relaisConfigExplicit: boolean;
  readonly slackEnabled: boolean;
  readonly teamsEnabled: boolean;
  readonly hostIsLoopback: boolean;
  /** The Redis store (REDIS_URL, REDIS_SENTINELS or REDIS_CLUSTER_NODES); undefined: the embedded store. */
  readonly redis?: RedisTarget;
}

/** Coded error raised on invalid configuration; its message names every bad variable. */
export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
}

export function isLoopbackHost(host: string): boolean {
  if (host === 'localhost') return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  return host === '::1';
}

/**
 * Parses an environment (default: `process.env` merged over `.env`) into a frozen Config.
 * Throws ConfigError naming each invalid variable.
 */
export function loadConfig(env?: Record<string, string | undefined>, cwd = process.cwd()): Readonly<Config> {
  const source = env ?? { ...readDotenv(cwd), ...process.env };
  const parsed = ConfigSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `- ${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const c = parsed.data;
  const contentDir = path.resolve(cwd, c.RELAIS_CONTENT_DIR);
  const redis = redisTarget(c);
  return Object.freeze({
    ...c,
    dataDir: path.resolve(cwd, c.RELAIS_DATA_DIR),
    contentDir,
    relaisConfigPath: path.resolve(cwd, c.RELAIS_CONFIG ?? path.join(contentDir, 'config/relais.yaml')),
    relaisConfigExplicit: c.RELAIS_CONFIG !== undefined,
    slackEnabled: Boolean(c.SLACK_BOT_TOKEN),
    teamsEnabled: Boolean(c.MicrosoftAppId),
    hostIsLoopback: isLoopbackHost(c.HOST),
    ...(redis === undefined ? {} : { redis }),
  });
}

function readDotenv(cwd: string): Record<string, string> {
  const file = path.join(cwd, '.env');
  if (!existsSync(file)) return {};
  return parseDotenv(readFileSync(file));
}
