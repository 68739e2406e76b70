import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AnswerEditor } from '../../src/admin/answer-editor.js';
import { AnswerRepository } from '../../src/admin/answer-repo.js';
import { importCuratedAnswers, resolveFileConflict } from '../../src/admin/file-import.js';
import { inForce } from '../../src/admin/timeline.js';
import { FixedClock } from '../../src/clock.js';
import { readContent } from '../../src/content/catalogue.js';
import type { Store } from '../../src/store/index.js';
import { copyContent, embeddedStore, tempDir } from './support.js';

const INTENT = 'tlc_majorations';
const FILE = 'messages/fr/answers/teleconsultation/tlc_majorations.yaml';

describe('curated files and runtime edits at start-up', () => {
  const clock = new FixedClock('2026-03-10T09:00:00Z');
  let contentDir: string;
  let dataDir: string;
  let store: Store;

  /** A start-up: open the store, read the files, import what changed. */
  async function startUp() {
    store = await embeddedStore(dataDir);
    const repo = new AnswerRepository(store);
    const editor = new AnswerEditor({ repo, clock, knownIntent: () => true });
    const { catalogue } = readContent(contentDir);
    const report = await importCuratedAnswers(catalogue, { repo, editor, clock });
    return { repo, editor, report, catalogue };
  }
  async function servedText(repo: AnswerRepository) {
    const head = (await repo.head(INTENT))!.head;
    return (await repo.version(INTENT, inForce(head, clock.now())!.n))!.content.text;
  }
  function editFile(replace: (text: string) => string) {
    const file = path.join(contentDir, FILE);
    fs.writeFileSync(file, replace(fs.readFileSync(file, 'utf8')));
  }

  beforeEach(() => {
    clock.set('2026-03-10T09:00:00Z');
    contentDir = copyContent();
    dataDir = tempDir();
  });
  afterEach(async () => store.close());

  it('imports every file once, then only the files whose content changed', async () => {
    const first = await startUp();
    expect(first.report.imported.length).toBe(first.catalogue.answers.size);
    await store.close();

    clock.advance(86_400_000);
    const again = await startUp();
    expect(again.report).toMatchObject({ imported: [], conflicts: [] });
    await store.close();

    editFile((t) => t.replace(/^text: \|\n/m, 'text: |\n  Mise à jour du fichier relu.\n'));
    clock.advance(86_400_000);
    const changed = await startUp();
    expect(changed.report.imported).toEqual([INTENT]);
    expect(await servedText(changed.repo)).toMatch(/^Mise à jour du fichier relu\./);
    const versions = await changed.repo.versions(INTENT);
    expect(versions.at(-1)).toMatchObject({ n: 2, origin: 'file', by: 'file-import' });
  });

  it('flags a conflict instead of overwriting an answer edited at runtime since the last import', async () => {
    const first = await startUp();
    const { id: _i, file: _f, contentHash: _h, ...content } = first.catalogue.answers.get(INTENT)!;
    clock.advance(3_600_000);
    await first.editor.publishContent('web:admin', INTENT, { ...content, text: 'Modification faite en ligne par un admin.' });
    await store.close();

    editFile((t) => t.replace(/^text: \|\n/m, 'text: |\n  Version du fichier modifiée en parallèle.\n'));
    clock.advance(86_400_000);
    const next = await startUp();
    expect(next.report.conflicts).toEqual([INTENT]);
    // The runtime edit is still what is served; the file's text is kept on the conflict.
    expect(await servedText(next.repo)).toBe('Modification faite en ligne par un admin.');
    const head = (await next.repo.head(INTENT))!.head;
    expect(head.conflict).toMatchObject({ file: FILE });
    expect(head.conflict!.content.text).toMatch(/^Version du fichier modifiée en parallèle\./);
    expect((await store.listAudit({ subject: `answer:${INTENT}` })).map((a) => a.action)).toContain('answer.conflict');
    await store.close();

    // Restarting again neither re-flags nor imports; the admin then settles it with the file's text.
    const settled = await startUp();
    expect(settled.report).toMatchObject({ imported: [], conflicts: [] });
    await resolveFileConflict({ repo: settled.repo, editor: settled.editor, clock }, 'web:admin', INTENT, 'file');
    expect(await servedText(settled.repo)).toMatch(/^Version du fichier modifiée en parallèle\./);
    expect((await settled.repo.head(INTENT))!.head.conflict).toBeUndefined();
  });
});
