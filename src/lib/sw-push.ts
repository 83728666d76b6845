// Web push in the service worker (issue 14): a push message becomes a notification; clicking it opens the page it is
// about in a window of Plein that is already open, or in a new one. Only paths on Plein's own origin are followed:
// anything else (another site, `//host`, `javascript:`) opens /meldingen/ instead.

/** What a notification shows and where clicking it leads, as the server's push message carries it. */
export interface PushMessage { title: string; body: string; url: string; tag?: string }

/** The interface language the build bundles in (src/integrations/service-worker.ts); Dutch in tests. */
declare const __PLEIN_LOCALE__: 'nl' | 'en' | undefined;
const LANG = typeof __PLEIN_LOCALE__ === 'string' ? __PLEIN_LOCALE__ : 'nl';
/** Where a notification leads when its message names no usable place. */
export const FALLBACK_URL = '/meldingen/';
/** The notification shown for a message the worker cannot read. */
const GENERIC: PushMessage = { title: LANG === 'en' ? 'New notification on Plein' : 'Nieuwe melding op Plein', body: '', url: FALLBACK_URL };
/** The app icon the build writes (src/integrations/pwa-assets.ts). */
const ICON = '/icons/any-192.png';

const text = (value: unknown, max: number): string | undefined => (typeof value === 'string' && value.trim() ? value.slice(0, max) : undefined);

/** Reads a push message's JSON text; whatever is missing or broken falls back to the generic notification. */
export function readPushMessage(data: string | undefined, origin: string): PushMessage {
  let json: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(data ?? '');
    if (!parsed || typeof parsed !== 'object') return GENERIC;
    json = parsed as Record<string, unknown>;
  } catch {
    return GENERIC;
  }
  return {
    title: text(json.title, 200) ?? GENERIC.title,
    body: text(json.body, 1000) ?? '',
    url: safeTarget(json.url, origin),
    tag: text(json.tag, 200),
  };
}

/** A site-relative path on `origin` (path, query and fragment), or /meldingen/ for anything else. */
export function safeTarget(url: unknown, origin: string): string {
  // Only "/…": no scheme, no protocol-relative "//host", no backslash that a browser reads as a slash.
  if (typeof url !== 'string' || !url.startsWith('/') || url.startsWith('//') || url.includes('\\')) return FALLBACK_URL;
  try {
    const target = new URL(url, origin);
    return target.origin === origin ? `${target.pathname}${target.search}${target.hash}` : FALLBACK_URL;
  } catch {
    return FALLBACK_URL;
  }
}

/** The part of a window client the click needs. */
export interface WindowLike { url: string; focus(): Promise<unknown>; navigate(url: string): Promise<unknown> }
/** The part of the worker's `clients` the click needs. */
export interface ClientsLike {
  matchAll(options: { type: 'window'; includeUncontrolled: boolean }): Promise<readonly WindowLike[]>;
  openWindow(url: string): Promise<unknown>;
}

/** Focuses an open window of Plein and takes it to `path`, or opens a new window there. */
export async function openTarget(clients: ClientsLike, path: string, origin: string): Promise<void> {
  const windows = await clients.matchAll({ type: 'window', includeUncontrolled: true });
  const open = windows.find((w) => new URL(w.url).origin === origin);
  if (open) {
    try {
      await open.focus();
      // navigate() answers null (or throws) for a window the worker does not control: then a new window.
      if (await open.navigate(path)) return;
    } catch {
      // fall through to a new window
    }
  }
  await clients.openWindow(path);
}

interface PushEvent extends Event { data: { text(): string } | null; waitUntil(promise: Promise<unknown>): void }
interface NotificationEvent extends Event { notification: { data?: { url?: unknown }; close(): void }; waitUntil(promise: Promise<unknown>): void }
/** The part of the worker's global scope push needs. */
export interface PushScope {
  location: { origin: string };
  clients: ClientsLike;
  registration: { showNotification(title: string, options: Record<string, unknown>): Promise<void> };
  addEventListener(type: 'push', listener: (event: PushEvent) => void): void;
  addEventListener(type: 'notificationclick', listener: (event: NotificationEvent) => void): void;
}

/** Adds the push and notificationclick handlers to the worker. */
export function listenForPush(scope: PushScope): void {
  const origin = scope.location.origin;
  scope.addEventListener('push', (event) => {
    let data: string | undefined;
    try {
      data = event.data?.text();
    } catch {
      data = undefined;
    }
    const message = readPushMessage(data, origin);
    event.waitUntil(
      scope.registration.showNotification(message.title, {
        body: message.body, tag: message.tag, data: { url: message.url }, icon: ICON, lang: LANG,
      }),
    );
  });
  scope.addEventListener('notificationclick', (event) => {
    event.notification.close();
    event.waitUntil(openTarget(scope.clients, safeTarget(event.notification.data?.url, origin), origin));
  });
}
