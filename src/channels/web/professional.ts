import { readFileSync } from 'node:fs';
import path from 'node:path';
import express, { type ErrorRequestHandler, type Request, type Response, type Router } from 'express';
import type { Logger } from 'pino';
import { z } from 'zod';
import { maskNir } from '../../core/privacy.js';
import { ActionId, InboundMessage, type Locale, type Reply } from '../../model/message.js';
import type { MessageCatalogue } from '../../model/messages-port.js';
import { type ConsoleAuth, type ConsoleAuthFailure, consoleSession } from './auth.js';
import type { WebDelivery } from './delivery.js';
import { renderPage } from './page.js';
import { toWebReply } from './render.js';

/**
 * The web console's professional view, mounted at `/`: the chat page and its JSON API. The page
 * and the API are served only to loopback callers or holders of a per-user token (see auth.ts).
 *
 * - `GET /` the chat page; `GET /chat.js`, `GET /chat.css` its script and style;
 * - `GET /api/chat/session` who the caller is (and the demo identities a loopback caller may pick);
 * - `POST /api/chat` `{id, text}` or `{id, action, value}` → `{replies}`, plus `echo` for a text:
 *   the text as Relais keeps it (NIRs masked), which the page shows in place of what was typed;
 *   `id` is the client's idempotency id: the same id is handled once;
 * - `GET /api/chat/inbox?after=<seq>` replies that arrived later (delegate messages).
 */

export interface WebRouterOptions {
  /** The conversation core (ConversationService). */
  conversation: { handle(message: InboundMessage): Promise<Reply[]> };
  /** The web inbox the outbox worker delivers delegate messages to. */
  delivery: WebDelivery;
  messages: MessageCatalogue;
  /** Shared with the other console views (delegate, admin). */
  auth: ConsoleAuth;
  logger: Logger;
  /** Largest JSON body accepted (MAX_BODY_BYTES). */
  maxBodyBytes: number;
  /** Page language when the URL does not ask for one (`?lang=en`). */
  defaultLocale?: Locale;
}

const PUBLIC_DIR = path.join(import.meta.dirname, 'public');
const ASSETS: Record<string, string> = { '/chat.js': 'text/javascript', '/chat.css': 'text/css' };

const ChatRequest = z
  .object({
    id: z.string().min(1).max(100),
    text: z.string().optional(),
    action: ActionId.optional(),
    value: z.string().max(500).optional(),
    locale: z.enum(['fr', 'en']).optional(),
  })
  .strict()
  .refine((r) => (r.text === undefined) !== (r.action === undefined), {
    message: 'send either text or action',
  });

/** The page's language: `?lang=fr|en`, else the router's default. */
function localeOf(req: Request, fallback: Locale): Locale {
  const asked = req.query.lang;
  return asked === 'en' || asked === 'fr' ? asked : fallback;
}

function sendError(res: Response, status: number, code: string, message: string): void {
  res.status(status).json({ error: { code, message } });
}

/** Builds the professional chat router (the composition root mounts it at `/`). */
export function createWebRouter(options: WebRouterOptions): Router {
  const { messages, logger, auth, delivery } = options;
  const defaultLocale = options.defaultLocale ?? 'fr';
  const router = express.Router();
  const assets = new Map(
    Object.keys(ASSETS).map((p) => [p, readFileSync(path.join(PUBLIC_DIR, p.slice(1)))]),
  );
  const template = readFileSync(path.join(PUBLIC_DIR, 'index.html'), 'utf8');

  const refuse = (failure: ConsoleAuthFailure, req: Request, res: Response) => {
    const locale = localeOf(req, defaultLocale);
    const key = failure === 'forbidden' ? 'console.error.forbidden' : 'console.error.unknown_identity';
    logger.info({ event: 'web.refused', reason: failure, path: req.path }, 'console request refused');
    sendError(res, failure === 'forbidden' ? 403 : 400, failure, messages.t(locale, key));
  };
  const guard = auth.middleware(refuse);

  router.get('/', guard, (req, res) => {
    const session = consoleSession(res);
    const locale = localeOf(req, defaultLocale);
    res
      .type('html')
      .set('Cache-Control', 'no-store')
      .set('Referrer-Policy', 'no-referrer')
      .send(renderPage(template, messages, locale, session.token));
  });

  for (const [file, type] of Object.entries(ASSETS)) {
    router.get(file, guard, (_req, res) => {
      res.type(type).set('Cache-Control', 'no-cache').send(assets.get(file));
    });
  }

  router.get('/api/chat/session', guard, async (_req, res) => {
    const session = consoleSession(res);
    const { identity } = session;
    res.set('Cache-Control', 'no-store').json({
      user: { id: identity.userId, name: identity.name, profession: identity.profession },
      via: session.via,
      demoUsers:
        session.via === 'loopback'
          ? auth.demoUsers.map((u) => ({ id: u.userId, name: u.name, profession: u.profession }))
          : [],
      inboxSeq: await delivery.latest(identity.userId),
    });
  });

  router.post('/api/chat', guard, express.json({ limit: options.maxBodyBytes }), async (req, res) => {
    const locale = localeOf(req, defaultLocale);
    const parsed = ChatRequest.safeParse(req.body);
    if (!parsed.success) {
      const details = parsed.error.issues
        .map((i) => `${i.path.join('.') || 'body'}: ${i.message}`)
        .join('; ');
      sendError(
        res,
        400,
        'invalid_request',
        messages.t(locale, 'console.error.invalid_request', { details }),
      );
      return;
    }
    const body = parsed.data;
    const replyLocale = body.locale ?? locale;
    const { identity } = consoleSession(res);
    const message = InboundMessage.parse({
      // Scoped to the user: one professional's ids can never shadow another's.
      id: `${identity.userId}:${body.id}`,
      user: {
        channel: 'web',
        id: identity.userId,
        displayName: identity.name,
        ...(identity.profession ? { profession: identity.profession } : {}),
        ...(identity.territory ? { territory: identity.territory } : {}),
      },
      conversation: { channel: 'web', id: identity.userId },
      locale: replyLocale,
      ...(body.text !== undefined ? { text: body.text } : {}),
      ...(body.action !== undefined
        ? { action: { id: body.action, ...(body.value !== undefined ? { value: body.value } : {}) } }
        : {}),
    });
    const replies = await options.conversation.handle(message);
    // Same mask as the core writes, so the bubble reads like the transcript Relais keeps.
    const echo =
      body.text === undefined
        ? {}
        : { echo: maskNir(body.text, messages.t(replyLocale, 'conversation.nir.mask')).text };
    res
      .set('Cache-Control', 'no-store')
      .json({ ...echo, replies: replies.map((r) => toWebReply(r, replyLocale, messages)) });
  });

  router.get('/api/chat/inbox', guard, async (req, res) => {
    const locale = localeOf(req, defaultLocale);
    const after = Number(req.query.after ?? 0);
    if (!Number.isSafeInteger(after) || after < 0) {
      const details = 'after: a non-negative integer';
      sendError(
        res,
        400,
        'invalid_request',
        messages.t(locale, 'console.error.invalid_request', { details }),
      );
      return;
    }
    const { identity } = consoleSession(res);
    const entries = await delivery.read(identity.userId, after);
    res.set('Cache-Control', 'no-store').json({
      items: entries.map((e) => ({ seq: e.seq, reply: toWebReply(e.reply, locale, messages) })),
      last: entries.at(-1)?.seq ?? after,
    });
  });

  const onError: ErrorRequestHandler = (err, req, res, next) => {
    if (res.headersSent) {
      next(err);
      return;
    }
    const locale = localeOf(req, defaultLocale);
    const type = typeof err === 'object' && err !== null && 'type' in err ? String(err.type) : '';
    if (type === 'entity.too.large') {
      sendError(
        res,
        413,
        'body_too_large',
        messages.t(locale, 'console.error.body_too_large', { limit: options.maxBodyBytes }),
      );
      return;
    }
    if (type === 'entity.parse.failed') {
      sendError(res, 400, 'malformed_json', messages.t(locale, 'console.error.malformed'));
      return;
    }
    logger.error(
      { event: 'web.error', path: req.path, err: { name: err?.name, code: err?.code } },
      'console request failed',
    );
    sendError(res, 500, 'internal', messages.t(locale, 'error.generic'));
  };
  router.use('/api/chat', onError);
  return router;
}
