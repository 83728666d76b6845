// Waarderingen end to end: toggle buttons with aria-pressed and a text label on posts, comments and news; the counts
// and one's own in ONE request per page (never through /api/feed); "wie waardeerde dit?" by name; a post that comes
// in live gets its buttons; keyboard use; axe-clean. (Logged out there is no page to show them on: the site asks for a login.)
import { expect, test, type Browser, type Page } from '@playwright/test';
import { loginInBrowser, startPleinWithOidc, type PleinWithOidc } from '../support/plein-oidc.ts';
import { demo } from './demo.ts';

test.describe.configure({ mode: 'serial', timeout: 90_000 });

let site: PleinWithOidc;
test.beforeAll(async () => {
  site = await startPleinWithOidc('e2e-waarderingen');
});
test.afterAll(async () => {
  await site?.close();
});

function loginAs(browser: Browser, person: (typeof demo.people)[number], path = '/tijdlijn/'): Promise<Page> {
  return loginInBrowser(browser, `${site.base}${path}`, person.data.email);
}

/** How many counts requests (GET /api/waarderingen?doelen=…) this document made, and whether the feed was asked for anything personal. */
function countsRequests(page: Page): Promise<{ n: number; feedAsksPersonal: boolean }> {
  return page.evaluate(() => {
    const urls = performance.getEntriesByType('resource').map((e) => new URL(e.name));
    return {
      n: urls.filter((u) => u.pathname === '/api/waarderingen' && u.searchParams.has('doelen')).length,
      feedAsksPersonal: urls.some((u) => u.pathname === '/api/feed' && u.search.includes('waardering')),
    };
  });
}

const bar = (item: ReturnType<Page['locator']>) => item.locator('[data-appreciate]');

test('two colleagues give and take back waarderingen; counts and one’s own come in one request per page', async ({ browser }) => {
  const post = demo.posts[0];
  const [a, b] = demo.people.filter((p) => !p.data.editor);
  const pageA = await loginAs(browser, a, `/berichten/${post.id}/`);
  const article = pageA.locator(`article[data-post-id="${post.id}"]`);
  const thumbs = article.getByRole('button', { name: 'Duim omhoog' });
  await expect(thumbs).toHaveAttribute('aria-pressed', 'false');
  // Every item on the page (the post and each of its comments) has its buttons, from one counts request.
  const comments = demo.comments.filter((c) => c.data.on.type === 'bericht' && c.data.on.id === post.id && !c.data.hidden);
  await expect(pageA.locator('[data-appreciate]:not([hidden])')).toHaveCount(1 + comments.length);
  expect(await countsRequests(pageA)).toEqual({ n: 1, feedAsksPersonal: false });

  await thumbs.click();
  await expect(thumbs).toHaveAttribute('aria-pressed', 'true');
  await expect(thumbs).toHaveAccessibleName('Duim omhoog 1');

  // Another colleague sees the count, not as their own, and adds a heart with the keyboard.
  const pageB = await loginAs(browser, b, `/berichten/${post.id}/`);
  const articleB = pageB.locator(`article[data-post-id="${post.id}"]`);
  await expect(articleB.getByRole('button', { name: 'Duim omhoog' })).toHaveAttribute('aria-pressed', 'false');
  await expect(articleB.getByRole('button', { name: 'Duim omhoog' })).toHaveAccessibleName('Duim omhoog 1');
  await articleB.getByRole('button', { name: 'Hart' }).focus();
  await pageB.keyboard.press('Space');
  await expect(articleB.getByRole('button', { name: 'Hart' })).toHaveAttribute('aria-pressed', 'true');

  // "Wie waardeerde dit?" names them per kind, for colleagues.
  const who = articleB.getByRole('button', { name: 'Wie waardeerde dit?' });
  await who.click();
  await expect(who).toHaveAttribute('aria-expanded', 'true');
  await expect(bar(articleB).locator('.appreciation-list')).toContainText(`Duim omhoog: ${a.data.name}`);
  await expect(bar(articleB).locator('.appreciation-list')).toContainText(`Hart: ${b.data.name}`);
  const { default: AxeBuilder } = await import('@axe-core/playwright');
  const axe = await new AxeBuilder({ page: pageB }).include('[data-appreciate]').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(axe.violations.map((v) => `${v.id} ${v.nodes[0]?.target}`)).toEqual([]);

  // After a reload A's own is still pressed and B's heart is counted; A takes the thumb back.
  await pageA.reload();
  await expect(thumbs).toHaveAttribute('aria-pressed', 'true');
  await expect(article.getByRole('button', { name: 'Hart' })).toHaveAccessibleName('Hart 1');
  expect((await countsRequests(pageA)).n).toBe(1);
  await thumbs.click();
  await expect(thumbs).toHaveAttribute('aria-pressed', 'false');
  await expect(thumbs).toHaveAccessibleName('Duim omhoog');
  await pageB.reload();
  await expect(articleB.getByRole('button', { name: 'Duim omhoog' })).toHaveAccessibleName('Duim omhoog');
  await expect(articleB.getByRole('button', { name: 'Hart' })).toHaveAttribute('aria-pressed', 'true');

  // A comment and a news item take waarderingen too.
  if (comments.length) {
    const comment = pageB.locator(`[data-comment-id="${comments[0].id}"]`);
    await comment.getByRole('button', { name: 'Feest' }).click();
    await expect(comment.getByRole('button', { name: 'Feest' })).toHaveAttribute('aria-pressed', 'true');
  }
  await pageB.goto(`${site.base}/nieuws/${demo.news[0].id}/`);
  const news = pageB.locator('article.article');
  await news.getByRole('button', { name: 'Goed idee' }).click();
  await expect(news.getByRole('button', { name: 'Goed idee' })).toHaveAccessibleName('Goed idee 1');
  await pageA.goto(`${site.base}/nieuws/${demo.news[0].id}/`);
  await expect(pageA.locator('article.article').getByRole('button', { name: 'Goed idee' })).toHaveAccessibleName('Goed idee 1');
  expect(await countsRequests(pageA)).toEqual({ n: 1, feedAsksPersonal: false });
  await pageA.context().close();
  await pageB.context().close();
});

test('a timeline page counts all its posts in one request; a post that comes in live gets its buttons', async ({ browser }) => {
  const [a, b] = demo.people.filter((p) => !p.data.editor).slice(2);
  const reader = await loginAs(browser, a);
  const posts = reader.locator('[data-timeline] article[data-post-id]');
  await expect(posts.first().getByRole('button', { name: 'Duim omhoog' })).toBeVisible();
  const shown = await posts.count();
  await expect(reader.locator('[data-timeline] [data-appreciate]:not([hidden])')).toHaveCount(shown);
  expect((await countsRequests(reader)).n).toBe(1);

  const writer = await loginAs(browser, b);
  const text = `Wie heeft er zin in taart? ${Date.now()}`;
  await writer.getByLabel('Je bericht').fill(text);
  await writer.getByRole('button', { name: 'Plaatsen' }).click();
  const live = reader.locator('[data-timeline] article', { hasText: text });
  await expect(live).toBeVisible({ timeout: 5000 });
  await live.getByRole('button', { name: 'Lach' }).click();
  await expect(live.getByRole('button', { name: 'Lach' })).toHaveAttribute('aria-pressed', 'true');
  await writer.reload();
  await expect(writer.locator('[data-timeline] article', { hasText: text }).getByRole('button', { name: 'Lach' })).toHaveAccessibleName('Lach 1');
  await reader.context().close();
  await writer.context().close();
});
