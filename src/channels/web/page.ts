import type { Locale } from '../../model/message.js';
import type { MessageCatalogue } from '../../model/messages-port.js';

/**
 * Fills the chat page template (public/index.html): `{{t:key}}` becomes the UI string `key`,
 * HTML-escaped; `<html lang="fr">` takes the page language; `{{asset}}` the query string that keeps a token on the
 * page's own asset URLs; `{{strings}}` the strings the script needs, as JSON safe inside <script>.
 */

/** UI strings the page's script uses (labels of what it creates). */
export const CLIENT_STRING_KEYS = [
  'console.chat.you',
  'console.chat.bot',
  'console.chat.sources',
  'console.chat.followups',
  'console.chat.feedback_up',
  'console.chat.feedback_down',
  'console.chat.sending',
  'console.chat.network_error',
  'console.chat.identity_label',
] as const;

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

/** JSON that cannot close the <script> element it sits in. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
}

export function renderPage(
  template: string,
  messages: MessageCatalogue,
  locale: Locale,
  token?: string,
): string {
  const strings = Object.fromEntries(CLIENT_STRING_KEYS.map((key) => [key, messages.t(locale, key)]));
  const asset = token === undefined ? '' : `?token=${encodeURIComponent(token)}`;
  return template
    .replace(/\{\{t:([a-z][a-zA-Z0-9_.]*)\}\}/g, (_m, key: string) => escapeHtml(messages.t(locale, key)))
    .replace('<html lang="fr">', `<html lang="${locale}">`)
    .replaceAll('{{asset}}', escapeHtml(asset))
    .replaceAll('"{{strings}}"', scriptJson({ locale, strings }));
}
