// Every page type renders its demo content.
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { NEW_COLLEAGUE_DAYS } from '../../src/config.ts';
import { demo, personName } from './demo.ts';

const main = (page: import('@playwright/test').Page) => page.locator('main');

test('home: latest news, timeline, upcoming events, quick links, new colleagues', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welkom op het intranet');
  const quick = page.getByRole('region', { name: 'Snel naar' }).getByRole('link');
  await expect(quick).toHaveCount(demo.settings.quickLinks.length);
  await expect(page.getByRole('region', { name: 'Laatste nieuws' }).getByRole('link', { name: demo.news[0].data.title })).toBeVisible();
  await expect(page.locator('[data-timeline="home"] [data-post-id]').first()).toHaveAttribute('data-post-id', demo.posts[0].id);
  // The build's "now" is pinned for the demo (scripts/test-all.ts), so it has events to come and colleagues started
  // within NEW_COLLEAGUE_DAYS.
  const upcoming = demo.events.filter((e) => e.data.end >= demo.now).sort((a, b) => a.data.start - b.data.start);
  expect(upcoming.length, `the demo has events to come at ${demo.now.toISOString()}`).toBeGreaterThan(0);
  await expect(page.getByRole('region', { name: 'Binnenkort' }).getByRole('link', { name: upcoming[0].data.title })).toBeVisible();
  const newcomers = demo.people
    .filter((p) => p.data.startDate <= demo.now && demo.now.getTime() - p.data.startDate.getTime() < NEW_COLLEAGUE_DAYS * 86_400_000)
    .sort((a, b) => b.data.startDate - a.data.startDate);
  expect(newcomers.length, `the demo has new colleagues at ${demo.now.toISOString()}`).toBeGreaterThan(0);
  const cards = page.getByRole('region', { name: 'Nieuwe collega’s' }).getByRole('article');
  await expect(cards).toHaveCount(Math.min(6, newcomers.length));
  await expect(cards.first()).toContainText(newcomers[0].data.name);
});

test('news list is paginated and newest first', async ({ page }) => {
  await page.goto('/nieuws/');
  const titles = await main(page).locator('.news-card h2').allTextContents();
  expect(titles).toEqual(demo.news.slice(0, 10).map((n) => n.data.title));
  if (demo.news.length > 10) {
    await page.getByRole('link', { name: /Volgende/ }).click();
    await expect(page).toHaveURL(/\/nieuws\/2\/$/);
    await expect(main(page).locator('.news-card h2').first()).toHaveText(demo.news[10].data.title);
  }
});

test('news per category shows only that category', async ({ page }) => {
  const category = demo.news[0].data.category;
  await page.goto(`/nieuws/categorie/${category}/`);
  const titles = await main(page).locator('.news-card h2').allTextContents();
  const expected = demo.news.filter((n) => n.data.category === category).slice(0, 10).map((n) => n.data.title);
  expect(titles).toEqual(expected);
});

test('news article shows author, body and comments', async ({ page }) => {
  const withComments = demo.news.find((n) => demo.comments.some((c) => c.data.on.type === 'nieuws' && c.data.on.id === n.id)) ?? demo.news[0];
  await page.goto(`/nieuws/${withComments.id}/`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(withComments.data.title);
  await expect(main(page).getByRole('link', { name: personName(withComments.data.author) }).first()).toBeVisible();
  const count = demo.comments.filter((c) => c.data.on.type === 'nieuws' && c.data.on.id === withComments.id).length;
  await expect(page.locator('#reacties .comment')).toHaveCount(count);
});

test('targeted news and agenda items say who they are for (issue 17), on their page and in the list, accessibly', async ({ page }) => {
  const names = new Map<string, string>([
    ...demo.departments.map((d) => [d.id, d.data.name] as [string, string]),
    ...[...demo.settings.locations, ...demo.settings.roles].map((x: { id: string; label: string }) => [x.id, x.label] as [string, string]),
  ]);
  const forWhom = (a: { departments: string[]; locations: string[]; roles: string[] }) => `Voor: ${[...a.departments, ...a.locations, ...a.roles].map((id) => names.get(id)).join(', ')}`;
  const index = demo.news.findIndex((n) => n.data.audience);
  const item = demo.news[index];
  await page.goto(`/nieuws/${item.id}/`);
  await expect(main(page).locator('.audience')).toHaveText(forWhom(item.data.audience));
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(results.violations.map((v) => v.id)).toEqual([]);
  // In the list on its page of the news; an item for everyone says nothing.
  await page.goto(index < 10 ? '/nieuws/' : `/nieuws/${Math.floor(index / 10) + 1}/`);
  await expect(main(page).locator('.news-card', { hasText: item.data.title }).locator('.audience')).toHaveText(forWhom(item.data.audience));
  const everyone = demo.news.slice(Math.floor(index / 10) * 10, Math.floor(index / 10) * 10 + 10).find((n) => !n.data.audience)!;
  await expect(main(page).locator('.news-card', { hasText: everyone.data.title }).locator('.audience')).toHaveCount(0);
  const event = demo.events.find((e) => e.data.audience)!;
  await page.goto(`/agenda/${event.id}/`);
  await expect(main(page).locator('dd.audience')).toHaveText(forWhom(event.data.audience).replace('Voor: ', ''));
  // A colleague's profile names their roles, so they can see what news is aimed at them.
  const withRoles = demo.people.find((p) => p.data.roles.length > 1)!;
  await page.goto(`/collegas/${withRoles.id}/`);
  await expect(main(page).locator('dt', { hasText: 'Rollen' }).locator('+ dd')).toHaveText(withRoles.data.roles.map((r: string) => names.get(r)).join(', '));
});

test('draft, scheduled and expired news is not built', async ({ request }) => {
  // A draft, an expired and a scheduled item at the demo's pinned build time (scripts/test-all.ts).
  expect(demo.hiddenNews.length).toBeGreaterThanOrEqual(3);
  for (const item of demo.hiddenNews) {
    expect((await request.get(`/nieuws/${item.id}/`)).status()).toBe(404);
  }
  const rss = await (await request.get('/nieuws/rss.xml')).text();
  for (const item of demo.hiddenNews) expect(rss).not.toContain(item.data.title);
});

test('RSS and Atom feeds list the news', async ({ request }) => {
  const rss = await request.get('/nieuws/rss.xml');
  expect(rss.headers()['content-type']).toContain('xml');
  const rssText = await rss.text();
  expect(rssText).toContain(`/nieuws/${demo.news[0].id}/`);
  expect(rssText.match(/<item>/g)?.length).toBe(Math.min(50, demo.news.length));
  const atom = await (await request.get('/nieuws/atom.xml')).text();
  expect(atom).toContain('<feed xmlns="http://www.w3.org/2005/Atom"');
  expect(atom).toContain(`/nieuws/${demo.news[0].id}/`);
});

test('knowledge index lists sections and every page A–Z', async ({ page }) => {
  await page.goto('/weten-en-regelen/');
  for (const s of demo.sections.filter((s) => !s.id.includes('/'))) {
    await expect(main(page).getByRole('link', { name: s.data.title, exact: true }).first()).toBeVisible();
  }
  const az = main(page).locator('section[aria-labelledby^="letter-"] a');
  await expect(az).toHaveCount(demo.pages.length);
});

test('knowledge page: breadcrumbs, table of contents, owner, review date, MDX components', async ({ page }) => {
  const mdx = demo.pages.find((p) => /<Callout/.test(p.body) && /<ContactCard/.test(p.body)) ?? demo.pages.find((p) => p.file.endsWith('.mdx'))!;
  await page.goto(`/weten-en-regelen/${mdx.id}/`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(mdx.data.title);
  const crumbs = page.getByRole('navigation', { name: 'Kruimelpad' });
  await expect(crumbs.getByRole('link', { name: 'Weten en regelen' })).toBeVisible();
  const toc = page.getByRole('navigation', { name: 'Op deze pagina' });
  const firstEntry = toc.getByRole('link').first();
  const target = await firstEntry.getAttribute('href');
  await expect(page.locator(target!)).toHaveCount(1);
  await expect(page.locator('.page-facts')).toContainText('Eigenaar');
  await expect(page.locator('.page-facts')).toContainText('Laatst gecontroleerd');
  await expect(page.locator('.page-facts')).toContainText('Laatst gewijzigd');
  if (/<Callout/.test(mdx.body)) await expect(page.locator('aside.callout').first()).toBeVisible();
  const contact = /<ContactCard person="([^"]+)"/.exec(mdx.body)?.[1];
  if (contact) await expect(page.locator('.contact-card').getByRole('link', { name: personName(contact) })).toHaveAttribute('href', `/collegas/${contact}/`);
});

test('MDX steps render as a numbered list', async ({ page }) => {
  const withSteps = demo.pages.find((p) => /<Steps>/.test(p.body))!;
  await page.goto(`/weten-en-regelen/${withSteps.id}/`);
  await expect(page.locator('.steps ol > li').first()).toBeVisible();
});

test('knowledge section lists its pages and subsections', async ({ page }) => {
  const nested = demo.sections.find((s) => s.id.includes('/'));
  const parent = nested ? nested.id.split('/')[0] : demo.sections[0].id;
  await page.goto(`/weten-en-regelen/${parent}/`);
  if (nested) await expect(main(page).getByRole('link', { name: nested.data.title })).toBeVisible();
  const direct = demo.pages.filter((p) => p.id.split('/').slice(0, -1).join('/') === parent);
  for (const p of direct) await expect(main(page).getByRole('link', { name: p.data.title }).first()).toBeVisible();
});

test('groups index and a group page with its posts', async ({ page }) => {
  await page.goto('/groepen/');
  for (const g of demo.groups) await expect(main(page).getByRole('link', { name: g.data.name })).toBeVisible();
  const koffie = demo.groups.find((g) => g.id === 'koffietijd') ?? demo.groups[0];
  await page.goto(`/groepen/${koffie.id}/`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(koffie.data.name);
  const posts = demo.posts.filter((p) => p.data.group === koffie.id);
  await expect(page.locator('[data-post-id]')).toHaveCount(posts.length);
});

test('timeline shows posts newest first, and a post page shows its comments', async ({ page }) => {
  await page.goto('/tijdlijn/');
  const ids = await page.locator('[data-post-id]').evaluateAll((els) => els.map((e) => e.getAttribute('data-post-id')));
  expect(ids).toEqual(demo.posts.slice(0, 20).map((p) => p.id));
  const post = demo.posts.find((p) => demo.comments.some((c) => c.data.on.type === 'bericht' && c.data.on.id === p.id))!;
  await page.goto(`/berichten/${post.id}/`);
  const comments = demo.comments.filter((c) => c.data.on.type === 'bericht' && c.data.on.id === post.id);
  await expect(page.locator('#reacties .comment')).toHaveCount(comments.length);
});

test('a hidden comment shows as hidden, its text not at all', async ({ page }) => {
  const hidden = demo.comments.find((c) => c.data.hidden);
  test.skip(!hidden, 'the demo has no hidden comment');
  const { type, id } = hidden!.data.on;
  const path = { bericht: `/berichten/${id}/`, nieuws: `/nieuws/${id}/`, kennis: `/weten-en-regelen/${id}/`, agenda: `/agenda/${id}/` }[type as string]!;
  await page.goto(path);
  await expect(page.locator(`#reactie-${hidden!.id}`)).toContainText('verborgen door een moderator');
  await expect(page.locator('main')).not.toContainText(hidden!.body.trim().slice(0, 40));
});

test('post bodies are sanitised Markdown with mention links', async ({ page }) => {
  const mention = demo.posts.find((p) => /@([a-z0-9-]+)/.test(p.body) && demo.people.some((x) => p.body.includes(`@${x.id}`)));
  test.skip(!mention, 'no post with a mention');
  const id = demo.people.find((x) => mention!.body.includes(`@${x.id}`))!.id;
  await page.goto(`/berichten/${mention!.id}/`);
  await expect(page.locator('.post-body a.mention').first()).toHaveAttribute('href', `/collegas/${id}/`);
});

test('colleagues directory filters by department', async ({ page }) => {
  await page.goto('/collegas/');
  await expect(main(page).locator('.person-card')).toHaveCount(demo.people.length);
  const dept = demo.departments[0];
  await page.getByRole('navigation', { name: 'Filter op afdeling' }).getByRole('link', { name: dept.data.name }).click();
  await expect(page).toHaveURL(new RegExp(`/collegas/afdeling/${dept.id}/$`));
  await expect(main(page).locator('.person-card')).toHaveCount(demo.people.filter((p) => p.data.department === dept.id).length);
});

test('a profile shows contact details; a photo only with consent', async ({ page }) => {
  const p = demo.people.find((x) => x.data.phone) ?? demo.people[0];
  await page.goto(`/collegas/${p.id}/`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(p.data.name);
  await expect(main(page).getByRole('link', { name: p.data.email })).toHaveAttribute('href', `mailto:${p.data.email}`);
  const noConsent = demo.people.find((x) => x.data.photo && !x.data.photoConsent);
  if (noConsent) {
    await page.goto(`/collegas/${noConsent.id}/`);
    await expect(page.locator(`img[src="${noConsent.data.photo.src}"]`)).toHaveCount(0);
  }
  // What a colleague wrote themselves shows; a phone number they chose to hide is nowhere in the page.
  const own = demo.people.find((x) => x.data.about && x.data.phone && x.data.phoneVisible === false);
  if (own) {
    await page.goto(`/collegas/${own.id}/`);
    await expect(page.getByRole('heading', { name: 'Over mij' })).toBeVisible();
    await expect(main(page).getByText(own.data.askMeAbout[0])).toBeVisible();
    expect(await page.content()).not.toContain(own.data.phone);
  }
  const consent = demo.people.find((x) => x.data.photo && x.data.photoConsent);
  if (consent) {
    await page.goto(`/collegas/${consent.id}/`);
    await expect(page.locator(`img[src="${consent.data.photo.src}"]`).first()).toBeVisible();
  }
});

test('departments index and a department with its people', async ({ page }) => {
  await page.goto('/afdelingen/');
  await expect(main(page).locator('.card')).toHaveCount(demo.departments.length);
  const dept = demo.departments[0];
  await page.goto(`/afdelingen/${dept.id}/`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(dept.data.name);
  await expect(main(page).locator('.person-card')).toHaveCount(demo.people.filter((p) => p.data.department === dept.id).length);
});

test('agenda splits upcoming and past; an event offers an .ics file', async ({ page, request }) => {
  await page.goto('/agenda/');
  // At the demo's pinned build time (scripts/test-all.ts) some events are still to come and some are past.
  const upcoming = demo.events.filter((e) => e.data.end >= demo.now);
  const past = demo.events.filter((e) => e.data.end < demo.now);
  expect(upcoming.length, `the demo has events to come at ${demo.now.toISOString()}`).toBeGreaterThan(0);
  expect(past.length, `the demo has past events at ${demo.now.toISOString()}`).toBeGreaterThan(0);
  await expect(page.getByRole('region', { name: 'Komende activiteiten' }).locator('.event-card')).toHaveCount(upcoming.length);
  await expect(page.getByRole('region', { name: 'Geweest' }).locator('.event-card')).toHaveCount(past.length);
  const event = upcoming[0];
  await page.goto(`/agenda/${event.id}/`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(event.data.title);
  const ics = await request.get(`/agenda/${event.id}.ics`);
  expect(ics.headers()['content-type']).toContain('text/calendar');
  const text = await ics.text();
  expect(text).toContain('BEGIN:VEVENT');
  expect(text).toContain(`DTSTART:${event.data.start.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '')}`);
});

test('an unknown address answers 404 with a Dutch page', async ({ page }) => {
  const res = await page.goto('/bestaat-echt-niet/');
  expect(res?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Pagina niet gevonden');
});
