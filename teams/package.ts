/**
 * Builds the Teams app package (the zip an administrator uploads in the Teams admin center):
 * `teams/manifest.json` with the bot's app id and public URL filled in, plus the two icons.
 *
 *   node --import tsx teams/package.ts [--out tmp/relais-teams.zip]
 *
 * Reads MicrosoftAppId and PUBLIC_URL through the configuration module (environment or `.env`).
 * Missing icons are generated as plain placeholders (192×192 colour, 32×32 white outline).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../src/config.js';
import { writePlaceholderIcons } from './icons.js';
import { zip } from './zip.js';

const HERE = import.meta.dirname;

function fail(message: string): never {
  process.stderr.write(`teams:package: ${message}\n`);
  process.exit(1);
}

function main(): void {
  const args = process.argv.slice(2);
  const outIndex = args.indexOf('--out');
  const out = path.resolve(
    outIndex >= 0 && args[outIndex + 1] ? args[outIndex + 1]! : 'tmp/relais-teams.zip',
  );
  const config = loadConfig();
  if (!config.MicrosoftAppId) fail("MicrosoftAppId: required (the Azure Bot's Microsoft App ID)");
  if (!config.PUBLIC_URL?.startsWith('https://')) {
    fail('PUBLIC_URL: required, an https:// address (shown as the developer site, privacy and terms pages)');
  }
  const publicUrl = config.PUBLIC_URL.replace(/\/+$/, '');
  const template = readFileSync(path.join(HERE, 'manifest.json'), 'utf8');
  const manifestText = template
    .replaceAll('{{MICROSOFT_APP_ID}}', config.MicrosoftAppId)
    .replaceAll('{{PUBLIC_URL}}', publicUrl);
  const manifest = JSON.parse(manifestText) as { id: string };
  if (!/^[0-9a-f-]{36}$/i.test(manifest.id)) fail('MicrosoftAppId: must be a GUID (as Azure shows it)');
  writePlaceholderIcons(HERE);
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(
    out,
    zip([
      { name: 'manifest.json', data: Buffer.from(manifestText, 'utf8') },
      { name: 'color.png', data: readFileSync(path.join(HERE, 'color.png')) },
      { name: 'outline.png', data: readFileSync(path.join(HERE, 'outline.png')) },
    ]),
  );
  process.stdout.write(`Teams app package written to ${out}\n`);
}

main();
