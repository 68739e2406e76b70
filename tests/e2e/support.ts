import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { type AddressInfo, connect, createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { createRelais, type Relais } from '../../src/app.js';
import type { Clock } from '../../src/clock.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/observability.js';
import { launchChromium } from '../support/browser.js';

/**
 * What the end-to-end journeys share: the real composition root started on a temporary data
 * folder, a headless Chromium with one browser context per person, the chat and delegate pages
 * read as a person reads them, and the data-folder scan for a NIR.
 */

export const REPO_ROOT = path.resolve(import.meta.dirname, '../..');

/** How long a person waits for something to show on a page (the chat polls every 2.5 s). */
export const SHOWS_WITHIN = { timeout: 15_000, interval: 100 } as const;

/** A headless Chromium (Debian's, provisioned by `npm test`). */
export const launchBrowser = launchChromium;

/**
 * Real time, moved to start at `start`: the journeys happen at a known moment of the queues'
 * opening hours (inside them, or on a Saturday), and time still passes for the outbox and polls.
 */
export function clockStartingAt(start: string): Clock {
  const offset = new Date(start).getTime() - Date.now();
  return { now: () => new Date(Date.now() + offset) };
}

/** A fixed address in front of an instance that may restart elsewhere. */
export interface StableFront {
  /** What the pages open: it stays the same across restarts. */
  url: string;
  /** Where new connections go from now on (the instance's own URL). */
  forwardTo(instanceUrl: string): void;
  close(): Promise<void>;
}

/**
 * A TCP forwarder on a free loopback port, as the reverse proxy in front of Relais in production:
 * pages keep their URL when Relais restarts on another port. (Restarting Relais on its old port
 * raced with any other process of the machine taking that port meanwhile.)
 */
export async function stableFront(): Promise<StableFront> {
  let target: { host: string; port: number } | undefined;
  const open = new Set<Socket>();
  const track = (socket: Socket): Socket => {
    open.add(socket);
    socket.on('close', () => open.delete(socket));
    return socket;
  };
  const server = createServer((client) => {
    track(client);
    if (!target) return void client.destroy();
    const instance = track(connect(target.port, target.host));
    client.pipe(instance).pipe(client);
    // One side gone (a stopped instance, a closed page): the other goes too, as through a proxy.
    client.on('error', () => instance.destroy()).on('close', () => instance.destroy());
    instance.on('error', () => client.destroy()).on('close', () => client.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    forwardTo(instanceUrl) {
      const parsed = new URL(instanceUrl);
      target = { host: parsed.hostname, port: Number(parsed.port) };
    },
    async close() {
      for (const socket of open) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A temporary data folder, removed by `dispose`. */
export function tempDataDir(): { dir: string; dispose: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'relais-e2e-'));
  return { dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Relais as `npm start` composes it, on `dataDir`, listening on `port` (0: any). */
export async function startRelais(input: {
  dataDir: string;
  port?: number;
  clock: Clock;
}): Promise<{ relais: Relais; url: string }> {
  const config = loadConfig({
    PORT: String(input.port ?? 0),
    RELAIS_DATA_DIR: input.dataDir,
    RELAIS_CONTENT_DIR: REPO_ROOT,
    OUTBOX_POLL_MS: '50',
    METRICS_ENABLED: 'false',
  });
  const relais = await createRelais(config, {
    clock: input.clock,
    logger: createLogger('warn', { write: () => undefined }),
  });
  const { url } = await relais.start();
  return { relais, url };
}

/** A person at their own browser (own context: own storage, own demo identity). */
export async function openAs(browser: Browser, url: string, view: '' | 'delegate' | 'admin', who: string): Promise<Page> {
  const context = await browser.newContext({ locale: 'fr-FR', timezoneId: 'Europe/Paris' });
  const page = await context.newPage();
  // A step that cannot happen fails with its own message, well before the test's time limit.
  page.setDefaultTimeout(SHOWS_WITHIN.timeout);
  await page.goto(`${url}/${view}?as=${encodeURIComponent(who)}`);
  return page;
}

// ---- NIR ------------------------------------------------------------------------------------

/** A NIR as a professional would type it, and the shapes it could be stored in. */
export const NIR = '1 85 05 78 006 084 91';
const NIR_SHAPES = [NIR, NIR.replace(/ /g, ''), '1850578006084 91', '006 084 91', '00608491'];

/** The NIR shapes found in `text` (none, when it was masked). */
export function nirShapesIn(text: string): string[] {
  return NIR_SHAPES.filter((shape) => text.includes(shape));
}

/** Every non-empty file under `dir` with its text, as anyone reading the data folder would see it. */
export function dataFolderFiles(dir: string): Array<{ file: string; text: string }> {
  const files: Array<{ file: string; text: string }> = [];
  const walk = (at: string) => {
    for (const name of readdirSync(at)) {
      const full = path.join(at, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (statSync(full).size > 0) files.push({ file: path.relative(dir, full), text: readFileSync(full, 'utf8') });
    }
  };
  walk(dir);
  return files;
}

/** The files of the data folder that hold the NIR, with the shapes found (none, when masked). */
export function filesHoldingNir(dir: string): Array<{ file: string; shapes: string[] }> {
  return dataFolderFiles(dir)
    .map(({ file, text }) => ({ file, shapes: nirShapesIn(text) }))
    .filter((f) => f.shapes.length > 0);
}

// ---- The professional's chat ------------------------------------------------------------------

/** The chat page as the professional reads it. */
export class ChatPage {
  constructor(readonly page: Page) {}

  /** Waits until the page says who is chatting (the demo identity picked by `?as=`). */
  async ready(who: string): Promise<void> {
    await expect.poll(() => this.page.locator('#identity-select').inputValue(), SHOWS_WITHIN).toBe(who);
  }

  async ask(text: string): Promise<void> {
    const box = this.page.getByLabel('Votre question');
    await box.fill(text);
    await box.press('Enter');
  }

  /** Relais's messages, in order. */
  botMessages(): Locator {
    return this.page.locator('#log li.bot');
  }

  /** The professional's own bubbles, in order. */
  myMessages(): Locator {
    return this.page.locator('#log li.me');
  }

  /** Relais's first message that contains `text`, once it shows. */
  async botSays(text: string | RegExp): Promise<Locator> {
    const message = this.botMessages().filter({ hasText: text }).first();
    await message.waitFor(SHOWS_WITHIN);
    return message;
  }

  /** The visible text of the whole conversation. */
  async transcript(): Promise<string> {
    return (await this.page.locator('#log').innerText()).replace(/\s+/g, ' ');
  }

  /** Kinds of Relais's messages shown after the professional's latest bubble. */
  kindsAfterMyLastMessage(): Promise<string[]> {
    return this.page.evaluate(() => {
      const items = Array.from(document.querySelectorAll('#log li'));
      const lastMine = items.findLastIndex((li) => li.classList.contains('me'));
      return items.slice(lastMine + 1).map((li) => (li as HTMLElement).dataset.kind ?? '');
    });
  }
}

// ---- The delegate view ------------------------------------------------------------------------

/** The delegate view as a delegate reads it. */
export class DelegatePage {
  constructor(readonly page: Page) {}

  async ready(name: string): Promise<void> {
    await expect.poll(() => this.page.locator('#who').textContent(), SHOWS_WITHIN).toBe(`Connecté(e) : ${name}`);
  }

  /** The request of `asker` as shown in the queue named `queue`. */
  queueCard(queue: string, asker: string): Locator {
    return this.page
      .locator('#queues section')
      .filter({ has: this.page.getByRole('heading', { name: queue }) })
      .locator('article')
      .filter({ hasText: `Demande de ${asker}` });
  }

  /** The request of `asker` in "Mes demandes". */
  myCard(asker: string): Locator {
    return this.page.locator('#mine article').filter({ hasText: `Demande de ${asker}` });
  }

  /** The visible text of the whole view. */
  async visibleText(): Promise<string> {
    return this.page.locator('body').innerText();
  }

  /** The view's messages (relayed messages, reminders). */
  notices(): Locator {
    return this.page.locator('#notices li');
  }
}
