import { afterEach, describe, expect, it } from 'vitest';
import { AnswerEditor } from '../../src/admin/answer-editor.js';
import { AnswerRepository } from '../../src/admin/answer-repo.js';
import { createVersionedAnswerSource, type VersionedAnswerSource } from '../../src/admin/answer-source.js';
import { importCuratedAnswers } from '../../src/admin/file-import.js';
import { adminJobs } from '../../src/admin/jobs.js';
import { adminNotices } from '../../src/admin/notices.js';
import { FixedClock } from '../../src/clock.js';
import { staticDirectory } from '../../src/escalation/directory.js';
import { createScheduler } from '../../src/scheduler/index.js';
import type { Store } from '../../src/store/index.js';
import { escalationConfig, redisDeployment, repoCatalogue, repoMessages, silentLogger } from './support.js';

const INTENT = 'at_ij_montant_carence';
const NEW_TEXT = 'Nouvelle règle des IJ applicable au 1er avril 2026 (version programmée).';

describe('scheduled versions on two instances sharing Redis', () => {
  const catalogue = repoCatalogue();
  const { id: _i, file: _f, contentHash: _h, ...content } = catalogue.answers.get(INTENT)!;
  const clock = new FixedClock('2026-03-30T10:00:00Z');
  const open: Store[] = [];
  const sources: VersionedAnswerSource[] = [];
  afterEach(async () => {
    await Promise.all(sources.splice(0).map((s) => s.stop()));
    await Promise.all(open.splice(0).map((s) => s.close()));
  });

  /** One instance: its store handle, answer source and scheduler with the admin jobs. */
  async function instance(connect: () => Promise<Store>, name: string) {
    const store = await connect();
    open.push(store);
    const source = await createVersionedAnswerSource({ store, answers: catalogue.answers, clock });
    sources.push(source);
    const jobs = adminJobs({
      activation: { store, clock, holder: name, notices: adminNotices(staticDirectory(escalationConfig())), messages: repoMessages() },
    });
    const scheduler = createScheduler({ jobs, store, clock, logger: silentLogger, holder: name });
    return { store, source, scheduler };
  }

  async function scheduleAtDate(store: Store) {
    const repo = new AnswerRepository(store);
    const editor = new AnswerEditor({ repo, clock, knownIntent: () => true });
    await importCuratedAnswers(catalogue, { repo, editor, clock });
    return editor.publishContent('web:admin', INTENT, { ...content, text: NEW_TEXT, validFrom: '2026-04-01' });
  }

  async function activationsOf(store: Store) {
    const audit = await store.listAudit({ subject: `answer:${INTENT}` });
    const notices = (await store.listOutbox()).filter((o) => o.id.startsWith(`admin:activate:${INTENT}:`));
    return { activations: audit.filter((a) => a.action === 'answer.activate').length, notices: notices.length };
  }

  it('takes effect at its date, once, with both instances running', async () => {
    clock.set('2026-03-30T10:00:00Z');
    const connect = redisDeployment();
    const a = await instance(connect, 'A');
    const b = await instance(connect, 'B');
    const outcome = await scheduleAtDate(a.store);
    expect(outcome).toMatchObject({ scheduled: true, effectiveAt: '2026-03-31T22:00:00.000Z' });

    clock.set('2026-03-31T21:59:00Z');
    await b.source.refresh();
    expect((await a.source.current(INTENT, clock.now()))?.text).toBe(content.text);
    expect((await b.source.current(INTENT, clock.now()))?.text).toBe(content.text);
    await Promise.all([a.scheduler.runOnce('admin.answer-activation', clock.now()), b.scheduler.runOnce('admin.answer-activation', clock.now())]);
    expect(await activationsOf(a.store)).toEqual({ activations: 0, notices: 0 });

    clock.set('2026-03-31T22:00:00Z');
    expect((await a.source.current(INTENT, clock.now()))?.text).toBe(NEW_TEXT);
    expect((await b.source.current(INTENT, clock.now()))?.text).toBe(NEW_TEXT);
    // The same fire on both instances, then later fires: one activation, one notice to the one admin.
    const fired = clock.now();
    const ran = await Promise.all([a.scheduler.runOnce('admin.answer-activation', fired), b.scheduler.runOnce('admin.answer-activation', fired)]);
    expect(ran.filter(Boolean)).toHaveLength(1);
    clock.advance(60_000);
    await Promise.all([a.scheduler.runOnce('admin.answer-activation', clock.now()), b.scheduler.runOnce('admin.answer-activation', clock.now())]);
    expect(await activationsOf(b.store)).toEqual({ activations: 1, notices: 1 });
  });

  it('takes effect, once, when both instances were stopped across its date', async () => {
    clock.set('2026-03-30T10:00:00Z');
    const connect = redisDeployment();
    const first = await instance(connect, 'A');
    await instance(connect, 'B');
    await scheduleAtDate(first.store);
    // Both instances stop; the date passes while nothing runs.
    await Promise.all(sources.splice(0).map((s) => s.stop()));
    await Promise.all(open.splice(0).map((s) => s.close()));
    clock.set('2026-04-02T06:30:00Z');

    const a = await instance(connect, 'A2');
    const b = await instance(connect, 'B2');
    expect((await a.source.current(INTENT, clock.now()))?.text).toBe(NEW_TEXT);
    expect((await b.source.current(INTENT, clock.now()))?.text).toBe(NEW_TEXT);
    // Catch-up: the first fires after the restart (different fire times on each) record it once.
    await Promise.all([a.scheduler.runOnce('admin.answer-activation', clock.now()), b.scheduler.runOnce('admin.answer-activation', new Date(clock.now().getTime() + 1000))]);
    expect(await activationsOf(a.store)).toEqual({ activations: 1, notices: 1 });
  });
});
