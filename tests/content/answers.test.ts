import { describe, expect, it } from 'vitest';
import { FileAnswerSource, fileVersionId } from '../../src/content/answers.js';
import { loadCatalogue } from '../../src/content/catalogue.js';
import { fixture } from './helpers.js';

describe('FileAnswerSource', () => {
  const catalogue = loadCatalogue(fixture('valid'));
  const answers = new FileAnswerSource(catalogue.answers);
  // tlc_alpha is valid from 2026-01-01 (Paris), to be reviewed by 2026-12-31, no validUntil.

  it('serves nothing before validFrom, in Paris time', async () => {
    // 23:59:59 on 31 December in Paris (UTC+1).
    expect(await answers.current('tlc_alpha', new Date('2025-12-31T22:59:59Z'))).toBeNull();
  });

  it('serves the file from the first Paris minute of validFrom', async () => {
    const served = await answers.current('tlc_alpha', new Date('2025-12-31T23:00:00Z'));
    expect(served).toMatchObject({
      intentId: 'tlc_alpha',
      title: 'Réponse tlc_alpha',
      validFrom: '2026-01-01',
      reviewBy: '2026-12-31',
      offerDelegate: false,
      kind: 'regulatory',
      sources: [{ title: 'Ameli — tlc_alpha', url: 'https://www.ameli.fr/exemple', checked: '2026-02-01' }],
    });
    expect(served?.text).toContain('**Le fait clé de tlc_alpha**');
  });

  it('leaves review and expiry to the core', async () => {
    expect(await answers.current('tlc_alpha', new Date('2031-06-01T12:00:00Z'))).not.toBeNull();
  });

  it('identifies the text by its file hash, which changes with the file', async () => {
    const served = await answers.current('tlc_alpha', new Date('2026-06-01T12:00:00Z'));
    const hash = catalogue.answers.get('tlc_alpha')?.contentHash ?? '';
    expect(served?.versionId).toBe(`file:${hash.slice(0, 12)}`);
    expect(served?.versionId).toMatch(/^file:[0-9a-f]{12}$/);
    const other = await answers.current('tlc_beta', new Date('2026-06-01T12:00:00Z'));
    expect(other?.versionId).not.toBe(served?.versionId);
    expect(fileVersionId('abcdef0123456789')).toBe('file:abcdef012345');
  });

  it('returns null for an intent without answer, and titles for buttons', async () => {
    expect(await answers.current('tlc_unknown', new Date('2026-06-01T12:00:00Z'))).toBeNull();
    expect(answers.title('tlc_beta')).toBe('Réponse tlc_beta');
    expect(() => answers.title('tlc_unknown')).toThrow(expect.objectContaining({ code: 'unknown_intent' }));
  });
});
