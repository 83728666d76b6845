// The state-store figures of /beheer/gebruik/ (issue 17), loaded in the browser from the editor-only API so none of
// them is ever in the built site: weekly active readers over 12 weeks (chart and table), the search terms at least the minimum of colleagues searched in one week, with how
// often a knowledge page was opened from them, and those that (almost) never led to a page. Counts below the minimum
// come as null and read "< 5". The outcome is said in a polite status; the tables scroll inside their own region.
import { rankByAppreciations } from './dashboard-attention.ts';
import { el, fill } from './dom.ts';
import { drawWeeklyReaders, tableRegion } from './figures-draw.ts';
import { callApi } from './live-client.ts';

interface Term {
  term: string;
  zoekopdrachten: number;
  kliks: number | null;
  paginas: { pagina: string; kliks: number }[];
}
interface Figures {
  weken: string[];
  minimum: number;
  /** Null where the server counts no readers; a small week comes as "< 5" (or "verborgen"). */
  lezers: { week: string; lezers: number | string }[] | null;
  zoektermen: Term[];
}

/** Draws the search figures into the section. */
function draw(body: HTMLElement, figures: Figures, labels: Record<string, string>, titles: Record<string, string>) {
  const min = String(figures.minimum);
  const count = (n: number | null) => (n === null ? `< ${min}` : String(n));
  const pageLinks = (t: Term) => {
    const span = el('span');
    t.paginas.slice(0, 3).forEach((p, i) => span.append(i ? ', ' : '', el('a', { href: `/weten-en-regelen/${p.pagina}/`, textContent: titles[p.pagina] ?? p.pagina }), ` (${p.kliks})`));
    return span;
  };
  const parts: Node[] = [el('h3', { id: 'lezers', textContent: labels.readers })];
  parts.push(...drawWeeklyReaders(figures.lezers, labels));
  const termRow = (t: Term) => [t.term, String(t.zoekopdrachten), count(t.kliks), pageLinks(t)];
  parts.push(el('h3', { id: 'zoektermen', textContent: labels.terms }));
  if (!figures.zoektermen.length) parts.push(el('p', { textContent: fill(labels.termsNone, { min }) }));
  else parts.push(...tableRegion('terms-caption', labels.terms, [labels.term, labels.searches, labels.clicks, labels.topPages], figures.zoektermen.map(termRow), labels.scrollHint));
  // Searched often, found little: no page opened, or fewer than the minimum.
  const lost = figures.zoektermen.filter((t) => t.kliks === null || t.kliks === 0);
  parts.push(el('h3', { id: 'weinig-gevonden', textContent: labels.noClicks }), el('p', { textContent: labels.noClicksNote }));
  if (!lost.length) parts.push(el('p', { textContent: labels.noClicksNone }));
  else parts.push(...tableRegion('lost-caption', labels.noClicks, [labels.term, labels.searches, labels.clicks], lost.map((t) => [t.term, String(t.zoekopdrachten), count(t.kliks)]), labels.scrollHint));
  body.replaceChildren(...parts);
}

/**
 * Orders the unanswered posts (built newest first) by their waarderingen from the state store, most appreciated first,
 * and shows the top with each count. Without JavaScript or when the counts cannot be read, the built order stays.
 */
async function rankUnanswered(labels: Record<string, string>): Promise<void> {
  const list = document.querySelector<HTMLElement>('[data-usage-unanswered]');
  const candidates = JSON.parse(list?.dataset.candidates ?? '[]') as { id: string; label: string; href: string }[];
  if (!list || !candidates.length) return;
  const doelen = candidates.map((p) => `bericht:${p.id}`).join(',');
  const { aantallen } = await callApi<{ aantallen: Record<string, Record<string, number>> }>('GET', `/api/waarderingen?doelen=${encodeURIComponent(doelen)}`);
  const count = (n: number) => (n === 1 ? labels.appreciationsOne : fill(labels.appreciationsCount, { n: String(n) }));
  list.replaceChildren(
    ...rankByAppreciations(candidates, aantallen).map((p) => {
      const item = el('li', {}, el('a', { href: p.href, textContent: p.label }), ` (${count(p.appreciations)})`);
      item.dataset.post = p.id;
      return item;
    }),
  );
  const note = document.querySelector<HTMLElement>('[data-usage-unanswered-note]');
  if (note) note.textContent = labels.unansweredRanked;
}

/** Loads the figures into [data-usage-live] (once). */
export function startUsageFigures(): void {
  const section = document.querySelector<HTMLElement>('[data-usage-live]');
  if (!section || section.dataset.started) return;
  section.dataset.started = 'true';
  const labels = JSON.parse(section.dataset.labels ?? '{}') as Record<string, string>;
  const titles = JSON.parse(section.dataset.pages ?? '{}') as Record<string, string>;
  const status = section.querySelector<HTMLElement>('[data-usage-live-status]')!;
  const body = section.querySelector<HTMLElement>('[data-usage-live-body]')!;
  status.textContent = labels.loading;
  callApi<Figures>('GET', '/api/beheer/gebruik')
    .then((figures) => {
      draw(body, figures, labels, titles);
      status.textContent = labels.loaded;
      rankUnanswered(labels).catch(() => undefined);
    })
    .catch((err: { status?: number }) => {
      status.textContent = err.status === 401 ? labels.login : err.status === 403 ? labels.forbidden : labels.failed;
    });
}
