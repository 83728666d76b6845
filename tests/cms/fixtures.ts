// Playwright fixtures for the CMS tests: one CMS environment per worker, and a logged-in /admin page.
import { test as base, expect, type Page } from '@playwright/test';
import { startCmsEnv, type CmsEnv } from './cms-env.ts';

/** `cms`: the throwaway repository, decap-server and site; `admin`: a page logged in to /admin. */
export const test = base.extend<{ admin: Page }, { cms: CmsEnv }>({
  cms: [
    async ({}, use) => {
      const env = await startCmsEnv();
      await use(env);
      await env.close();
    },
    { scope: 'worker', timeout: 120_000 },
  ],
  admin: async ({ page, cms }, use) => {
    await page.goto(`${cms.siteUrl}/admin/`);
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await expect(page.getByRole('heading', { name: 'Inhoudstypen' })).toBeVisible();
    await use(page);
  },
});

export { expect };

/** Picks an option in a Decap select or relation field: types `text`, then clicks the option named `option`. */
export async function choose(page: Page, label: string, text: string, option = text) {
  const input = page.getByLabel(label, { exact: true });
  await input.click();
  await input.pressSequentially(text);
  await page.getByRole('option', { name: option }).first().click();
}

/** Types Markdown into the body field (switching the editor to Markdown mode). */
export async function typeBody(page: Page, text: string) {
  const field = page.locator('[aria-label="markdown field"]').first();
  await field.getByRole('switch').click();
  const area = field.getByRole('textbox');
  await area.click();
  await area.pressSequentially(text);
}

/** Moves the open entry to "Klaar" and publishes it now (the editorial workflow's last steps). */
export async function publishNow(page: Page) {
  await page.getByRole('button', { name: /^Status/ }).click();
  await page.getByRole('menuitem', { name: 'Klaar' }).click();
  await expect(page.getByRole('button', { name: 'Status: Klaar' })).toBeVisible();
  await page.getByRole('button', { name: 'Publiceer', exact: true }).click();
  // Decap asks "Weet u zeker …?" with the browser's own confirm dialog.
  page.once('dialog', (dialog) => dialog.accept());
  await page.getByRole('menuitem', { name: 'Publiceer nu' }).click();
  await expect(page.getByText('Item gepubliceerd')).toBeVisible();
}
