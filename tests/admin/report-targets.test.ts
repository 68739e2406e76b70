import { afterEach, describe, expect, it } from 'vitest';
import { AdminError } from '../../src/admin/errors.js';
import { adminNotices } from '../../src/admin/notices.js';
import { QueueEditor } from '../../src/admin/queues.js';
import { FixedClock } from '../../src/clock.js';
import { importEscalationConfigFile } from '../../src/escalation/config-import.js';
import { storedDirectory } from '../../src/escalation/directory.js';
import type { Store } from '../../src/store/index.js';
import { embeddedStore, escalationConfig, tempDir } from './support.js';

const ADMINS = ['web:admin', 'slack:UADMIN01'];
const FILE = escalationConfig({ admins: ADMINS });

/** Where the outbox items of a digest go: `channel → recipient or #channel`. */
async function digestRecipients(store: Store): Promise<string[]> {
  const items = await adminNotices(storedDirectory(store)).digest('digest:daily:2026-06-16', 'Relais — revue');
  return items.map((i) => {
    const p = i.payload as { to?: string; target?: { channelId?: string } };
    return `${i.channel} → ${p.to ?? `#${p.target?.channelId}`}`;
  });
}

// One story told in order: each step starts from the configuration the previous one left.
describe('where the digests go, edited at runtime by an admin', { shuffle: false }, () => {
  const clock = new FixedClock('2026-06-15T09:00:00+02:00');
  const dataDir = tempDir();
  let store: Store;
  let queues: QueueEditor;

  afterEach(async () => {
    await store.close();
  });

  async function startUp(file = FILE) {
    store = await embeddedStore(dataDir);
    await importEscalationConfigFile(store, file, { clock });
    queues = new QueueEditor(store, clock);
  }

  it('from private copies to the admins’ Slack channel, served at once', async () => {
    await startUp();
    expect(await digestRecipients(store)).toEqual(['web → web:admin', 'slack → slack:UADMIN01']);
    clock.advance(3_600_000);
    await queues.updateDirectory('web:admin', { reports: { slack: 'C0ADMINS' } });
    expect(await digestRecipients(store)).toEqual(['slack → #C0ADMINS']);
    const audit = await store.listAudit({ subject: 'config:escalation' });
    expect(audit.map((a) => [a.actor, a.action])).toContainEqual(['web:admin', 'queue.directory']);
  });

  it('refuses a malformed section with the same validation as the file, naming the field, and keeps the one in force', async () => {
    await startUp();
    const refusal = async (reports: unknown) => {
      try {
        await queues.updateDirectory('web:admin', { reports });
      } catch (error) {
        expect(error).toBeInstanceOf(AdminError);
        return (error as AdminError).details;
      }
      throw new Error('accepted');
    };
    expect(await refusal({ slack: '#relais-admins' })).toEqual([expect.stringMatching(/^reports\.slack: a Slack channel id/)]);
    expect(await refusal({ privateCopies: false })).toEqual([expect.stringMatching(/^reports\.privateCopies: false needs a channel/)]);
    expect(await refusal({ teams: { conversationId: '19:a@thread.tacv2' } })).toEqual([
      expect.stringMatching(/^reports\.teams\.serviceUrl:/),
    ]);
    expect(await digestRecipients(store)).toEqual(['slack → #C0ADMINS']);
  });

  it('a changed file does not overwrite the runtime section: the conflict names it among the settings', async () => {
    clock.advance(86_400_000);
    await startUp(escalationConfig({ admins: [...ADMINS, 'web:lea'] }));
    expect(await digestRecipients(store)).toEqual(['slack → #C0ADMINS']);
    const conflict = await queues.conflict();
    expect(conflict?.differences).toEqual([
      { scope: 'config', id: 'admins', fields: [] },
      { scope: 'config', id: 'reports', fields: [] },
    ]);
    // Keeping the runtime version keeps the channel; removing the section brings the private copies back.
    await queues.resolveConflict('web:admin', 'keep');
    expect(await digestRecipients(store)).toEqual(['slack → #C0ADMINS']);
    await queues.updateDirectory('web:admin', { reports: null });
    expect(await digestRecipients(store)).toEqual(['web → web:admin', 'slack → slack:UADMIN01']);
  });
});
