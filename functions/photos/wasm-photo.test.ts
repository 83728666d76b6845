// The Workers photo processor run in real workerd (Miniflare), with the EXIF/GPS/XMP/ICC images of the Node tests.
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { includes, jpegWithSecrets, noise, pixelOf, rotatedJpeg, SECRET_EXIF, SECRET_STRINGS, SECRET_XMP, solid } from '../../tests/support/photo-samples.ts';
import { startPhotoWorker, type PhotoWorker } from '../../tests/support/wasm-photo-worker.ts';
import { WORKER_MAX_PIXELS } from './photo-rules.ts';

let worker: PhotoWorker;
beforeAll(async () => {
  worker = await startPhotoWorker();
}, 120_000);
afterAll(() => worker?.dispose());

async function post(body: Uint8Array) {
  const response = await worker.mf.dispatchFetch('http://photo.test/', { method: 'POST', body });
  const bytes = new Uint8Array(await response.arrayBuffer());
  const headers = { width: Number(response.headers.get('x-width')), height: Number(response.headers.get('x-height')), extension: response.headers.get('x-extension') };
  return { status: response.status, bytes, ...headers, json: () => JSON.parse(Buffer.from(bytes).toString('utf8')) as { code: string; message: string } };
}

async function expectMetadataFree(bytes: Uint8Array, format: string) {
  const meta = await sharp(bytes).metadata();
  expect(meta.format).toBe(format);
  expect(meta.exif ?? meta.xmp ?? meta.icc ?? meta.iptc).toBeUndefined();
  for (const secret of SECRET_STRINGS) expect(includes(bytes, secret), secret).toBe(false);
  return meta;
}

describe('processPhoto on Workers (workerd)', () => {
  it('ships under a megabyte and a half of code and WebAssembly', () => {
    expect(worker.sizes.wasm).toBeGreaterThan(500_000);
    expect(worker.sizes.script + worker.sizes.wasm).toBeLessThan(1_500_000);
  });

  it('strips EXIF (incl. GPS), XMP, ICC and a comment from a JPEG', async () => {
    const input = await jpegWithSecrets();
    expect(includes(input, 'WGS-84') && includes(input, 'Geheime opmerking')).toBe(true);
    const out = await post(input);
    expect(out).toMatchObject({ status: 200, extension: 'jpg', width: 640, height: 480 });
    expect(await expectMetadataFree(out.bytes, 'jpeg')).toMatchObject({ width: 640, height: 480 });
    expect(includes(out.bytes, 'Geheime opmerking')).toBe(false);
  });

  it('resizes 4000×2000 to 2048×1024 and a portrait PNG to 1024×2048', async () => {
    const landscape = await post(await noise(4000, 2000).jpeg({ quality: 70 }).toBuffer());
    expect(landscape).toMatchObject({ status: 200, extension: 'jpg', width: 2048, height: 1024 });
    expect(await sharp(landscape.bytes).metadata()).toMatchObject({ width: 2048, height: 1024 });
    const portrait = await post(await solid(1500, 3000).png().toBuffer());
    expect(portrait).toMatchObject({ status: 200, extension: 'png', width: 1024, height: 2048 });
  });

  it('applies the EXIF orientation and drops the tag', async () => {
    const out = await post(await rotatedJpeg());
    expect(out).toMatchObject({ status: 200, width: 50, height: 100 });
    const meta = await sharp(out.bytes).metadata();
    expect(meta).toMatchObject({ width: 50, height: 100 });
    expect(meta.orientation).toBeUndefined();
    expect((await pixelOf(out.bytes, 25, 20))[0]).toBeGreaterThan(200); // top: red
    expect((await pixelOf(out.bytes, 25, 80))[2]).toBeGreaterThan(200); // bottom: blue
  });

  it('keeps a PNG and a WebP with alpha, without their metadata', async () => {
    const png = await post(await solid(300, 200, { r: 0, g: 128, b: 0, alpha: 0.5 }, 4).withExif(SECRET_EXIF).png().toBuffer());
    expect(png).toMatchObject({ status: 200, extension: 'png', width: 300, height: 200 });
    expect(await expectMetadataFree(png.bytes, 'png')).toMatchObject({ hasAlpha: true });
    const webp = await post(await solid(320, 240, { r: 200, g: 0, b: 0, alpha: 0.25 }, 4).withExif(SECRET_EXIF).withXmp(SECRET_XMP).webp().toBuffer());
    expect(webp).toMatchObject({ status: 200, extension: 'webp', width: 320, height: 240 });
    expect(await expectMetadataFree(webp.bytes, 'webp')).toMatchObject({ hasAlpha: true });
    for (const chunk of ['EXIF', 'XMP ', 'ICCP']) expect(includes(webp.bytes, chunk), chunk).toBe(false);
  });

  it('drops a script after the JPEG end marker', async () => {
    const out = await post(Buffer.concat([await noise(200, 150).jpeg().toBuffer(), Buffer.from('<script>alert(1)</script>')]));
    expect(out).toMatchObject({ status: 200, width: 200, height: 150 });
    expect(includes(out.bytes, '<script')).toBe(false);
  });

  it('refuses SVG (415), HEIC with its own message (415), a corrupt JPEG (422), too many pixels (422), over 10 MB (413)', async () => {
    expect((await post(new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>'))).status).toBe(415);
    const heic = new Uint8Array([0, 0, 0, 24, ...Buffer.from('ftypheic'), 0, 0, 0, 0, ...Buffer.from('mif1heic')]);
    const heicOut = await post(heic);
    expect(heicOut.status).toBe(415);
    expect(heicOut.json()).toMatchObject({ code: 'heic_niet_ondersteund', message: expect.stringMatching(/HEIC/) });
    const jpeg = await noise(800, 600).jpeg().toBuffer();
    expect((await post(jpeg.subarray(0, Math.floor(jpeg.length * 0.6)))).json().code).toBe('foto_onleesbaar');
    expect((await post(Buffer.from('\xff\xd8\xff<html></html>', 'latin1'))).json().code).toBe('foto_onleesbaar');
    const big = await solid(4000, 2001, '#ffffff').png({ compressionLevel: 9 }).toBuffer();
    expect(4000 * 2001).toBeGreaterThan(WORKER_MAX_PIXELS);
    const bigOut = await post(big);
    expect(bigOut.status).toBe(422);
    expect(bigOut.json().code).toBe('foto_te_veel_pixels');
    expect((await post(new Uint8Array(10 * 1024 * 1024 + 1))).status).toBe(413);
  });
});
