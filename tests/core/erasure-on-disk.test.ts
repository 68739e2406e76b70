import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ALICE, createHarness, type Harness } from './support/harness.js';

/**
 * « Supprimer mes données » and the retention purge must reach the disk: the embedded store keeps
 * an append-only journal, so a deleted record would otherwise stay readable in its files until the
 * next compaction (16 MiB of writes, or a restart).
 */

/** Everything the data folder holds, as text. */
function onDisk(dir: string): string {
  return readdirSync(dir)
    .map((name) => readFileSync(path.join(dir, name), 'utf8'))
    .join('\n');
}

describe('erasure and retention reach the data folder’s files', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
  });

  it('leaves no trace of the erased professional’s questions in any file', async () => {
    h = await createHarness();
    await h.send({ text: 'Mme Zénobie Quartz a-t-elle droit aux indemnités journalières ?' });
    await h.send({ text: 'combien de jours pour zoroastre en téléconsultation ?' });
    // The premise: before the erase, the journal holds them.
    expect(onDisk(h.dataDir)).toMatch(/zoroastre/);

    const offer = await h.send({ action: { id: 'erase_my_data' } });
    expect(offer[0]?.buttons?.map((b) => b.action)).toContain('confirm_erase');
    const done = await h.send({ action: { id: 'confirm_erase' } });
    expect(done[0]?.text).toMatch(/supprim/i);

    const files = onDisk(h.dataDir);
    expect(files).not.toMatch(/zoroastre/i);
    expect(files).not.toMatch(/Quartz/);
    // Not even who wrote and when: de-duplication and rate-limit keys hold digests, not the user.
    expect(files).not.toContain(ALICE.id);
  });

  it('drops records past the retention from the files at the daily purge', async () => {
    h = await createHarness({ limits: { retentionDays: 30 } });
    await h.send({ text: 'une question sur xylophage en téléconsultation ?' });
    expect(onDisk(h.dataDir)).toMatch(/xylophage/);
    h.clock.advance(31 * 24 * 3_600_000);
    await h.service.purgeExpired(h.clock.now());
    expect(onDisk(h.dataDir)).not.toMatch(/xylophage/);
  });
});
