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
    // Pressed in the same instant: a click with Playwright's checks (visible, stable, scrolled)
    // can take long enough on a loaded machine for the other claim to reach this page first, and
    // the button of a card someone else owns is no longer there to click.
    const press = (page: Page) => claimButton(page).evaluate((button: HTMLElement) => button.click());
    await Promise.all([press(karim), press(claire)]);

    const read = async () => (await c.store.get<Escalation>(COLLECTIONS.escalations, escalation.id))!.value;
    // The presses return once dispatched; the claims are requests on their way.
    await expect.poll(async () => (await read()).status, { timeout: 10_000 }).toBe('claimed');
    const stored = await read();
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
    // The loser is shown who has it and no button but the history; the winner's request shows in
    // full once, in « Mes demandes », its queue keeping a one-line reference.
    expect(await card(loser).getByRole('button').allTextContents()).toEqual(["Voir l'historique"]);
    expect(await winner.locator(`article[data-escalation="${escalation.id}"] .question`).count()).toBe(1);
    expect(await card(winner).innerText()).toContain('Vous l\'avez prise en charge : voir « Mes demandes ».');
  }, 60_000);

  it('transfers only to a queue the delegate chose and confirmed, and filters the board', async () => {
    const ask = (id: string, question: string, topic: string) =>
      c.escalation.service.open({
        user: { channel: 'web', id, displayName: 'Inès Leroy', profession: 'infirmière libérale' },
        conversation: { channel: 'web', id },
        locale: 'fr',
        question,
        topic,
        guesses: [],
        reason: 'unsure',
      });
    await ask('ide-leroy', 'Comment facturer une téléexpertise de niveau 2 ?', 'teleexpertise');
    const first = (await c.escalation.service.latestFor('web:ide-leroy'))!;
    await ask('dr-petit', 'Un arrêt de travail peut-il être prolongé par un autre médecin ?', 'arret_travail');
    const karim = await delegatePage('karim');
    const card = karim.locator(`#queues article[data-escalation="${first.id}"]`);
    await expect.poll(() => card.count(), { timeout: 10_000 }).toBe(1);
    expect(await card.locator('h4').textContent()).toBe('Comment facturer une téléexpertise de niveau 2 ?');
    expect(await card.innerText()).toMatch(/Attend depuis \d+ min · Échéance : /);

    // No queue chosen: nothing moves, the delegate is asked to choose.
    expect(await card.getByRole('combobox').inputValue()).toBe('');
    await card.getByRole('button', { name: 'Transférer' }).click();
    await expect.poll(() => card.locator('.message').textContent()).toBe("Choisissez d'abord la file de destination.");
    // Chosen, then the confirmation declined: nothing moves either.
    await card.getByRole('combobox').selectOption({ label: 'Service relations professionnels de santé (Strasbourg)' });
    karim.once('dialog', (dialog) => void dialog.dismiss());
    await card.getByRole('button', { name: 'Transférer' }).click();
    const queueOf = async () => (await c.store.get<Escalation>(COLLECTIONS.escalations, first.id))!.value.queueId;
    expect(await queueOf()).toBe('cis-nord');
    // Confirmed: it moves, and the professional is told the new queue's delay and hours.
    const asked: string[] = [];
    karim.once('dialog', (dialog) => {
      asked.push(dialog.message());
      void dialog.accept();
    });
    await card.getByRole('button', { name: 'Transférer' }).click();
    await expect.poll(queueOf, { timeout: 10_000 }).toBe('service-pro');
    expect(asked).toEqual(['Transférer cette demande vers « Service relations professionnels de santé (Strasbourg) » ? Elle quittera votre file.']);
    const told = (await c.store.listOutbox({ status: 'pending' }))
      .map((i) => JSON.stringify(i.payload))
      .find((p) => p.includes('transmise à **Service relations professionnels'));
    expect(told).toContain('Réponse en général sous 16 heures ouvrées.');

    // The text filter keeps the requests whose question or asker match, accents or not (CIS Nord
    // still holds Paul Moreau's request and Dr Petit's).
    const articles = karim.locator('#queues article');
    await expect.poll(() => articles.count(), { timeout: 10_000 }).toBe(2);
    await karim.getByLabel('Rechercher (question, demandeur, profession, territoire)').fill('prolonge');
    await expect.poll(() => articles.count()).toBe(1);
    await karim.getByLabel('Rechercher (question, demandeur, profession, territoire)').fill('kinésithérapeute');
    await expect.poll(() => articles.count()).toBe(0);
  }, 60_000);
});
