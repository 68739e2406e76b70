import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

const REPO_ROOT = path.resolve(import.meta.dirname, '../../..');
const APP_ID = '00000000-aaaa-4bbb-8ccc-000000000001';

/** The files of a ZIP archive, read from its central directory (what Teams' uploader does). */
function unzip(archive: Buffer): Map<string, Buffer> {
  const end = archive.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = archive.readUInt16LE(end + 10);
  let at = archive.readUInt32LE(end + 16);
  const files = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    expect(archive.readUInt32LE(at)).toBe(0x02014b50);
    const size = archive.readUInt32LE(at + 20);
    const nameLength = archive.readUInt16LE(at + 28);
    const extra = archive.readUInt16LE(at + 30) + archive.readUInt16LE(at + 32);
    const local = archive.readUInt32LE(at + 42);
    const name = archive.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    const dataStart = local + 30 + archive.readUInt16LE(local + 26) + archive.readUInt16LE(local + 28);
    files.set(name, inflateRawSync(archive.subarray(dataStart, dataStart + size)));
    at += 46 + nameLength + extra;
  }
  return files;
}

function pngSize(png: Buffer): [number, number] {
  expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
  return [png.readUInt32BE(16), png.readUInt32BE(20)];
}

describe('Teams app package', () => {
  it('zips the manifest with the app id and public URL filled in, and icons in the sizes Teams requires', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'relais-teams-package-'));
    try {
      const out = path.join(dir, 'relais-teams.zip');
      execFileSync(process.execPath, ['--import', 'tsx', 'teams/package.ts', '--out', out], {
        cwd: REPO_ROOT,
        env: {
          PATH: process.env.PATH,
          MicrosoftAppId: APP_ID,
          MicrosoftAppPassword: 'not-a-secret',
          MicrosoftAppTenantId: '11111111-2222-4333-8444-555555555555',
          PUBLIC_URL: 'https://relais.example.org/',
        },
      });
      const files = unzip(readFileSync(out));
      expect([...files.keys()].sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
      const manifest = JSON.parse(files.get('manifest.json')!.toString('utf8'));
      expect(manifest.id).toBe(APP_ID);
      expect(manifest.bots[0].botId).toBe(APP_ID);
      expect(manifest.webApplicationInfo.id).toBe(APP_ID);
      expect(manifest.developer.privacyUrl).toBe('https://relais.example.org/privacy');
      expect(manifest.authorization.permissions.resourceSpecific).toEqual([
        { name: 'ChannelMessage.Read.Group', type: 'Application' },
      ]);
      expect(JSON.stringify(manifest)).not.toContain('{{');
      expect(pngSize(files.get('color.png')!)).toEqual([192, 192]);
      expect(pngSize(files.get('outline.png')!)).toEqual([32, 32]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses to package without an app id, naming the variable', () => {
    expect(() =>
      execFileSync(
        process.execPath,
        ['--import', 'tsx', 'teams/package.ts', '--out', path.join(tmpdir(), 'x.zip')],
        {
          cwd: REPO_ROOT,
          env: { PATH: process.env.PATH, PUBLIC_URL: 'https://relais.example.org' },
          stdio: 'pipe',
        },
      ),
    ).toThrow(/MicrosoftAppId: required/);
  });
});
