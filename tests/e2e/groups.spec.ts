// Groups with members end to end: a colleague joins an open group and finds it under "Mijn groepen" on the home
// page, then leaves it; another asks to join a group op aanvraag, its moderator lets them in and takes them out again; axe-clean.
import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from '../support/axe.ts';
import { loginInBrowser, startPleinWithOidc, type PleinWithOidc } from '../support/plein-oidc.ts';
import { demo } from './demo.ts';

test.describe.configure({ mode: 'serial', timeout: 90_000 });

let site: PleinWithOidc;
test.beforeAll(async () => {
  site = await startPleinWithOidc('e2e-groepen');
});
test.afterAll(async () => {
  await site?.close();
});

test('join an open group, see it under Mijn groepen, leave it; ask to join a group op aanvraag and be let in', async ({ browser }) => {
  const open = demo.groups.find((g) => g.data.joinPolicy === 'open')!;
  const closed = demo.groups.find((g) => g.data.joinPolicy === 'op-aanvraag')!;
  const moderator = demo.people.find((p) => p.id === closed.data.moderators[0])!;
  const colleague = demo.people.find((p) => !p.data.editor && !closed.data.moderators.includes(p.id) && !open.data.moderators.includes(p.id))!;

  const page = await loginInBrowser(browser, `${site.base}/groepen/${open.id}/`, colleague.data.email);
  const section = page.getByRole('region', { name: 'Lidmaatschap' });
  await expect(section.getByRole('status')).toHaveText('0 leden.');
  await section.getByRole('button', { name: 'Lid worden' }).click();
  await expect(section.getByRole('status')).toHaveText('1 lid. Je bent lid.');
  await page.goto(`${site.base}/`);
  await expect(page.getByRole('region', { name: 'Mijn groepen' }).getByRole('link', { name: open.data.name })).toBeVisible();
  await page.goto(`${site.base}/groepen/${open.id}/`);
  await section.getByRole('button', { name: 'Groep verlaten' }).click();
  await expect(section.getByRole('status')).toHaveText('0 leden.');

  await page.goto(`${site.base}/groepen/${closed.id}/`);
  await expect(section.getByRole('status')).toHaveText('0 leden. Een moderator laat nieuwe leden toe.');
  await section.getByRole('button', { name: 'Lidmaatschap aanvragen' }).click();
  await expect(section.getByRole('status')).toHaveText('0 leden. Je aanvraag wacht op een moderator.');
  await expectNoAxeViolations(page, '[data-membership]');

  const mod = await loginInBrowser(browser, `${site.base}/groepen/${closed.id}/`, moderator.data.email);
  const modSection = mod.getByRole('region', { name: 'Lidmaatschap' });
  await modSection.getByRole('button', { name: `Toelaten: ${colleague.data.name}` }).click();
  await expect(modSection.getByRole('heading', { name: 'Aanvragen om lid te worden' })).toBeHidden();
  await page.reload();
  await expect(section.getByRole('status')).toHaveText(/^1 lid\. Je bent lid\./);
  // The moderator sees the members by name and takes one out (after a confirmation).
  const memberList = modSection.locator('[data-membership-members]');
  await expect(memberList.getByRole('listitem')).toContainText([colleague.data.name]);
  await expectNoAxeViolations(mod, '[data-membership]');
  mod.once('dialog', (dialog) => void dialog.accept());
  await memberList.getByRole('button', { name: `Uit de groep zetten: ${colleague.data.name}` }).click();
  await expect(modSection.getByRole('status')).toHaveText(new RegExp(`^${colleague.data.name} is uit de groep gezet\\. 0 leden\\.`));
  await page.reload();
  await expect(section.getByRole('status')).toHaveText('0 leden. Een moderator laat nieuwe leden toe.');
  await page.context().close();
  await mod.context().close();
});
