import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { MAX_SIDE, optimiseImage } from './optimise-media.ts';

describe('optimiseImage', () => {
  it('shrinks a large photo to 2048 px and removes its metadata', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'plein-media-')), 'groot.jpg');
    const big = await sharp({ create: { width: 4000, height: 3000, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 30 } } })
      .jpeg({ quality: 95 })
      .withExif({ IFD0: { Artist: 'Geheim' } })
      .toBuffer();
    writeFileSync(file, big);
    expect(await optimiseImage(file)).toBeGreaterThan(0);
    const meta = await sharp(file).metadata();
    expect(Math.max(meta.width!, meta.height!)).toBe(MAX_SIDE);
    expect(meta.exif).toBeUndefined();
    expect(readFileSync(file).includes(Buffer.from('Geheim'))).toBe(false);
  });

  it('leaves a small, already compact image alone', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'plein-media-')), 'klein.png');
    writeFileSync(file, await sharp({ create: { width: 8, height: 8, channels: 3, background: '#fff' } }).png({ compressionLevel: 9, palette: true }).toBuffer());
    const before = statSync(file).size;
    await optimiseImage(file);
    expect(statSync(file).size).toBeLessThanOrEqual(before);
    expect((await sharp(file).metadata()).width).toBe(8);
  });

  it('refuses bytes that are not an image', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'plein-media-')), 'nep.jpg');
    writeFileSync(file, '<svg onload="alert(1)"></svg>');
    await expect(optimiseImage(file)).rejects.toThrow();
  });
});
