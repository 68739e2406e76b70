import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stripAccents } from '../../src/nlu/normalize.js';
import { type AdminHarness, createAdminHarness } from './harness.js';

/**
 * The admin answer search as an admin types it: accents and case do not matter, several words may
 * be typed (each must be found somewhere: id, title, topic, text or utterances), and the answers
 * whose id or title match come first.
 */

const ADMIN = 'web:admin';
const LIMIT_3_DAYS = 'at_teleconsultation_limite_3j';

describe('admin answer search', () => {
  let h: AdminHarness;
  const search = async (query: string) => (await h.admin.service.execute(ADMIN, 'answers.list', { query })).map((r) => r.intentId);

  beforeAll(async () => {
    h = await createAdminHarness();
  });
  afterAll(async () => h?.close());

  it('finds the answer with words typed in any order, with or without accents', async () => {
    expect(await search('arrêt téléconsultation')).toContain(LIMIT_3_DAYS);
    expect(await search('arret 3 jours')).toContain(LIMIT_3_DAYS);
    expect(await search('TELECONSULTATION Arret')).toContain(LIMIT_3_DAYS);
    expect(await search('arret')).toEqual(await search('Arrêt'));
    expect((await search('arret')).length).toBeGreaterThan(1);
  });

  it('keeps only the answers where every word is found', async () => {
    const both = await search('arrêt téléconsultation');
    const arret = await search('arrêt');
    const tlc = await search('téléconsultation');
    expect(both.length).toBeGreaterThan(0);
    expect(both.length).toBeLessThan(Math.min(arret.length, tlc.length));
    for (const id of both) {
      expect(arret).toContain(id);
      expect(tlc).toContain(id);
    }
    expect(await search('arrêt zorglubien')).toEqual([]);
  });

  it('searches the answer text and the utterances, not only ids and titles', async () => {
    const text = (await h.admin.service.execute(ADMIN, 'answers.get', { intentId: 'tlc_tarifs' }))!.editable.text;
    const rows = await h.admin.service.execute(ADMIN, 'answers.list', {});
    // A word of the text that is in no id or title.
    const word = stripAccents(text.toLowerCase())
      .split(/[^a-z]+/)
      .find((w) => w.length > 6 && rows.every((r) => !stripAccents(`${r.intentId} ${r.title}`.toLowerCase()).includes(w)));
    expect(word).toBeDefined();
    expect(await search(word!)).toContain('tlc_tarifs');

    expect(await search('cabinet éphémère de Tataouine')).not.toContain('tlc_territorialite');
    await h.admin.service.execute(ADMIN, 'utterances.add', { intentId: 'tlc_territorialite', text: 'cabinet éphémère de Tataouine, je peux téléconsulter ?' });
    expect(await search('Tataouine')).toEqual(['tlc_territorialite']);
  });

  it('lists the answers whose id or title match before those that match only in their text', async () => {
    const rows = await h.admin.service.execute(ADMIN, 'answers.list', { query: 'teleconsultation' });
    const inHead = rows.map((r) => stripAccents(`${r.intentId} ${r.title}`.toLowerCase()).includes('teleconsultation'));
    expect(inHead).toContain(true);
    expect(inHead).toContain(false);
    expect(inHead.lastIndexOf(true)).toBeLessThan(inHead.indexOf(false));
  });
});
