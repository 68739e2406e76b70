/**
 * The form in which two utterances count as the same: case, accents, ligatures, punctuation and
 * whitespace are ignored ("Téléconsultation ?" = "teleconsultation").
 */
export function normaliseUtterance(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
