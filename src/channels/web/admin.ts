import { readFileSync } from 'node:fs';
import path from 'node:path';
import express, { type ErrorRequestHandler, type Request, type Response, type Router } from 'express';
import type { Logger } from 'pino';
import { AdminError, AdminErrorCode } from '../../admin/errors.js';
import { ADMIN_COMMANDS, type AdminCommandName } from '../../admin/commands.js';
import type { AdminService } from '../../admin/service.js';
import type { Locale } from '../../model/message.js';
import type { MessageCatalogue } from '../../model/messages-port.js';
import { type ConsoleAuth, type ConsoleAuthFailure, consoleSession } from './auth.js';
import { escapeHtml } from './page.js';

/**
 * The web console's admin view. Same access rule as the rest of the console (loopback dev login or
 * a per-user token); then every call is an admin command run through `AdminService`, which checks
 * the role the command declares (refusals are logged and audited).
 *
 * - `GET /admin` the page; `GET /admin.js`, `GET /admin.css`;
 * - `GET /api/admin/me` whether the caller is an admin (403 otherwise);
 * - `POST /api/admin/commands/<name>` with the command's input as JSON (see src/admin/commands.ts).
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
const ASSETS: Record<string, string> = { '/admin.js': 'text/javascript', '/admin.css': 'text/css' };

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
};

function localeOf(req: Request, fallback: Locale): Locale {
  const asked = req.query.lang;
  return asked === 'en' || asked === 'fr' ? asked : fallback;
}

/** Placeholders stay as `{name}` for the script to fill. */
const KEEP_PLACEHOLDERS = new Proxy({}, { get: (_target, name) => `{${String(name)}}` }) as Record<string, string>;

/** The admin.yaml keys the page's script names (quoted `'admin.…'` literals in admin.js). */
function scriptKeys(script: string): string[] {
  const keys = [...script.matchAll(/'(admin\.[a-z][a-zA-Z0-9_.]*)'/g)].map((m) => m[1]!);
  return [...new Set(keys)].filter((key) => CLIENT_PREFIXES.some((p) => key.startsWith(p)));
}

function fillTemplate(template: string, keys: string[], messages: MessageCatalogue, locale: Locale, token?: string): string {
  const strings = Object.fromEntries(
    keys.filter((key) => messages.has(locale, key)).map((key) => [key, messages.t(locale, key, KEEP_PLACEHOLDERS)]),
  );
  const json = JSON.stringify({ locale, strings })
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026');
  const asset = token === undefined ? '' : `?token=${encodeURIComponent(token)}`;
  return template
    .replace(/\{\{t:([a-z][a-zA-Z0-9_.]*)\}\}/g, (_m, key: string) => escapeHtml(messages.t(locale, key)))
    .replaceAll('{{lang}}', locale)
    .replaceAll('{{asset}}', escapeHtml(asset))
    .replaceAll('{{strings}}', json);
}

/** Builds the admin view's router (the composition root mounts it at `/`). */
export function createAdminRouter(options: AdminRouterOptions): Router {
  const { admin, messages, logger, auth } = options;
  const defaultLocale = options.defaultLocale ?? 'fr';
  const router = express.Router();
  const template = readFileSync(path.join(PUBLIC_DIR, 'admin.html'), 'utf8');
  const assets = new Map(Object.keys(ASSETS).map((p) => [p, readFileSync(path.join(PUBLIC_DIR, p.slice(1)))]));
  const keys = scriptKeys(String(assets.get('/admin.js')));
  const json = express.json({ limit: options.maxBodyBytes ?? 200_000 });

  const refuse = (failure: ConsoleAuthFailure, req: Request, res: Response) => {
    const key = failure === 'forbidden' ? 'console.error.forbidden' : 'console.error.unknown_identity';
    logger.info({ event: 'web.refused', reason: failure, path: req.path }, 'console request refused');
    res.status(failure === 'forbidden' ? 403 : 400).json({ ok: false, code: failure, message: messages.t(localeOf(req, defaultLocale), key) });
  };
  const guard = auth.middleware(refuse);
  const actorOf = (res: Response) => `web:${consoleSession(res).identity.userId}`;
  const fail = (req: Request, res: Response, error: AdminError) => {
    const locale = localeOf(req, defaultLocale);
    res.status(STATUS[error.code] ?? 400).json({
      ok: false,
      code: error.code,
      message: messages.t(locale, `admin.error.${error.code}`),
      details: error.details,
    });
  };

  router.get('/admin', guard, (req, res) => {
    res
      .type('html')
      .set('Cache-Control', 'no-store')
      .set('Referrer-Policy', 'no-referrer')
      .send(fillTemplate(template, keys, messages, localeOf(req, defaultLocale), consoleSession(res).token));
  });
  for (const [file, type] of Object.entries(ASSETS)) {
    router.get(file, guard, (_req, res) => {
      res.type(type).set('Cache-Control', 'no-cache').send(assets.get(file));
    });
  }

  router.get('/api/admin/me', guard, async (req, res) => {
    const actor = actorOf(res);
    const session = consoleSession(res);
    if (!(await admin.isAdmin(actor))) {
      // Refused like any command, so that the refusal is logged and audited.
      try {
        await admin.execute(actor, 'answers.list', {});
      } catch (error) {
        if (error instanceof AdminError) return void fail(req, res, error);
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
      if (error instanceof AdminError) return void fail(req, res, error);
      throw error;
    }
  });

  const onError: ErrorRequestHandler = (err, req, res, _next) => {
    const locale = localeOf(req, defaultLocale);
    if ((err as { type?: string })?.type === 'entity.parse.failed') {
      res.status(400).json({ ok: false, code: 'malformed_json', message: messages.t(locale, 'console.error.malformed') });
      return;
    }
    logger.error({ event: 'web.error', path: req.path, err: { name: err?.name, code: err?.code } }, 'admin request failed');
    res.status(500).json({ ok: false, code: 'internal', message: messages.t(locale, 'admin.error.generic') });
  };
  router.use('/api/admin', onError);
  return router;
}
