// The demo login (no identity configured): pages are open, "Inloggen" leads to a clearly labelled demo page.
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { demo } from './demo.ts';

test('demo login: pick a colleague, see who you are in the header, log out', async ({ page }) => {
  const colleague = demo.people[1];
  await page.goto('/tijdlijn/');
  await page.locator('[data-account]').getByRole('link', { name: 'Inloggen' }).click();
  await expect(page).toHaveURL(/\/api\/auth\/demo\?terug=%2Ftijdlijn%2F$/);
  await expect(page.getByRole('note')).toContainText('Demo-inlog.');
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(results.violations.map((v) => v.id)).toEqual([]);

  await page.getByLabel('Inloggen als').selectOption(colleague.id);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await expect(page).toHaveURL(/\/tijdlijn\/$/);
  await expect(page.locator('header [data-account-who]')).toHaveText(`Ingelogd als ${colleague.data.name}`);

  await page.getByRole('button', { name: 'Uitloggen' }).click();
  await expect(page.getByRole('heading', { name: 'Je bent uitgelogd' })).toBeVisible();
  await page.goto('/');
  await expect(page.locator('[data-account]').getByRole('link', { name: 'Inloggen' })).toBeVisible();
});
