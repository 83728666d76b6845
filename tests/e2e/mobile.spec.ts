// Mobile first: at 360 px nothing scrolls sideways and the main navigation is reachable.
import { expect, test } from '@playwright/test';
import { templateUrls } from './demo.ts';

test.use({ viewport: { width: 360, height: 740 } });

for (const [name, url] of Object.entries(templateUrls())) {
  test(`360 px without horizontal scrolling: ${name}`, async ({ page }) => {
    await page.goto(url);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await expect(page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Weten en regelen' })).toBeVisible();
  });
}
