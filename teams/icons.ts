import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { crc32, deflateSync } from 'node:zlib';

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** An RGBA PNG of `size`×`size` whose pixel (x, y) is `pixel(x, y)`. */
export function png(size: number, pixel: (x: number, y: number) => [number, number, number, number]): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.writeUInt8(8, 8); // bit depth
  header.writeUInt8(6, 9); // RGBA
  const rows = Buffer.alloc(size * (1 + size * 4));
  for (let y = 0; y < size; y++) {
    const row = y * (1 + size * 4);
    for (let x = 0; x < size; x++) rows.set(pixel(x, y), row + 1 + x * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A ring: inside the disc of radius `outer`, outside the one of radius `inner`. */
function ring(size: number, x: number, y: number, outer: number, inner: number): boolean {
  const d = Math.hypot(x + 0.5 - size / 2, y + 0.5 - size / 2);
  return d <= outer && d >= inner;
}

/**
 * Placeholder icons in the sizes Teams requires: `color.png` 192×192 (a white ring on the accent
 * colour) and `outline.png` 32×32 (the white ring on transparency). Replace them with real ones.
 */
export function writePlaceholderIcons(dir: string): void {
  const color = path.join(dir, 'color.png');
  const outline = path.join(dir, 'outline.png');
  if (!existsSync(color)) {
    writeFileSync(
      color,
      png(192, (x, y) => (ring(192, x, y, 60, 40) ? [255, 255, 255, 255] : [11, 92, 173, 255])),
    );
  }
  if (!existsSync(outline)) {
    writeFileSync(
      outline,
      png(32, (x, y) => (ring(32, x, y, 14, 9) ? [255, 255, 255, 255] : [0, 0, 0, 0])),
    );
  }
}
