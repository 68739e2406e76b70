import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../support/browser.js';
import { startWebServer, type WebHarness } from './support/server.js';

/**
 * A médecin asks a question, closes the chat; a delegate replies meanwhile. When she opens the chat
 * again she finds her question, the bot's answer and the delegate's signed reply (marked as new),
 * a reload shows them once more (not twice), and the conversation goes on below them.
 */

const QUESTION = "combien de jours d'arrêt je peux mettre en téléconsultation ?";
const MINUTE_MS = 60_000;

describe('web chat history in Chromium', () => {
  let browser: Browser;
  let web: WebHarness;
  let context: BrowserContext;

  beforeAll(async () => {
    browser = await launchChromium();
    web = await startWebServer();
    context = await browser.newContext();
  }, 120_000);
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await web?.close();
  });

  async function openChat(): Promise<Page> {
    const page = await context.newPage();
    await page.goto(web.url);
    await expect.poll(() => page.locator('#identity-select').inputValue()).toBe('dr-durand');
    return page;
  }

  async function ask(page: Page, question: string): Promise<void> {
    const box = page.getByLabel('Votre question');
    await box.fill(question);
    await box.press('Enter');
  }

  /** The conversation as read on the page, one line per item (dividers included). */
  const read = (page: Page) =>
    page.locator('#log > li').evaluateAll((items) =>
      items.map((li) => {
        const e = li as HTMLElement;
        if (e.classList.contains('divider')) return `--- ${e.textContent}`;
        const text = (e.querySelector('p')?.textContent ?? '').trim();
        return `${e.classList.contains('me') ? 'me' : e.dataset.kind}: ${text}`;
      }),
    );

  it('shows what a delegate replied while the page was closed, once, with the conversation going on below', {
    timeout: 90_000,
  }, async () => {
    const first = await openChat();
    await ask(first, QUESTION);
    await first.locator('#log li.bot[data-kind="answer"]').first().waitFor({ timeout: 10_000 });
    await first.close();

    web.core.clock.advance(30 * MINUTE_MS);
    await web.delivery.deliver(
      'dr-durand',
      {
        kind: 'relay',
        text: 'Bonjour Docteur, 3 jours au plus, renouvelable en présentiel.',
        signature: { name: 'Claire Martin', role: 'déléguée' },
      },
      'out-1:0',
    );

    const page = await openChat();
    const relay = page.locator('#log li.bot[data-kind="relay"]');
    await relay.first().waitFor({ timeout: 10_000 });
    const lines = await read(page);
    expect(lines[0]).toBe('--- Conversation précédente');
    expect(lines[1]).toBe(`me: ${QUESTION}`);
    const answerAt = lines.findIndex((l) => l.startsWith('answer: '));
    const newAt = lines.indexOf('--- Nouveaux messages');
    expect(answerAt).toBeGreaterThan(1);
    expect(newAt).toBeGreaterThan(answerAt);
    expect(lines[newAt + 1]).toBe('relay: Bonjour Docteur, 3 jours au plus, renouvelable en présentiel.');
    expect(await relay.locator('.signature').textContent()).toBe('— Claire Martin (déléguée)');
    // The old answer is shown without its vote buttons (they belonged to that moment).
    const answer = page.locator('#log li.bot[data-kind="answer"]');
    expect(await answer.getAttribute('data-intent')).toBe('at_teleconsultation_limite_3j');
    expect(await answer.locator('button').count()).toBe(0);
    // The history was not read out at once; the log announces what comes next again.
    await expect.poll(() => page.locator('#log').getAttribute('aria-live')).toBe('polite');

    // A reload shows the same conversation, once; the delegate's reply is no longer "new".
    await page.reload();
    await relay.first().waitFor({ timeout: 10_000 });
    const reloaded = await read(page);
    expect(reloaded).toEqual(lines.filter((l) => l !== '--- Nouveaux messages'));
    // Two poll periods: the inbox does not bring the reply a second time.
    await page.waitForTimeout(5_500);
    expect(await relay.count()).toBe(1);

    // The conversation continues below: a later delegate message, then a new question.
    web.core.clock.advance(MINUTE_MS);
    await web.delivery.deliver('dr-durand', { kind: 'relay', text: 'Autre précision.' }, 'out-2:0');
    await expect.poll(() => read(page), { timeout: 10_000 }).toEqual([...reloaded, 'relay: Autre précision.']);
    web.core.clock.advance(MINUTE_MS);
    await ask(page, 'Bonjour');
    await expect.poll(async () => (await read(page)).slice(reloaded.length + 1, reloaded.length + 2)).toEqual([
      'me: Bonjour',
    ]);
  });

  it("shows the other person's history when the demo identity changes, and back", { timeout: 60_000 }, async () => {
    await web.delivery.deliver('ide-moreau', { kind: 'relay', text: 'Réponse pour Paul.' }, 'out-p:0');
    const page = await openChat();
    await page.locator('#log li.me').first().waitFor({ timeout: 10_000 });
    await page.locator('#identity-select').selectOption('ide-moreau');
    // Only new messages: no « Conversation précédente » above them.
    await expect.poll(() => read(page), { timeout: 10_000 }).toEqual([
      '--- Nouveaux messages',
      'relay: Réponse pour Paul.',
    ]);
    await page.locator('#identity-select').selectOption('dr-durand');
    await expect.poll(async () => (await read(page)).slice(0, 2), { timeout: 10_000 }).toEqual([
      '--- Conversation précédente',
      `me: ${QUESTION}`,
    ]);
    expect((await read(page)).join('\n')).not.toContain('Paul');
  });
});
