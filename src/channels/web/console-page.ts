import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ErrorRequestHandler, Request, RequestHandler, Response, Router } from 'express';
import type { Logger } from 'pino';
import type { Locale } from '../../model/message.js';
import type { MessageCatalogue } from '../../model/messages-port.js';
import { type ConsoleAuth, type ConsoleAuthFailure, consoleSession } from './auth.js';

/**
 * What the console's three views (professional chat, delegate, admin) share on the server: the page
 * shell filled with its UI strings, the guarded static assets, the page language, coded error
 * bodies, the refusal of unknown callers and the error handler of their JSON APIs.
 */

/** What every view is built with. */
export interface ConsoleView {
  messages: MessageCatalogue;
  auth: ConsoleAuth;
  logger: Pick<Logger, 'info' | 'error'>;
  /** Page language when the URL does not ask for one (`?lang=en`). */
  defaultLocale: Locale;
}

/**
 * How an API writes its errors: the chat API nests them (`{error: {code, message}}`), the delegate
 * and admin APIs answer `{ok: false, code, message}` like their results.
 */
export type ErrorStyle = 'nested' | 'flat';

/** A view's page: a body fragment of public/ in the shared shell (public/layout.html). */
export interface ConsolePageSpec {
  /** The page's URL (`/`, `/delegate`, `/admin`). */
  path: string;
  /** Its body fragment, its script (an ES module) and its style, in public/. */
  body: string;
  script: string;
  style: string;
  /**
   * Further ES modules of the page, in public/, loaded before `script` in this order (each with the
   * page's token, like every asset: a static `import` would not carry it). They share what they
   * define through a `window` namespace, as console.js does.
   */
  modules?: readonly string[];
  /** UI string key of the `<title>`. */
  title: string;
  /** Keys of the UI strings the script uses; their placeholders stay `{name}` for it to fill. */
  clientKeys: readonly string[];
}

const PUBLIC_DIR = path.join(import.meta.dirname, 'public');
/** Served with every page: the helpers and the base style the three pages share. */
const SHARED_ASSETS = ['console.js', 'console.css'];
const TYPES: Record<string, string> = { '.js': 'text/javascript', '.css': 'text/css' };

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

/** JSON that cannot close the <script> element it sits in. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
}

/** Placeholders stay as `{name}` for the page's script to fill. */
const KEEP_PLACEHOLDERS = new Proxy({}, { get: (_target, name) => `{${String(name)}}` }) as Record<string, string>;

/** The page's language: `?lang=fr|en`, else the view's default. */
export function localeOf(req: Request, fallback: Locale): Locale {
  const asked = req.query.lang;
  return asked === 'en' || asked === 'fr' ? asked : fallback;
}

/** Answers a coded error in the API's style (further fields, such as the admin's `details`, ride along). */
export function sendError(
  res: Response,
  status: number,
  style: ErrorStyle,
  error: { code: string; message: string } & Record<string, unknown>,
): void {
  res.status(status).json(style === 'nested' ? { error } : { ok: false, ...error });
}

/**
 * Fills the shell with a page: `{{t:key}}` becomes the UI string `key`, HTML-escaped; `{{asset}}`
 * the query string that keeps a token on the page's own URLs; `{{strings}}` the script's strings,
 * as JSON safe inside <script>.
 */
export function renderConsolePage(
  shell: string,
  body: string,
  spec: Pick<ConsolePageSpec, 'script' | 'style' | 'title' | 'clientKeys' | 'modules'>,
  messages: MessageCatalogue,
  locale: Locale,
  token?: string,
): string {
  const strings = Object.fromEntries(
    spec.clientKeys
      .filter((key) => messages.has(locale, key))
      .map((key) => [key, messages.t(locale, key, KEEP_PLACEHOLDERS)]),
  );
  const asset = token === undefined ? '' : `?token=${encodeURIComponent(token)}`;
  return shell
    .replace('{{body}}', () => body.trim())
    .replace('{{title}}', `{{t:${spec.title}}}`)
    .replace('{{modules}}', () =>
      (spec.modules ?? []).map((file) => `<script type="module" src="${file}{{asset}}"></script>\n  `).join(''),
    )
    .replace('{{script}}', spec.script)
    .replace('{{style}}', spec.style)
    .replace(/\{\{t:([a-z][a-zA-Z0-9_.]*)\}\}/g, (_m, key: string) => escapeHtml(messages.t(locale, key)))
    .replace('<html lang="fr">', `<html lang="${locale}">`)
    .replaceAll('{{asset}}', () => escapeHtml(asset))
    .replace('"{{strings}}"', () => scriptJson({ locale, strings }));
}

/** Refuses callers the console does not know, in the API's error style (and logs it). */
export function consoleGuard(view: ConsoleView, style: ErrorStyle): RequestHandler {
  return view.auth.middleware((failure: ConsoleAuthFailure, req: Request, res: Response) => {
    const key = failure === 'forbidden' ? 'console.error.forbidden' : 'console.error.unknown_identity';
    view.logger.info({ event: 'web.refused', reason: failure, path: req.path }, 'console request refused');
    const message = view.messages.t(localeOf(req, view.defaultLocale), key);
    sendError(res, failure === 'forbidden' ? 403 : 400, style, { code: failure, message });
  });
}

/**
 * The page's own guard. A browser that opens the page (it asks for HTML) and is refused gets a
 * readable page saying how to get in, rather than the API's JSON; other callers get `apiGuard`'s answer.
 */
function pageGuard(view: ConsoleView, apiGuard: RequestHandler): RequestHandler {
  const forBrowsers = view.auth.middleware((failure: ConsoleAuthFailure, req: Request, res: Response) => {
    const locale = localeOf(req, view.defaultLocale);
    const key = failure === 'forbidden' ? 'console.error.forbidden_page' : 'console.error.unknown_identity';
    view.logger.info({ event: 'web.refused', reason: failure, path: req.path }, 'console request refused');
    const message = escapeHtml(view.messages.t(locale, key));
    res
      .status(failure === 'forbidden' ? 403 : 400)
      .type('html')
      .set('Cache-Control', 'no-store')
      .send(`<!doctype html>\n<html lang="${locale}"><meta charset="utf-8"><title>${message}</title><p>${message}</p></html>\n`);
  });
  return (req, res, next) => (req.accepts(['json', 'html']) === 'html' ? forBrowsers : apiGuard)(req, res, next);
}

/** Serves a view's page and its assets (the shared ones included), all behind the guard. */
export function serveConsolePage(router: Router, guard: RequestHandler, view: ConsoleView, spec: ConsolePageSpec): void {
  const read = (file: string) => readFileSync(path.join(PUBLIC_DIR, file));
  const shell = read('layout.html').toString('utf8');
  const body = read(spec.body).toString('utf8');
  router.get(spec.path, pageGuard(view, guard), (req, res) => {
    const locale = localeOf(req, view.defaultLocale);
    res
      .type('html')
      .set('Cache-Control', 'no-store')
      .set('Referrer-Policy', 'no-referrer')
      .send(renderConsolePage(shell, body, spec, view.messages, locale, consoleSession(res).token));
  });
  for (const file of [...SHARED_ASSETS, ...(spec.modules ?? []), spec.script, spec.style]) {
    const content = read(file);
    router.get(`/${file}`, guard, (_req, res) => {
      res.type(TYPES[path.extname(file)] ?? 'application/octet-stream').set('Cache-Control', 'no-cache').send(content);
    });
  }
}

/**
 * The error handler of a view's JSON API: a body over the limit (413), malformed JSON (400), else
 * a neutral message (500) and a log line that names the error without its content.
 */
export function consoleApiErrors(
  view: ConsoleView,
  options: { style: ErrorStyle; maxBodyBytes: number; genericKey: string; logMessage: string },
): ErrorRequestHandler {
  const { messages, logger } = view;
  return (err, req, res, next) => {
    if (res.headersSent) {
      next(err);
      return;
    }
    const locale = localeOf(req, view.defaultLocale);
    const type = typeof err === 'object' && err !== null && 'type' in err ? String(err.type) : '';
    if (type === 'entity.too.large') {
      const message = messages.t(locale, 'console.error.body_too_large', { limit: options.maxBodyBytes });
      sendError(res, 413, options.style, { code: 'body_too_large', message });
      return;
    }
    if (type === 'entity.parse.failed') {
      const message = messages.t(locale, 'console.error.malformed');
      sendError(res, 400, options.style, { code: 'malformed_json', message });
      return;
    }
    logger.error({ event: 'web.error', path: req.path, err: { name: err?.name, code: err?.code } }, options.logMessage);
    sendError(res, 500, options.style, { code: 'internal', message: messages.t(locale, options.genericKey) });
  };
}
