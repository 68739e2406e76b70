import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { COLLECTIONS, type Escalation } from '../../../src/escalation/model.js';
import { launchChromium } from '../../support/browser.js';
import { type DelegateConsole, openFromMoreau, startDelegateConsole } from './delegate-support.js';

/**
 * A delegate working through « Mes demandes » in Chromium: each action says what it did in the
 * status line (a live region) and leaves the keyboard somewhere sensible; one time line per card;
 * reply drafts and the filter survive a reload of the tab, not the tab; the text filter finds the
 * profession and territory shown on the card.
 */
describe('web console, a delegate working through requests in Chromium', () => {
  let browser: Browser;
  let c: DelegateConsole;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    c = await startDelegateConsole();
  });
  // Pages closed first: a page that still polls would keep its server from stopping.
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((context) => context.close()));
    await c.stop();
  });

  async function claireTab(context?: BrowserContext): Promise<Page> {
    if (!context) {
      context = await browser.newContext();
      contexts.push(context);
    }
    const page = await context.newPage();
    await page.goto(`${c.url}/delegate?as=claire`);
    return page;
  }

  /** Paul Moreau (infirmier libéral, Metz) in CIS Nord, Dr Julie Durand (Lille) in Claire's DAM queue. */
  async function twoRequests() {
    const moreau = await openFromMoreau(c);
    await c.escalation.service.open({
      user: { channel: 'web', id: 'dr-durand', displayName: 'Dr Julie Durand', profession: 'médecin généraliste' },
      conversation: { channel: 'web', id: 'dr-durand' },
      locale: 'fr',
      question: 'Puis-je prescrire un arrêt de travail en téléconsultation à un nouveau patient ?',
      topic: 'arret_travail',
      guesses: [],
      reason: 'unsure',
    });
    const durand = (await c.escalation.service.latestFor('web:dr-durand'))!;
    return { moreau, durand };
  }

  const stored = async (id: string) => (await c.store.get<Escalation>(COLLECTIONS.escalations, id))!.value;
  const status = (page: Page) => page.getByRole('status').textContent();
  /** Where the keyboard is: `<list>/<escalation id>` for a card, the element's id otherwise. */
  const focused = (page: Page) =>
    page.evaluate(() => {
      const active = document.activeElement as HTMLElement | null;
      if (active?.tagName === 'ARTICLE') return `${active.closest('#mine') ? 'mine' : 'queue'}/${active.dataset.escalation}`;
      return active?.id ?? '';
    });

  it('says what each action did and keeps the keyboard on the request it moved, or the next one', async () => {
    const { moreau, durand } = await twoRequests();
    const page = await claireTab();
    const queued = (id: string) => page.locator(`#queues article[data-escalation="${id}"]`);
    const mine = (id: string) => page.locator(`#mine article[data-escalation="${id}"]`);
    await expect.poll(() => page.locator('#queues article').count(), { timeout: 10_000 }).toBe(2);
    expect(await queued(moreau.id).getByTestId('times').textContent()).toMatch(/^Attend depuis 0 min · Échéance : /);

    // Tab to « Prendre en charge », Enter: the status line says so, the keyboard is on the request in « Mes demandes ».
    for (const [escalation, name] of [
      [moreau, 'Paul Moreau'],
      [durand, 'Dr Julie Durand'],
    ] as const) {
      await queued(escalation.id).getByRole('button', { name: 'Prendre en charge' }).focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => status(page), { timeout: 10_000 }).toBe(`Vous avez pris en charge la demande de ${name}.`);
      await expect.poll(() => focused(page), { timeout: 10_000 }).toBe(`mine/${escalation.id}`);
    }
    expect(await page.getByRole('status').getAttribute('aria-live')).toBe('polite');

    // One time line: awaiting a reply (no « Attend depuis » twice), then replied, without the deadline.
    const times = mine(moreau.id).getByTestId('times');
    expect(await times.textContent()).toMatch(/^En attente de réponse depuis 0 min · Échéance : \S.+ à \d\d:\d\d$/);
    expect(await mine(moreau.id).innerText()).not.toContain('Attend depuis');
    await mine(moreau.id).getByRole('textbox').fill('Oui, dans la limite de 3 jours.');
    await mine(moreau.id).getByRole('button', { name: 'Envoyer' }).click();
    await expect.poll(() => times.textContent(), { timeout: 10_000 }).toMatch(/^Répondu le \S.+ à \d\d:\d\d$/);
    await expect.poll(() => status(page)).toBe('Envoyé au professionnel.');

    // Resolving one request: it is said, and the keyboard moves to the other request of the list.
    const order = await page.locator('#mine > article').evaluateAll((cards) =>
      cards.map((card) => (card as HTMLElement).dataset.escalation),
    );
    const [first, second] = order[0] === moreau.id ? [moreau, durand] : [durand, moreau];
    const names = { [moreau.id]: 'Paul Moreau', [durand.id]: 'Dr Julie Durand' };
    await mine(first.id).getByRole('button', { name: 'Résoudre', exact: true }).click();
    await expect.poll(() => status(page), { timeout: 10_000 }).toBe(`Demande de ${names[first.id]} résolue.`);
    await expect.poll(async () => (await stored(first.id)).status, { timeout: 10_000 }).toBe('resolved');
    await expect.poll(() => mine(first.id).count(), { timeout: 10_000 }).toBe(0);
    await expect.poll(() => focused(page)).toBe(`mine/${second.id}`);

    // Transferring the last one: said with the queue it went to; the keyboard lands on the list's heading.
    const target = 'Service relations professionnels de santé (Strasbourg)';
    await mine(second.id).getByRole('combobox').selectOption({ label: target });
    page.once('dialog', (dialog) => void dialog.accept());
    await mine(second.id).getByRole('button', { name: 'Transférer' }).click();
    await expect
      .poll(() => status(page), { timeout: 10_000 })
      .toBe(`Demande de ${names[second.id]} transférée vers « ${target} ».`);
    await expect.poll(async () => (await stored(second.id)).queueId, { timeout: 10_000 }).toBe('service-pro');
    await expect.poll(() => focused(page)).toBe('mine-heading');
    expect(await page.locator('#mine article').count()).toBe(0);
  }, 60_000);

  it('keeps the reply draft and the filter through a reload of the tab, not into a new tab, and finds the territory', async () => {
    const { moreau, durand } = await twoRequests();
    expect((await c.escalation.delegates.claim('web:claire', moreau.id)).ok).toBe(true);
    const page = await claireTab();
    const search = page.getByLabel('Rechercher (question, demandeur, profession, territoire)');
    const draft = page.locator(`#mine article[data-escalation="${moreau.id}"] textarea`);
    const shownIds = () =>
      page.locator('main article:not(.reference)').evaluateAll((cards) =>
        cards.map((card) => (card as HTMLElement).dataset.escalation),
      );
    await draft.waitFor({ timeout: 10_000 });
    await expect.poll(() => shownIds(), { timeout: 10_000 }).toHaveLength(2);
    await draft.fill('Le patient sort d’une hospitalisation, je vérifie ses droits.');

    // The territory and the profession the card shows are found.
    await search.fill('lille');
    await expect.poll(() => shownIds()).toEqual([durand.id]);
    await search.fill('infirmier metz');
    await expect.poll(() => shownIds()).toEqual([moreau.id]);

    // Reloaded: the filter is as it was, and so is the draft.
    await search.fill('LILLE');
    await page.reload();
    await expect.poll(() => search.inputValue(), { timeout: 10_000 }).toBe('LILLE');
    await expect.poll(() => shownIds(), { timeout: 10_000 }).toEqual([durand.id]);
    await search.fill('');
    await expect.poll(() => draft.inputValue(), { timeout: 10_000 }).toBe(
      'Le patient sort d’une hospitalisation, je vérifie ses droits.',
    );
    // Another tab of the same browser starts clean: the draft may describe a patient.
    const other = await claireTab(page.context());
    const otherDraft = other.locator(`#mine article[data-escalation="${moreau.id}"] textarea`);
    await otherDraft.waitFor({ timeout: 10_000 });
    expect(await otherDraft.inputValue()).toBe('');
    await other.close();

    // Sent: the draft goes, a reload brings back an empty box.
    await page.locator(`#mine article[data-escalation="${moreau.id}"]`).getByRole('button', { name: 'Envoyer' }).click();
    await expect.poll(() => draft.inputValue(), { timeout: 10_000 }).toBe('');
    await page.reload();
    await draft.waitFor({ timeout: 10_000 });
    expect(await draft.inputValue()).toBe('');

    // A draft of a request that leaves « Mes demandes » (released by the supervisor) is dropped.
    await draft.fill('Brouillon à ne pas garder');
    const kept = () => page.evaluate(() => window.sessionStorage.getItem('relais.delegate.drafts') ?? '');
    expect(await kept()).toContain('Brouillon à ne pas garder');
    expect((await c.escalation.delegates.release('web:sophie', moreau.id)).ok).toBe(true);
    await expect.poll(() => draft.count(), { timeout: 10_000 }).toBe(0);
    await expect.poll(kept).not.toContain('Brouillon');
  }, 60_000);
});
