import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ConversationService } from '../../src/core/conversation.js';
import type { TranscriptRecord } from '../../src/core/records.js';
import { InboundMessage } from '../../src/model/message.js';
import { ALICE, createHarness, type Harness, realMatcher } from './support/harness.js';

let h: Harness | undefined;
beforeAll(() => void realMatcher(), 120_000);
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('conversation service', () => {
  it('never logs what the professional wrote, but logs the decision, the intent and the duration', async () => {
    h = await createHarness();
    const question = 'combien est payée une téléconsultation ?';
    await h.send({ text: question });
    const turns = h.logs
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .filter((l) => l.event === 'conversation.turn');
    expect(turns).toHaveLength(1);
    expect(turns[0]).toMatchObject({ level: 30, decision: 'answer', intent: 'tlc_tarifs', channel: 'web' });
    expect(typeof turns[0]?.ms).toBe('number');
    expect(h.logs.join('\n')).not.toContain('payée');
  });

  it('erases what a channel keeps about the professional when they confirm "Supprimer mes données"', async () => {
    h = await createHarness();
    const erased: string[] = [];
    h.service.addEraser(async (user) => void erased.push(`${user.channel}:${user.id}`));
    await h.send({ text: 'Supprimer mes données' });
    expect(erased).toEqual([]);
    await h.send({ action: { id: 'confirm_erase' } });
    expect(erased).toEqual([`${ALICE.channel}:${ALICE.id}`]);
  });

  it('says under an answer when its review-by day has passed, and puts the delegate forward', async () => {
    h = await createHarness({ at: '2026-11-22T10:00:00+01:00', answers: { at_ij_montant_carence: { reviewBy: '2026-11-21' } } });
    const question = 'quel est le délai de carence des indemnités journalières ?';
    const [overdue] = await h.send({ text: question });
    // (An answer that does not offer a delegate by itself.)
    expect(overdue).toMatchObject({ kind: 'answer', intentId: 'at_ij_montant_carence' });
    expect(overdue?.text).toContain('devait être revérifiée le 21/11/2026');
    expect(overdue?.buttons?.find((b) => b.action === 'talk_to_delegate')?.style).toBe('primary');

    await h.close();
    h = await createHarness({ at: '2026-11-22T10:00:00+01:00', answers: { at_ij_montant_carence: { reviewBy: '2026-11-22' } } });
    const [due] = await h.send({ text: question });
    expect(due?.text).not.toContain('revérifiée');
    expect(due?.buttons?.find((b) => b.action === 'talk_to_delegate')?.style).toBeUndefined();
  });

  it('answers a greeting in words, not as a choice, when a "did you mean" also holds a topic', async () => {
    h = await createHarness();
    const replies = await h.send({ text: 'bonjour je voudrais savoir pour la téléexpertise' });
    const suggest = replies.find((r) => r.kind === 'suggest');
    expect(suggest?.text).toBe('Bonjour ! Vouliez-vous dire…');
    const choices = (suggest?.buttons ?? []).filter((b) => b.action === 'choose_intent').map((b) => b.value);
    expect(choices).not.toContain('gen_salutation');
    expect(choices.some((intent) => intent?.startsWith('teleexpertise'))).toBe(true);
  });

  it('keeps a refused question out of the transcript (it may name a patient)', async () => {
    h = await createHarness();
    await h.send({ text: 'pouvez-vous ouvrir le dossier de Mme Lefebvre ?' });
    const [doc] = await h.store.list<TranscriptRecord>('transcripts');
    expect(doc?.value.decision).toBe('refusal_patient_file');
    expect(doc?.value.inbound).toEqual({});
    expect(JSON.stringify(doc?.value)).not.toContain('Lefebvre');
  });

  it('answers with a neutral error, and logs its code, when a part fails', async () => {
    h = await createHarness();
    const failing = new ConversationService({
      ...h.options,
      matcher: {
        match() {
          throw new Error('model file 1 85 05 78 006 084 36 unreadable');
        },
      },
    });
    const message = InboundMessage.parse({
      id: 'boom',
      user: ALICE,
      conversation: { channel: 'web', id: ALICE.id },
      text: 'combien est payée une téléconsultation ?',
    });
    const replies = await failing.handle(message);
    expect(replies).toEqual([{ kind: 'error', text: expect.stringContaining('incident technique') }]);
    const error = h.logs
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .find((l) => l.event === 'conversation.error');
    expect(error).toBeDefined();
    expect(JSON.stringify(error)).not.toContain('006 084');
  });

  it('speaks English when the message says so', async () => {
    h = await createHarness();
    const replies = await h.send({ action: { id: 'erase_my_data' }, locale: 'en' });
    expect(replies[0]?.text).toContain('Delete all the data Relais keeps about you');
    expect(replies[0]?.buttons?.[0]?.label).toBe('Yes, delete everything');
    // Small talk too (the curated answers are French), and a question it cannot match says to
    // try in French.
    const hello = await h.send({ text: 'bonjour', locale: 'en' });
    expect(hello.find((r) => r.kind === 'smalltalk')?.text).toMatch(/^Hello! I am Relais/);
    const unknown = await h.send({ text: 'How do I bill a teleconsultation as a GP?', locale: 'en' });
    expect(unknown.find((r) => r.kind === 'fallback')?.text).toContain('try asking in French');
  });
});
