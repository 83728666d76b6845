// Registers /sw.js after the page has loaded (a first install a few seconds later, when the browser is idle) and
// offers a waiting new version ("Nieuwe versie — vernieuwen"); when the page is left anyway, the new version takes
// over for the next page instead of breaking this one.

/** Registers the service worker and shows `banner` while a new version waits; the button activates it. */
export function registerServiceWorker(banner: HTMLElement): void {
  if (!('serviceWorker' in navigator)) return;
  const button = banner.querySelector<HTMLButtonElement>('button');
  let reloading = false;
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    if (reloading) location.reload();
  });
  let offered = false;
  const offer = (registration: ServiceWorkerRegistration) => {
    banner.hidden = false;
    if (offered) return;
    offered = true;
    // The worker that waits when the reader decides, not the one that was offered: a later update replaces it.
    const activate = () => registration.waiting?.postMessage({ type: 'SKIP_WAITING' });
    button?.addEventListener('click', () => {
      reloading = true;
      button.disabled = true;
      activate();
      // Should the new version not take over (it failed, or vanished), the reader still gets a fresh page.
      setTimeout(() => location.reload(), 10_000);
    }, { once: true });
    // Leaving the page: let the next one start on the new version without asking.
    addEventListener('pagehide', activate, { once: true });
  };
  const start = async () => {
    const registration = await navigator.serviceWorker.register('/sw.js', { scope: '/' });
    // Only an update needs the question: the first install has no old version to replace.
    if (registration.waiting && navigator.serviceWorker.controller) offer(registration);
    registration.addEventListener('updatefound', () => {
      const next = registration.installing;
      next?.addEventListener('statechange', () => {
        if (next.state === 'installed' && navigator.serviceWorker.controller) offer(registration);
      });
    });
  };
  const later = () => void start().catch(() => {});
  // An installed worker only checks for an update: at load, as always. A first install downloads the precache (a few
  // MB of pages and assets) and competed with everything the colleague did in their first seconds — on /zoeken it
  // made the first queries 40-60 ms slower (bench:build's queryMs against queryMsInstalled) — so it waits until the
  // page has been loaded a while and the browser is idle, or until the page is hidden (the colleague switched away).
  const first = !navigator.serviceWorker.controller;
  const whenLoaded = () => {
    if (!first) return later();
    let started = false;
    const once = () => {
      if (started) return;
      started = true;
      later();
    };
    const idle = () => ('requestIdleCallback' in window ? requestIdleCallback(once, { timeout: 2000 }) : once());
    setTimeout(idle, FIRST_INSTALL_DELAY_MS);
    document.addEventListener('visibilitychange', () => { if (document.visibilityState === 'hidden') once(); });
    // Something on the page needs the worker now (turning on push): no reason to wait.
    addEventListener(WORKER_NEEDED, once, { once: true });
  };
  if (document.readyState === 'complete') whenLoaded();
  else addEventListener('load', whenLoaded, { once: true });
}

/** The event a page part sends when it needs the service worker at once (push-client.ts). */
export const WORKER_NEEDED = 'plein:worker-needed';

/** How long after load a first visit waits before installing the app (its precache download). */
export const FIRST_INSTALL_DELAY_MS = 4000;
