import { createHash } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';

/**
 * Who may use the web console. It is the local and demo channel: a request is served when it comes
 * from a loopback address, or when it carries a per-user token from the configuration
 * (`Authorization: Bearer <token>` or `?token=<token>`), whatever address the server listens on.
 * Loopback callers without a token get the dev login: they choose one of the demo identities.
 */

/** A console user, as the configuration describes them. */
export interface ConsoleIdentity {
  /** Web user id without the channel prefix (`claire` for `web:claire`). */
  userId: string;
  name: string;
  roles: string[];
  profession?: string;
  territory?: string;
}

export interface ConsoleAuthOptions {
  /** Per-user tokens from the configuration: token → identity. */
  tokens: ReadonlyMap<string, ConsoleIdentity>;
  /** Identities a loopback caller may pick (the first is the default). */
  demoUsers: readonly ConsoleIdentity[];
}

/** How the caller was let in. */
export interface ConsoleSession {
  identity: ConsoleIdentity;
  via: 'token' | 'loopback';
  /** The token the caller used (to keep it on the page's own asset and API URLs). */
  token?: string;
}

/** Header a loopback caller uses to pick a demo identity. */
export const DEMO_USER_HEADER = 'x-relais-demo-user';

/** Errors the console answers with (the router turns them into JSON or a page). */
export type ConsoleAuthFailure = 'forbidden' | 'unknown_identity';

/**
 * True for 127.0.0.0/8, ::1 and their IPv4-mapped forms. A request relayed by a proxy (it carries
 * `X-Forwarded-For` or `Forwarded`) is not local, even when the proxy runs on the same host.
 */
export function isLoopbackRequest(
  req: Pick<Request, 'headers'> & { socket: { remoteAddress?: string } },
): boolean {
  if (req.headers['x-forwarded-for'] !== undefined || req.headers.forwarded !== undefined) return false;
  const address = req.socket.remoteAddress ?? '';
  const v4 = address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
  return address === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4);
}

function digest(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function tokenOf(req: Request): string | undefined {
  const header = req.headers.authorization;
  if (typeof header === 'string') {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (match) return match[1];
  }
  const query = req.query.token;
  return typeof query === 'string' && query !== '' ? query : undefined;
}

/** Strips the `web:` prefix the configuration uses for identities. */
export function webUserId(identity: string): string {
  return identity.startsWith('web:') ? identity.slice('web:'.length) : identity;
}

function digests(options: ConsoleAuthOptions): Map<string, ConsoleIdentity> {
  const byDigest = new Map<string, ConsoleIdentity>();
  for (const [token, identity] of options.tokens) byDigest.set(digest(token), identity);
  return byDigest;
}

/**
 * Where the console's identities come from: fixed options (tests), or a function read on every
 * request (the composition root derives them from the escalation configuration in force, so that a
 * person added, or removed, at runtime is known, or refused, at once).
 */
export type ConsoleIdentitySource = () => ConsoleAuthOptions | Promise<ConsoleAuthOptions>;

/** Resolves requests to console sessions. */
export class ConsoleAuth {
  private readonly source: ConsoleIdentitySource;
  /** Tokens looked up by their digest (no comparison leaks how much of a guess was right), per options value. */
  private indexed: { options: ConsoleAuthOptions; byDigest: Map<string, ConsoleIdentity> } | undefined;

  constructor(source: ConsoleAuthOptions | ConsoleIdentitySource) {
    this.source = typeof source === 'function' ? source : () => source;
    if (typeof source !== 'function') this.indexed = { options: source, byDigest: digests(source) };
  }

  private async current(): Promise<{ options: ConsoleAuthOptions; byDigest: Map<string, ConsoleIdentity> }> {
    const options = await this.source();
    if (this.indexed?.options !== options) this.indexed = { options, byDigest: digests(options) };
    return this.indexed;
  }

  /**
   * Identities a loopback caller may pick, as of the latest request resolved (the guard resolves
   * each request before its handler runs, so a handler reads the configuration in force).
   */
  get demoUsers(): readonly ConsoleIdentity[] {
    return this.indexed?.options.demoUsers ?? [];
  }

  /** The caller's session, or why there is none. */
  async resolve(req: Request): Promise<ConsoleSession | ConsoleAuthFailure> {
    const { options, byDigest } = await this.current();
    const token = tokenOf(req);
    if (token !== undefined) {
      const identity = byDigest.get(digest(token));
      // A wrong token is refused even from loopback: the caller meant to be someone.
      return identity ? { identity, via: 'token', token } : 'forbidden';
    }
    if (!isLoopbackRequest(req)) return 'forbidden';
    const chosen = req.headers[DEMO_USER_HEADER];
    if (typeof chosen === 'string' && chosen !== '') {
      const identity = options.demoUsers.find((u) => u.userId === chosen);
      return identity ? { identity, via: 'loopback' } : 'unknown_identity';
    }
    const first = options.demoUsers[0];
    return first ? { identity: first, via: 'loopback' } : 'unknown_identity';
  }

  /**
   * Express middleware: stores the session in `res.locals.consoleSession`, or calls `onFailure`
   * (which answers the request).
   */
  middleware(onFailure: (failure: ConsoleAuthFailure, req: Request, res: Response) => void): RequestHandler {
    return async (req: Request, res: Response, next: NextFunction) => {
      const session = await this.resolve(req);
      if (typeof session === 'string') {
        onFailure(session, req, res);
        return;
      }
      res.locals.consoleSession = session;
      next();
    };
  }
}

/** The session the middleware stored. */
export function consoleSession(res: Response): ConsoleSession {
  const session = res.locals.consoleSession as ConsoleSession | undefined;
  if (!session) throw new Error('console session missing: ConsoleAuth.middleware must run first');
  return session;
}
