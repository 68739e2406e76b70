/**
 * NIR masking (numéro d'inscription au répertoire, the French social security number).
 *
 * Fails closed: anything NIR-shaped is masked whether or not its key checks out; the key only
 * tells the professional which notice to read. A NIR is a sex digit (1 or 2), twelve more
 * characters (year, month, department — Corsica's 2A/2B included —, commune, order) and a 2-digit
 * key, with spaces, dots or dashes anywhere in between. The 13-character form without its key is
 * masked too: it identifies the person just as well.
 */

/** Up to two separators (spaces, no-break spaces, dots, dashes) between any two characters. */
const SEP = String.raw`[\s.\-\u00a0\u202f]{0,2}`;
const DIGIT = String.raw`\d`;

function digits(count: number): string {
  return Array.from({ length: count }, () => DIGIT).join(SEP);
}

/** sex · year (2) · month (2) · department (2 digits or 2A/2B) · commune+order (6) · key (2, optional). */
const NIR_SOURCE = [
  '(?<!\\d)',
  '([12]',
  SEP,
  digits(4),
  SEP,
  `(?:\\d${SEP}\\d|2${SEP}[ABab])`,
  SEP,
  digits(6),
  ')',
  `(?:${SEP}(\\d${SEP}\\d))?`,
  '(?!\\d)',
].join('');

/**
 * A NIR whose key lost a digit (14 digits in all): masked too, but only with a plausible birth
 * month (01-12, or INSEE's 20-42 and 50-99 for unknown months), so that a SIRET (14 digits,
 * `123 456 789 00012`) is left alone.
 */
const MONTH = `(?:0${SEP}[1-9]|1${SEP}[0-2]|[23]${SEP}\\d|4${SEP}[0-2]|[5-9]${SEP}\\d)`;
const SHORT_KEY_NIR_SOURCE = [
  '(?<!\\d)',
  '([12]',
  SEP,
  digits(2),
  SEP,
  MONTH,
  SEP,
  `(?:\\d${SEP}\\d|2${SEP}[ABab])`,
  SEP,
  digits(6),
  ')',
  `${SEP}\\d`,
  '(?!\\d)',
].join('');

/** The placeholder written where a NIR was (no prose: channels and logs show it as is). */
export const NIR_MASK = '[***]';

export interface NirScan {
  /** The text with every NIR-shaped string replaced by the mask. */
  text: string;
  /** How many NIR-shaped strings were masked. */
  found: number;
  /** True when every one found had a key that checks out (false when none was found). */
  allKeysValid: boolean;
}

/**
 * The key of a 13-character NIR body: 97 - (body mod 97), Corsica's 2A and 2B counted as 19 and 18.
 * Returns null when the body is not 13 characters.
 */
export function nirKey(body: string): number | null {
  const compact = body.replace(/[^0-9ABab]/g, '').toUpperCase();
  if (compact.length !== 13) return null;
  const numeric = compact.replace('2A', '19').replace('2B', '18');
  if (!/^\d{13}$/.test(numeric)) return null;
  return 97 - Number(BigInt(numeric) % 97n);
}

/** Masks every NIR-shaped string of `text` (see the module comment). */
export function maskNir(text: string, mask: string = NIR_MASK): NirScan {
  let found = 0;
  let allKeysValid = true;
  const masked = text
    .replace(new RegExp(NIR_SOURCE, 'g'), (_whole, body: string, key?: string) => {
      found += 1;
      const expected = nirKey(body);
      const given = key === undefined ? null : Number(key.replace(/\D/g, ''));
      if (expected === null || given === null || expected !== given) allKeysValid = false;
      return mask;
    })
    .replace(new RegExp(SHORT_KEY_NIR_SOURCE, 'g'), () => {
      found += 1;
      allKeysValid = false;
      return mask;
    });
  return { text: masked, found, allKeysValid: found > 0 && allKeysValid };
}

/** True when `text` holds at least one NIR-shaped string. */
export function containsNir(text: string): boolean {
  return new RegExp(NIR_SOURCE).test(text) || new RegExp(SHORT_KEY_NIR_SOURCE).test(text);
}
