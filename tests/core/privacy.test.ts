import { describe, expect, it } from 'vitest';
import { containsNir, maskNir, nirKey } from '../../src/core/privacy.js';

describe('NIR masking', () => {
  it('computes the key, Corsica counted as 19 (2A) and 18 (2B)', () => {
    expect(nirKey('1850578006084')).toBe(91);
    // 2A → 19: the key of 290032A123456 is the key of 2900319123456.
    expect(nirKey('290032A123456')).toBe(nirKey('2900319123456'));
    expect(nirKey('290032B123456')).toBe(nirKey('2900318123456'));
  });

  it.each([
    ['with spaces and a valid key', 'mon patient 1 85 05 78 006 084 91 a un souci', true],
    ['compact, valid key', 'nir 185057800608491', true],
    ['compact, wrong key', 'nir 185057800608436', false],
    ['dots, Corsica 2A', 'ref 2.90.03.2A.123.456.94', true],
    ['dashes, Corsica 2B, lower case', '2-90-03-2b-123-456-00', false],
    ['glued to letters', 'NIR185057800608436x', false],
    ['without its key', 'patient 1850578006084 vu hier', false],
    ['double spaces', '1  85  05  78  006  084  91', true],
    ['whose key lost a digit (14 digits)', 'n° 18505780060843 rejet', false],
    ['whose key lost a digit, with spaces', '2 90 03 2A 123 456 9 refusé', false],
  ])('masks a NIR %s', (_label, text, validKey) => {
    const scan = maskNir(text, '[NIR]');
    expect(scan.found).toBe(1);
    expect(scan.allKeysValid).toBe(validKey);
    expect(scan.text).toContain('[NIR]');
    expect(scan.text).not.toMatch(/\d{3}/);
    expect(containsNir(scan.text)).toBe(false);
  });

  it('reports an invalid key as soon as one of several NIRs has one', () => {
    const scan = maskNir('185057800608491 et 185057800608436');
    expect(scan.found).toBe(2);
    expect(scan.allKeysValid).toBe(false);
  });

  it.each([
    'appelez le 06 12 34 56 78',
    'SIRET 123 456 789 00012',
    'SIRET 12345678900012',
    'RPPS 10001234567',
    'arrêt du 12/05/2024 au 15/05/2024',
    'une TCG à 25 € depuis le 22/12/2024',
  ])('leaves ordinary numbers alone: %s', (text) => {
    expect(maskNir(text)).toEqual({ text, found: 0, allKeysValid: false });
  });
});
