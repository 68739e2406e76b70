import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nirKey } from '../../src/core/privacy.js';
import { userKey } from '../../src/model/message.js';
import { ALICE, createHarness, type Harness, realMatcher } from './support/harness.js';

/**
 * Fails closed: a NIR with a wrong key and a Corsican one (2A) go through every flow that keeps or
 * passes on what the professional wrote — answer, fallback, 👎, "none of these", escalation,
 * relay to a delegate, refusal — and must appear in no stored record (the embedded store's files,
 * read byte by byte), no log line (pino output, trace level) and no reply.
 */

const WRONG_KEY = '1 85 05 78 006 084 36';
const CORSICAN = '2.90.03.2A.123.456.94';

/** The NIRs' bodies without separators: found in a text once it is stripped of them. */
const BODIES = ['1850578006084', '290032A123456'];

function stripped(text: string): string {
  return text.replace(/[\s.\-_"'\\,:]/g, '').toUpperCase();
}

function leaks(text: string): string[] {
  const compact = stripped(text);
  return BODIES.filter((body) => compact.includes(body));
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

describe('NIRs never leave the professional’s message', () => {
  let h: Harness;
  const replies: unknown[] = [];

  beforeAll(async () => {
    realMatcher();
    h = await createHarness();
  }, 120_000);
  afterAll(async () => {
    await h.close();
  });

  it('checks the premise: one key is wrong, the Corsican one is right', () => {
    expect(nirKey('1850578006084')).not.toBe(36);
    expect(nirKey('290032A123456')).toBe(94);
  });

  it('masks them in every flow, then finds them in no file, log line or reply', async () => {
    const say = async (input: Parameters<Harness['send']>[0]) => {
      const got = await h.send(input);
      replies.push(...got);
      return got;
    };
    const press = async (got: Awaited<ReturnType<Harness['send']>>, action: string) => {
      const button = got.flatMap((r) => r.buttons ?? []).find((b) => b.action === action);
      expect(button, action).toBeDefined();
      return say({ action: { id: button!.action, ...(button!.value ? { value: button!.value } : {}) } });
    };

    const asked = await say({ text: `combien est payée une téléconsultation ? patient ${WRONG_KEY}` });
    expect(asked[0]?.text).toContain('a la forme');
    // Answered, or offered among "did you mean" choices (the matcher's thresholds may move): 👎 either way.
    const answered = asked.some((r) => r.kind === 'answer') ? asked : await press(asked, 'choose_intent');
    await press(answered, 'feedback_down');
    const fallback = await say({ text: `quand est-ce que je pars à la retraite ? mon NIR est ${CORSICAN}` });
    const offer = await press(
      fallback,
      fallback.some((r) => r.kind === 'suggest') ? 'none_of_these' : 'talk_to_delegate',
    );
    await press(offer, 'confirm_escalation');
    const confirmed = await say({ text: `je veux parler à un conseiller pour ${CORSICAN}` });
    await press(confirmed, 'confirm_escalation');
    await say({ text: `quelle dose de paracétamol pour ${WRONG_KEY} ?` });
    h.escalation.owned.add(userKey(ALICE));
    await say({ text: `pour info son numéro est ${WRONG_KEY} et ${CORSICAN}` });

    // What reached the escalation port (stored and relayed by it) is masked too.
    expect(h.escalation.opened.length).toBeGreaterThanOrEqual(2);
    expect(leaks(JSON.stringify(h.escalation.opened))).toEqual([]);
    expect(h.escalation.relayed).toHaveLength(1);
    expect(leaks(JSON.stringify(h.escalation.relayed))).toEqual([]);

    expect(leaks(JSON.stringify(replies))).toEqual([]);
    expect(h.logs.length).toBeGreaterThan(5);
    expect(leaks(h.logs.join('\n'))).toEqual([]);

    const suggestions = await h.store.list('suggestions');
    const feedback = await h.store.list('feedback');
    const transcripts = await h.store.list('transcripts');
    expect(suggestions.length).toBeGreaterThanOrEqual(2);
    expect(feedback).toHaveLength(1);
    expect(transcripts.length).toBeGreaterThanOrEqual(7);

    await h.store.close();
    const files = filesUnder(h.dataDir);
    expect(files.length).toBeGreaterThan(0);
    const stored = files.map((f) => readFileSync(f, 'utf8')).join('\n');
    // The masked questions are in the files (the scan reads what was stored)…
    expect(stored).toContain('[n° masqué]');
    // …and the NIRs are not, in any form.
    expect(leaks(stored)).toEqual([]);
  });
});
