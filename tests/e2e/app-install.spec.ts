// The installable app: Chromium finds nothing to object to in the manifest, the service worker stores Weten en
// regelen for offline reading with the offline page as fallback, a new build waits for "Vernieuwen", and on a phone
// the content starts high.
import AxeBuilder from '@axe-core/playwright';
import { chromium, expect, test, type Page } from '@playwright/test';
import { appendFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM_ARGS } from '../../playwright.config.ts';
import { startServer } from '../../functions/hosts/node/server.ts';
import { loginInBrowser, startPleinWithOidc } from '../support/plein-oidc.ts';
import { moveEventInClone, weeksToComingWeek } from '../support/move-event.ts';
import { demo, templateUrls } from './demo.ts';

const knowledgePage = templateUrls()['knowledge page'];

/** Waits until the service worker is active (its precache is complete) and controls the page. */
async function waitForWorker(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) await new Promise((r) => navigator.serviceWorker.addEventListener('controllerchange', r, { once: true }));
  });
}

test('Chromium reports no installability errors and the manifest has maskable icons and shortcuts', async ({ baseURL }) => {
  // Installability needs a profile on disk: Playwright's ordinary contexts count as incognito.
  const profile = mkdtempSync(join(tmpdir(), 'plein-install-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    const page = await context.newPage();
    await page.goto(`${baseURL}/`);
    await waitForWorker(page);
    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    expect(installabilityErrors).toEqual([]);
    const manifest = await (await page.request.get(`${baseURL}/manifest.webmanifest`)).json();
    expect(manifest.icons.filter((i: { purpose: string }) => i.purpose === 'maskable')).toHaveLength(2);
    expect(manifest.shortcuts.map((s: { url: string }) => s.url)).toEqual(expect.arrayContaining(['/tijdlijn/', '/weten-en-regelen/', '/zoeken/']));
    expect(manifest.theme_color).toMatch(/^#[0-9a-f]{6}$/i);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
});

test('offline: a Weten-en-regelen page loads from the worker, an unknown page shows the offline page', async ({ page, context }) => {
  await page.goto('/');
  await waitForWorker(page);
  // The worker never answers for the API or the CMS.
  const sw = await (await page.request.get('/sw.js')).text();
  expect(sw).toContain('"/offline/"');
  expect(sw).not.toMatch(/"\/admin\/|"\/pagefind\//);
  // A page the worker controls still gets /api/ answers from the server, never from a cache.
  const api = await page.goto('/api/auth/me');
  expect(api?.fromServiceWorker()).toBe(false);
  await page.goto('/');
  await context.setOffline(true);
  await page.goto(knowledgePage);
  await expect(page.locator('main h1')).toHaveText(demo.pages.find((p) => knowledgePage.endsWith(`/${p.id}/`))!.data.title);
  await page.goto('/weten-en-regelen/');
  await expect(page.locator('main h1')).toHaveText('Weten en regelen');
  await page.goto('/groepen/deze-bestaat-niet/');
  await expect(page.locator('main h1')).toHaveText('Je bent offline');
  await expect(page.getByRole('link', { name: /Weten en regelen/ }).first()).toBeVisible();
  // Offline, /admin/ and /api/ are not answered by the worker (no cached CMS, no offline page in their place).
  for (const path of ['/admin/', '/api/auth/me']) {
    const other = await context.newPage();
    await expect(other.goto(path)).rejects.toThrow(/ERR_INTERNET_DISCONNECTED/);
    await other.close();
  }
  await context.setOffline(false);
});

test('search files bypass the worker (static routing), the page\'s other files go through it; the precache downloads at low priority', async ({ page }) => {
  await page.goto('/zoeken/');
  await waitForWorker(page);
  await page.goto('/zoeken/?q=verlof');
  await expect(page.locator('.search-result').first()).toBeVisible();
  const entries = await page.evaluate(() =>
    performance.getEntriesByType('resource').map((e) => ({ path: new URL(e.name).pathname, matched: (e as PerformanceResourceTiming & { workerMatchedSourceType?: string }).workerMatchedSourceType ?? '' })),
  );
  // Chromium reports which static route matched: the search index and its result data never start the worker.
  const search = entries.filter((e) => e.path.startsWith('/pagefind'));
  expect(search.length).toBeGreaterThan(2);
  for (const e of search) expect(e.matched, e.path).toBe('network');
  const assets = entries.filter((e) => e.path.startsWith('/_astro/'));
  expect(assets.length).toBeGreaterThan(0);
  for (const e of assets) expect(e.matched, e.path).toBe('');
  // Which request gets a free connection first is the browser's; the worker asks for the precache at low priority.
  const sw = await (await page.request.get('/sw.js')).text();
  expect(sw).toMatch(/priority:\s*"low"/);
});

/** Notes when the page registers the worker, in ms after its load event (window.registeredAt). */
function noteRegistrations() {
  const worker = navigator.serviceWorker;
  const register = worker.register.bind(worker);
  const seen: number[] = ((window as unknown as { registeredAt: number[] }).registeredAt = []);
  worker.register = (...args: Parameters<typeof register>) => {
    seen.push(performance.now() - (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).loadEventEnd);
    return register(...args);
  };
}

test('a first visit installs the app only after its first seconds (or when hidden); an installed app checks at load', async ({ page, context }) => {
  await context.addInitScript(noteRegistrations);
  const registeredAt = (p: Page) => p.evaluate(() => (window as unknown as { registeredAt: number[] }).registeredAt);
  await page.goto('/zoeken/');
  // The colleague's first searches run without the precache download beside them.
  await page.fill('form[data-search-page] input[name="q"]', 'verlof');
  await expect(page.locator('.search-result').first()).toBeVisible();
  expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()) === undefined)).toBe(true);
  await waitForWorker(page);
  expect((await registeredAt(page))[0]).toBeGreaterThanOrEqual(3000);
  // Installed: the next page registers (its update check) right at load.
  await page.goto('/weten-en-regelen/');
  await expect.poll(() => registeredAt(page), { timeout: 2500 }).toHaveLength(1);
  // A first visit installs at once when hidden before the wait is over, or when the page needs the worker (push).
  const triggers = [
    () => {
      Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
      document.dispatchEvent(new Event('visibilitychange'));
    },
    () => void dispatchEvent(new Event('plein:worker-needed')),
  ];
  for (const trigger of triggers) {
    const other = await context.browser()!.newContext();
    try {
      await other.addInitScript(noteRegistrations);
      const first = await other.newPage();
      await first.goto('/weten-en-regelen/');
      expect(await registeredAt(first)).toEqual([]);
      await first.evaluate(trigger);
      await expect.poll(() => registeredAt(first), { timeout: 2500 }).toHaveLength(1);
    } finally {
      await other.close();
    }
  }
});

test('offline: the timeline, the colleagues and the latest news open from the precache with their content', async ({ page, context }) => {
  // Only the home page is visited online: whatever opens offline afterwards comes from the precache.
  await page.goto('/');
  await waitForWorker(page);
  await context.setOffline(true);
  await page.goto('/tijdlijn/');
  await expect(page.locator('main h1')).toHaveText('Tijdlijn');
  await expect(page.locator('[data-post-id]').first()).toHaveAttribute('data-post-id', demo.posts[0].id);
  await page.goto('/collegas/');
  await expect(page.locator('main .person-card')).toHaveCount(demo.people.length);
  await page.goto('/nieuws/');
  await page.locator('main').getByRole('link', { name: demo.news[0].data.title }).first().click();
  await expect(page).toHaveURL(new RegExp(`/nieuws/${demo.news[0].id}/$`));
  await expect(page.locator('main h1')).toHaveText(demo.news[0].data.title);
  await context.setOffline(false);
});

test('a new build offers "Nieuwe versie van Plein — Vernieuwen" and takes over only when asked', async ({ page }) => {
  // A server of its own on a copy of the build, so the test can deploy a new /sw.js without touching dist/.
  // Two complete worker installs on a busy CI machine: more time than one page test.
  test.setTimeout(60_000);
  const copy = mkdtempSync(join(tmpdir(), 'plein-update-'));
  cpSync(process.env.PLEIN_DIST ?? 'dist', copy, { recursive: true });
  const server = await startServer({ distDir: copy, port: 0 });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    await page.goto(`${base}/`);
    await waitForWorker(page);
    appendFileSync(join(copy, 'sw.js'), '\n// nieuwe versie\n');
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.update());
    const banner = page.locator('[data-app-update]');
    await expect(banner).toBeVisible();
    await expect(banner).toContainText('Nieuwe versie van Plein');
    // Until the reader chooses, the open page keeps its worker and the new one waits.
    expect(await page.evaluate(async () => !!(await navigator.serviceWorker.getRegistration())!.waiting)).toBe(true);
    await page.locator('main h1').waitFor();
    await Promise.all([page.waitForEvent('load'), banner.getByRole('button', { name: 'Vernieuwen' }).click()]);
    await expect(page.locator('main h1')).toBeVisible();
    expect(await page.evaluate(async () => ({ waiting: !!(await navigator.serviceWorker.getRegistration())!.waiting, controlled: !!navigator.serviceWorker.controller }))).toEqual({ waiting: false, controlled: true });
    await expect(banner).toBeHidden();
  } finally {
    await page.close();
    server.close();
    server.closeAllConnections();
    rmSync(copy, { recursive: true, force: true });
  }
});

for (const width of [360, 390, 414]) {
  test(`phone ${width} px: main h1 at most 120 px down, bottom bar with 44 px targets, no sideways scroll`, async ({ page }) => {
    await page.setViewportSize({ width, height: 780 });
    const tops: Record<string, number> = {};
    for (const url of ['/', '/tijdlijn/', knowledgePage, '/nieuws/']) {
      await page.goto(url);
      tops[url] = (await page.locator('main h1').boundingBox())!.y;
      expect(await page.evaluate(() => document.documentElement.scrollWidth - innerWidth)).toBeLessThanOrEqual(0);
    }
    console.log(`h1 top at ${width} px: ${JSON.stringify(tops)}`);
    for (const top of Object.values(tops)) expect(top).toBeLessThanOrEqual(120);
    const bar = page.getByRole('navigation', { name: 'Snelmenu' });
    for (const name of ['Home', 'Tijdlijn', 'Zoeken', 'Menu']) {
      const box = (await bar.getByText(name, { exact: true }).first().boundingBox())!;
      expect(box.height).toBeGreaterThanOrEqual(44);
      expect(box.y + box.height).toBeLessThanOrEqual(780);
    }
  });
}

test('phone 390 px: the bottom bar leads to the composer in one tap, its field on the first screen above the bar', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
  const page = await context.newPage();
  await page.goto('/api/auth/demo?terug=%2F');
  await page.getByLabel('Inloggen als').selectOption(demo.people[1].id);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await expect(page).toHaveURL(/\/$/);
  const bar = page.getByRole('navigation', { name: 'Snelmenu' });
  await bar.getByRole('link', { name: 'Tijdlijn' }).tap();
  await expect(page).toHaveURL(/\/tijdlijn\/$/);
  const field = page.getByLabel('Je bericht');
  await expect(field).toBeVisible();
  // Without scrolling, at least a touch target's height of the field shows above the bar, and a tap there lands in it.
  const [box, barBox] = [(await field.boundingBox())!, (await bar.boundingBox())!];
  expect(await page.evaluate(() => scrollY)).toBe(0);
  expect(Math.min(box.y + box.height, barBox.y) - box.y).toBeGreaterThanOrEqual(44);
  await page.touchscreen.tap(box.x + box.width / 2, box.y + 22);
  await expect(field).toBeFocused();
  await page.keyboard.type('Lantaarnpaal kapot');
  await expect(field).toHaveValue('Lantaarnpaal kapot');
  await context.close();
});

test('phone: the menu opens with every section and passes axe; desktop keeps its header and no bottom bar', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto('/tijdlijn/');
  await page.getByRole('navigation', { name: 'Snelmenu' }).getByText('Menu').click();
  const panel = page.locator('.bottom-menu-panel');
  await expect(panel.getByRole('link', { name: 'Agenda' })).toBeVisible();
  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(axe.violations.map((v) => `${v.id} ${v.nodes[0]?.target}`)).toEqual([]);
  await page.setViewportSize({ width: 1280, height: 900 });
  await expect(page.getByRole('navigation', { name: 'Snelmenu' })).toBeHidden();
  await expect(page.locator('.site-search')).toBeVisible();
});

test('phone 390 px: every control in the content is a touch target of at least 44 × 44 px', async ({ browser }) => {
  // A server with the API's state (waarderingen, sign-ups) and a login. The author of a poll in a market group:
  // her own post has Bewerken/Verwijderen, the poll its checkboxes, the group its membership and market buttons,
  // the agenda item its sign-up.
  test.setTimeout(60_000);
  const poll = demo.posts.find((p) => p.data.poll && p.data.group)!;
  const event = demo.events.find((e) => e.data.signup)!;
  // The form and its buttons show only while the poll and the sign-up are open: the server's copy has both closing in
  // the coming week, as the demo's fixed dates pass.
  const site = await startPleinWithOidc('e2e-touch-targets', {}, (repo) => {
    if (poll.data.poll.closes) moveEventInClone(repo, poll.file, weeksToComingWeek(poll.data.poll.closes));
    moveEventInClone(repo, event.file, weeksToComingWeek(event.data.signup.deadline ?? event.data.start));
  });
  const author = demo.people.find((p) => p.id === poll.data.author)!;
  try {
    const page = await loginInBrowser(browser, `${site.base}/tijdlijn/`, author.data.email, { viewport: { width: 390, height: 844 } });
    const small: string[] = [];
    for (const [url, ready] of [
      ['/tijdlijn/', '.appreciation'],
      [`/groepen/${poll.data.group}/`, '.appreciation'],
      [`/berichten/${poll.id}/`, '.poll-form button'],
      [`/agenda/${event.id}/`, '[data-signup-submit]'],
    ] as const) {
      await page.goto(`${site.base}${url}`);
      await page.locator(`main ${ready}`).first().waitFor();
      small.push(...await page.locator('main').evaluate((main, url) => {
        const controls = [...main.querySelectorAll<HTMLElement>('button, a.button, [role=button], select, summary')];
        for (const input of main.querySelectorAll<HTMLInputElement>('input[type=checkbox], input[type=radio]')) controls.push(input.labels?.[0] ?? input);
        return controls.filter((c) => c.getClientRects().length && getComputedStyle(c).visibility !== 'hidden').flatMap((c) => {
          const { width, height } = c.getBoundingClientRect();
          return width >= 44 && height >= 44 ? [] : [`${url} ${c.tagName.toLowerCase()}.${c.className} "${c.textContent?.trim().slice(0, 30)}" ${Math.round(width)}×${Math.round(height)}`];
        });
      }, url));
    }
    expect(small).toEqual([]);
    await page.context().close();
  } finally {
    await site.close();
  }
});
