import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QueueEditor } from '../../src/admin/queues.js';
import { importEscalationConfigFile } from '../../src/escalation/config-import.js';
import { storedDirectory } from '../../src/escalation/directory.js';
import { launchChromium } from '../support/browser.js';
import { type AdminServer, HARNESS_PEOPLE, startAdminServer } from './harness.js';
import { escalationConfig } from './support.js';

/**
 * What admins see of a queue file that changed after runtime queue edits: the daily digest, the
 * console's Queues tab (flagged, with the differences and the two ways to settle it), and who may
 * settle it.
 */

/** The harness's queue file after a reviewed change: Léa joins the CIS queue. */
const CHANGED_FILE = escalationConfig({
  admins: ['web:admin'],
  people: HARNESS_PEOPLE,
  queues: [{ id: 'cis', name: 'CIS', kind: 'team', members: ['web:karim', 'web:lea'] }],
});

// One story told in order: the conflict is looked at, then settled (never shuffled).
describe('queue configuration conflict in the admin console', { shuffle: false }, () => {
  let browser: Browser;
  let server: AdminServer;

  beforeAll(async () => {
    browser = await launchChromium();
    server = await startAdminServer();
    // An admin edited the queue at runtime after the file's import; then the deployment restarted on a changed file.
    server.clock.advance(60_000);
    await new QueueEditor(server.store, server.clock).updateQueue('web:admin', 'cis', { members: ['web:karim', 'web:claire'] });
    server.clock.advance(86_400_000);
    expect(await importEscalationConfigFile(server.store, CHANGED_FILE, { clock: server.clock })).toBe('conflict');
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const post = (name: string, body: unknown, user: string) =>
    fetch(`${server.url}/api/admin/commands/${name}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Relais-Demo-User': user },
      body: JSON.stringify(body),
    });

  it('is in the daily review digest', async () => {
    const digest = (await (await post('digests.preview', { kind: 'daily' }, 'admin')).json()).result;
    expect(digest.text).toContain('Configuration des files : le fichier a changé alors que les files avaient été modifiées en ligne');
    expect(digest.text).toContain('1 différence(s)');
  });

  it('may be settled by admins only', async () => {
    const refused = await post('queues.resolveConflict', { choice: 'file' }, 'karim');
    expect(refused.status).toBe(403);
    expect((await storedDirectory(server.store).current()).queues[0]!.members).toEqual(['web:karim', 'web:claire']);
  });

  it('is flagged in the Queues tab, and « Appliquer la version du fichier » serves the file’s queues', { timeout: 60_000 }, async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${server.url}/admin?as=admin`);
    const tab = page.getByRole('tab', { name: /Files/ });
    await expect.poll(() => tab.textContent()).toContain('conflit de fichier');
    await tab.click();
    const banner = page.locator('#queue-conflict');
    await banner.getByText('Le fichier de configuration des files (relais.yaml) a changé').waitFor();
    expect(await banner.textContent()).toContain('par web:admin');
    expect(await page.locator('#queue-conflict-differences li').allTextContents()).toEqual(['File cis : members']);
    expect(await page.locator('form[data-queue="cis"] input[name="members"]').inputValue()).toBe('web:karim, web:claire');

    await page.getByRole('button', { name: 'Appliquer la version du fichier' }).click();
    await expect.poll(() => page.locator('form[data-queue="cis"] input[name="members"]').inputValue()).toBe('web:karim, web:lea');
    expect(await banner.isHidden()).toBe(true);
    expect(await tab.textContent()).not.toContain('conflit de fichier');
    expect((await storedDirectory(server.store).current()).queues[0]!.members).toEqual(['web:karim', 'web:lea']);
    const audit = await server.store.listAudit({ subject: 'config:escalation' });
    expect(audit.at(-1)).toMatchObject({ actor: 'web:admin', action: 'escalation.config.conflict_file' });
  });
});
