// Photos from a phone's camera: the composer offers the camera (accept="image/*" with capture), refuses an SVG, a
// file that is not an image and one over 20 MB in Dutch before anything is sent, and scales a 12 MP photo to 2048 px
// in the browser before the upload (the server still re-encodes it).
import { expect, test } from '@playwright/test';
import sharp from 'sharp';
import { loginInBrowser, startPleinWithOidc, type PleinWithOidc } from '../support/plein-oidc.ts';
import { demo } from './demo.ts';

test.describe.configure({ mode: 'serial', timeout: 90_000 });

let site: PleinWithOidc;
test.beforeAll(async () => {
  site = await startPleinWithOidc('e2e-camera');
});
test.afterAll(async () => {
  await site?.close();
});

/** The first JPEG in a multipart body: from its start-of-image marker to the next part's boundary. */
function firstJpeg(body: Buffer): Buffer {
  const start = body.indexOf(Buffer.from([0xff, 0xd8, 0xff]));
  expect(start).toBeGreaterThan(0);
  return body.subarray(start, body.indexOf(Buffer.from('\r\n--'), start));
}

test('on a phone: camera offered, bad files refused in Dutch, a 12 MP photo uploaded at 2048 px', async ({ browser }) => {
  const author = demo.people.find((p) => !p.data.editor)!;
  const page = await loginInBrowser(browser, `${site.base}/tijdlijn/`, author.data.email, { viewport: { width: 390, height: 844 } });
  // The composer shows once its script ran and knows who is logged in: only then does it check chosen files.
  await expect(page.locator('[data-composer-form]')).toBeVisible();
  const camera = page.locator('#composer-camera');
  await expect(camera).toHaveAttribute('accept', 'image/*');
  await expect(camera).toHaveAttribute('capture', 'environment');
  await expect(page.locator('#composer-fotos')).toHaveAttribute('accept', 'image/*');

  const error = page.locator('[data-composer-form] [data-error]');
  await page.locator('#composer-fotos').setInputFiles({ name: 'logo.svg', mimeType: 'image/svg+xml', buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>') });
  await expect(error).toHaveText('logo.svg is een SVG-bestand. Dat kan niet: kies een foto (JPEG, PNG of WebP).');
  await page.locator('#composer-fotos').setInputFiles({ name: 'brief.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4') });
  await expect(error).toHaveText('brief.pdf is geen foto. Kies een JPEG-, PNG- of WebP-afbeelding.');
  await camera.setInputFiles({ name: 'groot.jpg', mimeType: 'image/jpeg', buffer: Buffer.alloc(20 * 1024 * 1024 + 1) });
  await expect(error).toHaveText('groot.jpg is groter dan 20 MB. Kies een kleinere foto.');
  await expect(page.getByLabel(/Beschrijf foto 1/)).toHaveCount(0);

  // A 4000 × 3000 camera photo: what leaves the phone is at most 2048 px on its long side.
  const photo = await sharp({ create: { width: 4000, height: 3000, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 40 } } }).jpeg({ quality: 90 }).toBuffer();
  let uploaded: Buffer | undefined;
  await page.route('**/api/berichten', async (route) => {
    if (route.request().method() === 'POST') uploaded = route.request().postDataBuffer() ?? undefined;
    await route.continue();
  });
  await camera.setInputFiles({ name: 'IMG_0001.jpg', mimeType: 'image/jpeg', buffer: photo });
  await expect(error).toHaveText('');
  await page.getByLabel(/Beschrijf foto 1/).fill('Een stoeptegel die los ligt');
  const text = `Losse tegel bij het gemeentehuis ${Date.now()}`;
  await page.getByLabel('Je bericht').fill(text);
  await page.getByRole('button', { name: 'Plaatsen' }).click();
  await expect(page.locator('[data-timeline="all"] article', { hasText: text })).toBeVisible({ timeout: 20_000 });
  expect(uploaded).toBeDefined();
  const sent = firstJpeg(uploaded!);
  expect(await sharp(sent).metadata()).toMatchObject({ format: 'jpeg', width: 2048, height: 1536 });
  console.log(`12 MP photo: ${(photo.length / 1024 / 1024).toFixed(1)} MB chosen, ${(sent.length / 1024 / 1024).toFixed(2)} MB uploaded`);
  expect(sent.length).toBeLessThan(photo.length / 2);
  await page.context().close();
});
