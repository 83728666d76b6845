// Suggest an edit end to end: the embedded server on a copy of the repository, login through a real
// OpenID provider, "Wijziging voorstellen" under a knowledge page, the confirmation, and the branch in git.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loginInBrowser, startPleinWithOidc, type PleinWithOidc } from '../support/plein-oidc.ts';
import { demo } from './demo.ts';

test.describe.configure({ mode: 'serial' });

let site: PleinWithOidc;
const PAGE = demo.pages.find((p) => p.id === 'hr/verlof-aanvragen')!;
const FILE = `content/weten-en-regelen/${PAGE.id}.mdx`;
const git = (...args: string[]) => execFileSync('git', args, { cwd: site.repo, encoding: 'utf8' });

test.beforeAll(async () => {
  site = await startPleinWithOidc('e2e-voorstel');
});
test.afterAll(async () => {
  await site?.close();
});

/** Logs a colleague in and opens the knowledge page. */
function loginAndOpen(browser: Browser, personId: string, width = 1280, javaScriptEnabled = true): Promise<Page> {
  const email = demo.people.find((p) => p.id === personId)!.data.email;
  return loginInBrowser(browser, `${site.base}/weten-en-regelen/${PAGE.id}/`, email, { viewport: { width, height: 900 }, javaScriptEnabled });
}

async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).include('.suggest-edit').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`)).toEqual([]);
}

test('propose an edit to a knowledge page: confirmation, a branch with one commit, main untouched', async ({ browser }) => {
  const proposer = demo.people.find((p) => !p.data.editor)!;
  const page = await loginAndOpen(browser, proposer.id);
  const main = git('rev-parse', 'HEAD').trim();
  const original = readFileSync(join(site.repo, FILE), 'utf8');

  await page.getByText('Wijziging voorstellen', { exact: true }).click();
  const text = page.getByLabel('Tekst van de pagina');
  await expect(text).toBeEnabled();
  const source = await text.inputValue();
  expect(original.endsWith(source)).toBe(true);
  await expectNoAxeViolations(page);

  // Sending it unchanged is refused with a clear message.
  await page.getByLabel('Toelichting').fill('Een kleine correctie.');
  await page.getByRole('button', { name: 'Voorstel versturen' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Je hebt de tekst niet veranderd' })).toBeVisible();

  const sentence = `Dit is een voorgestelde zin ${Date.now()}.`;
  await text.fill(`${source.trimEnd()}\n\n${sentence}\n`);
  await page.getByRole('button', { name: 'Voorstel versturen' }).click();
  const done = page.locator('[data-suggest-done]');
  await expect(done).toContainText('Bedankt! Je voorstel is verstuurd naar');
  await expect(done).toBeFocused();
  const branch = (await done.locator('code').textContent())!;
  expect(branch).toMatch(/^voorstel\//);
  await expectNoAxeViolations(page);

  // The branch holds one commit on top of main with the change and the proposer as co-author;
  // main, the working tree and the page file are as they were.
  expect(git('rev-parse', 'HEAD').trim()).toBe(main);
  expect(git('status', '--porcelain')).toBe('');
  expect(readFileSync(join(site.repo, FILE), 'utf8')).toBe(original);
  expect(git('rev-parse', `${branch}^`).trim()).toBe(main);
  expect(git('show', `${branch}:${FILE}`)).toBe(`${original.slice(0, original.length - source.length)}${source.trimEnd()}\n\n${sentence}\n`);
  const message = git('log', '-1', '--format=%B', branch);
  expect(message).toContain('Een kleine correctie.');
  expect(message).toContain(`Co-authored-by: ${proposer.data.name} <${proposer.data.email}>`);
});

test('the opened form is axe-clean on a 360 px phone', async ({ browser }) => {
  const page = await loginAndOpen(browser, demo.people[1].id, 360);
  await page.getByText('Wijziging voorstellen', { exact: true }).click();
  await expect(page.getByLabel('Tekst van de pagina')).toBeEnabled();
  await expectNoAxeViolations(page);
});

test('without JavaScript the form stays hidden and the section says whom to mail', async ({ browser }) => {
  const page = await loginAndOpen(browser, demo.people[2].id, 1280, false);
  const section = page.locator('.suggest-edit');
  await expect(section.getByRole('heading', { name: 'Klopt er iets niet?' })).toBeVisible();
  await expect(section.getByText('Wijziging voorstellen', { exact: true })).toBeHidden();
  // Playwright turns scripts off without the parser's scripting flag, so read the <noscript> as markup.
  const owner = demo.people.find((p) => p.id === PAGE.data.owner)!;
  const noscript = await section.locator('noscript').innerHTML();
  expect(noscript).toContain('werkt alleen met JavaScript');
  expect(noscript).toContain(`href="mailto:${owner.data.email}?subject=`);
});
