// Editorial workflow on local git: a saved draft is a branch; publishing merges it into main.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseFrontMatter } from '../../src/lib/front-matter.ts';
import { knowledgeSchema } from '../../src/schemas/knowledge.ts';
import { choose, expect, publishNow, test } from './fixtures.ts';

const SLUG = 'verlof-op-tijd-aanvragen';
const BRANCH = `cms/kennis-hr/${SLUG}`;

test('a knowledge page with a callout: the draft is a branch, publishing merges it into main', async ({ admin: page, cms }) => {
  await page.goto(`${cms.siteUrl}/admin/#/collections/kennis-hr/new`);
  await page.getByLabel('Titel', { exact: true }).fill('Verlof op tijd aanvragen');
  await page.getByLabel('Samenvatting', { exact: true }).fill('Waarom je verlof minstens twee weken van tevoren aanvraagt.');
  await choose(page, 'Eigenaar', 'HR', 'HR (afdeling)');
  await page.getByLabel('Laatst gecontroleerd', { exact: true }).fill('2026-11-01');

  // Body in the rich-text editor, with a callout from the toolbar's component menu.
  const body = page.locator('[aria-label="markdown field"]').first();
  await body.getByRole('textbox').first().click();
  await page.keyboard.type('Vraag je verlof op tijd aan.');
  await body.getByRole('button', { name: 'Voeg component toe' }).click();
  await page.getByRole('menuitem', { name: /^Kader/ }).click();
  const callout = body.locator('[aria-label="object field"]').filter({ hasText: 'Kader' });
  await callout.getByLabel('Titel (optioneel)').fill('Let op de termijn');
  await callout.locator('[aria-label="markdown field"]').getByRole('textbox').click();
  await page.keyboard.type('Minstens twee weken van tevoren.');

  // The preview shows the callout as the site does.
  const preview = page.locator('iframe').first().contentFrame();
  await expect(preview.locator('aside.callout.callout-info .callout-title')).toContainText('Let op de termijn');
  await expect(preview.locator('aside.callout .callout-body')).toContainText('Minstens twee weken van tevoren.');

  await page.getByRole('button', { name: 'Opslaan', exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`entries/${SLUG}$`));

  // Saved as a draft: a branch of its own, nothing on main yet.
  expect(cms.git('branch', '--list', BRANCH)).toContain(BRANCH);
  const path = `content/weten-en-regelen/hr/${SLUG}.mdx`;
  expect(cms.git('ls-tree', '--name-only', 'main', 'content/weten-en-regelen/hr/')).not.toContain(`${SLUG}.mdx`);
  const draft = cms.git('show', `${BRANCH}:${path}`);
  expect(draft).toContain('<Callout type="info" title="Let op de termijn">\nMinstens twee weken van tevoren.\n</Callout>');

  // The workflow board lists it as a draft.
  await page.goto(`${cms.siteUrl}/admin/#/workflow`);
  await expect(page.getByRole('link', { name: /Verlof op tijd aanvragen/ })).toBeVisible();

  // Publishing merges the branch into main and removes it.
  await page.goto(`${cms.siteUrl}/admin/#/collections/kennis-hr/entries/${SLUG}`);
  await publishNow(page);
  expect(cms.git('branch', '--list', BRANCH).trim()).toBe('');
  const published = readFileSync(join(cms.repoDir, path), 'utf8');
  expect(cms.git('show', `main:${path}`)).toBe(published);
  const { data } = parseFrontMatter(published);
  expect(knowledgeSchema.parse(data)).toMatchObject({ title: 'Verlof op tijd aanvragen', owner: 'hr' });
});
