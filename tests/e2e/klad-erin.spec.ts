// "De klad erin" end to end (issue 17): a colleague's search on /zoeken/ is counted (once, by the browser) and, with
// four more devices' beacons, shows on /beheer/gebruik/ for an editor, loaded by script from the editor-only API;
// the unanswered posts are ranked by their waarderingen; the editor schedules a vraag van de week, sees when it is
// posted next and switches it off. Axe on both pages, also at 360 px.
import { expect, test } from '@playwright/test';
import { APPRECIATION_KIND_NAMES } from '../../src/schemas/appreciations.ts';
import { expectNoAxeViolations } from '../support/axe.ts';
import { loginInBrowser, startPleinWithOidc, type PleinWithOidc } from '../support/plein-oidc.ts';
import { demo } from './demo.ts';

test.describe.configure({ mode: 'serial', timeout: 60_000 });

let site: PleinWithOidc;
test.beforeAll(async () => {
  site = await startPleinWithOidc('e2e-klad-erin');
});
test.afterAll(async () => {
  await site?.close();
});

const PHONE = { width: 360, height: 740 };
const editor = () => demo.people.find((p) => p.data.editor)!;
const colleague = () => demo.people.find((p) => !p.data.editor)!;

test('a search counted once per device shows on the usage dashboard once five devices searched it, for editors only', async ({ browser }) => {
  const page = await loginInBrowser(browser, `${site.base}/zoeken/`, colleague().data.email);
  // Four other devices searched "parkeren" this week (their browsers sent the beacon once each).
  for (let i = 0; i < 4; i++) {
    const res = await page.request.post(`${site.base}/api/zoekstatistiek/zoekterm`, { data: { term: 'Parkeren' }, headers: { origin: site.base } });
    expect(res.status()).toBe(204);
  }
  const sent = page.waitForRequest((r) => r.url().endsWith('/api/zoekstatistiek/zoekterm') && r.method() === 'POST');
  await page.locator('form[data-search-page] input[name="q"]').fill('parkeren');
  expect((await sent).postDataJSON()).toEqual({ term: 'parkeren' });
  // The same term again this week on this device: no second beacon.
  let again = false;
  page.on('request', (r) => (again ||= r.url().endsWith('/api/zoekstatistiek/zoekterm')));
  await page.goto(`${site.base}/zoeken/?q=Parkeren`);
  await page.waitForTimeout(2500);
  expect(again).toBe(false);
  // The figures are for editors: the API refuses a colleague.
  expect((await page.request.get(`${site.base}/api/beheer/gebruik`)).status()).toBe(403);
  await page.context().close();

  const ed = await loginInBrowser(browser, `${site.base}/beheer/gebruik/`, editor().data.email);
  await expect(ed.locator('[data-usage-live-status]')).toHaveText('Cijfers over lezen en zoeken geladen.');
  const terms = ed.getByRole('table', { name: 'Meest gezocht' });
  await expect(terms.getByRole('row', { name: /parkeren/ })).toContainText('5');
  await expect(ed.getByRole('table', { name: 'Veel gezocht, weinig gevonden' }).getByRole('row', { name: /parkeren/ })).toBeVisible();
  await expect(ed.getByRole('img', { name: 'Actieve lezers per week' })).toBeVisible();
  await expect(ed.getByRole('table', { name: 'Actieve lezers per week' }).getByRole('row')).toHaveCount(13);
  // The unanswered posts, built newest first, are ranked by their waarderingen from the state store: the oldest
  // candidate with one waardering comes first after a reload.
  const unanswered = ed.locator('[data-usage-unanswered]');
  const candidates = JSON.parse((await unanswered.getAttribute('data-candidates')) ?? '[]') as { id: string }[];
  expect(candidates.length, 'the demo needs two unanswered posts of the last 28 days').toBeGreaterThan(1);
  const oldest = candidates.at(-1)!.id;
  const given = await ed.request.post(`${site.base}/api/waarderingen`, { data: { doel: { type: 'bericht', id: oldest }, soort: APPRECIATION_KIND_NAMES[0], aan: true }, headers: { origin: site.base } });
  expect(given.status()).toBe(200);
  await ed.reload();
  await expect(ed.locator('[data-usage-unanswered-note]')).toHaveText(/de meest gewaardeerde eerst/);
  await expect(unanswered.getByRole('listitem').first()).toHaveAttribute('data-post', oldest);
  await expect(unanswered.getByRole('listitem').first()).toContainText('(1 waardering)');
  await expect(unanswered.getByRole('listitem').nth(1)).toContainText('(0 waarderingen)');
  await expectNoAxeViolations(ed, 'main');
  await ed.setViewportSize(PHONE);
  await expectNoAxeViolations(ed, 'main');
  expect(await ed.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await ed.context().close();
});

test('an editor schedules a vraag van de week, sees the next time, switches it off and removes it', async ({ browser }) => {
  const page = await loginInBrowser(browser, `${site.base}/beheer/vraag-van-de-week/`, editor().data.email, { viewport: PHONE });
  const form = page.getByRole('form', { name: 'Nieuwe vraag' });
  await form.getByLabel('Vraag', { exact: true }).fill('Wat was jouw mooiste moment deze week?');
  await form.getByLabel('Dag').selectOption({ label: 'vrijdag' });
  await form.getByLabel('Tijd').fill('15:30');
  await expectNoAxeViolations(page, 'main');
  await form.getByRole('button', { name: 'Inplannen' }).click();
  await expect(page.locator('[data-nudge-live]')).toHaveText('De vraag is ingepland.');
  const item = page.getByRole('listitem').filter({ hasText: 'Wat was jouw mooiste moment deze week?' });
  await expect(item).toContainText(/Elke vrijdag om 15:30\. Volgende keer: vrijdag \d+ \w+ om 15:30\. Afzender: /);
  await expectNoAxeViolations(page, 'main');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

  await item.getByRole('button', { name: 'Uitzetten' }).click();
  await expect(page.locator('[data-nudge-live]')).toHaveText('De vraag is opgeslagen.');
  await expect(item).toContainText('Staat uit.');
  await item.getByRole('button', { name: 'Verwijderen' }).click();
  await expect(page.locator('[data-nudge-live]')).toHaveText('De vraag is verwijderd.');
  await expect(page.getByText('Er staat nog geen vraag gepland.')).toBeVisible();
  await page.context().close();
});
