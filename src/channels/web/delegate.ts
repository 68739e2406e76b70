import express, { type Request, type Response, type Router } from 'express';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { EscalationModule } from '../../escalation/index.js';
import { type DelegateResult, EscalationErrorCode } from '../../escalation/model.js';
import { queuesOf } from '../../escalation/routing.js';
import type { Locale } from '../../model/message.js';
import type { MessageCatalogue } from '../../model/messages-port.js';
import type { Store } from '../../store/contract.js';
import { type ConsoleAuth, consoleSession } from './auth.js';
import {
  type ConsoleView,
  consoleApiErrors,
  consoleGuard,
  localeOf,
  sendError,
  serveConsolePage,
} from './console-page.js';
import { isStaff, readWebNotices } from './delegate-deliverer.js';

/**
 * The web console's delegate view, mounted at `/` next to the professional chat. Same access rule
 * as the rest of the console (loopback dev login, or a per-user token). Only translates HTTP to the
 * escalation services and back.
 *
 * - `GET /delegate` the page; `GET /delegate.js`, `GET /delegate.css` its script and style, with
 *   `delegate-memory.js` (drafts and filter kept for the tab), `delegate-filter.js` (the queue and
 *   text filter) and `delegate-outcome.js` (what an
 *   action did, and where the keyboard goes), and the shared `console.js`, `console.css`;
 * - `GET /api/delegate/board` the caller's queues with live cards, "mes demandes" (each request in
 *   full once, by deadline: see src/escalation/console-board.ts), notices, dead letters (the page
 *   polls it: another delegate's claim shows without a reload);
 * - `POST /api/delegate/escalations/:id/{claim,release,transfer,resolve,reply}`;
 * - `GET /api/delegate/escalations/:id/history`.
 *
 * A transfer without a target queue, or an empty reply, is refused with a code and a message in the
 * page's language, like the service's refusals.
 */

export interface DelegateRouterOptions {
  escalation: Pick<EscalationModule, 'delegates' | 'views' | 'context'>;
  store: Store;
  messages: MessageCatalogue;
  auth: ConsoleAuth;
  logger: Pick<Logger, 'info' | 'warn' | 'error'>;
  maxBodyBytes?: number;
  defaultLocale?: Locale;
}

/** UI strings the page's script uses. */
const CLIENT_KEYS = [
  'console.delegate.signed_in',
  'console.delegate.empty',
  'console.delegate.mine_empty',
  'console.delegate.notices_empty',
  'console.delegate.count',
  'console.delegate.supervisor',
  'console.delegate.question',
  'console.delegate.summary',
  'console.delegate.guesses',
  'console.delegate.asker',
  'console.delegate.reply_label',
  'console.delegate.reply_send',
  'console.delegate.transfer_to',
  'console.delegate.history',
  'console.delegate.history_professional',
  'console.delegate.history_delegate',
  'console.delegate.history_not_relayed',
  'console.delegate.network_error',
  'console.delegate.in_mine',
  'console.delegate.filter_all',
  'console.delegate.transfer_choose',
  'console.delegate.transfer_confirm',
  'console.delegate.transfer_missing',
  'console.delegate.done.claim',
  'console.delegate.done.release',
  'console.delegate.done.transfer',
  'console.delegate.done.resolve',
];

/**
 * Requests refused before any escalation is read, coded like the service's refusals: a transfer
 * without a target queue, an empty reply.
 */
export const DelegateRequestRefusal = {
  TargetMissing: 'ESCALATION_TARGET_MISSING',
  ReplyEmpty: 'ESCALATION_REPLY_EMPTY',
} as const;

const STATUS: Record<string, number> = {
  [EscalationErrorCode.NotFound]: 404,
  [EscalationErrorCode.NotAllowed]: 403,
  [EscalationErrorCode.UnknownQueue]: 400,
  [EscalationErrorCode.AlreadyClaimed]: 409,
  [EscalationErrorCode.NotOwner]: 409,
  [EscalationErrorCode.InvalidState]: 409,
  [EscalationErrorCode.Busy]: 503,
};

const ResolveBody = z
  .object({ proposeFaq: z.boolean().optional(), answer: z.string().max(10_000).optional() })
  .strict();
const TransferBody = z.object({ queueId: z.string().min(1).max(100) }).strict();
const ReplyBody = z.object({ text: z.string().trim().min(1).max(10_000) }).strict();

/** The body's `field` is missing, not a string, or only spaces. */
function blank(body: unknown, field: string): boolean {
  const value = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[field] : undefined;
  return typeof value !== 'string' || value.trim() === '';
}

/** Builds the delegate view's router (the composition root mounts it at `/`). */
export function createDelegateRouter(options: DelegateRouterOptions): Router {
  const { escalation, auth } = options;
  const view: ConsoleView = { ...options, defaultLocale: options.defaultLocale ?? 'fr' };
  const maxBodyBytes = options.maxBodyBytes ?? 100_000;
  const router = express.Router();
  const json = express.json({ limit: maxBodyBytes });
  // Refusals keep the chat API's error shape; the delegate API's own errors are flat.
  const guard = consoleGuard(view, 'nested');
  const identityOf = (res: Response) => `web:${consoleSession(res).identity.userId}`;
  // A refusal says why (code and message) and nothing else: never the escalation itself.
  const send = (res: Response, result: DelegateResult) => {
    res
      .status(result.ok ? 200 : (STATUS[result.code] ?? 400))
      .json(
        result.ok
          ? { ok: true, card: result.card, message: result.message }
          : { ok: false, code: result.code, message: result.message },
      );
  };
  const invalid = (res: Response, error: z.ZodError) =>
    sendError(res, 400, 'flat', {
      code: 'invalid_request',
      message: error.issues.map((i) => i.message).join('; '),
    });

  // Said in the page's language, with the same shape as the service's refusals.
  const refuse = (req: Request, res: Response, code: string, key: string) =>
    res.status(400).json({ ok: false, code, message: view.messages.t(localeOf(req, view.defaultLocale), key) });

  serveConsolePage(router, guard, view, {
    path: '/delegate',
    body: 'delegate.html',
    modules: ['delegate-memory.js', 'delegate-filter.js', 'delegate-outcome.js'],
    script: 'delegate.js',
    style: 'delegate.css',
    title: 'console.delegate.title',
    clientKeys: CLIENT_KEYS,
  });

  router.get('/api/delegate/board', guard, async (_req, res) => {
    const identity = identityOf(res);
    const session = consoleSession(res);
    const config = await escalation.context.config();
    const board = await escalation.views.consoleBoard(identity);
    const notices = await readWebNotices(
      options.store,
      identity,
      queuesOf(config, identity).map((q) => q.id),
    );
    res.set('Cache-Control', 'no-store').json({
      ...board,
      staff: isStaff(config, identity),
      notices,
      via: session.via,
      demoUsers:
        session.via === 'loopback'
          ? auth.demoUsers
              .filter((u) => isStaff(config, `web:${u.userId}`))
              .map((u) => ({ id: u.userId, name: u.name }))
          : [],
    });
  });

  router.post('/api/delegate/escalations/:id/claim', guard, async (req, res) => {
    send(res, await escalation.delegates.claim(identityOf(res), String(req.params.id)));
  });
  router.post('/api/delegate/escalations/:id/release', guard, async (req, res) => {
    send(res, await escalation.delegates.release(identityOf(res), String(req.params.id)));
  });
  router.post('/api/delegate/escalations/:id/transfer', guard, json, async (req, res) => {
    if (blank(req.body, 'queueId')) {
      return void refuse(req, res, DelegateRequestRefusal.TargetMissing, 'console.delegate.refused.transfer_target');
    }
    const body = TransferBody.safeParse(req.body);
    if (!body.success) return void invalid(res, body.error);
    send(res, await escalation.delegates.transfer(identityOf(res), String(req.params.id), body.data.queueId));
  });
  router.post('/api/delegate/escalations/:id/resolve', guard, json, async (req, res) => {
    const body = ResolveBody.safeParse(req.body ?? {});
    if (!body.success) return void invalid(res, body.error);
    send(res, await escalation.delegates.resolve(identityOf(res), String(req.params.id), body.data));
  });
  router.post('/api/delegate/escalations/:id/reply', guard, json, async (req, res) => {
    if (blank(req.body, 'text')) {
      return void refuse(req, res, DelegateRequestRefusal.ReplyEmpty, 'console.delegate.refused.reply_empty');
    }
    const body = ReplyBody.safeParse(req.body);
    if (!body.success) return void invalid(res, body.error);
    send(res, await escalation.delegates.reply(identityOf(res), String(req.params.id), body.data.text));
  });
  router.get('/api/delegate/escalations/:id/history', guard, async (req, res) => {
    const result = await escalation.delegates.history(identityOf(res), String(req.params.id));
    res
      .set('Cache-Control', 'no-store')
      .status(result.ok ? 200 : (STATUS[result.code] ?? 400))
      .json(result.ok ? result : { ok: false, code: result.code, message: result.message });
  });

  router.use(
    '/api/delegate',
    consoleApiErrors(view, {
      style: 'flat',
      maxBodyBytes,
      genericKey: 'error.generic',
      logMessage: 'delegate request failed',
    }),
  );
  return router;
}
