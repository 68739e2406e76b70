import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONVERSATION_COLLECTIONS } from '../../../src/core/collections.js';
import type { FeedbackRecord } from '../../../src/core/records.js';
import { launchChromium } from '../../support/browser.js';
import { startWebServer, type WebHarness } from './support/server.js';

/**
 * The professional's chat in a real browser (Debian's chromium, provisioned by `npm test`): a
 * question gets its sourced answer, a "did you mean" choice is clicked, then 👎.
 */

describe('web console, professional chat in Chromium', () => {
  let browser: Browser;
  let web: WebHarness;
  let page: Page;

  beforeAll(async () => {
    browser = await launchChromium();
    web = await startWebServer();
    page = await (await browser.newContext()).newPage();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await web?.close();
  });

  const botReplies = (kind: string) => page.locator(`#log li.bot[data-kind="${kind}"]`);

  async function ask(question: string): Promise<void> {
    const box = page.getByLabel('Votre question');
    await box.fill(question);
    await box.press('Enter');
  }

  it('answers with a source link, answers a "did you mean" choice, and records a 👎', {
    timeout: 60_000,
  }, async () => {
    await page.goto(web.url);
    await expect.poll(() => page.locator('#identity-select').inputValue()).toBe('dr-durand');

    await ask("combien de jours d'arrêt je peux mettre en téléconsultation ?");
    const answer = botReplies('answer').first();
    await answer.waitFor({ timeout: 10_000 });
    expect(await answer.getAttribute('data-intent')).toBe('at_teleconsultation_limite_3j');
    expect(await answer.locator('strong').first().textContent()).toContain('3 jours');
    const source = answer.locator('.sources a').first();
    expect(await source.getAttribute('href')).toMatch(/^https:\/\//);
    expect(await source.getAttribute('rel')).toContain('noopener');
    expect(await answer.locator('.asof').textContent()).toMatch(/^à jour au \d{2}\/\d{2}\/\d{4}$/);

    await ask(DID_YOU_MEAN_QUESTION);
    const suggestion = botReplies('suggest').first();
    await suggestion.waitFor({ timeout: 10_000 });
    expect(await suggestion.textContent()).toContain('Vouliez-vous dire');
    await suggestion.getByRole('button', { name: 'Aucune de ces questions' }).waitFor();
    const choice = suggestion.locator(`button[data-action="choose_intent"][data-value="${CHOSEN_INTENT}"]`);
    await choice.click();
    const chosen = page.locator(`#log li.bot[data-kind="answer"][data-intent="${CHOSEN_INTENT}"]`);
    await chosen.waitFor({ timeout: 10_000 });
    expect(await choice.isDisabled()).toBe(true);

    // The vote buttons are named (no emoji font needed); a vote leaves "talk to a delegate" open.
    await chosen.getByRole('button', { name: 'Réponse pas utile' }).click();
    await page.getByText('Merci pour votre retour').waitFor({ timeout: 10_000 });
    expect(await chosen.getByRole('button', { name: 'Réponse utile' }).isDisabled()).toBe(true);
    expect(await chosen.getByRole('button', { name: 'Parler à un délégué' }).isDisabled()).toBe(false);

    const feedback = await web.core.store.list<FeedbackRecord>(CONVERSATION_COLLECTIONS.feedback);
    expect(feedback.map((d) => d.value)).toEqual([
      expect.objectContaining({
        vote: 'down',
        intentId: CHOSEN_INTENT,
        question: DID_YOU_MEAN_QUESTION,
        user: 'web:dr-durand',
      }),
    ]);
  });

  it("shows the professional's own question with the NIR masked, once the server has it", {
    timeout: 30_000,
  }, async () => {
    await page.goto(web.url);
    await expect.poll(() => page.locator('#identity-select').inputValue()).toBe('dr-durand');
    await ask('mon patient 1 85 05 78 006 084 91 a-t-il droit à un arrêt ?');
    const mine = page.locator('#log li.me').last();
    await expect
      .poll(() => mine.textContent(), { timeout: 10_000 })
      .toBe('Vous : mon patient [n° masqué] a-t-il droit à un arrêt ?');
    expect(await page.locator('#log').textContent()).not.toContain('006 084');
  });

  it('fits a phone screen, and gives back a message it refused as too long', { timeout: 30_000 }, async () => {
    const phone = await (await browser.newContext({ viewport: { width: 375, height: 740 } })).newPage();
    try {
      await phone.goto(web.url);
      await expect.poll(() => phone.locator('#identity-select').inputValue()).toBe('dr-durand');
      expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

      const long = `${'Mon cabinet est loin de tout, '.repeat(70)}combien de jours d'arrêt en téléconsultation ?`;
      const box = phone.getByLabel('Votre question');
      await box.fill(long);
      await box.press('Enter');
      const refusal = phone.locator('#log li.bot[data-kind="error"]').last();
      await expect.poll(() => refusal.textContent(), { timeout: 10_000 }).toContain('2000 caractères');
      // Not lost: back in the box, to shorten and send again.
      expect(await box.inputValue()).toBe(long);
    } finally {
      await phone.close();
    }
  });
});

/** A question close to several intents (the matcher offers "did you mean"), and the one picked. */
const DID_YOU_MEAN_QUESTION = 'code et prix de la téléconsultation';
const CHOSEN_INTENT = 'tlc_tarifs';
