import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Relais } from '../../src/app.js';
import { loadEscalationConfig, personOf, type Queue } from '../../src/escalation/config.js';
import {
  ChatPage,
  clockStartingAt,
  DelegatePage,
  dataFolderFiles,
  filesHoldingNir,
  launchBrowser,
  NIR,
  nirShapesIn,
  openAs,
  REPO_ROOT,
  SHOWS_WITHIN,
  type StableFront,
  stableFront,
  startRelais,
  tempDataDir,
} from './support.js';

/**
 * The journeys people notice, against the real composition root (`createRelais`, embedded store
 * on a temporary data folder) and headless Chromium, one browser context per person:
 * a professional's question goes to a delegate, who claims it, answers, reads the professional's
 * follow-up (the bot stays silent), resolves it proposing the answer for the FAQ; the professional
 * rates it; the admin finds the proposal in the suggestions inbox. And a restart between the claim
 * and the reply loses nothing. A NIR typed by the professional shows nowhere, nor in the data folder.
 */

/**
 * How long one start of Relais may take: it trains the matcher, 20-30 s on a 2-core machine busy
 * with other test files (a whole run of the restart test took over 60 s so).
 */
const START_WITHIN = 120_000;

/** The demo configuration the console serves (config/relais.yaml). */
const demo = loadEscalationConfig(path.join(REPO_ROOT, 'config/relais.yaml'));
const nameOf = (identity: string) => personOf(demo, identity).name;
/** "Karim Benali (conseiller CIS)", as replies are signed and claims announced. */
const signatureOf = (identity: string) => {
  const person = personOf(demo, identity);
  return person.role ? `${person.name} (${person.role})` : person.name;
};

const MOREAU = nameOf('web:ide-moreau');
const DURAND = nameOf('web:dr-durand');

/** A question outside what Relais answers, with a patient's NIR typed in it. */
const QUESTION_WITH_NIR = `Mon patient ${NIR} conteste un refus de prise en charge de son transport sanitaire, que faire ?`;

async function closeAll(pages: Page[]): Promise<void> {
  for (const page of pages) await page.context().close().catch(() => undefined);
}

/** Asks `question`, then "Parler à un délégué" under Relais's reply, then "Oui". */
async function escalate(chat: ChatPage, question: string): Promise<string> {
  const before = await chat.botMessages().count();
  await chat.ask(question);
  await expect.poll(() => chat.botMessages().count(), SHOWS_WITHIN).toBeGreaterThan(before);
  const offer = chat.botMessages().getByRole('button', { name: 'Parler à un délégué' }).last();
  await offer.click(SHOWS_WITHIN);
  const confirm = await chat.botSays('Je transmets à un délégué');
  await confirm.getByRole('button', { name: 'Oui' }).click();
  const transmitted = await chat.botSays("C'est transmis");
  return (await transmitted.innerText()).replace(/\s+/g, ' ');
}

// One story told in order: each step starts where the previous one left off (never shuffled).
describe('a question handed to a delegate, end to end in Chromium', { shuffle: false }, () => {
  let data: { dir: string; dispose: () => void } | undefined;
  let browser: Browser;
  let relais: Relais | undefined;
  let url: string;
  const pages: Page[] = [];
  /** What the delegate answered, which the admin must then find. */
  const DELEGATE_ANSWER =
    'Le refus de prise en charge se conteste auprès de la commission de recours amiable de la caisse, sous deux mois.';

  beforeAll(async () => {
    data = tempDataDir();
    browser = await launchBrowser();
    // A Tuesday morning, inside every queue's opening hours.
    ({ relais, url } = await startRelais({ dataDir: data!.dir, clock: clockStartingAt('2026-11-17T09:15:00Z') }));
  }, START_WITHIN);
  afterAll(async () => {
    await closeAll(pages);
    await browser?.close();
    await relais?.stop();
    data?.dispose();
  });

  it('reaches a named delegate who claims, answers, reads the follow-up and resolves; the professional rates it', {
    timeout: 60_000,
  }, async () => {
    const chat = new ChatPage(await openAs(browser, url, '', 'ide-moreau'));
    pages.push(chat.page);
    await chat.ready('ide-moreau');

    // The professional asks, is told the number was masked, and asks for a person.
    const transmitted = await escalate(chat, QUESTION_WITH_NIR);
    await chat.botSays('masqué un numéro de sécurité sociale');
    await expect
      .poll(() => chat.myMessages().first().innerText(), SHOWS_WITHIN)
      .toContain('Mon patient [n° masqué] conteste un refus');

    // The page names the queue that has it and its usual delay.
    const queue = demo.queues.find((q) => transmitted.includes(q.name)) as Queue | undefined;
    expect(queue, transmitted).toBeDefined();
    expect(transmitted).toContain(`en général sous ${queue!.deadlineHours} heures ouvrées`);
    const delegate = queue!.members[0]!;
    const delegateName = nameOf(delegate);

    // The card shows in that queue for its delegate, question masked.
    const board = new DelegatePage(await openAs(browser, url, 'delegate', delegate.slice('web:'.length)));
    pages.push(board.page);
    await board.ready(delegateName);
    const card = board.queueCard(queue!.name, MOREAU);
    await card.waitFor(SHOWS_WITHIN);
    expect(await card.innerText()).toContain('En attente de prise en charge');
    expect(await card.innerText()).toContain('Mon patient [n° masqué] conteste un refus');
    const moreau = personOf(demo, 'web:ide-moreau');
    expect(await card.innerText()).toContain(`${moreau.name} · ${moreau.profession} · ${moreau.territory}`);

    await card.getByRole('button', { name: 'Prendre en charge' }).click();
    await expect
      .poll(() => card.innerText(), SHOWS_WITHIN)
      .toMatch(new RegExp(`Pris en charge par ${delegateName} à \\d\\d:\\d\\d`));

    // The professional's page says who took it, without a reload.
    await chat.botSays(`${signatureOf(delegate)} prend en charge votre demande`);

    // The delegate answers; the professional reads it, signed.
    const mine = board.myCard(MOREAU);
    await mine.getByLabel('Votre réponse au professionnel').fill(DELEGATE_ANSWER);
    await mine.getByRole('button', { name: 'Envoyer' }).click();
    await expect.poll(() => mine.innerText(), SHOWS_WITHIN).toContain('Envoyé au professionnel.');
    const answer = await chat.botSays(DELEGATE_ANSWER);
    expect(await answer.innerText()).toContain(`— ${signatureOf(delegate)}`);

    // The professional writes again, a question Relais could answer on its own: it stays silent,
    // only acknowledges, and the delegate reads the message.
    const followUp = "Et combien de jours d'arrêt je peux prescrire en téléconsultation ?";
    await chat.ask(followUp);
    await expect.poll(() => chat.kindsAfterMyLastMessage(), SHOWS_WITHIN).toEqual(['relay']);
    expect(await chat.botMessages().last().innerText()).toContain('Transmis.');
    await board.notices().filter({ hasText: `${MOREAU} : ${followUp}` }).first().waitFor(SHOWS_WITHIN);
    expect(await chat.kindsAfterMyLastMessage()).toEqual(['relay']);

    // The history on demand keeps the NIR masked too.
    await mine.getByRole('button', { name: "Voir l'historique" }).click();
    await expect.poll(() => mine.innerText(), SHOWS_WITHIN).toContain(followUp);

    // Nothing on the delegate's page nor in the professional's own bubbles shows the NIR.
    expect(nirShapesIn(await board.visibleText())).toEqual([]);
    expect(nirShapesIn(await board.page.content())).toEqual([]);
    expect(nirShapesIn(await chat.transcript())).toEqual([]);

    // Resolved with the answer proposed for the FAQ: the professional gets the one-tap question.
    await mine.getByRole('button', { name: 'Résoudre et proposer comme réponse FAQ' }).click();
    const satisfaction = await chat.botSays(`${delegateName} a clôturé votre demande`);
    expect(await satisfaction.innerText()).toContain('Êtes-vous satisfait(e)');
    await satisfaction.getByRole('button', { name: '4', exact: true }).click();
    await chat.botSays('Merci pour votre avis');
    // A resolved request leaves the delegate's live board.
    await expect.poll(() => card.count(), SHOWS_WITHIN).toBe(0);
    await expect.poll(() => mine.count(), SHOWS_WITHIN).toBe(0);
  });

  it("shows the delegate's proposed answer in the admin's suggestions inbox", { timeout: 60_000 }, async () => {
    const page = await openAs(browser, url, 'admin', 'admin');
    pages.push(page);
    await page.getByRole('tab', { name: 'Suggestions' }).click();
    const proposal = page
      .locator('#suggestions li')
      .filter({ hasText: 'réponse proposée par un délégué' })
      .filter({ hasText: 'Mon patient [n° masqué] conteste un refus' });
    await proposal.first().waitFor(SHOWS_WITHIN);
    expect(await proposal.first().innerText()).toContain(DELEGATE_ANSWER);
    expect(nirShapesIn(await page.locator('body').innerText())).toEqual([]);
  });

  it('leaves no NIR in the data folder once stopped', { timeout: 60_000 }, async () => {
    await relais?.stop();
    relais = undefined;
    // The question was kept (masked), so the scan reads where it would be.
    const keeping = dataFolderFiles(data!.dir).filter((f) => f.text.includes('conteste un refus de prise en charge'));
    expect(keeping.length).toBeGreaterThan(0);
    expect(filesHoldingNir(data!.dir)).toEqual([]);
  });
});

describe('a restart between the claim and the reply, end to end in Chromium', () => {
  let data: { dir: string; dispose: () => void } | undefined;
  let browser: Browser;
  let relais: Relais | undefined;
  let front: StableFront | undefined;
  const pages: Page[] = [];
  // A Saturday: outside opening hours, the professional is told when to expect an answer.
  const clock = clockStartingAt('2026-11-21T09:00:00Z');

  beforeAll(async () => {
    data = tempDataDir();
    browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => {
    await closeAll(pages);
    await browser?.close();
    await relais?.stop();
    await front?.close();
    data?.dispose();
  });

  it("delivers the claim and the delegate's reply after a restart, the card still claimed", {
    timeout: 2 * START_WITHIN + 60_000,
  }, async () => {
    // The pages talk to a fixed front address, as behind a proxy: it forwards to the instance of the
    // moment, so the open pages keep working across the restart.
    front = await stableFront();
    const { url } = front;
    let instanceUrl: string;
    ({ relais, url: instanceUrl } = await startRelais({ dataDir: data!.dir, clock }));
    front.forwardTo(instanceUrl);

    const chat = new ChatPage(await openAs(browser, url, '', 'dr-durand'));
    pages.push(chat.page);
    await chat.ready('dr-durand');
    const transmitted = await escalate(chat, QUESTION_WITH_NIR);
    // Dr Durand's referent delegate has it; it is Saturday: answers from Monday morning.
    const referentQueue = demo.queues.find((q) => q.id === demo.referents['web:dr-durand'])!;
    const referent = referentQueue.members[0]!;
    expect(transmitted).toContain(`votre délégué(e), ${nameOf(referent)}, a reçu votre demande`);
    expect(transmitted).toContain(`en général sous ${referentQueue.deadlineHours} heures ouvrées`);
    expect(transmitted).toContain('Nos délégués sont absents en ce moment : réponse à partir du lundi 23 novembre à 08:30');

    const board = new DelegatePage(await openAs(browser, url, 'delegate', referent.slice('web:'.length)));
    pages.push(board.page);
    await board.ready(nameOf(referent));
    const card = board.queueCard(referentQueue.name, DURAND);
    await card.waitFor(SHOWS_WITHIN);
    await card.getByRole('button', { name: 'Prendre en charge' }).click();
    const claimed = new RegExp(`Pris en charge par ${nameOf(referent)} à \\d\\d:\\d\\d`);
    await expect.poll(() => card.innerText(), SHOWS_WITHIN).toMatch(claimed);

    // Stopped right after the claim, started again on the same data folder.
    await relais.stop();
    relais = undefined;
    ({ relais, url: instanceUrl } = await startRelais({ dataDir: data!.dir, clock }));
    front.forwardTo(instanceUrl);

    // The pages were not reloaded: the card is still claimed, the professional is told who has it.
    await expect.poll(() => board.page.locator('#network').isHidden(), SHOWS_WITHIN).toBe(true);
    await expect.poll(() => card.innerText(), SHOWS_WITHIN).toMatch(claimed);
    await chat.botSays(`${signatureOf(referent)} prend en charge votre demande`);

    const reply = 'Je regarde ce refus avec le service médical et je reviens vers vous lundi.';
    const mine = board.myCard(DURAND);
    await mine.getByLabel('Votre réponse au professionnel').fill(reply);
    await mine.getByRole('button', { name: 'Envoyer' }).click();
    const answer = await chat.botSays(reply);
    expect(await answer.innerText()).toContain(`— ${signatureOf(referent)}`);
    // Each message shows once, none lost nor doubled by the restart.
    expect(await chat.botMessages().filter({ hasText: 'prend en charge votre demande' }).count()).toBe(1);
    expect(await chat.botMessages().filter({ hasText: reply }).count()).toBe(1);

    expect(nirShapesIn(await board.visibleText())).toEqual([]);
    expect(nirShapesIn(await chat.transcript())).toEqual([]);
    await relais.stop();
    relais = undefined;
    expect(dataFolderFiles(data!.dir).some((f) => f.text.includes(reply))).toBe(true);
    expect(filesHoldingNir(data!.dir)).toEqual([]);
  });
});
