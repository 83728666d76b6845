// Must-read news end to end (issue 17): a colleague sees the banner (the demo's MFA item is must-read for everyone),
// opens the item and presses Gelezen — announced politely, the banner is gone after a reload; "Voor jou" on the home
// page; the editor's page /beheer/verplicht-lezen/ shows the rate per department from the API, with axe. "Voor jou"
// pushes agenda items of the coming 60 days: the demo's role-aimed item is moved, in the server's copy, into the
// coming week (the demo's dates pass as the real clock moves on).
import { expect, test, type Browser } from '@playwright/test';
import { expectNoAxeViolations } from '../support/axe.ts';
import { loginInBrowser, startPleinWithOidc, type PleinWithOidc } from '../support/plein-oidc.ts';
import { moveEventInClone, weeksToComingWeek } from '../support/move-event.ts';
import { demo } from './demo.ts';

test.describe.configure({ mode: 'serial', timeout: 90_000 });

// An agenda item aimed at a role that takes no sign-ups (signing up takes it off the list).
const aimed = demo.events.find((e) => e.data.audience?.roles?.length && !e.data.signup)!;

let site: PleinWithOidc;
test.beforeAll(async () => {
  site = await startPleinWithOidc('e2e-verplicht-lezen', {}, (repo) => aimed && moveEventInClone(repo, aimed.file, weeksToComingWeek(aimed.data.start)));
});
test.afterAll(async () => {
  await site?.close();
});

// Must-read stays on the banner after its deadline (gelezenVoor only times the last reminder), as long as it is on the site.
const item = demo.news.find((n) => n.data.verplichtLezen)!;
const login = (browser: Browser, person: (typeof demo.people)[number], path: string) => loginInBrowser(browser, `${site.base}${path}`, person.data.email);

test('banner → Gelezen → banner gone; Voor jou for a logged-in colleague; the editor’s rate per department', async ({ browser }) => {
  test.skip(!item, 'no demo news item is must-read');
  const colleague = demo.people.find((p) => !p.data.editor)!;
  const home = await login(browser, colleague, '/');
  const banner = home.getByRole('region', { name: 'Verplicht lezen' });
  await expect(banner.getByRole('link', { name: item.data.title })).toBeVisible();
  const forYou = home.getByRole('region', { name: 'Voor jou' });
  await expect(forYou.getByRole('heading', { name: 'Nog te bevestigen' })).toBeVisible();
  await expect(forYou.getByRole('link', { name: item.data.title })).toBeVisible();
  await home.setViewportSize({ width: 360, height: 800 });
  await expectNoAxeViolations(home, '[data-must-read]', '[data-for-you]');

  await banner.getByRole('link', { name: item.data.title }).click();
  await expect(home).toHaveURL(new RegExp(`/nieuws/${item.id}/$`));
  await banner.getByRole('button', { name: `Gelezen: ${item.data.title}` }).click();
  await expect(banner.getByRole('status')).toHaveText(`Bedankt: je hebt bevestigd dat je ‘${item.data.title}’ hebt gelezen.`);
  await home.reload();
  await expect(home.getByRole('region', { name: 'Verplicht lezen' })).toBeHidden();

  const editor = demo.people.find((p) => p.data.editor)!;
  const admin = await login(browser, editor, '/beheer/verplicht-lezen/');
  const table = admin.getByRole('table', { name: `Bevestigd per afdeling: ${item.data.title}` });
  const department = demo.departments.find((d) => d.id === colleague.data.department)!;
  await expect(table.getByRole('row', { name: new RegExp(department.data.name) })).toBeVisible();
  await expect(admin.getByText(/^1 van \d+ collega’s uit de doelgroep bevestigden/)).toBeVisible();
  await expect(admin.getByRole('link', { name: 'Download wie nog niet bevestigde (CSV)' })).toBeVisible();
  await expectNoAxeViolations(admin);

});

test('Voor jou lists a coming agenda item aimed at the colleague’s role, and not for a colleague outside it', async ({ browser }) => {
  test.skip(!aimed, 'no demo agenda item is aimed at a role');
  const roles = new Set<string>(aimed!.data.audience.roles);
  const departments = new Set<string>(aimed!.data.audience.departments ?? []);
  const inside = demo.people.find((p) => !p.data.editor && (p.data.roles ?? []).some((r: string) => roles.has(r)))!;
  const outside = demo.people.find((p) => !p.data.editor && !(p.data.roles ?? []).some((r: string) => roles.has(r)) && !departments.has(p.data.department) && !aimed!.data.audience.locations?.includes(p.data.workLocation))!;
  const home = await login(browser, inside, '/');
  const forYou = home.getByRole('region', { name: 'Voor jou' });
  await expect(forYou.getByRole('heading', { name: 'Agenda voor jou' })).toBeVisible();
  await expect(forYou.getByRole('link', { name: aimed!.data.title })).toHaveAttribute('href', `/agenda/${aimed!.id}/`);
  await home.context().close();
  const other = await login(browser, outside, '/');
  await expect(other.getByRole('region', { name: 'Voor jou' })).toBeVisible();
  await expect(other.getByRole('region', { name: 'Voor jou' }).getByRole('link', { name: aimed!.data.title })).toHaveCount(0);
  await other.context().close();
});
