// The state-store figures of /beheer/gebruik/ (issue 17), loaded in the browser from the editor-only API so none of
// them is ever in the built site: weekly active readers over 12 weeks (chart and table), the search terms at least the minimum of colleagues searched in one week, with how
// often a knowledge page was opened from them, and those that (almost) never led to a page. Counts below the minimum
// come as null and read "< 5". The outcome is said in a polite status; the tables scroll inside their own region.
import { drawBarChart } from './bar-chart-client.ts';
import { el, fill } from './dom.ts';
import { callApi } from './live-client.ts';
import { toWeek } from './weeks.ts';

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

/** A table in a focusable, named scroll region like TableRegion.astro, with the hint under it. */
function tableRegion(id: string, caption: string, head: string[], rows: (Node | string)[][], hint: string): Node[] {
  const region = el('div', { className: 'table-region', tabIndex: 0 });
  region.setAttribute('role', 'region');
  region.setAttribute('aria-labelledby', id);
  const headRow = el('tr', {}, ...head.map((h, i) => Object.assign(el('th', { scope: 'col', textContent: h }), i > 0 && i < 3 ? { className: 'num' } : {})));
  const body = rows.map(([first, ...rest]) => el('tr', {}, el('th', { scope: 'row' }, first), ...rest.map((c, i) => el('td', i < 2 ? { className: 'num' } : {}, c))));
  const table = el('table', { className: 'dash-table' });
  table.dataset.usageTable = id;
  region.append(table);
  table.append(el('caption', { id, textContent: caption }), el('thead', {}, headRow), el('tbody', {}, ...body));
  return [region, el('p', { className: 'table-hint', textContent: hint })];
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
  if (!figures.lezers) parts.push(el('p', { textContent: labels.readersOff }));
  else {
    const dateFormat = new Intl.DateTimeFormat(document.documentElement.lang || 'nl', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
    const weeks = figures.lezers.map((w) => ({ ...w, ...toWeek(w.week) }));
    const values = weeks.map((w) => (typeof w.lezers === 'number' ? w.lezers : null));
    const max = String(Math.max(0, ...values.map((v) => v ?? 0)));
    parts.push(
      el('p', { textContent: labels.readersNote }),
      drawBarChart({ id: 'chart-readers', title: labels.readers, desc: fill(labels.readersDesc, { n: String(weeks.length), max }), categories: weeks.map((w) => String(w.week)), values, className: 'bar-posts' }),
      ...tableRegion('readers-caption', labels.readers, [labels.week, labels.readersCount], weeks.map((w) => [fill(labels.weekLabel, { week: String(w.week), date: dateFormat.format(new Date(`${w.monday}T12:00:00Z`)) }), String(w.lezers)]), labels.scrollHint),
    );
  }
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
    })
    .catch((err: { status?: number }) => {
      status.textContent = err.status === 401 ? labels.login : err.status === 403 ? labels.forbidden : labels.failed;
    });
}
