import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type AdminServer, startAdminServer } from '../../admin/harness.js';
import { type DelegateConsole, openFromMoreau, startDelegateConsole } from './delegate-support.js';
import { launchChromium } from '../../support/browser.js';
import { startWebServer, type WebHarness } from './support/server.js';

/**
 * The three console pages with the keyboard and a screen reader in mind: every button has a name
 * (icons included, with no emoji font on this machine), focus survives the delegate board's live
 * refresh, the admin tabs and answer list work without a mouse.
 */

/** Buttons the accessibility tree shows without a name (`- button` with nothing after it). */
async function unnamedButtons(page: Page): Promise<string[]> {
  const tree = await page.locator('body').ariaSnapshot();
  return tree.split('\n').filter((line) => /^\s*- button(\s*\[[^\]]*\])*:?\s*$/.test(line));
}

const focusKey = (page: Page) => page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.focus);

describe('console accessibility in Chromium', () => {
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });
  // Closed after each test: a page that still polls would keep its server from stopping.
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close()));
  });

  async function newPage(): Promise<Page> {
    const context = await browser.newContext();
    contexts.push(context);
    return context.newPage();
  }

  describe('professional chat', () => {
    let web: WebHarness;
    beforeAll(async () => {
      web = await startWebServer();
    }, 120_000);
    afterAll(async () => web?.close());

    it('names the vote buttons in words and leaves no button unnamed', { timeout: 30_000 }, async () => {
      const page = await newPage();
      await page.goto(web.url);
      const box = page.getByLabel('Votre question');
      await box.fill("combien de jours d'arrêt je peux mettre en téléconsultation ?");
      await box.press('Enter');
      const answer = page.locator('#log li.bot[data-kind="answer"]').first();
      await answer.waitFor({ timeout: 10_000 });
      await answer.getByRole('button', { name: 'Réponse utile', exact: true }).waitFor();
      await answer.getByRole('button', { name: 'Réponse pas utile', exact: true }).waitFor();
      expect(await unnamedButtons(page)).toEqual([]);
      // The new message is in a polite live log, and the keyboard is back in the question box.
      expect(await page.locator('#log').getAttribute('aria-live')).toBe('polite');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('question');
    });
  });

  describe('delegate view', () => {
    let c: DelegateConsole;
    beforeAll(async () => {
      c = await startDelegateConsole();
    }, 60_000);
    afterAll(async () => c?.stop());

    it('keeps the focus and the chosen transfer target when a new request refreshes the board', {
      timeout: 30_000,
    }, async () => {
      const first = await openFromMoreau(c);
      const page = await newPage();
      await page.goto(`${c.url}/delegate?as=sophie`);
      const card = page.locator(`#queues article[data-escalation="${first.id}"]`);
      const target = card.getByLabel('Transférer vers :');
      await target.waitFor({ timeout: 10_000 });
      await target.focus();
      await target.selectOption({ label: 'Service relations professionnels de santé (Strasbourg)' });
      const chosen = await target.inputValue();
      expect(await focusKey(page)).toBe(`queue:cis-nord/${first.id}:target`);

      await c.escalation.service.open({
        user: { channel: 'web', id: 'dr-durand', displayName: 'Dr Julie Durand', profession: 'médecin généraliste' },
        conversation: { channel: 'web', id: 'dr-durand' },
        locale: 'fr',
        question: 'Puis-je facturer une téléexpertise le dimanche ?',
        topic: 'arret_travail',
        guesses: [],
        reason: 'unsure',
      });
      await expect.poll(() => page.locator('#queues article').count(), { timeout: 10_000 }).toBe(2);
      expect(await focusKey(page)).toBe(`queue:cis-nord/${first.id}:target`);
      expect(await target.inputValue()).toBe(chosen);
      expect(await unnamedButtons(page)).toEqual([]);
    });
  });

  describe('admin view', () => {
    let server: AdminServer;
    beforeAll(async () => {
      server = await startAdminServer();
    }, 120_000);
    afterAll(async () => server?.close());

    it('moves between tabs with the arrows and opens an answer with the keyboard', { timeout: 30_000 }, async () => {
      const page = await newPage();
      await page.goto(`${server.url}/admin?as=admin`);
      await page.locator('#answers tbody tr').first().waitFor({ timeout: 10_000 });
      const answersTab = page.getByRole('tab', { name: 'Réponses' });
      await answersTab.focus();
      await page.keyboard.press('ArrowRight');
      const suggestions = page.getByRole('tab', { name: 'Suggestions' });
      expect(await suggestions.getAttribute('aria-selected')).toBe('true');
      // The panel is shown at once; it has a size once its list has loaded.
      await expect
        .poll(() => page.getByRole('tabpanel', { name: 'Suggestions' }).isVisible(), { timeout: 10_000 })
        .toBe(true);
      expect(await page.locator('#tab-answers').isHidden()).toBe(true);
      await page.keyboard.press('ArrowLeft');
      expect(await answersTab.getAttribute('aria-selected')).toBe('true');

      const open = page.getByRole('button', { name: 'tlc_tarifs', exact: true });
      await open.focus();
      await page.keyboard.press('Enter');
      const heading = page.locator('#detail-title');
      await expect.poll(() => heading.textContent(), { timeout: 10_000 }).toContain('(tlc_tarifs)');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('detail-title');
      await page.getByRole('button', { name: /^Retirer la formulation « / }).first().waitFor();
      expect(await unnamedButtons(page)).toEqual([]);
    });
  });
});
