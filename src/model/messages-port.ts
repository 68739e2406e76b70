import type { Locale } from './message.js';

/** Looks up a UI string by key and fills its declared `{placeholders}`. */
export interface MessageCatalogue {
  /** Throws in tests (and logs in production) when a declared placeholder is missing. */
  t(locale: Locale, key: string, params?: Record<string, string | number>): string;
  has(locale: Locale, key: string): boolean;
}
