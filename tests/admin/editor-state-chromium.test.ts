import type { Dialog, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { asOfDay } from '../../src/core/replies.js';
import { useAdminBrowser } from './harness.js';

/**
 * In a real browser, the answer editor as an admin uses it the day a rule changes: the sources can
 * be marked as re-read without touching the text (and only on purpose), a reload asks before
 * dropping unsaved edits, and lands back on the same answer and search.
 */

const INTENT = 'tlc_tarifs';
/** The harness's clock: 15 June 2026 in Paris. */
const TODAY = '2026-06-15';
const PARIS = { timezoneId: 'Europe/Paris', locale: 'fr-FR' };

describe('answer editor state (Chromium)', () => {
  const env = useAdminBrowser();

  const served = async () => {
    await env.server.admin.answers.refresh();
    return (await env.server.admin.answers.current(INTENT, env.server.clock.now()))!;
  };
  const openEditor = async (): Promise<Page> => {
    const page = await (await env.browser.newContext(PARIS)).newPage();
    await page.goto(`${env.server.url}/admin?as=admin`);
    await page.getByLabel('Rechercher une intention').fill(INTENT);
    await expect.poll(() => page.locator('#answers tbody tr').count()).toBe(1);
    await page.locator(`#answers tr[data-intent="${INTENT}"]`).click();
    await expect.poll(() => page.getByLabel('Texte', { exact: true }).inputValue()).toBe((await served()).text);
    return page;
  };

  it('sources re-read, text unchanged: the admin ticks « Sources vérifiées aujourd’hui » and the « à jour au » moves to today', { timeout: 60_000 }, async () => {
    const before = await served();
    expect(asOfDay(before)).not.toBe(TODAY);
    const page = await openEditor();
    const checkedToday = page.getByLabel("Sources vérifiées aujourd'hui");
    expect(await checkedToday.isVisible()).toBe(true);
    expect(await checkedToday.isChecked()).toBe(false);

    await checkedToday.check();
    await page.getByRole('button', { name: 'Aperçu' }).click();
    await page.getByText('Le bot affichera « à jour au 15/06/2026 ».').waitFor();
    await page.getByRole('button', { name: 'Publier' }).click();
    await page.getByText(/^Version v\d+ publiée\.$/).waitFor();
    const now = await served();
    expect(now.text).toBe(before.text);
    expect(asOfDay(now)).toBe(TODAY);
    // Reopened after publishing: unticked again.
    expect(await checkedToday.isChecked()).toBe(false);
  });

  it('a reload with unsaved edits asks first, then reopens the same answer and search; without edits it does not ask', { timeout: 60_000 }, async () => {
    const page = await openEditor();
    const text = page.getByLabel('Texte', { exact: true });
    await text.fill('Texte modifié mais pas encore enregistré.');

    const asked = page.waitForEvent('dialog');
    await page.evaluate(() => void setTimeout(() => window.location.reload(), 0));
    const dialog = await asked;
    expect(dialog.type()).toBe('beforeunload');
    await Promise.all([page.waitForEvent('load'), dialog.accept()]);

    await page.getByText('Connecté : Alex Admin').waitFor();
    await expect.poll(() => text.inputValue()).toBe((await served()).text);
    expect(await page.getByLabel('Rechercher une intention').inputValue()).toBe(INTENT);
    expect(await page.locator('#detail-title').textContent()).toContain(`(${INTENT})`);
    expect(await page.locator('#answers tbody tr').count()).toBe(1);

    // Nothing edited since: the page leaves without asking.
    const dialogs: Dialog[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d);
      void d.accept();
    });
    await page.reload();
    await page.getByText('Connecté : Alex Admin').waitFor();
    await expect.poll(() => text.inputValue()).toBe((await served()).text);
    expect(dialogs).toEqual([]);

    // Saved edits are not lost, so nothing to ask either.
    await text.fill(`${(await served()).text} Brouillon enregistré.`);
    await page.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
    await page.getByText('Brouillon enregistré.', { exact: true }).waitFor();
    await page.reload();
    await expect.poll(() => text.inputValue()).toContain('Brouillon enregistré.');
    expect(dialogs).toEqual([]);
  });
});
