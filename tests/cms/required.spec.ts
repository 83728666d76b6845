// The CMS enforces what the schemas require: empty required fields, a knowledge page without owner,
// a cover image without alt text: none of them can be saved, so none can be published.
import { choose, expect, test, typeBody } from './fixtures.ts';

test('a news item with empty required fields cannot be saved: each field says so', async ({ admin: page, cms }) => {
  const branches = cms.git('branch', '--list', 'cms/*');
  await page.goto(`${cms.siteUrl}/admin/#/collections/nieuws/new`);
  await page.getByLabel('Titel', { exact: true }).fill('Ab');
  await page.getByRole('button', { name: 'Opslaan', exact: true }).click();
  for (const label of ['Samenvatting', 'Datum', 'Auteur', 'Categorie', 'Tekst']) {
    await expect(page.getByText(`${label} is vereist.`)).toBeVisible();
  }
  // The schema's length limit is checked in the form too.
  await expect(page.getByText(/minstens 3 en hoogstens 120 tekens/)).toBeVisible();
  await expect(page).toHaveURL(/nieuws\/new$/);
  expect(cms.git('branch', '--list', 'cms/*')).toBe(branches);
});

test('a knowledge page without an owner cannot be saved, so it cannot be published', async ({ admin: page, cms }) => {
  await page.goto(`${cms.siteUrl}/admin/#/collections/kennis-ict/new`);
  await page.getByLabel('Titel', { exact: true }).fill('Een pagina zonder eigenaar');
  await page.getByLabel('Samenvatting', { exact: true }).fill('Deze pagina heeft nog niemand die haar bijhoudt.');
  await page.getByLabel('Laatst gecontroleerd', { exact: true }).fill('2026-11-01');
  await typeBody(page, 'Tekst van de pagina.');
  await page.getByRole('button', { name: 'Opslaan', exact: true }).click();
  await expect(page.getByText('Eigenaar is vereist.')).toBeVisible();
  await expect(page).toHaveURL(/kennis-ict\/new$/);
  await expect(page.getByRole('button', { name: 'Publiceer', exact: true })).toHaveCount(0);
  expect(cms.git('branch', '--list', 'cms/kennis-ict/*')).toBe('');
});

test('a cover image without alt text is refused with a clear message', async ({ admin: page, cms }) => {
  // Open the media library once, so a new entry starts with the existing images.
  await page.getByRole('button', { name: 'Media' }).click();
  await expect(page.getByText('logo.svg')).toBeVisible();
  await page.keyboard.press('Escape');
  await page.goto(`${cms.siteUrl}/admin/#/collections/nieuws/new`);
  await page.getByLabel('Titel', { exact: true }).fill('Een bericht met een plaatje');
  await page.getByLabel('Samenvatting', { exact: true }).fill('Dit bericht heeft een omslagafbeelding zonder beschrijving.');
  await page.getByLabel('Datum', { exact: true }).fill('2026-11-21T10:00');
  await choose(page, 'Auteur', 'Iris', 'Iris Kuipers');
  await choose(page, 'Categorie', 'ICT');
  await typeBody(page, 'Kijk maar.');
  const cover = page.locator('[aria-label="object field"]').filter({ hasText: 'Omslagafbeelding' });
  await cover.getByRole('button', { name: 'Expand' }).click();
  await cover.getByRole('button', { name: 'Kies een afbeelding' }).click();
  await page.getByText('logo.svg').click();
  await page.getByRole('button', { name: 'Gebruik selectie' }).click();
  await page.getByRole('button', { name: 'Opslaan', exact: true }).click();
  await expect(page.getByText(/Kan item niet opslaan: .*cover\.alt: is verplicht maar ontbreekt/)).toBeVisible();
  expect(cms.git('branch', '--list', 'cms/nieuws/een-bericht-met-een-plaatje')).toBe('');
});
