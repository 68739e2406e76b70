import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request that reached the fake Bot connector. */
export interface ConnectorCall {
  method: string;
  /** Path after the service URL's prefix, decoded (`/v3/conversations/a:1/activities`). */
  path: string;
  /** The conversation id of the call, decoded. */
  conversationId?: string;
  /** The activity id in the path (reply-to or update). */
  activityId?: string;
  authorization?: string;
  body: Record<string, unknown>;
  /** The raw body, to check that nothing (e.g. a NIR) leaked in any form. */
  raw: string;
  /** What the fake answered. */
  status: number;
  response?: Record<string, unknown>;
}

/** A programmed answer for the next matching call(s). */
export interface Failure {
  status: number;
  retryAfter?: number;
  /** How many calls fail (default 1). */
  times?: number;
  /** Only calls whose conversation id starts with this. */
  conversationPrefix?: string;
}

/**
 * A local stand-in for the Bot Framework connector at the activities' `serviceUrl`: answers the
 * REST calls botbuilder makes (send to a conversation, reply to an activity, update an activity,
 * create a 1:1 conversation) with the connector's response shapes, records every call, and can be
 * told to fail (429 with Retry-After, 5xx, 403, 404).
 */
export class FakeConnector {
  readonly calls: ConnectorCall[] = [];
  private readonly failures: Failure[] = [];
  private server: Server | undefined;
  private counter = 1_700_000_000_000;
  private readonly waiters: Array<() => void> = [];
  /** The service URL to put in activities (with a region prefix, like Teams'). */
  serviceUrl = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.serviceUrl = `http://127.0.0.1:${port}/emea/`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  failNext(failure: Failure): void {
    this.failures.push({ times: 1, ...failure });
  }

  /** The connector recovers: programmed failures not yet used are dropped. */
  clearFailures(): void {
    this.failures.length = 0;
  }

  /** Activities the bot sent (new posts and replies, not updates), in order. */
  sent(filter: (call: ConnectorCall) => boolean = () => true): ConnectorCall[] {
    return this.calls.filter(
      (c) => c.status < 300 && c.method === 'POST' && c.conversationId !== undefined && filter(c),
    );
  }

  /** Resolves when a recorded call satisfies `predicate` (polls on every new call). */
  async waitFor(predicate: (call: ConnectorCall) => boolean, timeoutMs = 8000): Promise<ConnectorCall> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.calls.find(predicate);
      if (found) return found;
      const left = deadline - Date.now();
      if (left <= 0)
        throw new Error(`no connector call matched within ${timeoutMs} ms (${this.calls.length} calls)`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 200));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://localhost');
    const v3 = url.pathname.indexOf('/v3/');
    const path = decodeURIComponent(v3 >= 0 ? url.pathname.slice(v3) : url.pathname);
    const match = /^\/v3\/conversations(?:\/([^/]+)(?:\/activities(?:\/([^/]+))?)?)?$/.exec(
      v3 >= 0 ? url.pathname.slice(v3) : url.pathname,
    );
    const conversationId = match?.[1] ? decodeURIComponent(match[1]) : undefined;
    const activityId = match?.[2] ? decodeURIComponent(match[2]) : undefined;
    const call: ConnectorCall = {
      method: req.method ?? 'GET',
      path,
      ...(conversationId ? { conversationId } : {}),
      ...(activityId ? { activityId } : {}),
      ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
      body: raw ? (JSON.parse(raw) as Record<string, unknown>) : {},
      raw,
      status: 200,
    };
    const failure = this.failures.find(
      (f) => !f.conversationPrefix || (conversationId ?? '').startsWith(f.conversationPrefix),
    );
    if (failure) {
      failure.times = (failure.times ?? 1) - 1;
      if (failure.times <= 0) this.failures.splice(this.failures.indexOf(failure), 1);
      call.status = failure.status;
      this.record(call);
      res.writeHead(failure.status, {
        'content-type': 'application/json',
        ...(failure.retryAfter !== undefined ? { 'retry-after': String(failure.retryAfter) } : {}),
      });
      res.end(JSON.stringify({ error: { code: 'Failure', message: `status ${failure.status}` } }));
      return;
    }
    let response: Record<string, unknown>;
    if (!match) {
      call.status = 404;
      this.record(call);
      res.writeHead(404).end();
      return;
    }
    if (req.method === 'POST' && !conversationId) {
      const members = (call.body.members as Array<{ id: string }> | undefined) ?? [];
      response = { id: `a:personal-${members[0]?.id ?? 'unknown'}` };
    } else if (req.method === 'PUT' && activityId) {
      response = { id: activityId };
    } else {
      response = { id: String(this.counter++) };
    }
    call.response = response;
    this.record(call);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(response));
  }

  private record(call: ConnectorCall): void {
    this.calls.push(call);
    for (const wake of this.waiters.splice(0)) wake();
  }
}
