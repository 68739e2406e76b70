/**
 * Conversions between the neutral light formatting (`**bold**`, `- ` bullets, `[title](url)`) and
 * Slack's mrkdwn (`*bold*`, `<url|title>`, with `&`, `<`, `>` escaped).
 */

/** Escapes the three characters Slack treats as control characters in message text. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A link in mrkdwn; `|` and `>` would end the label or the link early. */
export function mrkdwnLink(url: string, label: string): string {
  const safeLabel = escapeMrkdwn(label).replace(/\|/g, '∣');
  const safeUrl = url.replace(/>/g, '%3E').replace(/\|/g, '%7C').replace(/ /g, '%20');
  return `<${safeUrl}|${safeLabel}>`;
}

/** Neutral light markdown → Slack mrkdwn. */
export function toMrkdwn(text: string): string {
  const escaped = escapeMrkdwn(text);
  return escaped
    .replace(/\[([^\]\n]+)\]\((https?:\/\/[^\s)]+)\)/g, (_m, label: string, url: string) =>
      mrkdwnLink(url.replace(/&amp;/g, '&'), label.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>')),
    )
    .replace(/\*\*([^*\n]+)\*\*/g, '*$1*')
    .replace(/^[-*] /gm, '• ');
}

/** Neutral light markdown → plain text (notifications, screen readers: the `text` of a message). */
export function toPlainText(text: string): string {
  return text
    .replace(/\[([^\]\n]+)\]\((https?:\/\/[^\s)]+)\)/g, '$1 ($2)')
    .replace(/\*\*([^*\n]+)\*\*/g, '$1')
    .replace(/^[-*] /gm, '• ');
}

/**
 * What a person typed in Slack → neutral light markdown: entities decoded, `<url|label>` links,
 * bare `<url>`, `*bold*`; user mentions become `@name` through `nameOf`, and mentions of the bot
 * itself disappear (a mention addresses the bot, it is not part of the question).
 */
export function fromSlackText(text: string, options: { botUserId?: string; nameOf?: (id: string) => string } = {}): string {
  const withoutBot = options.botUserId ? text.replace(new RegExp(`<@${options.botUserId}(\\|[^>]*)?>`, 'g'), '') : text;
  return withoutBot
    .replace(/<@([UW][A-Z0-9]+)(?:\|([^>]*))?>/g, (_m, id: string, label?: string) => `@${label ?? options.nameOf?.(id) ?? id}`)
    .replace(/<#C[A-Z0-9]+\|([^>]*)>/g, '#$1')
    .replace(/<!(here|channel|everyone)(?:\|[^>]*)?>/g, '@$1')
    .replace(/<(https?:\/\/[^|>]+)\|([^>]+)>/g, '[$2]($1)')
    .replace(/<(https?:\/\/[^|>]+)>/g, '$1')
    .replace(/<mailto:([^|>]+)\|([^>]+)>/g, '$2')
    .replace(/(^|[\s(])\*([^*\n]+)\*(?=$|[\s.,;:!?)])/g, '$1**$2**')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/[ \t]{2,}/g, ' ')
    .trim();
}
