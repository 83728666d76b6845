// The /beheer dashboards in Chromium: the freshness table sorts by its column headers (aria-sort follows) and filters
// by owner; without JavaScript it is the plain table, most urgent first; on a phone the tables scroll in their region.
import { expect, test, type Page } from '@playwright/test';
import { demo } from './demo.ts';

const pageIds = (page: Page) => page.locator('[data-fresh-table] tbody tr:not([hidden])').evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.page));

test('sorts by title, owner, review date and last change; the sorted header carries aria-sort', async ({ page }) => {
  await page.goto('/beheer/actualiteit/');
  const table = page.getByRole('table', { name: 'Pagina’s van Weten en regelen, de meest dringende eerst' });
  const due = table.getByRole('columnheader', { name: 'Controleren vóór' });
  await expect(due).toHaveAttribute('aria-sort', 'ascending');
  const built = await pageIds(page);
  expect(built).toHaveLength(demo.pages.length);

  const title = table.getByRole('columnheader', { name: 'Pagina' });
  await title.getByRole('button').click();
  await expect(title).toHaveAttribute('aria-sort', 'ascending');
  await expect(due).not.toHaveAttribute('aria-sort', /.+/);
  const titles = await table.locator('tbody tr td:first-child').allInnerTexts();
  expect(titles).toEqual([...titles].sort((a, b) => a.localeCompare(b, 'nl', { sensitivity: 'base', numeric: true })));
  await title.getByRole('button').click();
  await expect(title).toHaveAttribute('aria-sort', 'descending');
  expect(await table.locator('tbody tr td:first-child').allInnerTexts()).toEqual([...titles].reverse());

  // Keyboard: the header buttons are reachable and work with Enter.
  const changed = table.getByRole('columnheader', { name: 'Laatst gewijzigd' });
  await changed.getByRole('button').focus();
  await page.keyboard.press('Enter');
  await expect(changed).toHaveAttribute('aria-sort', 'ascending');
  const values = await table.locator('tbody tr td:last-child').evaluateAll((cells) => cells.map((c) => (c as HTMLElement).dataset.value ?? ''));
  expect(values.filter(Boolean)).toEqual(values.filter(Boolean).sort());

  await due.getByRole('button').click();
  await expect(due).toHaveAttribute('aria-sort', 'ascending');
  expect(await pageIds(page)).toEqual(built);
});

test('filters by owner and says how many pages it shows', async ({ page }) => {
  await page.goto('/beheer/actualiteit/');
  const owner = demo.pages[0].data.owner as string;
  const expected = demo.pages.filter((p) => p.data.owner === owner).map((p) => p.id).sort();
  await page.getByLabel('Eigenaar').selectOption(owner);
  expect((await pageIds(page)).sort()).toEqual(expected);
  await expect(page.getByText(`${expected.length} van ${demo.pages.length} pagina’s`)).toBeVisible();
  await page.getByLabel('Eigenaar').selectOption('');
  expect(await pageIds(page)).toHaveLength(demo.pages.length);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });
  test('shows every page, most urgent first, and no controls that need a script', async ({ page }) => {
    await page.goto('/beheer/actualiteit/');
    expect(await pageIds(page)).toHaveLength(demo.pages.length);
    await expect(page.getByLabel('Eigenaar')).toBeHidden();
    await expect(page.locator('[data-fresh-table] th button')).toHaveCount(0);
    const order = await page.locator('[data-fresh-table] tbody tr').evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.status));
    const rank = { overdue: 0, soon: 1, fresh: 2 } as Record<string, number>;
    expect(order.map((s) => rank[s!])).toEqual(order.map((s) => rank[s!]).sort());
  });
});

test.describe('on a 360 px phone', () => {
  test.use({ viewport: { width: 360, height: 740 } });
  for (const url of ['/beheer/actualiteit/', '/beheer/gebruik/']) {
    test(`${url}: tables scroll inside a focusable region, the page does not`, async ({ page }) => {
      await page.goto(url);
      expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
      const caption = await page.locator('table caption').first().innerText();
      const region = page.getByRole('region', { name: caption });
      await expect(region).toHaveAttribute('tabindex', '0');
      expect(await region.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
      await region.focus();
      await page.keyboard.press('ArrowRight');
      await expect.poll(() => region.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
    });
  }
});

test('the account menu links editors to the dashboards, and no one else', async ({ page }) => {
  const editor = demo.people.find((p) => p.data.editor)!;
  const colleague = demo.people.find((p) => !p.data.editor)!;
  const account = page.locator('[data-account]');
  for (const [person, linked] of [[colleague, false], [editor, true]] as const) {
    await page.goto('/api/auth/demo?terug=%2F');
    await page.getByLabel('Inloggen als').selectOption(person.id);
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await expect(page.locator('header [data-account-who]')).toHaveText(`Ingelogd als ${person.data.name}`);
    await expect(account.getByRole('link', { name: 'Beheer' })).toHaveCount(linked ? 1 : 0);
    await expect(page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Beheer' })).toHaveCount(0);
  }
  await account.getByRole('link', { name: 'Beheer' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Beheer' })).toBeVisible();
  await page.getByRole('link', { name: 'Gebruik van het intranet' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Gebruik van het intranet' })).toBeVisible();
});
