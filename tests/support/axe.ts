// Test support for Playwright: the WCAG 2.1 AA axe check of parts of a page, as the e2e specs run it.
import { expect, type Page } from '@playwright/test';

/** Runs axe (WCAG 2.0/2.1 A and AA) on the elements matching `selectors` and expects no violation. */
export async function expectNoAxeViolations(page: Page, ...selectors: string[]): Promise<void> {
  const { default: AxeBuilder } = await import('@axe-core/playwright');
  let builder = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']);
  for (const selector of selectors) builder = builder.include(selector);
  const axe = await builder.analyze();
  expect(axe.violations.map((v) => `${v.id} ${v.nodes[0]?.target}`)).toEqual([]);
}
