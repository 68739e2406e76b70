import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { AnswerEditor } from '../../src/admin/answer-editor.js';
import { AnswerRepository } from '../../src/admin/answer-repo.js';
import { importCuratedAnswers } from '../../src/admin/file-import.js';
import { UtteranceOverlays } from '../../src/admin/utterances.js';
import { systemClock } from '../../src/clock.js';
import { readContent } from '../../src/content/catalogue.js';
import { copyContent, embeddedStore, repoRoot, tempDir } from './support.js';

const run = promisify(execFile);
const relais = (args: string[], env: Record<string, string>) =>
  run(process.execPath, [path.join(repoRoot, 'bin/relais.js'), ...args], { env: { ...process.env, ...env }, cwd: tempDir() });

describe('relais intents export --format yaml', () => {
  it('writes the served content back to files that pass relais intents validate', async () => {
    const contentDir = copyContent();
    const dataDir = tempDir();
    const store = await embeddedStore(dataDir);
    const { catalogue } = readContent(contentDir);
    const repo = new AnswerRepository(store);
    const editor = new AnswerEditor({ repo, clock: systemClock, knownIntent: (id) => catalogue.intents.has(id) });
    await importCuratedAnswers(catalogue, { repo, editor, clock: systemClock });
    const { id: _i, file: _f, contentHash: _h, ...content } = catalogue.answers.get('tlc_tarifs')!;
    await editor.publishContent('web:admin', 'tlc_tarifs', { ...content, text: 'Texte revu en ligne :\n- point un\n- point deux' });
    const overlays = new UtteranceOverlays(store, catalogue.intents, systemClock);
    await overlays.add('web:admin', 'tlc_tarifs', 'combien rapporte une visio pour un generaliste');
    await overlays.remove('web:admin', 'tlc_tarifs', catalogue.intents.get('tlc_tarifs')!.utterances[0]!);
    await store.close();

    const out = path.join(tempDir(), 'export');
    const env = { RELAIS_DATA_DIR: dataDir, REDIS_URL: '' };
    const exported = await relais(['intents', 'export', '--format', 'yaml', '--out', out, '--dir', contentDir], env);
    expect(exported.stdout).toMatch(/runtime edits: 1 answers, 1 utterance lists/);
    const validated = await relais(['intents', 'validate', '--dir', out], env);
    expect(validated.stdout).toMatch(/^OK: /);

    const back = readContent(out).catalogue;
    expect(back.answers.get('tlc_tarifs')!.text).toBe('Texte revu en ligne :\n- point un\n- point deux');
    const utterances = back.intents.get('tlc_tarifs')!.utterances;
    expect(utterances).toContain('combien rapporte une visio pour un generaliste');
    expect(utterances).not.toContain(catalogue.intents.get('tlc_tarifs')!.utterances[0]);
    // Untouched answers come back identical.
    expect(back.answers.get('tlc_majorations')!.text).toBe(catalogue.answers.get('tlc_majorations')!.text);
    expect(fs.existsSync(path.join(out, 'messages/en/ui/admin.yaml'))).toBe(true);
  });
});
