// The Koffietijd market end to end: a colleague puts something up for sale with a price in the composer; it shows
// as a listing (kind, price, status) on the group page, live for another colleague; only the author gets the buttons
// to mark it gereserveerd and verkocht; "Alleen open aanbod" (a toggle button) then leaves it out, and shows the
// open listings only; axe-clean.
import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from '../support/axe.ts';
import { loginInBrowser, startPleinWithOidc, type PleinWithOidc } from '../support/plein-oidc.ts';
import { demo } from './demo.ts';

test.describe.configure({ mode: 'serial', timeout: 90_000 });

let site: PleinWithOidc;
test.beforeAll(async () => {
  site = await startPleinWithOidc('e2e-markt');
});
test.afterAll(async () => {
  await site?.close();
});

test('sell something in Koffietijd, mark it reserved and sold, filter the open listings', async ({ browser }) => {
  const group = demo.groups.find((g) => g.data.market)!;
  const [seller, buyer] = demo.people.filter((p) => !p.data.editor).slice(8);
  const path = `/groepen/${group.id}/`;
  const page = await loginInBrowser(browser, `${site.base}${path}`, seller.data.email);
  const other = await loginInBrowser(browser, `${site.base}${path}`, buyer.data.email);
  await expect(other.locator('[data-timeline] [data-post-id]').first()).toBeVisible();

  const text = `Te koop: een bijna nieuwe racefiets ${Date.now()}`;
  await page.getByLabel('Je bericht').fill(text);
  await page.getByRole('radio', { name: 'Te koop' }).check();
  await page.getByLabel('Prijs in euro (niet verplicht)').fill('120.5');
  await page.getByRole('button', { name: 'Plaatsen' }).click();
  const mine = page.locator('[data-timeline] article', { hasText: text });
  await expect(mine.locator('.listing')).toHaveText(/Te koop · €\s120,50 · Beschikbaar/);

  // The other colleague sees it come in, without the author's buttons.
  const theirs = other.locator('[data-timeline] article', { hasText: text });
  await expect(theirs.locator('.listing')).toHaveText(/Te koop · €\s120,50 · Beschikbaar/, { timeout: 5000 });
  await expect(theirs.getByRole('button', { name: 'Markeer als verkocht' })).toHaveCount(0);
  // Live, it says until when it is listed: the group's market days after it was posted.
  const until = new Intl.DateTimeFormat('nl-NL', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Amsterdam' }).format(new Date(Date.now() + group.data.marketDays * 86_400_000));
  await expect(theirs.locator('.listing-until')).toHaveText(` · tot ${until}`);

  await mine.getByRole('button', { name: 'Markeer als gereserveerd' }).click();
  await expect(mine.locator('.listing')).toContainText('Gereserveerd');
  await expect(mine.getByRole('button', { name: 'Weer beschikbaar' })).toBeVisible();
  await mine.getByRole('button', { name: 'Markeer als verkocht' }).click();
  await expect(mine.locator('.listing')).toContainText('Verkocht');

  // The filter: sold is not open; every post left visible is an open listing.
  const filter = page.getByRole('button', { name: 'Alleen open aanbod' });
  await filter.click();
  await expect(filter).toHaveAttribute('aria-pressed', 'true');
  await expect(mine).toBeHidden();
  const visible = page.locator('[data-timeline] > li:not([hidden]) article');
  const n = await visible.count();
  await expect(page.locator('[data-market-count]')).toHaveText(n === 0 ? 'Geen open aanbod.' : n === 1 ? '1 open aanbieding' : `${n} open aanbiedingen`);
  for (let i = 0; i < n; i++) await expect(visible.nth(i).locator('.listing-status')).not.toHaveText(/Verkocht|Verlopen/);
  await expectNoAxeViolations(page, '[data-timeline]', '.market-filter');
  await filter.click();
  await expect(mine).toBeVisible();
  await page.context().close();
  await other.context().close();
});
