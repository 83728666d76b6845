// An editor writes a news item in the CMS: the file lands in git with valid front matter and builds into the site.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer } from '../../functions/hosts/node/server.ts';
import { parseFrontMatter } from '../../src/lib/front-matter.ts';
import { validateContent } from '../../src/lib/validate-content.ts';
import { newsSchema } from '../../src/schemas/news.ts';
import { choose, expect, publishNow, test, typeBody } from './fixtures.ts';

test('an editor creates and publishes a news item; after a build it is on the site', async ({ admin: page, cms }) => {
  await page.goto(`${cms.siteUrl}/admin/#/collections/nieuws/new`);
  await page.getByLabel('Titel', { exact: true }).fill('Nieuwe koffieautomaten op elke verdieping');
  await page.getByLabel('Samenvatting', { exact: true }).fill('Vanaf maandag staat op elke verdieping van het stadhuis een nieuwe koffieautomaat.');
  await page.getByLabel('Datum', { exact: true }).fill('2026-11-20T09:30');
  await choose(page, 'Auteur', 'Iris');
  await choose(page, 'Categorie', 'Facilitair');
  await typeBody(page, 'De oude automaten gaan **vrijdag** de deur uit.\n\nVragen? Mail facilitair@wadvoort.nl.');
  await page.getByRole('button', { name: 'Opslaan', exact: true }).click();
  await expect(page).toHaveURL(/entries\/nieuwe-koffieautomaten-op-elke-verdieping$/);
  await publishNow(page);

  // The file is on main, its front matter passes the collection's schema and the whole content validates.
  const file = join(cms.repoDir, 'content', 'nieuws', 'nieuwe-koffieautomaten-op-elke-verdieping.md');
  expect(cms.git('ls-tree', '--name-only', 'main', 'content/nieuws/')).toContain('nieuwe-koffieautomaten-op-elke-verdieping.md');
  const { data, body } = parseFrontMatter(readFileSync(file, 'utf8'));
  const parsed = newsSchema.parse(data);
  expect(parsed).toMatchObject({ title: 'Nieuwe koffieautomaten op elke verdieping', author: 'iris-kuipers', category: 'facilitair' });
  expect(body).toContain('**vrijdag**');
  expect(validateContent(join(cms.repoDir, 'content')).problems.filter((p) => p.severity === 'error')).toEqual([]);

  // A build of the repository now has the article.
  const dist = cms.build();
  expect(existsSync(join(dist, 'nieuws', 'nieuwe-koffieautomaten-op-elke-verdieping', 'index.html'))).toBe(true);
  const site = await startServer({ distDir: dist, port: 0 });
  try {
    await page.goto(`http://127.0.0.1:${(site.address() as { port: number }).port}/nieuws/nieuwe-koffieautomaten-op-elke-verdieping/`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Nieuwe koffieautomaten op elke verdieping');
    await expect(page.locator('.prose strong')).toHaveText('vrijdag');
  } finally {
    site.close();
  }
});
