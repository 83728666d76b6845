// Web push in the browser (issue 14). Chromium cannot subscribe here (no network to its vendor's push service), so
// the page's PushManager hands out a stand-in subscription with a loopback endpoint and real-shaped keys; the server
// stores it (GET /api/push counts it) and forgets it again. DevTools then delivers push messages to the real service
// worker, which shows them as notifications; with notifications blocked the page says where to change that. A
// notification cannot be clicked from DevTools: the click (focus or open the page, only on Plein's own origin) is
// tested in src/lib/sw-push.test.ts. A server without push: tests/e2e/notifications.spec.ts.
import { expect, test, type Page } from '@playwright/test';
import { createECDH, randomBytes } from 'node:crypto';
import webpush from 'web-push';
import { expectNoAxeViolations } from '../support/axe.ts';
import { loginInBrowser, startPleinWithOidc, type PleinWithOidc } from '../support/plein-oidc.ts';
import { demo } from './demo.ts';

test.describe.configure({ mode: 'serial', timeout: 60_000 });

/** The stand-in push service: allowed by the server (PLEIN_PUSH_HOSTS), never called in these tests. */
const PUSH_HOST = '127.0.0.1:9';
const colleague = demo.people.find((p) => !p.data.editor)!;

let site: PleinWithOidc;
let page: Page;
test.beforeAll(async () => {
  const vapid = webpush.generateVAPIDKeys();
  site = await startPleinWithOidc('e2e-push', {
    PLEIN_VAPID_PUBLIC_KEY: vapid.publicKey,
    PLEIN_VAPID_PRIVATE_KEY: vapid.privateKey,
    PLEIN_VAPID_SUBJECT: 'mailto:e2e@plein.test',
    PLEIN_PUSH_HOSTS: PUSH_HOST,
  });
});
test.afterAll(async () => {
  await page?.context().close();
  await site?.close();
});

/** How many push subscriptions the server has for the logged-in colleague. */
const subscriptions = async () => ((await (await page.request.get(`${site.base}/api/push`)).json()) as { abonnementen: number }).abonnementen;

/** Replaces PushManager's subscribe and getSubscription with a stand-in kept in sessionStorage (it survives a reload). */
function fakePushManager(sub: { endpoint: string; p256dh: string; auth: string }) {
  const KEY = 'e2e-push-subscription';
  const stored = () => {
    const key = sessionStorage.getItem(KEY);
    if (!key) return null;
    return {
      endpoint: sub.endpoint,
      expirationTime: null,
      options: { userVisibleOnly: true, applicationServerKey: Uint8Array.from(JSON.parse(key) as number[]).buffer },
      toJSON: () => ({ endpoint: sub.endpoint, expirationTime: null, keys: { p256dh: sub.p256dh, auth: sub.auth } }),
      unsubscribe: async () => (sessionStorage.removeItem(KEY), true),
    };
  };
  PushManager.prototype.getSubscription = async () => stored() as unknown as PushSubscription;
  PushManager.prototype.subscribe = async (options?: PushSubscriptionOptionsInit) => {
    sessionStorage.setItem(KEY, JSON.stringify([...new Uint8Array(options!.applicationServerKey as Uint8Array)]));
    return stored() as unknown as PushSubscription;
  };
}

test('push on and off on this device: the server counts the subscription; axe at 1280 and 360 px with push on', async ({ browser }) => {
  page = await loginInBrowser(browser, `${site.base}/meldingen/instellingen/`, colleague.data.email, { permissions: ['notifications'] });
  await page.context().addInitScript(fakePushManager, {
    endpoint: `https://${PUSH_HOST}/push/${randomBytes(8).toString('hex')}`,
    p256dh: createECDH('prime256v1').generateKeys().toString('base64url'),
    auth: randomBytes(16).toString('base64url'),
  });
  await page.reload();
  // Turning push on waits for the worker; on a busy machine its first install (the precache) takes a while.
  await page.evaluate(() => navigator.serviceWorker.ready);
  const section = page.getByRole('region', { name: 'Push op dit apparaat' });
  const status = section.getByRole('status');
  await expect(status).toHaveText('Push staat uit op dit apparaat.');
  // The server has push: the Push column can be chosen.
  await expect(page.getByRole('checkbox', { name: 'Iemand noemt je (@) Push' })).toBeEnabled();
  expect(await subscriptions()).toBe(0);

  await section.getByRole('button', { name: 'Push aanzetten op dit apparaat' }).click();
  await expect(status).toHaveText(/^Push staat nu aan op dit apparaat\./);
  const off = section.getByRole('button', { name: 'Push uitzetten op dit apparaat' });
  await expect(off).toBeFocused();
  expect(await subscriptions()).toBe(1);
  // After a reload the page finds the subscription of this browser again.
  await page.reload();
  await expect(status).toHaveText('Push staat aan op dit apparaat.');
  for (const width of [1280, 360]) {
    await page.setViewportSize({ width, height: 800 });
    await expect(off).toBeVisible();
    await expectNoAxeViolations(page);
  }

  await off.click();
  await expect(status).toHaveText('Push staat nu uit op dit apparaat.');
  await expect(section.getByRole('button', { name: 'Push aanzetten op dit apparaat' })).toBeVisible();
  expect(await subscriptions()).toBe(0);
});

test('the service worker shows a push message as a notification; a broken or foreign one safely', async () => {
  await page.setViewportSize({ width: 1280, height: 800 });
  const cdp = await page.context().newCDPSession(page);
  const registration = new Promise<string>((resolve) => {
    cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations }) => {
      const ours = registrations.find((r) => r.scopeURL === `${site.base}/` && !r.isDeleted);
      if (ours) resolve(ours.registrationId);
    });
  });
  await cdp.send('ServiceWorker.enable');
  const registrationId = await registration;
  // Deliver only to an active worker (on a loaded machine it may still be installing its precache).
  await page.evaluate(async () => { await navigator.serviceWorker.ready; });
  const deliver = (data: string) => cdp.send('ServiceWorker.deliverPushMessage', { origin: site.base, registrationId, data });
  await deliver(JSON.stringify({ title: 'Anna noemde je', body: 'Goed punt!', url: '/meldingen/', tag: 'vermelding:1' }));
  await deliver('geen json');
  await deliver(JSON.stringify({ title: 'Elders', body: 'Klik niet', url: 'https://elders.example/', tag: 'elders' }));
  const shown = () => page.evaluate(async () => {
    const notifications = await (await navigator.serviceWorker.ready).getNotifications();
    return notifications.map((n) => ({ title: n.title, body: n.body, tag: n.tag, url: (n.data as { url: string }).url, lang: n.lang })).sort((a, b) => a.title.localeCompare(b.title));
  });
  // Each push starts the worker's handler; on a loaded CI machine the third took longer than the default 5 s.
  await expect.poll(shown, { timeout: 20_000 }).toEqual([
    { title: 'Anna noemde je', body: 'Goed punt!', tag: 'vermelding:1', url: '/meldingen/', lang: 'nl' },
    { title: 'Elders', body: 'Klik niet', tag: 'elders', url: '/meldingen/', lang: 'nl' },
    { title: 'Nieuwe melding op Plein', body: '', tag: '', url: '/meldingen/', lang: 'nl' },
  ]);
  await cdp.detach();
});

test('notifications blocked in the browser: the page says where to change that', async () => {
  const cdp = await page.context().newCDPSession(page);
  const { targetInfo } = await cdp.send('Target.getTargetInfo');
  await cdp.send('Browser.setPermission', { permission: { name: 'notifications' }, setting: 'denied', origin: site.base, browserContextId: targetInfo.browserContextId });
  await page.reload();
  const section = page.getByRole('region', { name: 'Push op dit apparaat' });
  const denied = 'Je browser staat meldingen voor Plein niet toe; dat kun je in de instellingen van je browser veranderen.';
  await expect(section.getByRole('status')).toHaveText(denied);
  await section.getByRole('button', { name: 'Push aanzetten op dit apparaat' }).click();
  await expect(section.getByRole('status')).toHaveText(denied);
  expect(await subscriptions()).toBe(0);
  await cdp.detach();
});
