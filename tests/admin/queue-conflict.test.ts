import { afterEach, describe, expect, it } from 'vitest';
import { QueueEditor } from '../../src/admin/queues.js';
import { FixedClock } from '../../src/clock.js';
import type { EscalationConfig } from '../../src/escalation/config.js';
import { importEscalationConfigFile } from '../../src/escalation/config-import.js';
import { storedDirectory } from '../../src/escalation/directory.js';
import type { Store } from '../../src/store/index.js';
import { embeddedStore, escalationConfig, redisDeployment, tempDir } from './support.js';

/** The queue file as it is first deployed, and the same file after a reviewed change (a new member, new hours). */
const PEOPLE = { people: { 'web:claire': { name: 'Claire Martin' } } };
const FILE_V1 = escalationConfig(PEOPLE);
const FILE_V2 = escalationConfig({
  ...PEOPLE,
  queues: [
    {
      id: 'cis',
      name: 'CIS',
      kind: 'team',
      members: ['web:karim', 'web:lea'],
      hours: { mon: ['09:00-12:00'], tue: ['09:00-12:00'] },
    },
  ],
});

/** Handles on one deployment's data, each one a "start-up": the embedded folder reopened, or Redis. */
interface Deployment {
  name: string;
  start(): Promise<Store>;
}

function embeddedDeployment(): Deployment {
  const dataDir = tempDir();
  return { name: 'embedded', start: () => embeddedStore(dataDir) };
}

function redis(): Deployment {
  return { name: 'redis', start: redisDeployment() };
}

for (const make of [embeddedDeployment, redis]) {
  describe(`queue configuration file vs runtime queue edits (${make().name})`, () => {
    const clock = new FixedClock('2026-06-15T09:00:00+02:00');
    const opened: Store[] = [];
    let deployment: Deployment;

    /** A start-up: a store handle, then the import of the queue file as src/app.ts does it. */
    async function startUp(file: EscalationConfig) {
      const store = await deployment.start();
      opened.push(store);
      const outcome = await importEscalationConfigFile(store, file, { clock });
      return { store, outcome, queues: new QueueEditor(store, clock), served: storedDirectory(store) };
    }
    async function stop(store: Store) {
      opened.splice(opened.indexOf(store), 1);
      await store.close();
    }
    async function actions(store: Store) {
      return (await store.listAudit({ subject: 'config:escalation' })).map((a) => a.action);
    }

    afterEach(async () => {
      await Promise.all(opened.splice(0).map((s) => s.close()));
    });

    it('keeps a runtime edit newer than the last import when the file changes, and flags the conflict', async () => {
      deployment = make();
      clock.set('2026-06-15T09:00:00+02:00');
      const first = await startUp(FILE_V1);
      expect(first.outcome).toBe('imported');
      clock.advance(3_600_000);
      await first.queues.updateQueue('web:admin', 'cis', { members: ['web:karim', 'web:claire'] });
      await stop(first.store);

      clock.advance(86_400_000);
      const second = await startUp(FILE_V2);
      expect(second.outcome).toBe('conflict');
      // What the escalation services route on is still the admin's edit.
      expect((await second.served.current()).queues[0]!.members).toEqual(['web:karim', 'web:claire']);
      const conflict = await second.queues.conflict();
      expect(conflict).toMatchObject({ runtimeEditedBy: 'web:admin', runtimeEditedAt: '2026-06-15T08:00:00.000Z' });
      expect(conflict!.differences).toEqual([{ scope: 'queue', id: 'cis', fields: ['hours', 'members'] }]);
      await stop(second.store);

      // Another start-up with the same file flags nothing new and still overwrites nothing.
      const third = await startUp(FILE_V2);
      expect(third.outcome).toBe('conflict');
      expect((await third.served.current()).queues[0]!.members).toEqual(['web:karim', 'web:claire']);
      expect(await actions(third.store)).toEqual(['escalation.config.import', 'escalation.config.conflict']);

      // The admin takes the file's version: it is served, and the conflict is gone for good.
      await third.queues.resolveConflict('web:admin', 'file');
      const served = await third.served.current();
      expect(served.queues[0]!.members).toEqual(['web:karim', 'web:lea']);
      expect(served.queues[0]!.hours.mon).toEqual(['09:00-12:00']);
      expect(await third.queues.conflict()).toBeNull();
      await stop(third.store);
      const fourth = await startUp(FILE_V2);
      expect(fourth.outcome).toBe('unchanged');
      expect(await actions(fourth.store)).toEqual([
        'escalation.config.import',
        'escalation.config.conflict',
        'escalation.config.conflict_file',
      ]);
    });

    it('keeps the runtime version when the admin says so, until the file changes again without newer edits', async () => {
      deployment = make();
      clock.set('2026-06-15T09:00:00+02:00');
      const first = await startUp(FILE_V1);
      clock.advance(60_000);
      await first.queues.updateQueue('web:admin', 'cis', { deadlineHours: 4 });
      await stop(first.store);

      clock.advance(86_400_000);
      const second = await startUp(FILE_V2);
      expect(second.outcome).toBe('conflict');
      await expect(second.queues.resolveConflict('web:admin', 'keep')).resolves.toMatchObject({
        queues: [expect.objectContaining({ deadlineHours: 4, members: ['web:karim'] })],
      });
      expect(await second.queues.conflict()).toBeNull();
      await expect(second.queues.resolveConflict('web:admin', 'file')).rejects.toMatchObject({ code: 'no_conflict' });
      await stop(second.store);

      const third = await startUp(FILE_V2);
      expect(third.outcome).toBe('unchanged');
      expect((await third.served.current()).queues[0]!.deadlineHours).toBe(4);
      await stop(third.store);

      // A later reviewed change of the file, with no runtime edit since: imported as usual.
      clock.advance(86_400_000);
      const fourth = await startUp(FILE_V1);
      expect(fourth.outcome).toBe('imported');
      expect((await fourth.served.current()).queues[0]!).toMatchObject({ members: ['web:karim'], deadlineHours: 8 });
    });

    it('imports a changed file when nobody edited the queues at runtime since the last import', async () => {
      deployment = make();
      clock.set('2026-06-15T09:00:00+02:00');
      const first = await startUp(FILE_V1);
      await stop(first.store);
      clock.advance(86_400_000);
      const second = await startUp(FILE_V2);
      expect(second.outcome).toBe('imported');
      expect((await second.served.current()).queues[0]!.members).toEqual(['web:karim', 'web:lea']);
      expect(await second.queues.conflict()).toBeNull();
    });

    it('drops the conflict when the file goes back to the version last imported', async () => {
      deployment = make();
      clock.set('2026-06-15T09:00:00+02:00');
      const first = await startUp(FILE_V1);
      clock.advance(60_000);
      await first.queues.updateDirectory('web:admin', { referents: { 'web:dr-durand': 'cis' } });
      await stop(first.store);
      const second = await startUp(FILE_V2);
      expect(second.outcome).toBe('conflict');
      expect((await second.queues.conflict())!.differences).toEqual([
        { scope: 'queue', id: 'cis', fields: ['hours', 'members'] },
        { scope: 'config', id: 'referents', fields: [] },
      ]);
      await stop(second.store);
      const third = await startUp(FILE_V1);
      expect(third.outcome).toBe('unchanged');
      expect(await third.queues.conflict()).toBeNull();
      expect((await third.served.current()).referents).toEqual({ 'web:dr-durand': 'cis' });
    });
  });
}
