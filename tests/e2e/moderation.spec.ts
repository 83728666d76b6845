// Moderation end to end (issue 19): a colleague reports a post in Koffietijd with Melden and sees "Gemeld"; the
// group's moderator (no editor) opens /beheer/moderatie/, sees it in context and hides it with a reason; an editor
// reads it in the moderation log, which the moderator may not open. Axe on the form, the queue and the log, also
// at 360 px.
import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from '../support/axe.ts';
import { loginInBrowser, startPleinWithOidc, type PleinWithOidc } from '../support/plein-oidc.ts';
import { demo, personName } from './demo.ts';

test.describe.configure({ mode: 'serial', timeout: 60_000 });

let site: PleinWithOidc;
test.beforeAll(async () => {
  site = await startPleinWithOidc('e2e-moderatie');
});
test.afterAll(async () => {
  await site?.close();
});

const PHONE = { width: 360, height: 740 };

test('report a post, hide it from the queue, read it in the log', async ({ browser }) => {
  const group = demo.groups.find((g) => g.id === 'koffietijd')!;
  const isEditor = (id: string) => !!demo.people.find((p) => p.id === id)?.data.editor;
  const moderator = demo.people.find((p) => group.data.moderators.includes(p.id) && !p.data.editor)!;
  const post = demo.posts.find((p) => p.data.group === 'koffietijd' && !group.data.moderators.includes(p.data.author) && !p.data.listing && !p.data.poll)!;
  const reporter = demo.people.find((p) => !p.data.editor && p.id !== post.data.author && !group.data.moderators.includes(p.id))!;
  const editor = demo.people.find((p) => p.data.editor)!;
  expect(isEditor(moderator.id)).toBe(false);
  const author = personName(post.data.author);

  // Melden, on the post's own page.
  const page = await loginInBrowser(browser, `${site.base}/berichten/${post.id}/`, reporter.data.email);
  const article = page.locator(`article[data-post-id="${post.id}"]`);
  await article.getByRole('button', { name: 'Melden' }).click();
  const form = page.locator('form.report-form');
  await expect(form.getByRole('group', { name: 'Waarom meld je dit?' })).toBeVisible();
  await form.getByRole('button', { name: 'Melding versturen' }).click();
  await expect(form.getByRole('alert')).toHaveText('Kies een reden.');
  await form.getByRole('radio', { name: 'Anders, namelijk …' }).check();
  await form.getByRole('button', { name: 'Melding versturen' }).click();
  await expect(form.getByRole('alert')).toHaveText('Vul een toelichting in bij Anders.');
  await form.getByRole('radio', { name: 'Bevat persoonsgegevens die hier niet horen' }).check();
  await form.getByLabel('Toelichting (verplicht bij Anders)').fill('Er staat een privénummer in');
  await expectNoAxeViolations(page, 'form.report-form');
  await form.getByRole('button', { name: 'Melding versturen' }).click();
  await expect(article.getByRole('status')).toHaveText('Gemeld. Een moderator bekijkt het; je krijgt een melding als er over is beslist.');
  await expect(article.getByRole('button', { name: 'Gemeld' })).toBeDisabled();
  await page.context().close();

  // The group's moderator (no editor) reviews it on the queue, at 360 px.
  const mod = await loginInBrowser(browser, `${site.base}/beheer/moderatie/`, moderator.data.email, { viewport: PHONE });
  const item = mod.getByRole('article', { name: `Bericht — ${author}` });
  await expect(item).toContainText('Koffietijd');
  await expect(item).toContainText('1 collega: persoonsgegevens (1)');
  await expect(item).toContainText('Er staat een privénummer in');
  await expect(item.getByRole('link', { name: 'Bekijk in context' })).toHaveAttribute('href', `/berichten/${post.id}/`);
  await expect(item).not.toContainText(reporter.data.name);
  await expect(mod.getByRole('link', { name: 'Moderatielogboek' })).toBeHidden();
  await expectNoAxeViolations(mod, '[data-moderation-queue]');
  await item.getByRole('button', { name: `Verbergen: bericht — ${author}` }).click();
  await expect(item.getByRole('alert')).toHaveText('Vul een reden in: de auteur krijgt die te zien.');
  await item.getByLabel('Reden voor de auteur (verplicht bij verbergen)').fill('Er stond een privételefoonnummer in');
  await item.getByRole('button', { name: `Verbergen: bericht — ${author}` }).click();
  await expect(mod.locator('[data-queue-live]')).toHaveText(`Verborgen: het bericht of de reactie van ${author}.`);
  await expect(item).toHaveCount(0);
  await expect(mod.getByRole('heading', { name: 'Open meldingen' })).toBeFocused();
  await expectNoAxeViolations(mod, '[data-moderation-queue]');
  // The log is for editors only: the page gate refuses the moderator.
  expect((await mod.goto(`${site.base}/beheer/moderatie/logboek/`))?.status()).toBe(403);
  await mod.context().close();

  // An editor reads it in the log, on a desktop and at 360 px.
  const ed = await loginInBrowser(browser, `${site.base}/beheer/moderatie/logboek/`, editor.data.email);
  const table = ed.getByRole('table', { name: 'Moderatiebesluiten, nieuwste eerst' });
  const line = table.getByRole('row').nth(1);
  await expect(line).toContainText(moderator.data.name);
  await expect(line).toContainText('verborgen');
  await expect(line).toContainText('Er stond een privételefoonnummer in');
  await expect(line).toContainText(author);
  await expectNoAxeViolations(ed, 'main');
  await ed.setViewportSize(PHONE);
  await expectNoAxeViolations(ed, 'main');
  // The queue is empty now, for the editor too.
  await ed.goto(`${site.base}/beheer/moderatie/`);
  await expect(ed.locator('[data-queue-message]')).toHaveText('Er zijn geen open meldingen voor jou om te beoordelen.');
  await expect(ed.getByRole('link', { name: 'Moderatielogboek' })).toBeVisible();
  await ed.context().close();
});
