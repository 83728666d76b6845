// Plein's one service worker (bundled into /sw.js by src/integrations/service-worker.ts). Precached: the app shell,
// Weten en regelen, the latest news, the timeline and the colleagues list; other pages stale-while-revalidate when
// visited, with the offline page as fallback. /api/, /admin/ and /beheer/ are never handled, so no API answer is
// cached; a page clears the visited pages and photos at logout (sw-caches.ts). A new version waits until the page
// asks for it ("Nieuwe versie — vernieuwen"). Background Sync sends the device queue. Web push shows notifications and
// a click on one opens its page (sw-push.ts).
import { CacheFirst, CacheableResponsePlugin, ExpirationPlugin, Serwist, StaleWhileRevalidate, type PrecacheEntry } from 'serwist';
import { flushQueue } from './queue-flush.ts';
import { ASSET_CACHE, MEDIA_CACHE, PAGE_CACHE } from './sw-caches.ts';
import { listenForPush, type PushScope } from './sw-push.ts';

interface SyncEvent extends Event { tag: string; waitUntil(promise: Promise<unknown>): void }
interface WorkerScope {
  __SW_MANIFEST: (PrecacheEntry | string)[] | undefined;
  addEventListener(type: 'sync', listener: (event: SyncEvent) => void): void;
  clients: { matchAll(options: { type: 'window' }): Promise<{ postMessage(message: unknown): void }[]> };
}
declare const self: WorkerScope & PushScope;

/** Paths the worker leaves alone: the API (personal data), the CMS and the editors' dashboards. */
const NEVER = /^\/(api|admin|beheer)(\/|$)/;
const DAY = 24 * 60 * 60;

const serwist = new Serwist({
  precacheEntries: self.__SW_MANIFEST,
  // The precache downloads in the background at low priority: a page's own requests (a search's result data) go
  // first when a connection frees up, instead of queueing behind ~200 precache files on the first visit.
  precacheOptions: { cleanupOutdatedCaches: true, concurrency: 4, fetchOptions: { priority: 'low' } },
  // Search files are never cached by the worker: the browser fetches them without starting it (Static Routing API,
  // Chromium 123+; elsewhere they pass through the worker unhandled, as before).
  requestRules: [{ condition: { urlPattern: { pathname: '/pagefind*' } }, source: 'network' }],
  skipWaiting: false,
  clientsClaim: true,
  navigationPreload: false,
  disableDevLogs: true,
  runtimeCaching: [
    {
      matcher: ({ request, url, sameOrigin }) => sameOrigin && request.mode === 'navigate' && !NEVER.test(url.pathname),
      handler: new StaleWhileRevalidate({
        cacheName: PAGE_CACHE,
        plugins: [new CacheableResponsePlugin({ statuses: [200] }), new ExpirationPlugin({ maxEntries: 200, maxAgeSeconds: 30 * DAY, purgeOnQuotaError: true })],
      }),
    },
    {
      matcher: ({ url, sameOrigin }) => sameOrigin && url.pathname.startsWith('/_astro/'),
      handler: new CacheFirst({ cacheName: ASSET_CACHE, plugins: [new CacheableResponsePlugin({ statuses: [200] }), new ExpirationPlugin({ maxEntries: 100, purgeOnQuotaError: true })] }),
    },
    {
      matcher: ({ url, sameOrigin, request }) => sameOrigin && request.destination === 'image' && url.pathname.startsWith('/media/'),
      handler: new CacheFirst({ cacheName: MEDIA_CACHE, plugins: [new CacheableResponsePlugin({ statuses: [200] }), new ExpirationPlugin({ maxEntries: 150, maxAgeSeconds: 30 * DAY, purgeOnQuotaError: true })] }),
    },
  ],
  fallbacks: { entries: [{ url: '/offline/', matcher: ({ request }) => request.destination === 'document' }] },
});

/** Sends the device queue when the browser says the connection is back, and tells open pages what happened. */
async function syncQueue(): Promise<void> {
  const result = await flushQueue();
  for (const client of await self.clients.matchAll({ type: 'window' })) client.postMessage({ type: 'plein-queue', sent: result.sent.length });
  // Throwing asks the browser to try the sync again later.
  if (result.offline) throw new Error('offline');
}

self.addEventListener('sync', (event) => {
  if (event.tag === 'plein-queue') event.waitUntil(syncQueue());
});

listenForPush(self);

serwist.addEventListeners();
