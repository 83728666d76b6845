// Sign-up for an agenda item end to end: a colleague signs up with an answer and sees their place and the free
// places (from one personal request, GET /api/aanmeldingen/:id), a second colleague takes the next place, the
// organiser's side (an editor) lists both with their answers and downloads the CSV for Excel, a cancellation frees
// the place again; keyboard and axe. The event is the demo's smallest that takes sign-ups; as the demo's dates pass,
// the server's copy has it moved by whole weeks so that its sign-up closes in the coming week (the API decides).
import { expect, test, type Browser, type Page } from '@playwright/test';
import { expectNoAxeViolations } from '../support/axe.ts';
import { loginInBrowser, startPleinWithOidc, type PleinWithOidc } from '../support/plein-oidc.ts';
import { moveEventInClone, weeksToComingWeek } from '../support/move-event.ts';
import { demo } from './demo.ts';

test.describe.configure({ mode: 'serial', timeout: 90_000 });

const event = demo.events.filter((e) => e.data.signup).sort((a, b) => a.data.signup.capacity - b.data.signup.capacity)[0];

let site: PleinWithOidc;
test.beforeAll(async () => {
  site = await startPleinWithOidc('e2e-aanmelden', {}, (repo) => event && moveEventInClone(repo, event.file, weeksToComingWeek(event.data.signup.deadline ?? event.data.start)));
});
test.afterAll(async () => {
  await site?.close();
});

function loginAs(browser: Browser, person: (typeof demo.people)[number], path: string): Promise<Page> {
  return loginInBrowser(browser, `${site.base}${path}`, person.data.email);
}

test('colleagues sign up and cancel; the organiser’s side lists them and exports the CSV', async ({ browser }) => {
  test.skip(!event, 'the demo has no agenda item that takes sign-ups');
  const { capacity, question } = event.data.signup as { capacity: number; question?: string };
  const path = `/agenda/${event.id}/`;
  const [a, b] = demo.people.filter((p) => !p.data.editor);
  const editor = demo.people.find((p) => p.data.editor && p.id !== event.data.organiser)!;

  const pageA = await loginAs(browser, a, path);
  const section = pageA.getByRole('region', { name: 'Aanmelden' });
  await expect(section.getByText(`${capacity} plaatsen`)).toBeVisible();
  await expect(section.getByRole('status')).toHaveText(`Nog ${capacity} van de ${capacity} plaatsen vrij.`);
  await expect(section.getByText('Log in om je aan te melden.')).toBeHidden();
  if (question) await section.getByLabel(question).fill('Een standaardbrief over parkeervergunningen');
  await section.getByRole('button', { name: 'Aanmelden' }).click();
  await expect(section.getByRole('status')).toHaveText(`Je bent aangemeld. Nog ${capacity - 1} van de ${capacity} plaatsen vrij.`);
  await expect(section.getByRole('button', { name: 'Afmelden' })).toBeVisible();
  // After a reload the page knows (the answer too): it comes from the state store, not from the static page.
  await pageA.reload();
  await expect(section.getByRole('status')).toHaveText(`Je bent aangemeld. Nog ${capacity - 1} van de ${capacity} plaatsen vrij.`);
  if (question) await expect(section.getByLabel(question)).toHaveValue('Een standaardbrief over parkeervergunningen');

  // A second colleague, with the keyboard only.
  const pageB = await loginAs(browser, b, path);
  const sectionB = pageB.getByRole('region', { name: 'Aanmelden' });
  await expect(sectionB.getByRole('status')).toHaveText(`Nog ${capacity - 1} van de ${capacity} plaatsen vrij.`);
  await sectionB.getByRole('button', { name: 'Aanmelden' }).focus();
  await pageB.keyboard.press('Enter');
  await expect(sectionB.getByRole('status')).toHaveText(`Je bent aangemeld. Nog ${capacity - 2} van de ${capacity} plaatsen vrij.`);
  // The colleague does not see the list.
  await expect(sectionB.getByRole('heading', { name: 'Wie komt er?' })).toBeHidden();
  await expectNoAxeViolations(pageB, '[data-signup]');

  // An editor sees who comes, with the answers, and downloads the list for Excel.
  const pageE = await loginAs(browser, editor, path);
  const list = pageE.getByRole('table', { name: /Aanmeldingen: 2 bevestigd, 0 op de wachtlijst/ });
  await expect(list.getByRole('row')).toHaveCount(3);
  await expect(list.getByRole('row', { name: new RegExp(a.data.name) })).toContainText('Bevestigd');
  if (question) await expect(list.getByRole('row', { name: new RegExp(a.data.name) })).toContainText('parkeervergunningen');
  const download = pageE.waitForEvent('download');
  await pageE.getByRole('link', { name: 'Download de lijst (CSV, voor Excel)' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe(`aanmeldingen-${event.id}.csv`);
  const { readFile } = await import('node:fs/promises');
  const bytes = await readFile(await file.path());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = bytes.subarray(3).toString('utf8').trim().split('\r\n');
  expect(lines).toHaveLength(3);
  expect(lines[0]).toMatch(/^"Naam";"Afdeling";"E-mail";"Status";"Aangemeld op"/);
  expect(lines.slice(1).map((l) => l.split(';')[0]).sort()).toEqual([`"${a.data.name}"`, `"${b.data.name}"`].sort());
  await expectNoAxeViolations(pageE, '[data-signup]');

  // A cancels: the place is free again, for everyone.
  await section.getByRole('button', { name: 'Afmelden' }).click();
  await expect(section.getByRole('status')).toHaveText(`Je bent afgemeld. Nog ${capacity - 1} van de ${capacity} plaatsen vrij.`);
  await expect(section.getByRole('button', { name: 'Aanmelden' })).toBeFocused();
  await pageE.reload();
  await expect(pageE.getByRole('table', { name: /Aanmeldingen: 1 bevestigd/ }).getByRole('row')).toHaveCount(2);
  for (const page of [pageA, pageB, pageE]) await page.context().close();
});
