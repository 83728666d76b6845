// Navigation, keyboard use, print style, and nothing loaded from another origin.
import { expect, test } from '@playwright/test';
import { demo, templateUrls } from './demo.ts';

test('the main navigation reaches every section and marks the current one', async ({ page }) => {
  await page.goto('/');
  const nav = page.getByRole('navigation', { name: 'Hoofdmenu' });
  const targets: [string, RegExp][] = [
    ['Nieuws', /\/nieuws\/$/],
    ['Weten en regelen', /\/weten-en-regelen\/$/],
    ['Tijdlijn', /\/tijdlijn\/$/],
    ['Groepen', /\/groepen\/$/],
    ['Collega’s', /\/collegas\/$/],
    ['Afdelingen', /\/afdelingen\/$/],
    ['Agenda', /\/agenda\/$/],
  ];
  for (const [name, url] of targets) {
    await nav.getByRole('link', { name }).click();
    await expect(page).toHaveURL(url);
    await expect(nav.getByRole('link', { name })).toHaveAttribute('aria-current', 'page');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  }
});

test('keyboard: the skip link moves focus to the content, focus is visible', async ({ page }) => {
  await page.goto('/nieuws/');
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Naar de inhoud' });
  await expect(skip).toBeFocused();
  const outline = await skip.evaluate((el) => getComputedStyle(el).outlineStyle);
  expect(outline).not.toBe('none');
  await page.keyboard.press('Enter');
  await expect(page.locator('main')).toBeFocused();
  await page.keyboard.press('Tab');
  const focusedInMain = await page.evaluate(() => !!document.activeElement?.closest('main'));
  expect(focusedInMain).toBe(true);
});

test('keyboard: the tools menu opens with Enter and its links can be followed', async ({ page }) => {
  test.skip(!demo.settings.toolsMenu?.length, 'no tools menu');
  await page.goto('/');
  const summary = page.locator('.tools-menu summary');
  await summary.focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('.tools-menu ul a').first()).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(page.locator('.tools-menu ul a').first()).toBeFocused();
});

test('print: a knowledge page hides header, footer and comments', async ({ page }) => {
  await page.goto(`/weten-en-regelen/${demo.pages[0].id}/`);
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.site-header')).toBeHidden();
  await expect(page.locator('.site-footer')).toBeHidden();
  await expect(page.locator('#reacties')).toBeHidden();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
});

test('content pages load nothing from another origin and ship no client framework', async ({ page, baseURL }) => {
  const origins = new Set<string>();
  page.on('request', (r) => origins.add(new URL(r.url()).origin));
  for (const url of Object.values(templateUrls())) {
    await page.goto(url);
    // The only script is the search island: a small same-origin module, no framework runtime.
    const srcs = await page.locator('script').evaluateAll((els) => els.map((e) => e.getAttribute('src') ?? 'inline'));
    for (const src of srcs) expect(src, `script on ${url}`).toMatch(/^\/_astro\/[\w.-]+\.js$/);
    expect(await page.locator('astro-island').count()).toBe(0);
  }
  expect([...origins]).toEqual([new URL(baseURL!).origin]);
});

test('works without JavaScript', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/');
  await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Weten en regelen' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Weten en regelen');
  await context.close();
});
