import type { Locale } from '../model/message.js';
import type { MessageCatalogue } from '../model/messages-port.js';
import type { Catalogue } from './catalogue.js';
import { ContentError, ContentErrorCode } from './errors.js';

/** `{name}` placeholders, as written in UI strings. */
export const PLACEHOLDER = /\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/** The placeholder names a text uses, in order of first use. */
export function placeholdersIn(text: string): string[] {
  return [...new Set(Array.from(text.matchAll(PLACEHOLDER), (match) => match[1] as string))];
}

/**
 * Replaces each `{name}` in `text` by `params[name]`. Throws `missing_message_param` when a
 * placeholder has no value, so that a user never sees a raw `{name}`.
 */
export function fillPlaceholders(
  text: string,
  params: Record<string, string | number> = {},
  key = '(text)',
): string {
  return text.replace(PLACEHOLDER, (_whole, name: string) => {
    const value = params[name];
    if (value === undefined) {
      throw new ContentError(
        ContentErrorCode.MissingMessageParam,
        `UI message "${key}" needs the parameter "${name}"`,
      );
    }
    return String(value);
  });
}

/** The UI strings of the curated `messages/<locale>/ui/*.yaml` files. */
export class UiMessages implements MessageCatalogue {
  constructor(private readonly ui: Catalogue['ui']) {}

  /**
   * The string `key` in `locale`, placeholders filled. Throws a `ContentError`
   * (`unknown_message_key` or `missing_message_param`): production callers catch and log it.
   */
  t(locale: Locale, key: string, params?: Record<string, string | number>): string {
    const entry = this.ui[locale].get(key);
    if (!entry) {
      throw new ContentError(ContentErrorCode.UnknownMessageKey, `no UI message "${key}" in ${locale}`);
    }
    return fillPlaceholders(entry.text, params, key);
  }

  has(locale: Locale, key: string): boolean {
    return this.ui[locale].has(key);
  }
}
