// The must-read banner (issue 17) on every page, for a colleague of the audience: the items they still have to confirm
// come with /api/auth/me (the page's one personal request, never the shared /api/feed). On the item's own page the
// banner has the "Gelezen" button (POST /api/gelezen/:id); elsewhere it links to the item. A confirmation is announced
// politely and the item leaves the banner; the banner goes once nothing is left. Hidden without login or JavaScript.
import type { OpenMustRead } from '../../functions/must-read/routes.ts';
import { el, fill } from './dom.ts';
import { callApi, getMeAnswer } from './live-client.ts';

const dateFormat = new Intl.DateTimeFormat(document.documentElement.lang === 'en' ? 'en-GB' : 'nl-NL', { day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Amsterdam' });

/** The items the logged-in colleague still has to confirm (none without login or offline). */
export async function openMustRead(): Promise<OpenMustRead[]> {
  const { me } = await getMeAnswer();
  return (me as { verplichtLezen?: OpenMustRead[] } | undefined)?.verplichtLezen ?? [];
}

/** Fills the banner (once). */
export function startMustReadBanner(): void {
  const found = document.querySelector<HTMLElement>('[data-must-read]');
  if (!found || found.dataset.started) return;
  const banner = found;
  banner.dataset.started = 'true';
  const labels = JSON.parse(banner.dataset.labels ?? '{}') as Record<string, string>;
  const list = banner.querySelector('ul')!;
  const intro = banner.querySelector<HTMLElement>('[data-must-read-intro]')!;
  const status = banner.querySelector<HTMLElement>('[role="status"]')!;
  const error = banner.querySelector<HTMLElement>('[role="alert"]')!;
  const here = location.pathname;

  function item(n: OpenMustRead): HTMLLIElement {
    const li = el('li', {}, el('a', { href: n.url, textContent: n.titel }));
    if (n.voor) li.append(` (${fill(labels.until, { date: dateFormat.format(new Date(n.voor)) })})`);
    if (n.url !== here) return li;
    const button = el('button', { type: 'button', textContent: labels.read });
    button.setAttribute('aria-label', fill(labels.readLabel, { title: n.titel }));
    button.addEventListener('click', () => {
      error.textContent = status.textContent = '';
      button.disabled = true;
      void callApi('POST', `/api/gelezen/${encodeURIComponent(n.id)}`)
        .then(() => {
          li.remove();
          status.textContent = fill(labels.done, { title: n.titel });
          if (!list.children.length) list.hidden = intro.hidden = true;
        })
        .catch((err: Error) => {
          error.textContent = err.message;
          button.disabled = false;
        });
    });
    li.append(' ', button);
    return li;
  }

  void openMustRead().then((open) => {
    if (!open.length) return;
    // The item of this page first: that is where it can be confirmed.
    list.replaceChildren(...[...open].sort((a, b) => Number(b.url === here) - Number(a.url === here)).map(item));
    banner.hidden = false;
  });
}
