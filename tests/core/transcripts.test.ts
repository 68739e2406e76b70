import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { userPrefix } from '../../src/core/collections.js';
import { type Button, type Reply, userKey } from '../../src/model/message.js';
import { ALICE, createHarness, type Harness, realMatcher } from './support/harness.js';
import { durationMs, loadTranscripts, type ReplyExpectation, type Step } from './support/transcript.js';

/**
 * Runs every conversation of tests/core/transcripts/*.yaml through the real core: the curated
 * content, the matcher, the clinical guard, an embedded store, and a pinned clock.
 */

// Training the matcher takes a few seconds: once, before the first conversation.
beforeAll(() => void realMatcher(), 120_000);

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

function asList(value: string | string[] | undefined): string[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

function checkReply(reply: Reply, want: ReplyExpectation, where: string): void {
  expect(reply.kind, `${where}: kind (text: ${reply.text.slice(0, 120)})`).toBe(want.kind);
  if (want.intent !== undefined) expect(reply.intentId, `${where}: intent`).toBe(want.intent);
  if (want.buttons !== undefined) {
    expect(
      (reply.buttons ?? []).map((b) => b.action),
      `${where}: buttons`,
    ).toEqual(want.buttons);
  }
  if (want.buttonValues !== undefined) {
    expect(
      (reply.buttons ?? []).map((b) => b.value),
      `${where}: button values`,
    ).toEqual(want.buttonValues);
  }
  if (want.offers !== undefined) {
    const offered = (reply.buttons ?? []).filter((b) => b.action === 'choose_intent').map((b) => b.value);
    expect(offered, `${where}: choices`).toEqual(expect.arrayContaining(want.offers));
    expect(reply.buttons?.at(-1)?.action, `${where}: last choice`).toBe('none_of_these');
  }
  if (want.followUps !== undefined) {
    const followUps = (reply.followUps ?? []).map((b) => b.value);
    if (typeof want.followUps === 'number')
      expect(followUps, `${where}: follow-ups`).toHaveLength(want.followUps);
    else expect(followUps, `${where}: follow-ups`).toEqual(want.followUps);
  }
  if (want.sourced) {
    expect(reply.sources?.length ?? 0, `${where}: sources`).toBeGreaterThan(0);
    for (const source of reply.sources ?? [])
      expect(source.url, `${where}: source link`).toMatch(/^https?:\/\//);
    expect(reply.asOf, `${where}: "à jour au"`).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  }
  for (const text of asList(want.says)) expect(reply.text, `${where}: says`).toContain(text);
  for (const text of asList(want.notSays)) expect(reply.text, `${where}: does not say`).not.toContain(text);
  if (want.delegateEmphasised !== undefined) {
    const delegate = reply.buttons?.find((b) => b.action === 'talk_to_delegate');
    expect(delegate?.style === 'primary', `${where}: delegate emphasised`).toBe(want.delegateEmphasised);
  }
}

/** The button pressed: the most recent one on screen that matches (older replies stay clickable). */
function findButton(onScreen: Reply[], press: NonNullable<Step['press']>, where: string): Button {
  const want = typeof press === 'string' ? { action: press } : press;
  const buttons = [...onScreen].reverse().flatMap((r) => [...(r.buttons ?? []), ...(r.followUps ?? [])]);
  const found = buttons.filter(
    (b) =>
      b.action === want.action &&
      (!('value' in want) || want.value === undefined || b.value === want.value) &&
      (!('label' in want) || want.label === undefined || b.label.includes(want.label)),
  );
  if (found.length === 0)
    throw new Error(`${where}: no button ${JSON.stringify(want)} in ${JSON.stringify(buttons)}`);
  return found[0] as Button;
}

function resolveClock(h: Harness, value: string): void {
  const ms = durationMs(value);
  if (ms === null) h.clock.set(value);
  else h.clock.advance(ms);
}

async function runStep(h: Harness, step: Step, onScreen: Reply[], where: string): Promise<Reply[]> {
  if (step.clock) resolveClock(h, step.clock);
  if (step.delegate === 'claims') h.escalation.owned.add(userKey(ALICE));
  if (step.purge) {
    await h.service.purgeExpired(h.clock.now());
    return [];
  }
  let replies: Reply[] = [];
  for (let i = 0; i < (step.times ?? 1); i += 1) {
    if (step.say !== undefined) {
      replies = await h.send({
        text: step.say,
        ...(step.attachments ? { attachments: step.attachments } : {}),
      });
    } else if (step.attachments !== undefined) {
      replies = await h.send({ attachments: step.attachments });
    } else if (step.press !== undefined) {
      const button = findButton(onScreen, step.press, where);
      replies = await h.send({
        action: { id: button.action, ...(button.value ? { value: button.value } : {}) },
      });
    } else if (step.action !== undefined) {
      replies = await h.send({ action: step.action });
    } else if (step.resend) {
      replies = await h.resend();
    }
  }
  return replies;
}

async function checkStored(h: Harness, step: Step, where: string): Promise<void> {
  const key = userKey(ALICE);
  for (const want of step.stored ?? []) {
    const docs = (await h.store.list<Record<string, unknown>>(want.collection)).filter(
      (d) => d.id.startsWith(userPrefix(key)) || d.value.user === key,
    );
    expect(docs, `${where}: ${want.collection} documents`).toHaveLength(want.count);
    for (const doc of docs)
      if (want.each) expect(doc.value, `${where}: ${want.collection}`).toMatchObject(want.each);
  }
}

for (const { file, transcript } of loadTranscripts()) {
  describe(`transcript ${file}`, () => {
    it(transcript.title, async () => {
      const h = await createHarness({
        at: transcript.at,
        limits: transcript.limits,
        answers: transcript.answers,
      });
      harness = h;
      const onScreen: Reply[] = [];
      for (const [index, step] of transcript.steps.entries()) {
        const where = `${file} step ${index + 1} (${step.say ?? JSON.stringify(step.press ?? step.action ?? step)})`;
        const opened = h.escalation.opened.length;
        const replies = await runStep(h, step, onScreen, where);
        onScreen.push(...replies);
        if (step.expect) {
          expect(
            replies.map((r) => r.kind),
            `${where}: reply kinds`,
          ).toEqual(step.expect.map((e) => e.kind));
          for (const [i, want] of step.expect.entries()) {
            checkReply(replies[i] as Reply, want, `${where} reply ${i + 1}`);
          }
        }
        if (step.escalation) {
          expect(h.escalation.opened.length, `${where}: escalations opened`).toBe(opened + 1);
          const request = h.escalation.opened.at(-1);
          expect(request?.reason, `${where}: escalation reason`).toBe(step.escalation.reason);
          if (step.escalation.question !== undefined)
            expect(request?.question).toBe(step.escalation.question);
          if (step.escalation.topic !== undefined) expect(request?.topic).toBe(step.escalation.topic);
          if (step.escalation.guessed !== undefined) {
            expect(request?.guesses.map((g) => g.intent)).toContain(step.escalation.guessed);
          }
          if (step.escalation.answered !== undefined)
            expect(request?.answeredIntent ?? null, `${where}: answered before`).toBe(step.escalation.answered);
        }
        if (step.noEscalation) expect(h.escalation.opened.length, `${where}: no escalation`).toBe(opened);
        if (step.escalationErased !== undefined) {
          expect(h.escalation.erased.includes(userKey(ALICE)), `${where}: escalation records erased`).toBe(
            step.escalationErased,
          );
        }
        if (step.relayed) expect(h.escalation.relayed, `${where}: relayed`).toEqual(step.relayed);
        await checkStored(h, step, where);
      }
    });
  });
}
