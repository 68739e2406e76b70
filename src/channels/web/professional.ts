import express, { type Request, type Response, type Router } from 'express';
import type { Logger } from 'pino';
import { z } from 'zod';
import { maskNir } from '../../core/privacy.js';
import { ActionId, InboundMessage, type Locale, type Reply } from '../../model/message.js';
import type { MessageCatalogue } from '../../model/messages-port.js';
import { type ConsoleAuth, consoleSession } from './auth.js';
import {
  type ConsoleView,
  consoleApiErrors,
  consoleGuard,
  localeOf,
  sendError,
  serveConsolePage,
} from './console-page.js';
import type { WebDelivery } from './delivery.js';
import { chatHistory, type HistorySources } from './history.js';
import { toWebReply } from './render.js';

/**
 * The web console's professional view, mounted at `/`: the chat page and its JSON API. The page
 * and the API are served only to loopback callers or holders of a per-user token (see auth.ts).
 *
 * - `GET /` the chat page; `GET /chat.js`, `GET /chat-history.js`, `GET /chat.css` its scripts and
 *   style (and the shared `console.js`, `console.css`);
 * - `GET /api/chat/session` who the caller is (and the demo identities a loopback caller may pick);
 * - `POST /api/chat` `{id, text}` or `{id, action, value}` → `{replies}`, plus `echo` for a text:
 *   the text as Relais keeps it (NIRs masked), which the page shows in place of what was typed;
 *   `id` is the client's idempotency id: the same id is handled once;
 * - `GET /api/chat/inbox?after=<seq>` replies that arrived later (delegate messages);
 * - `GET /api/chat/history` the caller's recent conversation (their messages, the bot's replies, the
 *   inbox entries), oldest first, and the inbox sequence to poll from (see history.ts).
 */

export interface WebRouterOptions {
  /** The conversation core (ConversationService): turns, and the recent ones for the history. */
  conversation: { handle(message: InboundMessage): Promise<Reply[]> } & HistorySources['conversation'];
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

/** UI strings the page's script uses (labels of what it creates). */
const CLIENT_KEYS = [
  'console.chat.you',
  'console.chat.bot',
  'console.chat.sources',
  'console.chat.followups',
  'console.chat.feedback_up',
  'console.chat.feedback_down',
  'console.chat.sending',
  'console.chat.network_error',
  'console.chat.identity_label',
  'console.chat.history_previous',
  'console.chat.history_new',
] as const;

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

/** Builds the professional chat router (the composition root mounts it at `/`). */
export function createWebRouter(options: WebRouterOptions): Router {
  const { messages, auth, delivery } = options;
  const view: ConsoleView = { ...options, defaultLocale: options.defaultLocale ?? 'fr' };
  const router = express.Router();
  const guard = consoleGuard(view, 'nested');
  const invalidRequest = (req: Request, res: Response, details: string) => {
    const message = messages.t(localeOf(req, view.defaultLocale), 'console.error.invalid_request', { details });
    sendError(res, 400, 'nested', { code: 'invalid_request', message });
  };

  serveConsolePage(router, guard, view, {
    path: '/',
    body: 'chat.html',
    modules: ['chat-history.js'],
    script: 'chat.js',
    style: 'chat.css',
    title: 'console.chat.title',
    clientKeys: CLIENT_KEYS,
  });

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
    const parsed = ChatRequest.safeParse(req.body);
    if (!parsed.success) {
      const details = parsed.error.issues
        .map((i) => `${i.path.join('.') || 'body'}: ${i.message}`)
        .join('; ');
      invalidRequest(req, res, details);
      return;
    }
    const body = parsed.data;
    const replyLocale = body.locale ?? localeOf(req, view.defaultLocale);
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
    const after = Number(req.query.after ?? 0);
    if (!Number.isSafeInteger(after) || after < 0) {
      invalidRequest(req, res, 'after: a non-negative integer');
      return;
    }
    const locale = localeOf(req, view.defaultLocale);
    const { identity } = consoleSession(res);
    const entries = await delivery.read(identity.userId, after);
    res.set('Cache-Control', 'no-store').json({
      items: entries.map((e) => ({ seq: e.seq, reply: toWebReply(e.reply, locale, messages) })),
      last: entries.at(-1)?.seq ?? after,
    });
  });

  router.get('/api/chat/history', guard, async (req, res) => {
    const { identity } = consoleSession(res);
    const history = await chatHistory(options, identity.userId, localeOf(req, view.defaultLocale));
    res.set('Cache-Control', 'no-store').json(history);
  });

  router.use(
    '/api/chat',
    consoleApiErrors(view, {
      style: 'nested',
      maxBodyBytes: options.maxBodyBytes,
      genericKey: 'error.generic',
      logMessage: 'console request failed',
    }),
  );
  return router;
}
