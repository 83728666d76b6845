// Notifications end to end (issue 14): colleague A follows a group with its follow button; colleague B posts in it and
// mentions A in a comment on A's post. A's bell shows the count, /meldingen/ lists "… noemde je …" linking to that very
// comment, and following the link lowers the count. Settings are saved and survive a reload; axe at 1280 and 360 px
// on /meldingen/, its settings and a group page with the bell and a follow button.
import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations } from '../support/axe.ts';
import { loginInBrowser, startPleinWithOidc, type PleinWithOidc } from '../support/plein-oidc.ts';
import { demo } from './demo.ts';

test.describe.configure({ mode: 'serial', timeout: 60_000 });

const editors = new Set(demo.people.filter((p) => p.data.editor).map((p) => p.id));
// A: a colleague (no editor) with a built post; B: another colleague who comments on it.
const post = demo.posts.find((p) => !editors.has(p.data.author) && !p.data.group)!;
const a = demo.people.find((p) => p.id === post.data.author)!;
const b = demo.people.find((p) => p.id !== a.id && !editors.has(p.id))!;
const group = demo.groups.find((g) => g.data.openToAll && !g.data.market) ?? demo.groups[0];

let site: PleinWithOidc;
let reader: Page;
test.beforeAll(async () => {
  site = await startPleinWithOidc('e2e-meldingen');
});
test.afterAll(async () => {
  await site?.close();
});

/** The unread count as the API has it, with the page's login. */
const unread = async (page: Page) => ((await (await page.request.get(`${site.base}/api/meldingen/aantal`)).json()) as { ongelezen: number }).ongelezen;

test('follow a group; a post in it and a mention notify; the bell, the list and marking read', async ({ browser }) => {
  reader = await loginInBrowser(browser, `${site.base}/groepen/${group.id}/`, a.data.email);
  // Follow the group (a member may follow it already): the button says so and is pressed.
  // (The hidden ": name" is its own box, so Chromium puts a space before the colon.)
  const follow = reader.getByRole('button', { name: new RegExp(`^Volg(en|end) ?: ${group.data.name}$`) });
  await expect(follow).toBeVisible();
  if ((await follow.getAttribute('aria-pressed')) === 'true') {
    await follow.click();
    await expect(follow).toHaveAttribute('aria-pressed', 'false');
    await expect(follow).toContainText('Volgen');
    await expect(reader.getByRole('status').filter({ hasText: `Je volgt ${group.data.name} niet meer.` })).toBeVisible();
  }
  await follow.click();
  await expect(follow).toHaveAttribute('aria-pressed', 'true');
  await expect(follow).toContainText('Volgend');
  await expect(reader.getByRole('status').filter({ hasText: `Je volgt ${group.data.name}:` })).toBeVisible();
  const before = await unread(reader);

  // B posts in the group and mentions A in a comment on A's post.
  const writer = await loginInBrowser(browser, `${site.base}/groepen/${group.id}/`, b.data.email);
  const postText = `Wie heeft er zin in taart? ${Date.now()}`;
  await writer.getByLabel('Je bericht').fill(postText);
  await writer.getByRole('button', { name: 'Plaatsen' }).click();
  await expect(writer.locator(`[data-timeline="groep:${group.id}"] article`, { hasText: postText })).toBeVisible();
  await writer.goto(`${site.base}/berichten/${post.id}/`);
  const commentText = `Goed punt, @${a.id}! ${Date.now()}`;
  await writer.getByLabel('Je reactie').fill(commentText);
  await writer.getByRole('button', { name: 'Reageren' }).click();
  const comment = writer.locator('#reacties .comment', { hasText: 'Goed punt' });
  await expect(comment).toBeVisible();
  const commentId = await comment.getAttribute('data-comment-id');
  await writer.context().close();

  // The worker writes the notifications within moments; the bell shows them after a reload.
  await expect.poll(() => unread(reader), { timeout: 15_000 }).toBeGreaterThanOrEqual(before + 2);
  // Back on the page (focus), the bell asks again and says politely that there is more.
  const live = reader.locator('[data-bell-live]');
  await expect(live).toHaveText('');
  await reader.evaluate(() => window.dispatchEvent(new Event('focus')));
  await expect(live).toHaveText(/^Je hebt \d+ ongelezen meldingen?\.$/);
  await reader.reload();
  const bell = reader.locator('header').getByRole('link', { name: /^Meldingen \d+ ongelezen$/ });
  const count = await unread(reader);
  await expect(bell).toHaveAccessibleName(`Meldingen ${count} ongelezen`);

  await bell.click();
  await expect(reader).toHaveURL(`${site.base}/meldingen/`);
  const mention = reader.getByRole('link', { name: new RegExp(`^${b.data.name} noemde je`) });
  await expect(mention).toHaveAttribute('href', new RegExp(`/berichten/${post.id}/.*#reactie-${commentId}$`));
  await expect(mention.locator('xpath=ancestor::li[1]')).toContainText('Ongelezen');
  await expect(reader.getByRole('listitem').filter({ hasText: group.data.name }).first()).toBeVisible();
  await expectNoAxeViolations(reader, 'main');

  // Following the link leads to the comment and marks it read.
  await mention.click();
  await expect(reader).toHaveURL(new RegExp(`#reactie-${commentId}$`));
  await expect(reader.locator(`#reactie-${commentId}`)).toContainText('Goed punt');
  await expect.poll(() => unread(reader)).toBeLessThan(count);
  await reader.goto(`${site.base}/meldingen/`);
  await expect(mention).toBeVisible();
  await expect(mention.locator('xpath=ancestor::li[1]')).not.toContainText('Ongelezen');

  // Alles als gelezen markeren: the count and the bell go to zero.
  await reader.getByRole('button', { name: 'Alles als gelezen markeren' }).click();
  await expect(reader.getByRole('status').filter({ hasText: 'Alle meldingen zijn als gelezen gemarkeerd.' })).toBeVisible();
  await expect(reader.locator('header').getByRole('link', { name: 'Meldingen' })).toHaveAccessibleName('Meldingen');
  expect(await unread(reader)).toBe(0);
});

test('settings are saved and survive a reload; axe at 1280 and 360 px with the bell and a follow button', async () => {
  await reader.goto(`${site.base}/meldingen/instellingen/`);
  const email = reader.getByRole('checkbox', { name: 'Een reactie op je bericht E-mail' });
  await expect(email).toBeVisible();
  const wasOn = await email.isChecked();
  await email.setChecked(!wasOn);
  await reader.getByRole('radio', { name: 'Dagelijks' }).check();
  await reader.getByLabel('Van', { exact: true }).fill('22:00');
  await reader.getByRole('button', { name: 'Opslaan' }).click();
  // Only one of the two quiet hours: the form says what is missing and sends nothing.
  await expect(reader.getByRole('alert').filter({ hasText: 'Vul bij stille uren beide tijden in' })).toBeVisible();
  await reader.getByLabel('Tot', { exact: true }).fill('07:00');
  await reader.getByRole('button', { name: 'Opslaan' }).click();
  await expect(reader.getByRole('status').filter({ hasText: 'Je instellingen zijn opgeslagen.' })).toBeVisible();
  await reader.reload();
  await expect(email).toBeChecked({ checked: !wasOn });
  await expect(reader.getByRole('radio', { name: 'Dagelijks' })).toBeChecked();
  await expect(reader.getByLabel('Van', { exact: true })).toHaveValue('22:00');
  await expect(reader.getByLabel('Tot', { exact: true })).toHaveValue('07:00');
  // This server has no VAPID keys: push stays off, and the page says so.
  await expect(reader.getByRole('checkbox', { name: 'Iemand noemt je (@) Push' })).toBeDisabled();
  await expect(reader.getByRole('checkbox', { name: 'Iemand noemt je (@) Push' })).toHaveAccessibleDescription('Push staat op deze server uit.');
  await expect(reader.getByRole('region', { name: 'Push op dit apparaat' })).toBeHidden();

  for (const width of [1280, 360]) {
    await reader.setViewportSize({ width, height: 800 });
    for (const path of ['/meldingen/', '/meldingen/instellingen/', `/groepen/${group.id}/`]) {
      await reader.goto(`${site.base}${path}`);
      await expect(reader.locator('[data-notifications-body], [data-settings-form], [data-follow]').first()).toBeVisible();
      await expectNoAxeViolations(reader);
    }
  }
});
