import { readFileSync } from 'node:fs';
import path from 'node:path';
import express, { type Request, type Response, type Router } from 'express';
import type { Logger } from 'pino';
import { AdminError, AdminErrorCode } from '../../admin/errors.js';
import { ADMIN_COMMANDS, type AdminCommandName } from '../../admin/commands.js';
import { describeProblems } from '../../admin/problems.js';
import { ScheduledConflictError } from '../../admin/scheduled-conflict.js';
import type { AdminService } from '../../admin/service.js';
import type { Locale } from '../../model/message.js';
import type { MessageCatalogue } from '../../model/messages-port.js';
import { type ConsoleAuth, type ConsoleSession, consoleSession } from './auth.js';
import {
  type ConsoleView,
  consoleApiErrors,
  consoleGuard,
  localeOf,
  sendError,
  serveConsolePage,
} from './console-page.js';

/**
 * The web console's admin view. Same access rule as the rest of the console (loopback dev login or
 * a per-user token); then every call is an admin command run through `AdminService`, which checks
 * the role the command declares (refusals are logged and audited).
 *
 * - `GET /admin` the page; its modules `GET /admin*.js`, `GET /admin.css` (and the shared `console.js`, `console.css`);
 * - `GET /api/admin/me` whether the caller is an admin (403 otherwise, with `via` and, on loopback,
 *   `signIn`: the demo identities that are admins);
 * - `POST /api/admin/commands/<name>` with the command's input as JSON (see src/admin/commands.ts).
 *
 * A refusal is `{ok: false, code, message, details, problems}`: `code` is stable, `details` are the
 * technical lines (`path: message`), `problems` the same worded for people in the page's language.
 * A `scheduled_conflict` also carries `scheduled`: the later versions (version, date, author) the
 * admin must choose to cancel or keep (`onScheduled` of answers.publish / publishContent / rollback).
 */

export interface AdminRouterOptions {
  admin: AdminService;
  messages: MessageCatalogue;
  auth: ConsoleAuth;
  logger: Pick<Logger, 'info' | 'warn' | 'error'>;
  maxBodyBytes?: number;
  defaultLocale?: Locale;
}

const PUBLIC_DIR = path.join(import.meta.dirname, 'public');
/** The page's browser modules, in loading order (admin.js, which starts the page, comes last). */
const MODULES = ['admin-api.js', 'admin-versions.js', 'admin-answers.js', 'admin-suggestions.js', 'admin-queues.js', 'admin-reports.js'];
const SCRIPT = 'admin.js';

/** Keys of admin.yaml the page's script uses (placeholders are filled by the script). */
const CLIENT_PREFIXES = ['admin.console.', 'admin.error.'];

const STATUS: Record<string, number> = {
  [AdminErrorCode.NotAllowed]: 403,
  [AdminErrorCode.UnknownIntent]: 404,
  [AdminErrorCode.UnknownVersion]: 404,
  [AdminErrorCode.UnknownSuggestion]: 404,
  [AdminErrorCode.UnknownQueue]: 404,
  [AdminErrorCode.InvalidInput]: 400,
  [AdminErrorCode.Busy]: 503,
  [AdminErrorCode.NoDraft]: 409,
  [AdminErrorCode.NotScheduled]: 409,
  [AdminErrorCode.NoConflict]: 409,
  [AdminErrorCode.ScheduledConflict]: 409,
  [AdminErrorCode.DraftExists]: 409,
  [AdminErrorCode.NoProposedAnswer]: 400,
  [AdminErrorCode.ProposalUnmerged]: 409,
};

/** The admin.yaml keys the page's scripts name (quoted `'admin.…'` literals in its modules). */
function scriptKeys(files: readonly string[]): string[] {
  const script = files.map((file) => readFileSync(path.join(PUBLIC_DIR, file), 'utf8')).join('\n');
  const keys = [...script.matchAll(/'(admin\.[a-z][a-zA-Z0-9_.]*)'/g)].map((m) => m[1]!);
  return [...new Set(keys)].filter((key) => CLIENT_PREFIXES.some((p) => key.startsWith(p)));
}

/** Builds the admin view's router (the composition root mounts it at `/`). */
export function createAdminRouter(options: AdminRouterOptions): Router {
  const { admin, messages } = options;
  const view: ConsoleView = { ...options, defaultLocale: options.defaultLocale ?? 'fr' };
  const maxBodyBytes = options.maxBodyBytes ?? 200_000;
  const router = express.Router();
  const json = express.json({ limit: maxBodyBytes });
  const guard = consoleGuard(view, 'flat');
  const actorOf = (res: Response) => `web:${consoleSession(res).identity.userId}`;
  const fail = (req: Request, res: Response, error: AdminError, command = '', extra: Record<string, unknown> = {}) => {
    const locale = localeOf(req, view.defaultLocale);
    sendError(res, STATUS[error.code] ?? 400, 'flat', {
      code: error.code,
      message: messages.t(locale, `admin.error.${error.code}`, error.params),
      details: error.details,
      problems: describeProblems(command, error.details, messages, locale),
      // The scheduled versions the admin must cancel or keep (version, date, author), for the page to list.
      ...(error instanceof ScheduledConflictError ? { scheduled: error.scheduled } : {}),
      ...extra,
    });
  };

  /**
   * How a refused caller may get in. On loopback (the dev login) any demo identity may be picked,
   * so the admins among them are offered; a token caller is told that an admin's own link is needed
   * (nothing is offered: that identity is the token's).
   */
  const signInChoices = async (via: ConsoleSession['via']) => {
    if (via !== 'loopback') return [];
    const admins = [];
    for (const user of options.auth.demoUsers) if (await admin.isAdmin(`web:${user.userId}`)) admins.push({ id: user.userId, name: user.name });
    return admins;
  };

  serveConsolePage(router, guard, view, {
    path: '/admin',
    body: 'admin.html',
    modules: MODULES,
    script: SCRIPT,
    style: 'admin.css',
    title: 'admin.console.title',
    clientKeys: scriptKeys([...MODULES, SCRIPT]),
  });

  router.get('/api/admin/me', guard, async (req, res) => {
    const actor = actorOf(res);
    const session = consoleSession(res);
    if (!(await admin.isAdmin(actor))) {
      // Refused like any command, so that the refusal is logged and audited.
      try {
        await admin.execute(actor, 'answers.list', {});
      } catch (error) {
        if (error instanceof AdminError) return void fail(req, res, error, '', {
          via: session.via,
          name: session.identity.name,
          signIn: await signInChoices(session.via),
        });
        throw error;
      }
    }
    res.set('Cache-Control', 'no-store').json({ ok: true, actor, name: session.identity.name, via: session.via });
  });

  router.post('/api/admin/commands/:name', guard, json, async (req, res) => {
    const name = String(req.params.name);
    if (!Object.hasOwn(ADMIN_COMMANDS, name)) {
      return void fail(req, res, new AdminError(AdminErrorCode.InvalidInput, `unknown command ${name}`));
    }
    try {
      const result = await admin.execute(actorOf(res), name as AdminCommandName, req.body ?? {});
      res.set('Cache-Control', 'no-store').json({ ok: true, result: result ?? null });
    } catch (error) {
      if (error instanceof AdminError) return void fail(req, res, error, name);
      throw error;
    }
  });

  router.use(
    '/api/admin',
    consoleApiErrors(view, {
      style: 'flat',
      maxBodyBytes,
      genericKey: 'admin.error.generic',
      logMessage: 'admin request failed',
    }),
  );
  return router;
}
