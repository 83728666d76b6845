// The notification bell (src/components/NotificationBell.astro) and the badge on the phone's Meldingen link: the unread
// count from getMe() (/api/auth/me, the page's one personal request; never /api/feed, which is cached and shared),
// refreshed from /api/meldingen/aantal on focus and every 60 s while the page is visible. Only a rise is announced
// (aria-live="polite"); /meldingen/ tells the bell about what it marked read with `setUnread`.
import { fill } from './dom.ts';
import { getMe } from './live-client.ts';

const UNREAD_EVENT = 'plein:meldingen';
const REFRESH_MS = 60_000;

/** Tells the bell the new unread count (after marking notifications read on this page). */
export function setUnread(n: number): void {
  window.dispatchEvent(new CustomEvent<number>(UNREAD_EVENT, { detail: n }));
}

/** Starts the bell once per page. */
export function startBell(): void {
  const bell = document.querySelector<HTMLElement>('[data-bell]');
  if (!bell || bell.dataset.started) return;
  bell.dataset.started = 'true';
  const labels = JSON.parse(bell.dataset.bellLabels ?? '{}') as Record<string, string>;
  const live = document.querySelector<HTMLElement>('[data-bell-live]');
  let current: number | undefined;

  const show = (n: number) => {
    if (current !== undefined && n > current && live) {
      const text = n === 1 ? labels.announce1 : fill(labels.announce, { n: String(n) });
      // Emptied first, so the same sentence as last time is still read out.
      live.textContent = '';
      setTimeout(() => (live.textContent = text), 100);
    }
    current = n;
    for (const badge of document.querySelectorAll<HTMLElement>('[data-bell-count]')) {
      badge.querySelector('[data-bell-number]')!.textContent = n > 99 ? '99+' : String(n);
      badge.hidden = n === 0;
    }
  };

  void getMe().then((me) => {
    // Logged out, offline (a remembered login has no count) or a server without notifications: no bell.
    if (!me || typeof me.meldingen !== 'number') return;
    bell.hidden = false;
    show(me.meldingen);
    let running = false;
    const refresh = async () => {
      if (running || document.hidden) return;
      running = true;
      try {
        const res = await fetch('/api/meldingen/aantal', { credentials: 'same-origin', headers: { accept: 'application/json' } });
        if (res.status === 401) {
          bell.hidden = true;
          show(0);
        } else if (res.ok) show(((await res.json()) as { ongelezen: number }).ongelezen);
      } catch {
        // Offline: the next focus or tick tries again.
      } finally {
        running = false;
      }
    };
    window.addEventListener('focus', () => void refresh());
    setInterval(() => void refresh(), REFRESH_MS);
    window.addEventListener(UNREAD_EVENT, (e) => show((e as CustomEvent<number>).detail));
  });
}
