// Registers /sw.js after the page has loaded and offers a waiting new version ("Nieuwe versie — vernieuwen");
// when the page is left anyway, the new version takes over for the next page instead of breaking this one.

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
  if (document.readyState === 'complete') later();
  else addEventListener('load', later, { once: true });
}
