import { dayLabel } from '../../clock.js';
import type { Button, Locale, Reply } from '../../model/message.js';
import type { MessageCatalogue } from '../../model/messages-port.js';

/**
 * A neutral reply as the chat page shows it: the same fields, with the "à jour au" line already
 * written in the user's language (the page itself holds no wording). The text keeps its light
 * formatting (`**bold**`, `- ` bullets, `[title](url)`); the page renders it without HTML injection.
 */
export interface WebReply {
  kind: Reply['kind'];
  text: string;
  intentId?: string;
  sources?: { title: string; url: string }[];
  /** "à jour au 01/02/2026". */
  asOf?: string;
  buttons?: Button[];
  followUps?: Button[];
  /** "Claire Martin (déléguée de l'Assurance Maladie)". */
  signature?: string;
}

/** Only http(s) links reach the page. */
function safeUrl(url: string): boolean {
  return /^https?:\/\//i.test(url);
}

export function toWebReply(reply: Reply, locale: Locale, messages: MessageCatalogue): WebReply {
  const web: WebReply = { kind: reply.kind, text: reply.text };
  if (reply.intentId) web.intentId = reply.intentId;
  const sources = (reply.sources ?? [])
    .filter((s) => safeUrl(s.url))
    .map((s) => ({ title: s.title, url: s.url }));
  if (sources.length > 0) web.sources = sources;
  if (reply.asOf)
    web.asOf = messages.t(locale, 'console.chat.as_of', { date: dayLabel(reply.asOf, locale) });
  if (reply.buttons?.length) web.buttons = reply.buttons;
  if (reply.followUps?.length) web.followUps = reply.followUps;
  if (reply.signature) {
    web.signature = reply.signature.role
      ? `${reply.signature.name} (${reply.signature.role})`
      : reply.signature.name;
  }
  return web;
}
