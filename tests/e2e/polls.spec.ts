// Polls end to end: a colleague adds a poll to a post in the composer; another sees it come in live and votes
// with the keyboard, sees the counts after voting and changes their vote; the author, who did not vote, sees how
// many voted but not the counts; a demo post's multiple-choice poll on its static page; one GET /api/peilingen
// per page and never anything personal through /api/feed; axe-clean.
import { expect, test, type Browser, type Page } from '@playwright/test';
import { expectNoAxeViolations } from '../support/axe.ts';
import { loginInBrowser, startPleinWithOidc, type PleinWithOidc } from '../support/plein-oidc.ts';
import { moveEventInClone, weeksToComingWeek } from '../support/move-event.ts';
import { demo } from './demo.ts';

test.describe.configure({ mode: 'serial', timeout: 90_000 });

// The demo post's multiple-choice poll; the server's copy has it closing in the coming week, as its fixed date passes.
const demoPoll = demo.posts.find((p) => p.data.poll?.multiple)!;

let site: PleinWithOidc;
test.beforeAll(async () => {
  site = await startPleinWithOidc('e2e-peilingen', {}, (repo) => demoPoll?.data.poll.closes && moveEventInClone(repo, demoPoll.file, weeksToComingWeek(demoPoll.data.poll.closes)));
});
test.afterAll(async () => {
  await site?.close();
});

function loginAs(browser: Browser, person: (typeof demo.people)[number], path = '/tijdlijn/'): Promise<Page> {
  return loginInBrowser(browser, `${site.base}${path}`, person.data.email);
}

/** How many poll requests this document made, and whether the feed was asked for anything personal. */
function pollRequests(page: Page): Promise<{ n: number; feedAsksPersonal: boolean }> {
  return page.evaluate(() => {
    const urls = performance.getEntriesByType('resource').map((e) => new URL(e.name));
    return { n: urls.filter((u) => u.pathname === '/api/peilingen').length, feedAsksPersonal: urls.some((u) => u.pathname === '/api/feed' && /peiling|stem/.test(u.search)) };
  });
}

test('a poll written in the composer comes in live; a colleague votes by keyboard, sees the counts and changes their vote', async ({ browser }) => {
  const [author, voter] = demo.people.filter((p) => !p.data.editor).slice(4);
  const writer = await loginAs(browser, author);
  const reader = await loginAs(browser, voter);
  await expect(reader.locator('[data-timeline] [data-post-id]').first()).toBeVisible();

  const question = `Waar lunchen we vrijdag? ${Date.now()}`;
  await writer.getByLabel('Je bericht').fill(question);
  await writer.getByText('Peiling toevoegen').click();
  await writer.getByLabel('Keuze 1', { exact: true }).fill('Pizza');
  await writer.getByLabel('Keuze 2', { exact: true }).fill('Soep');
  await writer.getByRole('button', { name: 'Keuze toevoegen' }).click();
  await expect(writer.getByLabel('Keuze 3', { exact: true })).toBeFocused();
  await writer.keyboard.type('Broodjes');
  await writer.getByRole('button', { name: 'Plaatsen' }).click();
  const mine = writer.locator('[data-timeline] article', { hasText: question });
  await expect(mine.getByRole('group', { name: 'Peiling: Kies één antwoord' })).toBeVisible();
  await expect(mine.getByRole('status').filter({ hasText: 'Nog niemand stemde' })).toBeVisible();
  // The form was emptied: the next post has no poll unless asked.
  await expect(writer.locator('[data-poll-editor]')).not.toHaveAttribute('open', '');

  // The colleague's timeline gets the post live, poll and all.
  const live = reader.locator('[data-timeline] article', { hasText: question });
  await expect(live.getByRole('radio', { name: 'Soep' })).toBeVisible({ timeout: 5000 });
  await expect(live.getByText('de uitslag zie je na het stemmen')).toBeVisible();
  await live.getByRole('radio', { name: 'Pizza' }).focus();
  await reader.keyboard.press('ArrowDown');
  await expect(live.getByRole('radio', { name: 'Soep' })).toBeChecked();
  await live.getByRole('button', { name: 'Stemmen' }).click();
  await expect(live.getByRole('status')).toHaveText('Je stem is opgeslagen. 1 collega stemde.');
  await expect(live.getByText('Soep 1 stem (100%) · jouw keuze')).toBeVisible();
  await expect(live.getByText('Pizza 0 stemmen (0%)')).toBeVisible();
  await live.getByRole('radio', { name: /Pizza/ }).check();
  await live.getByRole('button', { name: 'Stem wijzigen' }).click();
  await expect(live.getByText('Pizza 1 stem (100%) · jouw keuze')).toBeVisible();
  await expect(live.getByText('Soep 0 stemmen (0%)')).toBeVisible();
  await expectNoAxeViolations(reader, '[data-poll]');

  // The author did not vote: after a reload they see how many, not what. (The static timeline predates the post, so
  // the page asks once for its own polls and once more for the batch the live feed merges in.)
  await writer.reload();
  const again = writer.locator('[data-timeline] article', { hasText: question });
  await expect(again.getByRole('status')).toHaveText('1 collega stemde · de uitslag zie je na het stemmen.');
  await expect(again.getByText(/stem(men)? \(/)).toHaveCount(0);
  const asked = await pollRequests(writer);
  expect(asked.feedAsksPersonal).toBe(false);
  expect(asked.n).toBeLessThanOrEqual(2);
  await writer.context().close();
  await reader.context().close();
});

test('a demo post’s multiple-choice poll on its own page: several choices, withdrawn again', async ({ browser }) => {
  const post = demoPoll;
  const colleague = demo.people.filter((p) => !p.data.editor)[6];
  const page = await loginAs(browser, colleague, `/berichten/${post.id}/`);
  const poll = page.locator(`[data-poll="${post.id}"]`);
  await expect(poll.getByRole('group', { name: 'Peiling: Kies een of meer antwoorden' })).toBeVisible();
  await poll.getByRole('checkbox', { name: post.data.poll.options[0] }).check();
  await poll.getByRole('checkbox', { name: post.data.poll.options[2] }).check();
  await poll.getByRole('button', { name: 'Stemmen' }).click();
  await expect(poll.getByText(`${post.data.poll.options[0]} 1 stem (100%) · jouw keuze`)).toBeVisible();
  await expect(poll.getByText(`${post.data.poll.options[2]} 1 stem (100%) · jouw keuze`)).toBeVisible();
  await page.reload();
  await expect(poll.getByRole('checkbox', { name: new RegExp(post.data.poll.options[2]) })).toBeChecked();
  expect(await pollRequests(page)).toEqual({ n: 1, feedAsksPersonal: false });
  await expectNoAxeViolations(page, '[data-poll]');
  await poll.getByRole('button', { name: 'Stem intrekken' }).click();
  await expect(poll.getByRole('status')).toHaveText(/^Je stem is ingetrokken\. Nog niemand stemde · sluit \d+ juni/);
  await expect(poll.getByRole('checkbox', { name: new RegExp(post.data.poll.options[0]) })).not.toBeChecked();
  await page.context().close();
});
