// The service worker's push handling: reading a push message, which URLs a notification may open, and the click
// (focus an open Plein window and take it there, else a new window). Chromium's DevTools cannot click a notification,
// so the click is tested here; tests/e2e/push.spec.ts delivers a real push message to the worker.
import { describe, expect, it, vi } from 'vitest';
import { FALLBACK_URL, listenForPush, openTarget, readPushMessage, safeTarget, type ClientsLike, type PushScope, type WindowLike } from './sw-push.ts';

const ORIGIN = 'https://plein.example';

describe('safeTarget', () => {
  it('keeps a path on the site with its query and fragment', () => {
    expect(safeTarget('/tijdlijn/#reactie-01J', ORIGIN)).toBe('/tijdlijn/#reactie-01J');
    expect(safeTarget('/zoeken/?q=verlof', ORIGIN)).toBe('/zoeken/?q=verlof');
  });
  it.each([
    'https://evil.example/', '//evil.example/meldingen/', '/\\evil.example', 'javascript:alert(1)', 'meldingen/', '', 42, undefined, null,
  ])('sends %j to /meldingen/', (url) => {
    expect(safeTarget(url, ORIGIN)).toBe(FALLBACK_URL);
  });
});

describe('readPushMessage', () => {
  it('reads the server payload', () => {
    const data = JSON.stringify({ title: 'Anna noemde je', body: 'Goed punt!', url: '/berichten/x/#reactie-y', tag: 'vermelding:1' });
    expect(readPushMessage(data, ORIGIN)).toEqual({ title: 'Anna noemde je', body: 'Goed punt!', url: '/berichten/x/#reactie-y', tag: 'vermelding:1' });
  });
  it.each([undefined, '', 'geen json', 'null', '[1]', '"tekst"'])('shows the generic notification for %j', (data) => {
    expect(readPushMessage(data, ORIGIN)).toMatchObject({ title: 'Nieuwe melding op Plein', url: FALLBACK_URL });
  });
  it('fills what is missing and refuses a foreign URL', () => {
    expect(readPushMessage(JSON.stringify({ body: 7, url: 'https://evil.example/' }), ORIGIN)).toEqual({ title: 'Nieuwe melding op Plein', body: '', url: FALLBACK_URL, tag: undefined });
  });
});

/** A window client of `url`; navigate answers like Chromium: a client when controlled, null when not. */
function windowAt(url: string, controlled = true): WindowLike & { focus: ReturnType<typeof vi.fn>; navigate: ReturnType<typeof vi.fn> } {
  return { url, focus: vi.fn(async () => undefined), navigate: vi.fn(async () => (controlled ? {} : null)) };
}
const clientsWith = (windows: WindowLike[]): ClientsLike & { openWindow: ReturnType<typeof vi.fn> } => ({
  matchAll: async () => windows,
  openWindow: vi.fn(async () => undefined),
});

describe('openTarget', () => {
  it('focuses an open Plein window and takes it to the page', async () => {
    const other = windowAt('https://elders.example/');
    const plein = windowAt(`${ORIGIN}/nieuws/`);
    const clients = clientsWith([other, plein]);
    await openTarget(clients, '/meldingen/', ORIGIN);
    expect(other.focus).not.toHaveBeenCalled();
    expect(plein.focus).toHaveBeenCalled();
    expect(plein.navigate).toHaveBeenCalledWith('/meldingen/');
    expect(clients.openWindow).not.toHaveBeenCalled();
  });
  it('opens a new window when no Plein window is open, or the open one cannot be navigated', async () => {
    const none = clientsWith([windowAt('https://elders.example/')]);
    await openTarget(none, '/meldingen/', ORIGIN);
    expect(none.openWindow).toHaveBeenCalledWith('/meldingen/');
    const uncontrolled = clientsWith([windowAt(`${ORIGIN}/`, false)]);
    await openTarget(uncontrolled, '/tijdlijn/', ORIGIN);
    expect(uncontrolled.openWindow).toHaveBeenCalledWith('/tijdlijn/');
  });
});

describe('listenForPush', () => {
  it('closes the clicked notification and opens only a safe URL', async () => {
    const handlers: Record<string, (event: never) => void> = {};
    const clients = clientsWith([]);
    const scope = {
      location: { origin: ORIGIN }, clients, registration: { showNotification: vi.fn(async () => undefined) },
      addEventListener: (type: string, listener: (event: never) => void) => (handlers[type] = listener),
    } as unknown as PushScope;
    listenForPush(scope);
    const waits: Promise<unknown>[] = [];
    const close = vi.fn();
    handlers.notificationclick({ notification: { data: { url: 'https://evil.example/' }, close }, waitUntil: (p: Promise<unknown>) => waits.push(p) } as never);
    await Promise.all(waits);
    expect(close).toHaveBeenCalled();
    expect(clients.openWindow).toHaveBeenCalledWith(FALLBACK_URL);

    handlers.push({ data: { text: () => JSON.stringify({ title: 'T', body: 'B', url: '/meldingen/', tag: 't' }) }, waitUntil: (p: Promise<unknown>) => waits.push(p) } as never);
    expect(scope.registration.showNotification).toHaveBeenCalledWith('T', expect.objectContaining({ body: 'B', tag: 't', data: { url: '/meldingen/' }, lang: 'nl' }));
  });
});
