import type { Browser } from 'playwright-core';
import { launchChromium } from '../support/browser.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RELAIS_TRAINER } from '../../src/admin/nlu/relais-trainer.js';
import { workerTrainer } from '../../src/admin/nlu/worker-matcher.js';
import { type AdminServer, startAdminServer } from './harness.js';

/**
 * In a real browser: an admin edits and publishes an answer in the admin view, then a professional
 * asks the question in the chat and gets the new text.
 */

const INTENT = 'tlc_tarifs';
const QUESTION = 'combien est payée une téléconsultation ?';
const NEW_TEXT = 'Le TCG reste à 25 € en 2026 (texte publié depuis la vue admin).';

describe('admin view in Chromium', () => {
  let browser: Browser;
  let server: AdminServer;

  beforeAll(async () => {
    browser = await launchChromium();
    server = await startAdminServer({ train: workerTrainer(RELAIS_TRAINER) });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('publishes an edited answer that the professional chat then serves', { timeout: 60_000 }, async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${server.url}/admin?as=admin`);
    await page.getByLabel('Rechercher une intention').fill('tarif');
    const row = page.locator(`#answers tr[data-intent="${INTENT}"]`);
    await row.click();
    const text = page.getByLabel('Texte', { exact: true });
    await expect.poll(() => text.inputValue()).toContain('25 €');
    await text.fill(NEW_TEXT);
    await page.getByRole('button', { name: 'Aperçu' }).click();
    await page.getByText('Prendra effet immédiatement.').waitFor();
    expect(await page.locator('#preview-diff').textContent()).toContain(`+ | ${NEW_TEXT}`);
    await page.getByRole('button', { name: 'Publier' }).click();
    await page.getByText('Version v2 publiée.').waitFor();
    expect(await page.locator('#served').textContent()).toContain(NEW_TEXT);
    expect(await page.locator('#history li[data-version="v2"]').textContent()).toContain('par web:admin');

    await page.goto(server.url);
    const box = page.getByLabel('Votre question');
    await box.fill(QUESTION);
    await box.press('Enter');
    const answer = page.locator(`#log li.bot[data-kind="answer"][data-intent="${INTENT}"]`).first();
    await answer.waitFor({ timeout: 10_000 });
    expect(await answer.textContent()).toContain(NEW_TEXT);
  });
});
