import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AnswerEditor } from '../../src/admin/answer-editor.js';
import { AnswerRepository } from '../../src/admin/answer-repo.js';
import { createVersionedAnswerSource, type VersionedAnswerSource } from '../../src/admin/answer-source.js';
import { importCuratedAnswers } from '../../src/admin/file-import.js';
import { AdminErrorCode } from '../../src/admin/errors.js';
import { FixedClock } from '../../src/clock.js';
import type { Store } from '../../src/store/index.js';
import { embeddedStore, repoCatalogue } from './support.js';

const INTENT = 'tlc_tarifs';

describe('versioned answers (embedded store)', () => {
  let store: Store;
  let source: VersionedAnswerSource;
  let editor: AnswerEditor;
  let repo: AnswerRepository;
  const clock = new FixedClock('2026-03-10T09:00:00Z');
  const catalogue = repoCatalogue();
  const original = catalogue.answers.get(INTENT)!;
  const { id: _id, file: _f, contentHash: _h, ...originalContent } = original;

  beforeEach(async () => {
    clock.set('2026-03-10T09:00:00Z');
    store = await embeddedStore();
    repo = new AnswerRepository(store);
    editor = new AnswerEditor({ repo, clock, knownIntent: (id) => catalogue.intents.has(id) });
    await importCuratedAnswers(catalogue, { repo, editor, clock });
    source = await createVersionedAnswerSource({ store, answers: catalogue.answers, clock });
  });
  afterEach(async () => {
    await source.stop();
    await store.close();
  });

  it('serves the imported file, then a published edit at once', async () => {
    expect((await source.current(INTENT, clock.now()))?.text).toBe(original.text);
    await editor.saveDraft('web:admin', INTENT, { ...originalContent, text: 'Le TCG est payé 25 € (texte revu).' });
    // A draft is not served.
    expect((await source.current(INTENT, clock.now()))?.text).toBe(original.text);
    const preview = await editor.preview(INTENT);
    expect(preview.scheduled).toBe(false);
    expect(preview.diff).toContain('+ | Le TCG est payé 25 € (texte revu).');
    await editor.publish('web:admin', INTENT);
    const served = await source.current(INTENT, clock.now());
    expect(served?.text).toBe('Le TCG est payé 25 € (texte revu).');
    expect(served?.versionId).toBe('v2');
  });

  it('keeps every version with who, when and a diff; rollback restores the previous text', async () => {
    await editor.publishContent('web:alice', INTENT, { ...originalContent, text: 'Première révision du tarif TCG.' });
    clock.advance(60_000);
    await editor.publishContent('web:bob', INTENT, { ...originalContent, text: 'Seconde révision du tarif TCG.' });
    expect((await source.current(INTENT, clock.now()))?.text).toBe('Seconde révision du tarif TCG.');

    await editor.rollback('web:alice', INTENT, 2);
    expect((await source.current(INTENT, clock.now()))?.text).toBe('Première révision du tarif TCG.');

    const history = await repo.versions(INTENT);
    expect(history.map((v) => [v.n, v.origin, v.by])).toEqual([
      [1, 'file', 'file-import'],
      [2, 'edit', 'web:alice'],
      [3, 'edit', 'web:bob'],
      [4, 'rollback', 'web:alice'],
    ]);
    expect(history[2]!.diff).toContain('- | Première révision du tarif TCG.');
    expect(history[2]!.diff).toContain('+ | Seconde révision du tarif TCG.');
    expect(history[3]!.rollbackOf).toBe(2);
    const audit = await store.listAudit({ subject: `answer:${INTENT}` });
    expect(audit.map((a) => a.action)).toEqual(['answer.import', 'answer.publish', 'answer.publish', 'answer.rollback']);
  });

  it('a version with a future validFrom takes effect at the start of that day (Paris), not before', async () => {
    const outcome = await editor.publishContent('web:admin', INTENT, {
      ...originalContent,
      text: 'Nouveau tarif applicable au 1er avril.',
      validFrom: '2026-04-01',
    });
    expect(outcome.scheduled).toBe(true);
    expect(outcome.effectiveAt).toBe('2026-03-31T22:00:00.000Z');
    expect((await source.current(INTENT, new Date('2026-03-31T21:59:59Z')))?.text).toBe(original.text);
    expect((await source.current(INTENT, new Date('2026-03-31T22:00:00Z')))?.text).toBe('Nouveau tarif applicable au 1er avril.');
  });

  it('a retired answer is no longer served (the core withholds it and offers a delegate)', async () => {
    await editor.retire('web:admin', INTENT);
    expect(await source.current(INTENT, clock.now())).toBeNull();
    await editor.publishContent('web:admin', INTENT, { ...originalContent, text: 'Réponse rétablie et mise à jour.' });
    expect((await source.current(INTENT, clock.now()))?.text).toBe('Réponse rétablie et mise à jour.');
  });

  it('refuses content that the answer file schema refuses, naming the field', async () => {
    await expect(
      editor.publishContent('web:admin', INTENT, { ...originalContent, text: 'court', reviewBy: '31/12/2026' }),
    ).rejects.toMatchObject({ code: AdminErrorCode.InvalidInput, details: expect.arrayContaining([expect.stringMatching(/^text:/), expect.stringMatching(/^reviewBy:/)]) });
  });
});
