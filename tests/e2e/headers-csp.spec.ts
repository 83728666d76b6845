// In Chromium, every page template runs under the headers the server sends: the site CSP is enforced and nothing on
// the page trips it (no blocked script, style, image, font, frame or request), and the CMS runs under its own policy.
import { expect, test, type Page } from '@playwright/test';
import { templateUrls } from './demo.ts';

/** Collects CSP violations the page reports (the event) and the browser logs ("Refused to …"). */
async function watchViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
  });
  await page.exposeFunction('reportCspViolation', (text: string) => violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { reportCspViolation: (t: string) => void }).reportCspViolation(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`);
    });
  });
  return violations;
}

for (const [name, url] of Object.entries(templateUrls())) {
  test(`${name}: the site CSP is enforced and nothing on the page violates it`, async ({ page }) => {
    const violations = await watchViolations(page);
    const response = await page.goto(url);
    const csp = response?.headers()['content-security-policy'] ?? '';
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/'unsafe-inline'|'unsafe-eval'/);
    await page.waitForLoadState('load');
    // Scripts that enhance the page run after load (search, live feed); give them a moment to do their work.
    await page.waitForTimeout(500);
    expect(violations).toEqual([]);
  });
}

test('the policy really blocks: an injected inline script does not run and is reported', async ({ page }) => {
  const violations = await watchViolations(page);
  await page.goto('/');
  const ran = await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'window.__ingespoten = true;';
    document.body.append(script);
    return (window as unknown as { __ingespoten?: boolean }).__ingespoten === true;
  });
  expect(ran).toBe(false);
  await expect.poll(() => violations.length).toBeGreaterThan(0);
});
