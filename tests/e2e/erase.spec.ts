// Erasure for editors end to end (issue 19): on /beheer/wissen/ at 360 px an editor asks to erase a group moderator,
// confirms, is shown the references that need a successor (nothing changed), names one and erases; then one post.
// The server's repository has one Plein commit per erasure and no file names the colleague; the state store is erased too. Axe on the form, the
// confirmation and the refusal.
import { execFileSync, spawnSync } from 'node:child_process';
import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from '../support/axe.ts';
import { loginInBrowser, startPleinWithOidc, type PleinWithOidc } from '../support/plein-oidc.ts';
import { demo } from './demo.ts';

test.describe.configure({ mode: 'serial', timeout: 90_000 });

let site: PleinWithOidc;
test.beforeAll(async () => {
  site = await startPleinWithOidc('e2e-wissen');
});
test.afterAll(async () => {
  await site?.close();
});

test('an editor erases a colleague after a confirmation and a hand-over, then one post', async ({ browser }) => {
  const editor = demo.people.find((p) => p.data.editor)!;
  const group = demo.groups.find((g) => g.data.moderators.some((m: string) => m !== editor.id && !demo.people.find((p) => p.id === m)?.data.editor))!;
  const leaver = demo.people.find((p) => p.id !== editor.id && group.data.moderators.includes(p.id))!;
  const post = demo.posts.find((p) => p.data.author !== leaver.id && !p.data.photos?.length)!;
  const head = () => execFileSync('git', ['rev-parse', 'HEAD'], { cwd: site.repo, encoding: 'utf8' }).trim();
  const before = head();

  const page = await loginInBrowser(browser, `${site.base}/beheer/wissen/`, editor.data.email, { viewport: { width: 360, height: 740 } });
  const form = page.getByRole('form', { name: 'Een collega wissen' });
  await expectNoAxeViolations(page, '[data-erase]');
  await form.getByLabel('Id van de collega').fill(leaver.id);
  await form.getByRole('button', { name: 'Wissen …' }).click();
  const question = form.getByRole('group', { name: /Weet je het zeker\?/ });
  await expect(question).toBeVisible();
  await expect(question.locator('p')).toBeFocused();
  await expectNoAxeViolations(page, '[data-erase]');
  await question.getByRole('button', { name: 'Ja, definitief wissen' }).click();
  // Without a successor: refused, every reference listed, nothing changed.
  const alert = form.getByRole('alert');
  await expect(alert).toContainText(`${group.file.replace(/^.*?content\//, 'content/')}: moderators.`);
  await expect(form.getByLabel('Overdragen aan (id, als dat nodig is)')).toBeFocused();
  await expectNoAxeViolations(page, '[data-erase]');
  expect(head()).toBe(before);

  await form.getByLabel('Overdragen aan (id, als dat nodig is)').fill(editor.id);
  await form.getByRole('button', { name: 'Wissen …' }).click();
  await question.getByRole('button', { name: 'Ja, definitief wissen' }).click();
  const status = page.locator('[data-erase-live]');
  await expect(status).toContainText('Gewist in één commit: 1 profiel');
  await expect(status).toContainText(/Ook de statusopslag .* is gewist: \d+ rijen gewist of geanonimiseerd\./);
  await expect(form.locator('[data-erase-error]')).toBeEmpty();
  // The server commits from its outbox: the commit follows the answer shortly.
  const last = () => execFileSync('git', ['log', '-1', '--format=%an|%s'], { cwd: site.repo, encoding: 'utf8' });
  await expect.poll(last).toBe('Plein|Gegevens van een oud-collega verwijderd (AVG art. 17)\n');
  const grep = spawnSync('git', ['grep', '-i', '-I', '-F', '-e', leaver.id, '-e', leaver.data.name, '-e', leaver.data.email, 'HEAD', '--', 'content', 'public'], { cwd: site.repo, encoding: 'utf8' });
  expect(grep).toMatchObject({ status: 1, stdout: '' });

  // One post on request, cancelled once first.
  const postForm = page.getByRole('form', { name: 'Eén bericht wissen' });
  await postForm.getByLabel('Id van het bericht').fill(post.id);
  await postForm.getByRole('button', { name: 'Wissen …' }).click();
  await postForm.getByRole('button', { name: 'Annuleren' }).click();
  await expect(status).toHaveText('Niets gewist.');
  await postForm.getByRole('button', { name: 'Wissen …' }).click();
  await postForm.getByRole('button', { name: 'Ja, definitief wissen' }).click();
  await expect(status).toContainText('Gewist in één commit: 1 bericht');
  await expect.poll(last).toBe('Plein|Een bericht verwijderd op verzoek (AVG art. 17)\n');
  expect(execFileSync('git', ['ls-tree', '-r', '--name-only', 'HEAD', '--', 'content/berichten'], { cwd: site.repo, encoding: 'utf8' })).not.toContain(post.id);
  await page.context().close();
});
