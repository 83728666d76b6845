// "Voor jou" on the home page (issue 17) for a logged-in colleague: one personal request (GET /api/voor-jou, never
// cached) fills the section the static page holds hidden — must-read items still to confirm, news for their audience
// first, their groups' latest posts, their sign-ups and the coming agenda items aimed at them. Without login, JavaScript or a state store the page is as built.
import { el, fill } from './dom.ts';
import { callApi, getMe } from './live-client.ts';

interface Link { id: string; titel?: string; url: string; voor?: string | null; voorJou?: boolean; groep?: string; auteur?: string; tekst?: string; start?: string; status?: string; locatie?: string | null }
interface ForYou { verplichtLezen: Link[]; nieuws: Link[]; berichten: Link[]; aanmeldingen: Link[]; agenda?: Link[] }

const dateFormat = new Intl.DateTimeFormat(document.documentElement.lang === 'en' ? 'en-GB' : 'nl-NL', { day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Amsterdam' });

/** Fills the "Voor jou" section (once). */
export function startForYou(): void {
  const section = document.querySelector<HTMLElement>('[data-for-you]');
  if (!section || section.dataset.started) return;
  section.dataset.started = 'true';
  const labels = JSON.parse(section.dataset.labels ?? '{}') as Record<string, string>;
  const body = section.querySelector<HTMLElement>('[data-for-you-body]')!;
  const part = (title: string, items: HTMLElement[]) => (items.length ? [el('h3', { textContent: title }), el('ul', {}, ...items)] : []);
  void getMe().then(async (me) => {
    if (!me) return;
    try {
      const data = await callApi<ForYou>('GET', '/api/voor-jou');
      const parts = [
        ...part(labels.mustRead, data.verplichtLezen.map((n) => el('li', {}, el('a', { href: n.url, textContent: n.titel }), n.voor ? ` (${fill(labels.until, { date: dateFormat.format(new Date(n.voor)) })})` : ''))),
        ...part(labels.news, data.nieuws.map((n) => el('li', {}, el('a', { href: n.url, textContent: n.titel })))),
        ...part(labels.groups, data.berichten.map((p) => el('li', {}, el('a', { href: p.url, textContent: `${p.auteur}: ${p.tekst}` }), ` (${p.groep})`))),
        ...part(labels.signups, data.aanmeldingen.map((s) => el('li', {}, el('a', { href: s.url, textContent: s.titel }), ` — ${dateFormat.format(new Date(s.start!))}${s.status === 'wachtlijst' ? ` (${labels.waiting})` : ''}`))),
        ...part(labels.agenda, (data.agenda ?? []).map((e) => el('li', {}, el('a', { href: e.url, textContent: e.titel }), ` — ${dateFormat.format(new Date(e.start!))}${e.locatie ? `, ${e.locatie}` : ''}`))),
      ];
      body.replaceChildren(...(parts.length ? parts : [el('p', { textContent: labels.empty })]));
      section.hidden = false;
    } catch {
      // No state store, or offline: the home page stays as built.
    }
  });
}
