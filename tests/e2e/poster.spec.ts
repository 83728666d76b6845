// Posters in Chromium: reached from the page, axe-clean, the print button, no chrome when printed, one A4 sheet,
// and the QR code as Chromium paints it decodes to the page's URL.
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import jsQR from 'jsqr';
import sharp from 'sharp';
import { demo } from './demo.ts';

const page0 = demo.pages.find((p) => p.id === 'hr/verlof-aanvragen') ?? demo.pages[0];
const group = demo.groups.find((g) => g.id === 'koffietijd') ?? demo.groups[0];
const POSTERS = {
  knowledge: { page: `/weten-en-regelen/${page0.id}/`, poster: `/poster/weten-en-regelen/${page0.id}/`, title: page0.data.title as string },
  group: { page: `/groepen/${group.id}/`, poster: `/poster/groepen/${group.id}/`, title: group.data.name as string },
};

for (const [kind, p] of Object.entries(POSTERS)) {
  test(`poster (${kind}): linked from the page, axe-clean, print button and back link`, async ({ page }) => {
    await page.goto(p.page);
    await page.getByRole('link', { name: 'Poster afdrukken' }).click();
    await expect(page).toHaveURL(new RegExp(`${p.poster}$`));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(p.title);
    await expect(page.getByRole('button', { name: 'Afdrukken' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Terug naar de pagina' })).toHaveAttribute('href', p.page);
    await expect(page.getByRole('img', { name: /^QR-code naar https?:\/\// })).toBeVisible();
    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
  });
}

test('poster: the QR code as painted decodes to the URL printed under it', async ({ page }) => {
  await page.goto(POSTERS.knowledge.poster);
  const url = await page.locator('.poster').getAttribute('data-poster-url');
  expect(url).toMatch(new RegExp(`^https?://[^/]+${POSTERS.knowledge.page}$`));
  await expect(page.locator('.poster-url')).toHaveText(url!);
  const png = await page.locator('svg.poster-qr').screenshot();
  const { data, info } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  expect(jsQR(new Uint8ClampedArray(data), info.width, info.height)?.data).toBe(url);
});

test('poster: printed, the toolbar is gone and the poster fills one A4 sheet', async ({ page }) => {
  await page.goto(POSTERS.group.poster);
  await expect(page.locator('.poster-toolbar')).toBeVisible();
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.poster-toolbar')).toBeHidden();
  await expect(page.locator('.poster')).toBeVisible();
  await expect(page.locator('svg.poster-qr')).toBeVisible();
  const pdf = (await page.pdf({ preferCSSPageSize: true, printBackground: true })).toString('latin1');
  expect(pdf.match(/\/Type\s*\/Page(?!s)/g)).toHaveLength(1);
  // The sheet is A4 (210 × 297 mm = 595.3 × 841.9 points), from the poster's @page rule.
  const box = /\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/.exec(pdf);
  expect(Math.abs(Number(box?.[1]) - 595.3)).toBeLessThan(1);
  expect(Math.abs(Number(box?.[2]) - 841.9)).toBeLessThan(1);
});

test('a knowledge page printed hides the poster link with the rest of the chrome', async ({ page }) => {
  await page.goto(POSTERS.knowledge.page);
  await expect(page.getByRole('link', { name: 'Poster afdrukken' })).toBeVisible();
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('link', { name: 'Poster afdrukken' })).toBeHidden();
  await expect(page.locator('.site-header')).toBeHidden();
});
