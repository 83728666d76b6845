// A colleague's own profile end to end: on their own profile page (and only there) they fill in over mij and
// vraag me over and hide their phone number; it is saved as a commit by them in the repository, with everything
// HR wrote untouched; the form shows what was saved after a reload; axe-clean; "Mijn gegevens downloaden" gives a ZIP.
import { expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expectNoAxeViolations } from '../support/axe.ts';
import { loginInBrowser, startPleinWithOidc, type PleinWithOidc } from '../support/plein-oidc.ts';
import { demo } from './demo.ts';

test.describe.configure({ mode: 'serial', timeout: 90_000 });

let site: PleinWithOidc;
test.beforeAll(async () => {
  site = await startPleinWithOidc('e2e-profiel');
});
test.afterAll(async () => {
  await site?.close();
});

test('a colleague edits their own profile; someone else’s profile has no form', async ({ browser }) => {
  const me = demo.people.find((p) => p.data.phone && !p.data.editor && !p.data.about)!;
  const other = demo.people.find((p) => p.id !== me.id)!;
  const file = join(site.repo, `content/collegas/${me.id}.yml`);
  const before = readFileSync(file, 'utf8');
  const page = await loginInBrowser(browser, `${site.base}/collegas/${me.id}/`, me.data.email);
  const form = page.getByRole('region', { name: 'Mijn profiel bewerken' });
  await expect(form).toBeVisible();
  await expect(form.getByLabel('Toon mijn telefoonnummer op Plein')).toBeChecked();
  await form.getByLabel('Over mij').fill('Ik ben vaak op pad in de wijk.\n\nBel gerust als je iets ziet.');
  await form.getByLabel('Vraag me over').fill('Parkeren\nEvenementen');
  await form.getByLabel('Toon mijn telefoonnummer op Plein').uncheck();
  await form.getByRole('button', { name: 'Opslaan' }).click();
  await expect(form.getByRole('status')).toHaveText(/^Opgeslagen\./);

  // The answer comes once the change is durable in the outbox; the commit (and the file) follow a moment later.
  await expect.poll(() => execFileSync('git', ['log', '-1', '--format=%an|%s'], { cwd: site.repo, encoding: 'utf8' }).trim()).toBe(`${me.data.name}|Profiel bijgewerkt door ${me.data.name}`);
  const after = readFileSync(file, 'utf8');
  for (const line of before.trim().split('\n')) expect(after).toContain(line);
  expect(after).toMatch(/^phoneVisible: false$/m);
  expect(after).toMatch(/^askMeAbout:\n {2}- Parkeren\n {2}- Evenementen$/m);

  await page.reload();
  await expect(form.getByLabel('Vraag me over')).toHaveValue('Parkeren\nEvenementen');
  await expect(form.getByLabel('Toon mijn telefoonnummer op Plein')).not.toBeChecked();
  await expectNoAxeViolations(page, '[data-own-profile]');

  // Mijn gegevens downloaden (AVG art. 15): one ZIP of their own data, explained in LEESMIJ.txt.
  const [download] = await Promise.all([page.waitForEvent('download'), form.getByRole('link', { name: 'Mijn gegevens downloaden' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^mijn-gegevens-plein-\d{4}-\d{2}-\d{2}\.zip$/);
  const zip = readFileSync((await download.path())!);
  expect(zip.subarray(0, 4).toString('latin1')).toBe('PK\x03\x04');
  // Stored (uncompressed) entries: the names and the saved profile can be read straight from the bytes.
  const bytes = zip.toString('utf8');
  for (const part of ['LEESMIJ.txt', 'profiel.yml', 'statusopslag/notifications.json', '- Parkeren']) expect(bytes).toContain(part);

  await page.goto(`${site.base}/collegas/${other.id}/`);
  await expect(page.getByRole('heading', { level: 1, name: other.data.name })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Mijn profiel bewerken' })).toBeHidden();
  await page.context().close();
});
