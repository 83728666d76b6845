// Search with Pagefind on the demo content: ranking rules, Dutch stemming, filters, deep links, keyboard.
import { expect, test, type Page } from '@playwright/test';
import { demo } from './demo.ts';

/**
 * Opens /zoeken with the given query string and returns the result hrefs and badges once loaded: the first ten,
 * or with `all` every result (asking for more until the button goes).
 */
async function searchPage(page: Page, query: string, all = false) {
  await page.goto(`/zoeken/?${query}`);
  const status = page.locator('[data-search-status]');
  await expect(status).not.toHaveText(/^$|Zoeken …/, { timeout: 10_000 });
  const results = page.locator('.search-result');
  const more = page.getByRole('button', { name: 'Meer resultaten' });
  while (all && (await more.isVisible())) {
    const count = await results.count();
    await more.click();
    await expect(results).not.toHaveCount(count);
  }
  return {
    hrefs: await results.locator('h2 a').evaluateAll((as) => as.map((a) => a.getAttribute('href')!)),
    types: await results.locator('.badge').allTextContents(),
    status: (await status.textContent()) ?? '',
  };
}

const lower = (s: string) => s.toLowerCase();
const textOf = (p: (typeof demo.pages)[number]) => lower(`${p.data.title} ${p.data.summary} ${p.body}`);

test('an exact colleague name returns that profile first', async ({ page }) => {
  const sample = demo.people.filter((_, i) => i % 9 === 0);
  for (const person of sample) {
    const { hrefs } = await searchPage(page, `q=${encodeURIComponent(person.data.name)}`);
    expect(hrefs[0], person.data.name).toBe(`/collegas/${person.id}/`);
  }
});

test('a knowledge topic ranks the knowledge page above news that mentions it', async ({ page }) => {
  // A word that a published news item merely mentions and that is the title topic of a knowledge page.
  const topic = ['vakantie', 'verlof', 'fietsplan', 'parkeren'].find(
    (w) => demo.news.some((n) => lower(n.body).includes(w)) && demo.pages.some((p) => lower(p.data.title).includes(w) || p.data.trefwoorden.includes(w)),
  );
  expect(topic).toBeTruthy();
  const { hrefs } = await searchPage(page, `q=${topic}`);
  const firstKnowledge = hrefs.findIndex((h) => h.startsWith('/weten-en-regelen/'));
  const firstNews = hrefs.findIndex((h) => h.startsWith('/nieuws/'));
  expect(firstKnowledge).toBe(0);
  if (firstNews >= 0) expect(firstKnowledge).toBeLessThan(firstNews);
});

test('trefwoorden find their page with high weight but are not shown on it', async ({ page }) => {
  const candidates = demo.pages.flatMap((p) => p.data.trefwoorden.filter((w: string) => !w.includes(' ') && !textOf(p).includes(lower(w))).map((w: string) => ({ p, w })));
  expect(candidates.length).toBeGreaterThan(0);
  const { p, w } = candidates[0];
  const { hrefs } = await searchPage(page, `q=${encodeURIComponent(w)}`);
  expect(hrefs.slice(0, 3)).toContain(`/weten-en-regelen/${p.id}/`);
  await page.goto(`/weten-en-regelen/${p.id}/`);
  expect(lower(await page.locator('main').innerText())).not.toContain(lower(w));
});

test('Dutch stemming: a plural finds a page that only has the singular', async ({ page }) => {
  const pairs = [['vergunning', 'vergunningen'], ['regeling', 'regelingen'], ['melding', 'meldingen'], ['training', 'trainingen'], ['aanvraag', 'aanvragen'], ['declaratie', 'declaraties'], ['afspraak', 'afspraken']];
  const words = (p: (typeof demo.pages)[number]) => new Set(textOf(p).split(/[^a-zà-ÿ]+/));
  const found = pairs.flatMap(([one, many]) => demo.pages.filter((p) => words(p).has(one) && !words(p).has(many)).map((p) => ({ p, many })));
  expect(found.length).toBeGreaterThan(0);
  const { p, many } = found[0];
  const { hrefs } = await searchPage(page, `q=${many}`);
  expect(hrefs).toContain(`/weten-en-regelen/${p.id}/`);
});

test('an English page is in the English index and still found from the Dutch search page', async ({ page }) => {
  const english = demo.news.find((n) => n.data.lang === 'en');
  test.skip(!english, 'no English page in the demo');
  await page.goto(`/nieuws/${english!.id}/`);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  const word = english!.data.title.split(/\s+/).find((w: string) => w.length > 6)!;
  const { hrefs } = await searchPage(page, `q=${encodeURIComponent(word)}`);
  expect(hrefs).toContain(`/nieuws/${english!.id}/`);
});

test('the Koffietijd post about a bike for sale is found', async ({ page }) => {
  const bike = demo.posts.find((p) => p.data.group === 'koffietijd' && /te koop/i.test(p.body) && /fiets/i.test(p.body))!;
  const { hrefs } = await searchPage(page, 'q=fiets+te+koop');
  expect(hrefs[0]).toBe(`/berichten/${bike.id}/`);
});

test('filter by type', async ({ page }) => {
  const { types } = await searchPage(page, 'q=verlof&type=kennis');
  expect(types.length).toBeGreaterThan(1);
  expect(new Set(types)).toEqual(new Set(['Weten en regelen']));
});

test('filter by department', async ({ page }) => {
  const dept = demo.departments.find((d) => d.id === 'hr') ?? demo.departments[0];
  const people = demo.people.filter((p) => p.data.department === dept.id).map((p) => `/collegas/${p.id}/`);
  const { hrefs } = await searchPage(page, `type=collega&afdeling=${dept.id}`, true);
  expect(new Set(hrefs)).toEqual(new Set(people));
});

test('filter by group', async ({ page }) => {
  const posts = demo.posts.filter((p) => p.data.group === 'koffietijd').map((p) => `/berichten/${p.id}/`);
  const { hrefs } = await searchPage(page, 'type=bericht&groep=koffietijd', true);
  expect(new Set(hrefs)).toEqual(new Set(posts));
});

test('filter by news category and tag, sorted by date', async ({ page }) => {
  const category = demo.news[0].data.category;
  const expected = demo.news.filter((n) => n.data.category === category).map((n) => `/nieuws/${n.id}/`);
  const byCategory = await searchPage(page, `categorie=${category}&sort=datum`, true);
  expect(byCategory.hrefs).toEqual(expected);
  const tag = demo.news.flatMap((n) => n.data.tags)[0];
  const tagged = demo.news.filter((n) => n.data.tags.includes(tag)).map((n) => `/nieuws/${n.id}/`);
  const byTag = await searchPage(page, `tag=${encodeURIComponent(tag)}`, true);
  expect(new Set(byTag.hrefs)).toEqual(new Set(tagged));
});

test('the first ten results show at once and more on request, the first new one focused', async ({ page }) => {
  const total = demo.people.length;
  expect(total).toBeGreaterThan(30);
  // Each page of results loads its data (Pagefind's fragments) in one request, not one per result.
  const dataRequests: string[] = [];
  page.on('request', (r) => { if (new URL(r.url()).pathname.includes('/fragment/')) dataRequests.push(new URL(r.url()).pathname); });
  await page.goto('/zoeken/?type=collega');
  const status = page.locator('[data-search-status]');
  const results = page.locator('.search-result');
  await expect(status).toHaveText(`${total} resultaten voor “…”`, { timeout: 10_000 });
  await expect(results).toHaveCount(10);
  expect(dataRequests).toEqual(['/pagefind/fragment/batch']);
  const more = page.getByRole('button', { name: 'Meer resultaten' });
  await more.click();
  await expect(results).toHaveCount(30);
  expect(dataRequests).toEqual(['/pagefind/fragment/batch', '/pagefind/fragment/batch']);
  await expect(results.nth(10).locator('h2 a')).toBeFocused();
  await expect(status).toHaveText(`30 van ${total} resultaten voor “…” getoond.`);
  await more.click();
  await expect(results).toHaveCount(total);
  await expect(more).toBeHidden();
  const hrefs = await results.locator('h2 a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  expect(new Set(hrefs)).toEqual(new Set(demo.people.map((p) => `/collegas/${p.id}/`)));
  // A new search starts again from the first ten.
  await page.getByLabel('Soort').selectOption('kennis');
  await expect(status).toHaveText(/^\d+ resultaten voor “…”$/);
  expect(await results.count()).toBeLessThanOrEqual(10);
});

test('a deep link fills the form, and changing a filter updates the URL', async ({ page }) => {
  await searchPage(page, 'q=verlof&type=kennis');
  await expect(page.getByLabel('Zoek op het intranet', { exact: true }).last()).toHaveValue('verlof');
  await expect(page.getByLabel('Soort')).toHaveValue('kennis');
  await page.getByLabel('Soort').selectOption('nieuws');
  await expect(page).toHaveURL(/\/zoeken\/\?q=verlof&type=nieuws$/);
  await page.getByLabel('Sorteren').selectOption('datum');
  await expect(page).toHaveURL(/type=nieuws&sort=datum$/);
});

test('what a colleague typed before the page script ran is kept and searched (a slow phone)', async ({ page }) => {
  // Hold the page's scripts until the colleague has typed: before the fix the script emptied the field from the URL.
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/_astro/*.js', async (route) => {
    await held;
    await route.continue();
  });
  // Module scripts hold back DOMContentLoaded, so only wait for the response; fill waits for the field.
  await page.goto('/zoeken/', { waitUntil: 'commit' });
  const field = page.locator('form[data-search-page] input[name="q"]');
  await field.fill('verlof');
  release();
  await expect(page.locator('[data-search-status]')).toHaveText(/resultaten voor .?verlof/i, { timeout: 10_000 });
  await expect(field).toHaveValue('verlof');
  await expect(page).toHaveURL(/\/zoeken\/\?q=verlof$/);
});

test('the URL follows the shown results, so the icon request it sets off does not compete with the results\' data', async ({ page }) => {
  await searchPage(page, 'q=verlof');
  // Hold the next query's result data; meanwhile the page may not touch its URL (Chromium fetches the page icon
  // again on every URL change, taking one of the six connections the ten results' data need).
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  let fragments = 0;
  await page.route('**/pagefind/fragment/*', async (route) => {
    fragments++;
    await held;
    await route.continue();
  });
  const icons: string[] = [];
  page.on('request', (r) => { if (r.url().endsWith('/media/logo.svg')) icons.push(r.url()); });
  await page.locator('form[data-search-page] input[name="q"]').fill('parkeren');
  await page.locator('form[data-search-page] input[name="q"]').press('Enter');
  await expect.poll(() => fragments).toBeGreaterThan(0);
  await page.waitForTimeout(300);
  expect(icons).toEqual([]);
  await expect(page).toHaveURL(/\/zoeken\/\?q=verlof$/);
  release();
  await expect(page.locator('[data-search-status]')).toHaveText(/resultaten voor .?parkeren/i, { timeout: 10_000 });
  await expect(page).toHaveURL(/\/zoeken\/\?q=parkeren$/);
});

test('while a colleague types, the search index loads already; the search itself waits for the pause', async ({ page }) => {
  await page.goto('/zoeken/');
  await expect(page.locator('[data-search-status]')).not.toHaveText('');
  let typing = true;
  const duringTyping: string[] = [];
  page.on('request', (r) => { if (typing && new URL(r.url()).pathname.startsWith('/pagefind/')) duringTyping.push(new URL(r.url()).pathname); });
  await page.locator('form[data-search-page] input[name="q"]').pressSequentially('parkeren', { delay: 30 });
  typing = false;
  // Without the preload nothing of Pagefind is fetched until 150 ms after the last key.
  expect(duringTyping).toContain('/pagefind/pagefind.js');
  await expect(page.locator('[data-search-status]')).toHaveText(/resultaten voor .?parkeren/i, { timeout: 10_000 });
});

test('results show badges, dates and highlighted excerpts, with sub-results for long pages', async ({ page }) => {
  const { hrefs } = await searchPage(page, 'q=verlof');
  expect(hrefs.length).toBeGreaterThan(3);
  await expect(page.locator('.search-result').first().locator('.badge')).toHaveText('Weten en regelen');
  await expect(page.locator('.search-result mark').first()).toBeVisible();
  await expect(page.locator('.search-result time').first()).toBeVisible();
  await expect(page.locator('.search-subresults a[href*="#"]').first()).toBeVisible();
});

test('keyboard: / and Ctrl+K open the header search; results show while typing', async ({ page }) => {
  await page.goto('/nieuws/');
  const box = page.locator('#zoekveld');
  await page.keyboard.press('/');
  await expect(box).toBeFocused();
  await page.locator('main h1').click();
  await page.keyboard.press('Control+k');
  await expect(box).toBeFocused();
  await page.keyboard.type('ziek melden');
  const quick = page.locator('#zoek-snel');
  await expect(quick.locator('a').first()).toBeVisible();
  await page.keyboard.press('ArrowDown');
  await expect(quick.locator('a').first()).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/weten-en-regelen\//);
});

test('offline, search says so instead of "Zoeken …" for ever, and searches again by itself once the connection is back', async ({ page, context }) => {
  const offline = 'Zoeken lukt niet zonder verbinding. Weten en regelen kun je wel lezen; zodra je weer online bent, zoekt Plein opnieuw.';
  await page.goto('/zoeken/');
  await context.setOffline(true);
  const field = page.locator('form[data-search-page] input[name="q"]');
  await field.fill('verlof');
  await field.press('Enter');
  const status = page.locator('[data-search-status]');
  await expect(status).toHaveText(offline);
  await expect(page.locator('.search-result')).toHaveCount(0);
  // A failed load is not kept: back online, the same search runs without the colleague doing anything.
  await context.setOffline(false);
  await expect(status).toHaveText(/resultaten voor “verlof”/);
  await expect(page.locator('.search-result').first()).toBeVisible();

  // The header's quick search, on another page: the same message in its panel, results once online.
  await page.goto('/nieuws/');
  await context.setOffline(true);
  await page.locator('#zoekveld').fill('ziek melden');
  const quick = page.locator('#zoek-snel');
  await expect(quick.locator('.quick-status')).toHaveText(offline);
  await context.setOffline(false);
  await expect(quick.locator('a').first()).toBeVisible();
  await expect(quick.locator('.quick-status')).toHaveText('');

  // Pagefind loaded, then the connection goes: a word whose part of the index is not loaded yet. Pagefind skips a
  // part it cannot fetch, which made this "Niets gevonden"; it is the offline message, and the search once online.
  await page.goto('/zoeken/?q=verlof');
  await expect(status).toHaveText(/resultaten voor “verlof”/);
  await context.setOffline(true);
  const indexPart = page.waitForRequest((r) => /\/pagefind\/index\//.test(r.url()), { timeout: 5_000 });
  await field.fill('fietsplan');
  await field.press('Enter');
  await indexPart;
  await expect(status).toHaveText(offline);
  await context.setOffline(false);
  await expect(status).toHaveText(/resultaten voor “fietsplan”/);
});

test('the header search works without JavaScript as a form to /zoeken', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/');
  await page.locator('#zoekveld').fill('verlof');
  await page.locator('#zoekveld').press('Enter');
  await expect(page).toHaveURL(/\/zoeken\/\?q=verlof$/);
  await expect(page.locator('noscript')).toHaveCount(1);
  await context.close();
});

test('search runs under the site CSP (no unsafe-eval) without violations, and passes axe', async ({ page }) => {
  const violations: string[] = [];
  page.on('console', (m) => { if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text()); });
  const response = await page.goto('/zoeken/?q=verlof');
  const csp = response?.headers()['content-security-policy'] ?? '';
  expect(csp).toContain("'wasm-unsafe-eval'");
  expect(csp).not.toContain("'unsafe-eval'");
  expect(csp).not.toContain("'unsafe-inline'");
  await expect(page.locator('.search-result').first()).toBeVisible();
  const { default: AxeBuilder } = await import('@axe-core/playwright');
  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(axe.violations.map((v) => v.id)).toEqual([]);
  expect(violations).toEqual([]);
});
