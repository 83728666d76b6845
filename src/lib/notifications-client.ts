// /meldingen/ in the browser: GET /api/meldingen (newest first, already grouped by the server, `meer` as the cursor for
// "Meer laden"), unread ones marked in colour, border and text; following a notification's link marks it read
// (a keepalive POST, so it survives the navigation), as do "Markeer als gelezen" and "Alles als gelezen markeren".
// The header's bell hears every new count (setUnread).
// A type only: nothing of the server's code reaches the browser.
import type { NotificationView } from '../../functions/notifications/routes.ts';
import { setUnread } from './bell-client.ts';
import { el, fill } from './dom.ts';
import { avatar, callApi, getMe } from './live-client.ts';

/** A page of notifications. */
export interface NotificationPage { ongelezen: number; meldingen: NotificationView[]; meer: string | null }

const MARK_URL = '/api/meldingen/gelezen';

/** Fills /meldingen/ (once). */
export function startNotifications(): void {
  const found = document.querySelector<HTMLElement>('[data-notifications]');
  if (!found || found.dataset.started) return;
  const section = found;
  section.dataset.started = 'true';
  const labels = JSON.parse(section.dataset.labels ?? '{}') as Record<string, string>;
  const $ = <T extends HTMLElement>(name: string) => section.querySelector<T>(`[data-notifications-${name}]`)!;
  const loading = $('loading');
  const body = $('body');
  const list = $<HTMLUListElement>('list');
  const count = $('count');
  const status = $('status');
  const error = $('error');
  const empty = $('empty');
  const more = $<HTMLButtonElement>('more');
  const all = $<HTMLButtonElement>('all');
  const dateFormat = new Intl.DateTimeFormat(document.documentElement.lang === 'en' ? 'en-GB' : 'nl-NL', {
    weekday: 'short', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Amsterdam',
  });
  let cursor: string | null = null;
  let unread = 0;

  const setCount = (n: number) => {
    unread = n;
    count.textContent = n ? fill(labels.unreadCount, { n: String(n) }) : labels.noneUnread;
    setUnread(n);
  };

  /** Shows a notification as read: no colour, no badge, no button. */
  const markShown = (li: HTMLElement) => {
    li.classList.remove('notification-unread');
    li.querySelector('.notification-badge')?.remove();
    li.querySelector('[data-mark-one]')?.remove();
  };

  const item = (n: NotificationView): HTMLLIElement => {
    const li = el('li', { className: `notification${n.gelezen ? '' : ' notification-unread'}` });
    li.dataset.ids = n.ids.join(',');
    const link = el('a', { href: n.url, textContent: n.tekst });
    const text = el('p', { className: 'notification-text' }, link);
    if (!n.gelezen) text.append(' ', el('span', { className: 'notification-badge', textContent: labels.unread }));
    const when = el('time', { dateTime: n.op, textContent: dateFormat.format(new Date(n.op)) });
    const meta = el('p', { className: 'meta' }, when);
    if (!n.gelezen) {
      const button = el('button', { type: 'button', className: 'link-button', textContent: labels.markRead });
      button.dataset.markOne = '';
      button.setAttribute('aria-label', fill(labels.markReadOf, { text: n.tekst }));
      button.addEventListener('click', () => {
        error.textContent = status.textContent = '';
        button.disabled = true;
        callApi<{ ongelezen: number }>('POST', MARK_URL, { ids: n.ids })
          .then(({ ongelezen }) => {
            n.gelezen = true;
            markShown(li);
            setCount(ongelezen);
            status.textContent = labels.oneRead;
            link.focus();
          })
          .catch((err: Error) => {
            button.disabled = false;
            error.textContent = err.message;
          });
      });
      meta.append(button);
    }
    // Following the link (also with a modifier key or the middle button) marks it read on the way.
    const follow = () => {
      if (n.gelezen) return;
      n.gelezen = true;
      void fetch(MARK_URL, {
        method: 'POST', credentials: 'same-origin', keepalive: true,
        headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ids: n.ids }),
      }).catch(() => {});
      markShown(li);
      setCount(Math.max(0, unread - 1));
    };
    link.addEventListener('click', follow);
    link.addEventListener('auxclick', (e) => e.button === 1 && follow());
    li.append(...(n.actor ? [avatar(n.actor.naam, n.actor.id)] : []), el('div', {}, text, meta));
    return li;
  };

  const load = async (first: boolean) => {
    const page = await callApi<NotificationPage>('GET', `/api/meldingen${cursor ? `?voor=${encodeURIComponent(cursor)}` : ''}`);
    const items = page.meldingen.map(item);
    list.append(...items);
    cursor = page.meer;
    more.hidden = !cursor;
    setCount(page.ongelezen);
    empty.hidden = list.children.length > 0;
    if (!first) {
      status.textContent = fill(labels.loaded, { n: String(items.length) });
      // The first new one gets focus, so a keyboard user goes on where the list grew (or stays on the button).
      items[0]?.querySelector('a')?.focus();
    }
  };

  more.addEventListener('click', () => {
    error.textContent = status.textContent = '';
    more.disabled = true;
    load(false)
      .catch((err: Error) => (error.textContent = err.message))
      .finally(() => (more.disabled = false));
  });

  all.addEventListener('click', () => {
    error.textContent = status.textContent = '';
    all.disabled = true;
    callApi<{ ongelezen: number }>('POST', MARK_URL, { alles: true })
      .then(({ ongelezen }) => {
        list.querySelectorAll<HTMLElement>('.notification-unread').forEach(markShown);
        setCount(ongelezen);
        status.textContent = labels.allRead;
      })
      .catch((err: Error) => (error.textContent = err.message))
      .finally(() => (all.disabled = false));
  });

  loading.hidden = false;
  void getMe().then(async (me) => {
    if (!me) {
      loading.hidden = true;
      section.querySelector<HTMLElement>('[data-notifications-login]')!.hidden = false;
      return;
    }
    try {
      await load(true);
      body.hidden = false;
    } catch (err) {
      if ((err as { status?: number }).status === 401) section.querySelector<HTMLElement>('[data-notifications-login]')!.hidden = false;
      else error.textContent = (err as Error).message;
    } finally {
      loading.hidden = true;
    }
  });
}
