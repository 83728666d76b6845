// WCAG 2.1 AA: zero axe violations on every page template, on a desktop and a 360 px phone.
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { templateUrls } from './demo.ts';

const WIDTHS = [{ name: 'desktop', width: 1280, height: 900 }, { name: 'phone', width: 360, height: 740 }];

for (const [name, url] of Object.entries(templateUrls())) {
  for (const size of WIDTHS) {
    test(`axe: ${name} (${size.name})`, async ({ page }) => {
      await page.setViewportSize({ width: size.width, height: size.height });
      await page.goto(url);
      const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
      const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`);
      expect(summary).toEqual([]);
    });
  }
}
