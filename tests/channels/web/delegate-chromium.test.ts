import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COLLECTIONS, type Escalation } from '../../../src/escalation/model.js';
import { launchChromium } from '../../support/browser.js';
import { type DelegateConsole, openFromMoreau, startDelegateConsole } from './delegate-support.js';

/**
 * Two delegates of the same queue, each in their own browser context, click "Prendre en charge" on
 * the same card at the same moment: one owns it, the other is told who has it, and a third page
 * (their supervisor, who clicked nothing) shows the claim without a reload.
 */
describe('web console, delegate view in Chromium', () => {
  let browser: Browser;
  let c: DelegateConsole;

  beforeAll(async () => {
    browser = await launchChromium();
    c = await startDelegateConsole();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await c?.stop();
  });

  async function delegatePage(who: string): Promise<Page> {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${c.url}/delegate?as=${who}`);
    return page;
  }

  it('gives the card to exactly one of two simultaneous clicks and shows it everywhere without reload', async () => {
    const escalation = await openFromMoreau(c);
    const [karim, claire, sophie] = await Promise.all([
      delegatePage('karim'),
      delegatePage('claire'),
      delegatePage('sophie'),
    ]);
    const card = (page: Page) => page.locator(`#queues article[data-escalation="${escalation.id}"]`);
    for (const page of [karim, claire, sophie])
      await expect.poll(() => card(page).count(), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => karim.locator('#who').textContent()).toBe('Connecté(e) : Karim Benali');

    const claimButton = (page: Page) => card(page).getByRole('button', { name: 'Prendre en charge' });
    await Promise.all([claimButton(karim).click(), claimButton(claire).click()]);

    const stored = (await c.store.get<Escalation>(COLLECTIONS.escalations, escalation.id))!.value;
    expect(stored.status).toBe('claimed');
    const owner = stored.owner!.name;
    expect(['Karim Benali', 'Claire Martin']).toContain(owner);
    const claims = (await c.store.listAudit({ subject: `escalation:${escalation.id}` })).filter(
      (a) => a.action === 'escalation.claim',
    );
    expect(claims).toHaveLength(1);

    const [winner, loser] = owner === 'Karim Benali' ? [karim, claire] : [claire, karim];
    const status = new RegExp(`^Pris en charge par ${owner} à \\d\\d:\\d\\d$`);
    for (const page of [winner, loser, sophie]) {
      await expect
        .poll(() => card(page).getByTestId('status').textContent(), { timeout: 10_000 })
        .toMatch(status);
    }
    await expect
      .poll(() => card(loser).locator('.message').textContent())
      .toBe(`Déjà pris en charge par ${owner}.`);
    // Only the owner gets the reply box; the card is in the owner's "Mes demandes".
    await expect
      .poll(() => winner.locator(`#mine article[data-escalation="${escalation.id}"] textarea`).count())
      .toBe(1);
    expect(await card(loser).locator('textarea').count()).toBe(0);
    expect(await claimButton(sophie).count()).toBe(0);
  }, 60_000);
});
