// Offline posting: a post written without a connection waits in the device queue ("wacht op verbinding"), survives
// a reload while offline, and is sent exactly once when the connection returns; refusals and corrupt entries.
import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { loginInBrowser, startPleinWithOidc, type PleinWithOidc } from '../support/plein-oidc.ts';
import { demo, templateUrls } from './demo.ts';

test.describe.configure({ mode: 'serial' });

let site: PleinWithOidc;
test.beforeAll(async () => {
  site = await startPleinWithOidc('e2e-offline');
});
test.afterAll(async () => {
  await site?.close();
});

/** How many committed post (or comment) files contain `text` in the server's repository. */
function countPosts(text: string, folder = 'content/berichten'): number {
  try {
    return execFileSync('git', ['grep', '-l', '-F', text, 'HEAD', '--', folder], { cwd: site.repo, encoding: 'utf8' }).trim().split('\n').length;
  } catch {
    return 0; // git grep exits 1 when nothing matches
  }
}

async function waitForWorker(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) await new Promise((r) => navigator.serviceWorker.addEventListener('controllerchange', r, { once: true }));
  });
}

/** Writes entries straight into the page's device queue (IndexedDB), as a page or a damaged browser profile would. */
async function putInQueue(page: Page, entries: Record<string, unknown>[]): Promise<void> {
  await page.evaluate(async (items) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('plein-device-queue', 1);
      req.onupgradeneeded = () => req.result.createObjectStore('items', { keyPath: 'key' });
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const store = db.transaction('items', 'readwrite').objectStore('items');
    for (const item of items) store.put(item);
    await new Promise((r) => (store.transaction.oncomplete = r));
    db.close();
  }, entries);
}

/** Everything in the page's device queue (IndexedDB). */
async function readQueue(page: Page): Promise<Record<string, unknown>[]> {
  return page.evaluate(() => new Promise((resolve) => {
    const req = indexedDB.open('plein-device-queue', 1);
    req.onupgradeneeded = () => req.result.createObjectStore('items', { keyPath: 'key' });
    req.onsuccess = () => { const all = req.result.transaction('items').objectStore('items').getAll(); all.onsuccess = () => { req.result.close(); resolve(all.result); }; };
  }));
}

/**
 * Puts one post of `person` in the queue that the page cannot send, written on the timeline with `text` as its first
 * line (a second line follows), logs out and answers "bewaren of weggooien".
 */
async function logOutWithQueued(page: Page, person: string, text: string, choice: 'Bewaren' | 'Weggooien'): Promise<void> {
  // Held back: a page sends what it finds as soon as it can.
  await page.route('**/api/berichten', (route) => route.abort('internetdisconnected'));
  const full = `${text}\nTweede regel met details`;
  await putInQueue(page, [{ key: crypto.randomUUID(), person, kind: 'bericht', url: '/api/berichten', json: { tekst: full }, text: full, place: 'Tijdlijn', created: Date.now(), state: 'waiting' }]);
  // The question is asked once the page's script has taken over the logout form; a click before that logs out plainly.
  await expect(page.locator('header form[data-account-logout][data-queue-ready]')).toHaveCount(1);
  await page.locator('header').getByRole('button', { name: 'Uitloggen' }).click();
  const dialog = page.locator('dialog[data-queue-logout]');
  await expect(dialog).toContainText('Je hebt 1 bericht(en) die nog niet zijn verstuurd');
  // It shows what would be kept or thrown away: what it is, where it was written, its first line.
  await expect(dialog.getByRole('listitem')).toHaveText([`Bericht op Tijdlijn: ${text}`]);
  await dialog.getByRole('button', { name: choice }).click();
  await expect(page).toHaveURL(/\/api\/auth\/uitgelogd$/);
  await page.unroute('**/api/berichten');
}

test('a post written offline is queued, survives a reload offline and is sent once on reconnect', async ({ browser }) => {
  const author = demo.people.find((p) => !p.data.editor)!;
  const page = await loginInBrowser(browser, `${site.base}/tijdlijn/`, author.data.email);
  await waitForWorker(page);
  await expect(page.getByLabel('Je bericht')).toBeVisible();
  const context = page.context();

  await context.setOffline(true);
  const text = `Gat in de weg bij de Havenstraat ${Date.now()}`;
  await page.getByLabel('Je bericht').fill(text);
  await page.getByRole('button', { name: 'Plaatsen' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'op dit apparaat bewaard' })).toBeVisible();
  const queued = page.locator('.queued-item', { hasText: text });
  await expect(queued).toContainText('Wacht op verbinding');
  // Kept with where it was written, to name it if its writer logs out before it is sent.
  expect(await readQueue(page)).toEqual([expect.objectContaining({ text, place: 'Tijdlijn', kind: 'bericht' })]);

  await page.reload();
  await expect(page.locator('.queued-item', { hasText: text })).toContainText('Wacht op verbinding');
  expect(countPosts(text)).toBe(0);

  await context.setOffline(false);
  await expect(page.locator('[data-timeline="all"] article', { hasText: text })).toBeVisible({ timeout: 10_000 });
  await expect(page.locator('.queued-item', { hasText: text })).toHaveCount(0);
  // A second visit must not send it again.
  await page.reload();
  await expect.poll(() => countPosts(text)).toBe(1);
  await page.waitForTimeout(1500);
  expect(countPosts(text)).toBe(1);
});

test('a refused item shows the server’s message and can be discarded; a corrupt entry is dropped without blocking it', async ({ browser }) => {
  const author = demo.people.find((p) => !p.data.editor)!;
  const page = await loginInBrowser(browser, `${site.base}/tijdlijn/`, author.data.email);
  // Written from a document without Plein's scripts, so no page reads the queue before the timeline opens.
  await page.goto(`${site.base}/manifest.webmanifest`);
  await putInQueue(page, [
    // Too long for the server: it answers 422 with a Dutch message.
    { key: crypto.randomUUID(), person: author.id, kind: 'bericht', url: '/api/berichten', json: { tekst: 'x'.repeat(6000) }, text: 'Veel te lang', created: Date.now(), state: 'waiting' },
    { key: 'kapot', person: author.id, kind: 'iets', text: 42 },
  ]);
  await page.goto(`${site.base}/tijdlijn/`);
  const refused = page.locator('.queued-item', { hasText: 'Veel te lang' });
  await expect(refused).toContainText('Niet geplaatst:');
  await expect(page.locator('[data-queue-notice]')).toHaveText('Een bewaard bericht op dit apparaat was beschadigd en is verwijderd.');
  // The corrupt entry is gone and did not block the refused one.
  expect(await page.evaluate(() => new Promise((resolve) => {
    const req = indexedDB.open('plein-device-queue', 1);
    req.onsuccess = () => { const get = req.result.transaction('items').objectStore('items').get('kapot'); get.onsuccess = () => resolve(get.result ?? null); };
  }))).toBeNull();
  await refused.getByRole('button', { name: 'Weggooien' }).click();
  await expect(refused).toHaveCount(0);
});

test('logging out asks "bewaren of weggooien", keeps the items, clears the visited pages; logged out nothing is sent', async ({ browser }) => {
  const author = demo.people.find((p) => !p.data.editor)!;
  const page = await loginInBrowser(browser, `${site.base}/tijdlijn/`, author.data.email);
  await waitForWorker(page);
  // A page outside the precache is kept in the page cache once visited.
  await page.goto(`${site.base}/agenda/`);
  await expect.poll(() => page.evaluate(() => caches.has('plein-pages'))).toBe(true);
  const text = `Bewaard bij het uitloggen ${Date.now()}`;
  await logOutWithQueued(page, author.id, text, 'Bewaren');
  const after = { caches: await page.evaluate(() => caches.keys()), queued: await readQueue(page) };
  expect(after.caches).not.toContain('plein-pages');
  expect(after.caches).not.toContain('plein-media');
  // The app shell stays for the next login.
  expect(after.caches.some((name) => name.includes('precache'))).toBe(true);
  expect(after.queued).toEqual([expect.objectContaining({ text: `${text}\nTweede regel met details`, place: 'Tijdlijn', person: author.id, state: 'waiting' })]);

  // Logged out (401) the item stays, for its writer's next login, and is not sent; its text is not shown to whoever
  // holds the phone now, and it cannot be thrown away.
  await page.goto(`${site.base}/tijdlijn/`);
  const queue = page.locator('[data-device-queue="bericht"]');
  await expect(queue.locator('.queued-others')).toHaveText('Er wacht nog 1 bericht op dit apparaat; het wordt alleen verstuurd als de schrijver weer inlogt.');
  await expect(queue).not.toContainText(text);
  await expect(queue.getByRole('button')).toHaveCount(0);
  await page.waitForTimeout(1000);
  expect(countPosts(text)).toBe(0);

  // Its writer logs in again on this device (the provider remembers them): it goes out, once.
  await page.goto(`${site.base}/api/auth/login?terug=${encodeURIComponent('/tijdlijn/')}`);
  await expect(page).toHaveURL(`${site.base}/tijdlijn/`);
  await expect(page.locator('[data-timeline="all"] article', { hasText: text })).toBeVisible({ timeout: 10_000 });
  await expect(queue.locator('.queued-item')).toHaveCount(0);
  await expect.poll(() => countPosts(text)).toBe(1);
  expect(await readQueue(page)).toEqual([]);
  await page.context().close();
});

test('logging out with "Weggooien" drops the queued items: logged in again as the same person, nothing is sent', async ({ browser }) => {
  const author = demo.people.find((p) => !p.data.editor)!;
  const page = await loginInBrowser(browser, `${site.base}/tijdlijn/`, author.data.email);
  const text = `Weggegooid bij het uitloggen ${Date.now()}`;
  await logOutWithQueued(page, author.id, text, 'Weggooien');
  expect(await readQueue(page)).toEqual([]);
  // The same person logs in again on this device (the provider remembers them): the item does not come back or go out.
  await page.goto(`${site.base}/api/auth/login?terug=${encodeURIComponent('/tijdlijn/')}`);
  await expect(page).toHaveURL(`${site.base}/tijdlijn/`);
  await expect(page.locator('header [data-account-who]')).toContainText(author.data.name);
  await expect(page.getByLabel('Je bericht')).toBeVisible();
  await page.waitForTimeout(1000);
  await expect(page.locator('.queued-item')).toHaveCount(0);
  expect(countPosts(text)).toBe(0);
  await page.context().close();
});

test('a post refused with 403 shows the server’s message, is not retried, and "Bewerken" puts it back in the composer', async ({ browser }) => {
  const closed = demo.groups.find((g) => !g.data.openToAll)!;
  const author = demo.people.find((p) => !p.data.editor && !closed.data.moderators.includes(p.id))!;
  const page = await loginInBrowser(browser, `${site.base}/tijdlijn/`, author.data.email);
  let attempts = 0;
  page.context().on('request', (r) => void (r.method() === 'POST' && r.url().endsWith('/api/berichten') && attempts++));
  const text = `Alleen voor het projectteam ${Date.now()}`;
  await page.goto(`${site.base}/manifest.webmanifest`);
  await putInQueue(page, [{ key: crypto.randomUUID(), person: author.id, kind: 'bericht', url: '/api/berichten', json: { tekst: text, groep: closed.id }, text, created: Date.now(), state: 'waiting' }]);
  await page.goto(`${site.base}/tijdlijn/`);
  const refused = page.locator('.queued-item', { hasText: text });
  await expect(refused.locator('.queued-state')).toHaveText('Niet geplaatst: In deze groep posten alleen de moderatoren.');
  expect(attempts).toBe(1);
  // Not retried by itself: not on the next visit, not when the connection comes back.
  await page.reload();
  await page.evaluate(() => dispatchEvent(new Event('online')));
  await expect(refused.locator('.queued-state')).toHaveText(/^Niet geplaatst: /);
  await page.waitForTimeout(1000);
  expect(attempts).toBe(1);
  expect(countPosts(text)).toBe(0);
  // "Bewerken" takes it off the list and puts the text back in the composer, where it can be changed and posted.
  await refused.getByRole('button', { name: 'Bewerken' }).click();
  const field = page.getByLabel('Je bericht');
  await expect(field).toHaveValue(text);
  await expect(field).toBeFocused();
  await expect(refused).toHaveCount(0);
  expect(await readQueue(page)).toEqual([]);
  await field.fill(`${text}, voor iedereen`);
  await page.getByRole('button', { name: 'Plaatsen' }).click();
  await expect(page.locator('[data-timeline="all"] article', { hasText: `${text}, voor iedereen` })).toBeVisible();
  await expect.poll(() => countPosts(text)).toBe(1);
  await page.context().close();
});

test('another colleague’s item is never sent under this login; one older than 7 days waits until its writer asks', async ({ browser }) => {
  const [author, other] = demo.people.filter((p) => !p.data.editor);
  const page = await loginInBrowser(browser, `${site.base}/tijdlijn/`, author.data.email);
  const theirs = `Van een collega op dezelfde telefoon ${Date.now()}`;
  const old = `Acht dagen oud ${Date.now()}`;
  await page.goto(`${site.base}/manifest.webmanifest`);
  await putInQueue(page, [
    { key: crypto.randomUUID(), person: other.id, kind: 'bericht', url: '/api/berichten', json: { tekst: theirs }, text: theirs, created: Date.now(), state: 'waiting' },
    { key: crypto.randomUUID(), person: author.id, kind: 'bericht', url: '/api/berichten', json: { tekst: old }, text: old, created: Date.now() - 8 * 24 * 60 * 60 * 1000, state: 'waiting' },
  ]);
  await page.goto(`${site.base}/tijdlijn/`);
  // The colleague's item is there as one line without its text, and cannot be thrown away from this login.
  const others = page.locator('.queued-others');
  await expect(others).toHaveText('Er wacht nog 1 bericht van een andere collega op dit apparaat; het wordt alleen verstuurd als die collega weer inlogt.');
  await expect(page.locator('[data-device-queue="bericht"]')).not.toContainText(theirs);
  await expect(others.getByRole('button')).toHaveCount(0);
  const oldItem = page.locator('.queued-item', { hasText: old });
  await expect(oldItem).toContainText('Ouder dan 7 dagen: wordt niet vanzelf verstuurd');
  await page.waitForTimeout(1500);
  expect(countPosts(theirs)).toBe(0);
  expect(countPosts(old)).toBe(0);
  // The writer chooses to send it after all: it goes once; the colleague's item still waits.
  await oldItem.getByRole('button', { name: 'Nu versturen' }).click();
  await expect(oldItem).toHaveCount(0);
  await expect.poll(() => countPosts(old)).toBe(1);
  await expect(others).toHaveCount(1);
  expect(await readQueue(page)).toEqual([expect.objectContaining({ text: theirs, person: other.id })]);
  expect(countPosts(theirs)).toBe(0);
  await page.context().close();
});

test('a comment written offline under a knowledge page waits on the device and is sent once on reconnect', async ({ browser }) => {
  const author = demo.people.find((p) => !p.data.editor)!;
  const knowledgePage = templateUrls()['knowledge page'];
  const page = await loginInBrowser(browser, `${site.base}${knowledgePage}`, author.data.email);
  await waitForWorker(page);
  const context = page.context();
  await context.setOffline(true);
  const text = `Klopt dit nog voor de buitendienst? ${Date.now()}`;
  await page.getByLabel('Je reactie').fill(text);
  await page.getByRole('button', { name: 'Reageren' }).click();
  await expect(page.locator('.queued-item', { hasText: text })).toContainText('Wacht op verbinding');
  // The knowledge page is in the precache: it reloads offline with the comment still waiting.
  await page.reload();
  await expect(page.locator('.queued-item', { hasText: text })).toContainText('Wacht op verbinding');
  expect(countPosts(text, 'content/reacties')).toBe(0);
  await context.setOffline(false);
  await expect(page.locator('.queued-item', { hasText: text })).toHaveCount(0, { timeout: 10_000 });
  await expect.poll(() => countPosts(text, 'content/reacties')).toBe(1);
  await page.reload();
  await page.waitForTimeout(1500);
  expect(countPosts(text, 'content/reacties')).toBe(1);
  await context.close();
});
