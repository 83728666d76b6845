// Posting end to end: the embedded server on a copy of the repository, login through a real OpenID
// provider, a post with a photo, a second browser sees it live within 2 s, comments, delete, hide.
import { expect, test, type Browser, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { loginInBrowser, startPleinWithOidc, type PleinWithOidc } from '../support/plein-oidc.ts';
import { demo } from './demo.ts';

// Each test logs in one or two colleagues through the OpenID provider's pages: on a loaded CI machine that alone can take 20 s.
test.describe.configure({ mode: 'serial', timeout: 90_000 });

let base: string;
let repo: string;
let site: PleinWithOidc;

test.beforeAll(async () => {
  site = await startPleinWithOidc('e2e');
  ({ base, repo } = site);
});
test.afterAll(async () => {
  await site?.close();
});

/** Logs a colleague in through the OpenID provider's own pages, in a browser context of their own. */
function loginAs(browser: Browser, personId: string): Promise<Page> {
  return loginInBrowser(browser, `${base}/tijdlijn/`, demo.people.find((p) => p.id === personId)!.data.email);
}

const gitLog = (...args: string[]) => execFileSync('git', ['log', ...args], { cwd: repo, encoding: 'utf8' });

test('post with a photo; a second browser sees it within 2 s without reload; delete it again', async ({ browser }) => {
  const author = demo.people.find((p) => !p.data.editor)!;
  const reader = demo.people.find((p) => p.id !== author.id)!;
  const writer = await loginAs(browser, author.id);
  const other = await loginAs(browser, reader.id);
  await expect(other.locator('[data-timeline="all"] [data-post-id]').first()).toBeVisible();

  const text = `Te koop: mijn oude bureaustoel ${Date.now()}`;
  await writer.getByLabel('Je bericht').fill(`${text}\n\nGroet van @${reader.id}`);
  const photo = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#1d4e89' } }).jpeg().withExif({ IFD0: { Artist: 'Geheim' } }).toBuffer();
  await writer.getByLabel(/Foto’s/).setInputFiles({ name: 'stoel.jpg', mimeType: 'image/jpeg', buffer: photo });
  await writer.getByLabel(/Beschrijf foto 1/).fill('Een blauwe bureaustoel');
  await writer.getByRole('button', { name: 'Voorbeeld' }).click();
  await expect(writer.locator('[data-preview-box]')).toContainText('Te koop');
  await writer.getByRole('button', { name: 'Plaatsen' }).click();
  await expect(writer.getByRole('status').filter({ hasText: 'Je bericht staat op de tijdlijn.' })).toBeVisible();
  // The 2 s run from the writer's confirmation: the photo's upload and processing before it are the writer's wait.
  const posted = Date.now();

  const live = other.locator('[data-timeline="all"] article', { hasText: text });
  await expect(live).toBeVisible({ timeout: 2000 });
  expect(Date.now() - posted).toBeLessThan(2000);
  await expect(live.locator('a.mention')).toHaveAttribute('href', `/collegas/${reader.id}/`);
  const img = live.locator('img');
  await expect(img).toHaveAttribute('alt', 'Een blauwe bureaustoel');
  const src = await img.getAttribute('src');
  await expect.poll(() => existsSync(join(repo, 'public', src!))).toBe(true);
  const stored = readFileSync(join(repo, 'public', src!));
  expect(stored.includes(Buffer.from('Geheim'))).toBe(false);

  // Answered from the outbox; the commit follows within moments.
  await expect.poll(() => gitLog('-1', '--format=%an|%cn')).toBe(`${author.data.name}|Plein\n`);

  const mine = writer.locator('[data-timeline="all"] article', { hasText: text });
  writer.once('dialog', (d) => d.accept());
  await mine.getByRole('button', { name: 'Verwijderen' }).click();
  await expect(mine).toHaveCount(0);
  await expect(live).toHaveCount(0, { timeout: 3000 });
});

test('the composer and comment form pass axe on a phone, logged in', async ({ browser }) => {
  const page = await loginAs(browser, demo.people[3].id);
  await page.setViewportSize({ width: 360, height: 740 });
  for (const path of ['/tijdlijn/', `/berichten/${demo.posts[0].id}/`]) {
    await page.goto(`${base}${path}`);
    await expect(page.locator('[data-composer-form], [data-comment-form]').first()).toBeVisible();
    const { default: AxeBuilder } = await import('@axe-core/playwright');
    const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    expect(axe.violations.map((v) => `${v.id} ${v.nodes[0]?.target}`)).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - innerWidth)).toBeLessThanOrEqual(0);
  }
});

test('comment under a post; it shows live for another reader; others cannot delete it; its writer edits it', async ({ browser }) => {
  const post = demo.posts[0];
  const writer = await loginAs(browser, demo.people[1].id);
  const other = await loginAs(browser, demo.people[2].id);
  await other.goto(`${base}/berichten/${post.id}/`);
  await writer.goto(`${base}/berichten/${post.id}/`);
  const text = `Goed idee! ${Date.now()}`;
  await writer.getByLabel('Je reactie').fill(text);
  await writer.getByRole('button', { name: 'Reageren' }).click();
  await expect(writer.locator('#reacties .comment', { hasText: text })).toBeVisible();
  const seen = other.locator('#reacties .comment', { hasText: text });
  await expect(seen).toBeVisible({ timeout: 2000 });
  await expect(seen.getByRole('button', { name: 'Verwijderen' })).toHaveCount(0);
  const res = await other.request.delete(`${base}/api/reacties/${await seen.getAttribute('data-comment-id')}`, { headers: { origin: base } });
  expect(res.status()).toBe(403);

  // The writer edits it: marked "bewerkt" at once, and for the other reader through the live feed.
  const mine = writer.locator('#reacties .comment', { hasText: text });
  await mine.getByRole('button', { name: 'Bewerken' }).click();
  await mine.getByRole('textbox', { name: 'Bewerken' }).fill(`${text} (aangevuld)`);
  await mine.getByRole('button', { name: 'Opslaan' }).click();
  await expect(mine.locator('.prose')).toContainText('(aangevuld)');
  await expect(mine.locator('.comment-meta')).toContainText('bewerkt');
  await expect(seen.locator('.prose')).toContainText('(aangevuld)', { timeout: 5000 });
  await expect(seen.locator('.comment-meta')).toContainText('bewerkt');
  await expect(seen.getByRole('button', { name: 'Bewerken' })).toHaveCount(0);
});

test('a moderator hides a post in their group, with who and when recorded', async ({ browser }) => {
  const group = demo.groups.find((g) => g.data.openToAll && g.data.moderators.length)!;
  const moderator = group.data.moderators[0] as string;
  const poster = demo.people.find((p) => p.id !== moderator && !p.data.editor)!;
  const writer = await loginAs(browser, poster.id);
  await writer.goto(`${base}/groepen/${group.id}/`);
  const text = `Reclame die weg moet ${Date.now()}`;
  await writer.getByLabel('Je bericht').fill(text);
  await writer.getByRole('button', { name: 'Plaatsen' }).click();
  await expect(writer.getByRole('status').filter({ hasText: 'Je bericht staat op de tijdlijn.' })).toBeVisible();
  const mod = await loginAs(browser, moderator);
  await mod.goto(`${base}/groepen/${group.id}/`);
  const item = mod.locator('article', { hasText: text });
  await expect(item).toBeVisible({ timeout: 2000 });
  mod.once('dialog', (d) => d.accept('reclame'));
  await item.getByRole('button', { name: 'Verbergen' }).click();
  await expect(item).toHaveCount(0);
  await expect(writer.locator('article', { hasText: text })).toHaveCount(0, { timeout: 3000 });
  await expect.poll(() => gitLog('-1', '-p', '--format=%s')).toMatch(new RegExp(`hidden:[\\s\\S]*by: ${moderator}`));
});

test('the API refuses a cross-site write, even with a valid session', async ({ browser }) => {
  const page = await loginAs(browser, demo.people[4].id);
  const res = await page.request.post(`${base}/api/berichten`, { data: { tekst: 'x' }, headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' } });
  expect(res.status()).toBe(403);
  expect((await res.json()).error.code).toBe('andere_herkomst');
  const noOrigin = await page.request.post(`${base}/api/berichten`, { data: { tekst: 'x' }, headers: { 'sec-fetch-site': 'same-site' } });
  expect(noOrigin.status()).toBe(403);
  expect(existsSync(join(repo, '.git'))).toBe(true);
});
