import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request that reached the fake Slack Web API (or a response_url). */
export interface RecordedCall {
  /** Web API method (`chat.postMessage`), or `response_url` for a slash command's response. */
  method: string;
  /** Arguments as Slack reads them: form fields, JSON-encoded fields (blocks, view) decoded. */
  args: Record<string, unknown>;
  /** The raw request body, to check that nothing (e.g. a NIR) leaked in any form. */
  raw: string;
  token?: string;
  /** What the fake answered (e.g. the `ts` of a posted message). */
  response?: Record<string, unknown>;
}

export interface SlackUser {
  id: string;
  name: string;
  realName: string;
  locale?: string;
  isBot?: boolean;
}

/** A programmed failure for the next call(s) of a method. */
export interface Failure {
  status?: number;
  error?: string;
  retryAfter?: number;
  times?: number;
}

const JSON_FIELDS = ['blocks', 'view', 'attachments', 'metadata'];

function decodeArgs(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (raw === '') return {};
  if (contentType?.includes('application/json')) return JSON.parse(raw) as Record<string, unknown>;
  const args: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    args[key] = JSON_FIELDS.includes(key) ? JSON.parse(value) : value;
  }
  return args;
}

/**
 * A local stand-in for the Slack Web API at SLACK_API_URL: answers the methods Relais uses with
 * Slack's response shapes, records every call (and every POST to a response_url under
 * `/response/`), and can be told to fail (429 with Retry-After, 5xx, platform errors).
 */
export class FakeSlackApi {
  readonly calls: RecordedCall[] = [];
  readonly users = new Map<string, SlackUser>();
  private readonly failures = new Map<string, Failure>();
  private server: Server | undefined;
  private tsCounter = 0;
  private readonly waiters: Array<() => void> = [];
  url = '';
  /** Base of response_urls handed out in slash commands and block actions. */
  responseBase = '';

  constructor(readonly bot = { userId: 'UBOT', botId: 'BBOT', teamId: 'T0RELAIS' }) {}

  async start(): Promise<void> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${port}/api/`;
    this.responseBase = `http://127.0.0.1:${port}/response/`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  addUser(user: SlackUser): void {
    this.users.set(user.id, user);
  }

  failNext(method: string, failure: Failure): void {
    this.failures.set(method, { times: 1, ...failure });
  }

  /** Calls of one method, optionally filtered. */
  callsOf(method: string, where: (args: Record<string, unknown>) => boolean = () => true): RecordedCall[] {
    return this.calls.filter((c) => c.method === method && where(c.args));
  }

  /** Waits until `predicate` holds over the recorded calls (or fails after `timeoutMs`). */
  async waitFor(predicate: (calls: RecordedCall[]) => boolean, timeoutMs = 8_000, what = 'Slack API calls'): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate(this.calls)) {
      if (Date.now() > deadline) {
        const seen = this.calls.map((c) => c.method).join(', ');
        throw new Error(`timed out waiting for ${what}; calls so far: ${seen || 'none'}`);
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 50);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  private nextTs(): string {
    this.tsCounter += 1;
    return `1790000000.${String(this.tsCounter).padStart(6, '0')}`;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const path = req.url ?? '';
    const isResponseUrl = path.startsWith('/response/');
    const method = isResponseUrl ? 'response_url' : path.replace(/^\/api\//, '').split('?')[0]!;
    const args = decodeArgs(raw, req.headers['content-type']);
    const auth = req.headers.authorization;
    const call: RecordedCall = { method, args, raw, ...(auth ? { token: auth.replace(/^Bearer /, '') } : {}) };
    this.calls.push(call);

    const failure = this.failures.get(method);
    if (failure && (failure.times ?? 1) > 0) {
      failure.times = (failure.times ?? 1) - 1;
      if (failure.status && failure.status !== 200) {
        res.writeHead(failure.status, {
          'content-type': 'application/json',
          ...(failure.retryAfter !== undefined ? { 'retry-after': String(failure.retryAfter) } : {}),
        });
        call.response = { ok: false, error: failure.error ?? 'ratelimited' };
        res.end(JSON.stringify(call.response));
      } else {
        call.response = { ok: false, error: failure.error ?? 'internal_error' };
        this.json(res, call.response);
      }
    } else {
      call.response = this.answer(method, args);
      this.json(res, call.response);
    }
    for (const wake of this.waiters.splice(0)) wake();
  }

  private json(res: ServerResponse, body: unknown): void {
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(body));
  }

  private answer(method: string, args: Record<string, unknown>): Record<string, unknown> {
    const channel = typeof args.channel === 'string' ? args.channel : undefined;
    switch (method) {
      case 'response_url':
        return { ok: true };
      case 'auth.test':
        return {
          ok: true,
          url: 'https://relais-test.slack.com/',
          team: 'Relais test',
          user: 'relais',
          team_id: this.bot.teamId,
          user_id: this.bot.userId,
          bot_id: this.bot.botId,
          is_enterprise_install: false,
        };
      case 'chat.postMessage': {
        const ts = this.nextTs();
        return {
          ok: true,
          channel,
          ts,
          message: { type: 'message', user: this.bot.userId, bot_id: this.bot.botId, text: args.text, ts, blocks: args.blocks },
        };
      }
      case 'chat.update':
        return { ok: true, channel, ts: args.ts, text: args.text };
      case 'chat.delete':
        return { ok: true, channel, ts: args.ts };
      case 'chat.postEphemeral':
        return { ok: true, message_ts: this.nextTs() };
      case 'users.info': {
        const user = this.users.get(String(args.user));
        if (!user) return { ok: false, error: 'user_not_found' };
        return {
          ok: true,
          user: {
            id: user.id,
            team_id: this.bot.teamId,
            name: user.name,
            real_name: user.realName,
            is_bot: user.isBot ?? false,
            ...(user.locale ? { locale: user.locale } : {}),
            profile: { real_name: user.realName, display_name: user.name },
          },
        };
      }
      case 'conversations.open':
        return { ok: true, channel: { id: `D${String(args.users).replace(/^U/, '')}` } };
      case 'views.open':
      case 'views.publish':
      case 'views.update':
        return { ok: true, view: { id: `V${this.nextTs().replace('.', '')}`, ...(args.view as object) } };
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }
}
