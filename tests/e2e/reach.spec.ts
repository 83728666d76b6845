// Reach figures end to end (issue 17, item 4): a colleague's browser sends beacons for two news items and a knowledge
// page; the editor's /beheer/bereik/ draws them from the editor-only API — readers per item (the small one as "< 5",
// with "Overig"), per day as an SVG chart with its table, per department, one item's figures on request, and the
// weekly active readers. The colleague gets neither the page nor the API. Axe, also at 360 px.
import { expect, test } from '@playwright/test';
import { getLocalDay } from '../../src/lib/weeks.ts';
import { expectNoAxeViolations } from '../support/axe.ts';
import { loginInBrowser, startPleinWithOidc, type PleinWithOidc } from '../support/plein-oidc.ts';
import { demo } from './demo.ts';

test.describe.configure({ mode: 'serial', timeout: 90_000 });

let site: PleinWithOidc;
test.beforeAll(async () => {
  site = await startPleinWithOidc('e2e-bereik');
});
test.afterAll(async () => {
  await site?.close();
});

test('beacons show on /beheer/bereik/ for an editor, small counts as "< 5"; a colleague has no access', async ({ browser }) => {
  const colleague = demo.people.find((p) => !p.data.editor && p.data.department)!;
  const [often, also] = demo.news;
  const page = demo.pages[0];
  const page1 = await loginInBrowser(browser, `${site.base}/`, colleague.data.email);
  const dag = getLocalDay(new Date());
  // What the browser's beacon sends (text/plain, as navigator.sendBeacon does); the server counts each call once.
  const beacon = async (pagina: string, week = false) => {
    const res = await page1.request.post(`${site.base}/api/bereik`, { data: JSON.stringify({ pagina, dag, ...(week ? { week } : {}) }), headers: { origin: site.base, 'content-type': 'text/plain;charset=UTF-8' } });
    expect(res.status()).toBe(204);
  };
  for (let i = 0; i < 7; i++) await beacon(`nieuws:${often.id}`, i < 5);
  for (let i = 0; i < 6; i++) await beacon(`nieuws:${also.id}`);
  for (let i = 0; i < 2; i++) await beacon(`kennis:${page.id}`);
  // Not an editor: the API refuses, and the page gate says there is no access.
  expect((await page1.request.get(`${site.base}/api/beheer/bereik`)).status()).toBe(403);
  await page1.goto(`${site.base}/beheer/bereik/`);
  await expect(page1.getByRole('heading', { name: 'Geen toegang' })).toBeVisible();
  await page1.context().close();

  const editor = demo.people.find((p) => p.data.editor)!;
  const ed = await loginInBrowser(browser, `${site.base}/beheer/`, editor.data.email);
  await ed.getByRole('link', { name: 'Bereik' }).click();
  await expect(ed.getByRole('status')).toHaveText(/^Bereikcijfers geladen: /);
  await expect(ed.getByText('Unieke lezers in deze periode: 15.')).toBeVisible();
  const items = ed.getByRole('table', { name: 'Lezers per bericht of pagina' });
  await expect(items.getByRole('row', { name: new RegExp(often.data.title) })).toContainText('7');
  await expect(items.getByRole('row', { name: new RegExp(page.data.title) })).toContainText('< 5');
  await expect(items.getByRole('row', { name: /^Overig/ })).toBeVisible();
  // No small number anywhere on the page: a count below 5 is only ever "< 5".
  for (const cell of await ed.locator('[data-reach-admin] td').allTextContents()) expect(Number(cell) >= 5 || Number(cell) === 0 || !/^\d+$/.test(cell)).toBe(true);
  await expect(ed.getByRole('img', { name: 'Lezers per dag' })).toBeVisible();
  const days = ed.getByRole('table', { name: 'Lezers per dag' });
  // One day with 15 readers among 27 without: the empty days read "< 5" and today is hidden with them, else it
  // could be worked out from the total; "Overig" holds their 15.
  await expect(days.getByRole('row')).toHaveCount(30);
  await expect(days.getByRole('row', { name: /^Overig/ })).toContainText('15');
  const department = demo.departments.find((d) => d.id === colleague.data.department)!;
  await expect(ed.getByRole('table', { name: 'Lezers per afdeling' }).getByRole('row', { name: new RegExp(department.data.name) })).toContainText('15');
  await expect(ed.getByRole('table', { name: 'Actieve lezers per week' }).getByRole('row')).toHaveCount(13);
  await expectNoAxeViolations(ed, 'main');

  // One item's figures: its days and departments.
  const one = ed.getByRole('region', { name: 'Eén bericht of pagina' });
  await one.getByLabel('Bericht of pagina', { exact: true }).selectOption({ label: often.data.title });
  await one.getByRole('button', { name: 'Tonen' }).click();
  await expect(ed.getByRole('status')).toHaveText(`Bereik van “${often.data.title}” geladen.`);
  await expect(one.getByRole('heading', { name: `Bereik van “${often.data.title}”` })).toBeVisible();
  await expect(one.getByText('Unieke lezers in deze periode: 7.')).toBeVisible();
  await ed.setViewportSize({ width: 360, height: 740 });
  await expectNoAxeViolations(ed, 'main');
  expect(await ed.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await ed.context().close();
});
