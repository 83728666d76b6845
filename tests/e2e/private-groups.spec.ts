// Group proposals and private groups end to end: a colleague proposes a private group on /groepen/, an editor approves
// it on /beheer/groepsvoorstellen/; the proposer invites a colleague and posts a photo; the colleague accepts under
// "Mijn groepen", sees the post and the photo and comments; a third colleague reads only that the group does not exist.
// Nothing of the group reaches git (so no build, search index or page can hold it); axe on every new part.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import sharp from 'sharp';
import { expectNoAxeViolations } from '../support/axe.ts';
import { loginInBrowser, startPleinWithOidc, type PleinWithOidc } from '../support/plein-oidc.ts';
import { demo } from './demo.ts';

test.describe.configure({ mode: 'serial', timeout: 60_000 });

const MISSING = 'Deze groep bestaat niet, of je bent er geen lid van.';
// Words that exist nowhere else, so finding them anywhere outside the state store would be a leak.
const secret = `zwanenhals${crypto.randomUUID().slice(0, 8)}`;
const groupName = `Fietsmaatjes ${secret}`;
const postText = `Wie fietst er zaterdag mee naar de ${secret}-brug?`;

let site: PleinWithOidc;
test.beforeAll(async () => {
  site = await startPleinWithOidc('e2e-prive');
});
test.afterAll(async () => {
  await site?.close();
});

test('propose, approve, invite, post a photo, accept, comment; an outsider sees nothing', async ({ browser }) => {
  const editor = demo.people.find((p) => p.data.editor)!;
  const [proposer, invitee, outsider] = demo.people.filter((p) => !p.data.editor);

  // The proposal, on the groups overview.
  const page = await loginInBrowser(browser, `${site.base}/groepen/`, proposer.data.email);
  const propose = page.getByRole('region', { name: 'Een groep voorstellen' });
  await propose.getByLabel('Naam van de groep').fill(groupName);
  await propose.getByLabel('Omschrijving (minstens 10 tekens)').fill(`Samen naar het werk fietsen langs de ${secret}.`);
  await propose.getByRole('radio', { name: /^Privé: alleen op uitnodiging/ }).check();
  await propose.getByLabel('Toelichting voor de redactie').fill('Een kleine groep, niet voor iedereen.');
  await expectNoAxeViolations(page, '[data-propose-group]');
  await propose.getByRole('button', { name: 'Voorstel indienen' }).click();
  await expect(propose.getByRole('status')).toHaveText(`Je voorstel “${groupName}” is ingediend. De redactie besluit erover.`);
  await expect(propose.getByRole('listitem').filter({ hasText: groupName })).toHaveText(`${groupName} (Privé): wacht op de redactie`);

  // The editor approves it.
  const ed = await loginInBrowser(browser, `${site.base}/beheer/groepsvoorstellen/`, editor.data.email);
  const proposal = ed.getByRole('article', { name: groupName });
  await expect(proposal).toContainText(proposer.data.name);
  await expect(proposal).toContainText('Een kleine groep, niet voor iedereen.');
  await expectNoAxeViolations(ed, '[data-proposal-queue]');
  await proposal.getByRole('button', { name: `Goedkeuren: ${groupName}` }).click();
  await expect(ed.locator('[data-queue-live]')).toHaveText(`Goedgekeurd: ${groupName}.`);
  await expect(proposal).toHaveCount(0);
  await ed.context().close();

  // The proposer finds the group through their proposal, invites a colleague and posts a photo.
  await page.reload();
  await propose.getByRole('listitem').filter({ hasText: groupName }).getByRole('link', { name: 'Naar de groep' }).click();
  await expect(page).toHaveURL(/\/groepen\/prive\/\?id=p-[0-9a-z]{26}$/);
  const groupUrl = page.url();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(groupName);
  await expect(page.getByRole('region', { name: 'Leden' }).getByRole('listitem')).toHaveText(`${proposer.data.name} (moderator, jij)`);
  await page.getByLabel('Collega', { exact: true }).selectOption({ label: invitee.data.name });
  await page.getByRole('button', { name: 'Uitnodigen' }).click();
  await expect(page.locator('[data-pg-status]')).toHaveText(`${invitee.data.name} is uitgenodigd.`);
  await expect(page.locator('[data-pg-invitations]')).toContainText(invitee.data.name);

  const png = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#2a7ab0' } }).png().toBuffer();
  await page.getByLabel('Je bericht').fill(postText);
  await page.getByLabel(/^Foto’s/).setInputFiles({ name: 'fiets.png', mimeType: 'image/png', buffer: png });
  await page.getByLabel('Beschrijf foto 1 voor wie hem niet kan zien (fiets.png)').fill('Een blauwe fiets');
  await page.getByRole('button', { name: 'Plaatsen' }).click();
  await expect(page.getByText('Je bericht is geplaatst.')).toBeVisible();
  await expect(page.getByRole('article').filter({ hasText: postText }).getByRole('img', { name: 'Een blauwe fiets' })).toBeVisible();
  await expectNoAxeViolations(page, '[data-private-group]');
  await page.context().close();

  // The invited colleague accepts under Mijn groepen, sees the post with its photo and comments.
  const guest = await loginInBrowser(browser, `${site.base}/`, invitee.data.email);
  const mine = guest.getByRole('region', { name: 'Mijn groepen' });
  await expect(mine.getByRole('listitem').filter({ hasText: groupName })).toContainText('(privé, je bent uitgenodigd)');
  await expectNoAxeViolations(guest, '[data-my-groups]');
  await mine.getByRole('button', { name: `Aannemen: ${groupName}` }).click();
  await expect(mine.getByRole('status')).toHaveText(`Je bent nu lid van ${groupName}.`);
  await mine.getByRole('link', { name: groupName }).click();
  const post = guest.getByRole('article').filter({ hasText: postText });
  const photo = post.getByRole('img', { name: 'Een blauwe fiets' });
  await expect(photo).toBeVisible();
  await expect.poll(() => photo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(64);
  await post.getByLabel('Je reactie').fill('Ik fiets mee!');
  await post.getByRole('button', { name: 'Reageren' }).click();
  await expect(post.getByRole('region', { name: `Reacties op het bericht van ${proposer.data.name}` }).getByRole('listitem')).toContainText(['Ik fiets mee!']);
  await expect(guest.getByRole('region', { name: 'Leden' })).toContainText(`${invitee.data.name} (jij)`);
  const photoSrc = (await photo.getAttribute('src'))!;
  await guest.context().close();

  // Anyone else reads what they would read for a group that does not exist; its photo is not theirs either.
  const other = await loginInBrowser(browser, groupUrl, outsider.data.email);
  await expect(other.getByRole('status').filter({ hasText: MISSING })).toBeVisible();
  await expect(other.locator('body')).not.toContainText(secret);
  expect(photoSrc).toMatch(/^\/api\/privegroepen\/p-[0-9a-z]+\/fotos\//);
  expect((await other.request.get(`${site.base}${photoSrc}`)).status()).toBe(404);
  expect((await other.request.get(`${site.base}/api/privegroepen/${new URL(groupUrl).searchParams.get('id')}/berichten`)).status()).toBe(404);
  await other.goto(`${site.base}/groepen/prive/?id=p-01jzzzzzzzzzzzzzzzzzzzzzzz`);
  await expect(other.getByRole('status').filter({ hasText: MISSING })).toBeVisible();
  await other.context().close();

  // Its moderator dissolves it (after a confirmation): gone for the members too, posts and photo with it.
  const owner = await loginInBrowser(browser, groupUrl, proposer.data.email);
  owner.once('dialog', (dialog) => void dialog.accept());
  await owner.getByRole('button', { name: 'Groep opheffen' }).click();
  await expect(owner.getByRole('status').filter({ hasText: 'De groep is opgeheven.' })).toBeVisible();
  expect((await owner.request.get(`${site.base}/api/privegroepen/${new URL(groupUrl).searchParams.get('id')}`)).status()).toBe(404);
  expect((await owner.request.get(`${site.base}${photoSrc}`)).status()).toBe(404);
  await owner.context().close();
});

test('nothing of the private group is in git or in the built site', () => {
  // Posts, comments, photos and the group itself live only in the state store: not a commit, not a file.
  const history = execFileSync('git', ['-C', site.repo, 'log', '--all', '-p', '--format=%B'], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  expect(history).not.toContain(secret);
  const status = execFileSync('git', ['-C', site.repo, 'status', '--porcelain', '--', 'content', 'public'], { encoding: 'utf8' });
  expect(status).toBe('');
  // And so the build holds none of it: no page, script or search data of the site carries the group's words.
  const dist = resolve(process.env.PLEIN_DIST ?? 'dist');
  const leaks = (readdirSync(dist, { recursive: true }) as string[])
    .filter((f) => /\.(html|json|js|xml|txt)$/.test(f))
    .filter((f) => readFileSync(join(dist, f), 'utf8').includes(secret));
  expect(leaks).toEqual([]);
});
