// /beheer/bereik/ (issue 17, item 4): the reach figures drawn in the browser from the editor-only API, never built into
// the site — unique readers per news item and knowledge page, per day (an SVG bar chart with its table) and per
// department for a period, one item's days and departments on request, and the weekly active readers. Counts below
// the minimum come from the API as "< 5" (and "verborgen" where hiding them needs more) and are shown as such, with
// their sum as "Overig". A colleague who is not an editor gets the API's refusal: the page says they have no access.
import { drawBarChart } from './bar-chart-client.ts';
import { el, fill } from './dom.ts';
import { chartValue, dayFormat, drawWeeklyReaders, tableRegion, type Figure } from './figures-draw.ts';
import { callApi } from './live-client.ts';

type Margin = { overigDagen: Figure | null; overigAfdelingen: Figure | null; dagen: { dag: string; lezers: Figure }[]; afdelingen: { afdeling: string; lezers: Figure }[] };
interface Overview extends Margin {
  van: string;
  tot: string;
  totaal: Figure;
  items: { item: string; lezers: Figure }[];
  overigItems: Figure | null;
}
interface ItemFigures extends Margin {
  item: string;
  totaal: Figure;
}

/** The page's parts and the public names it was built with. */
interface Parts {
  labels: Record<string, string>;
  titles: Record<string, string>;
  departments: Record<string, string>;
  status: HTMLElement;
}

const text = (v: Figure) => String(v);
const withOther = (rows: (Node | string)[][], other: Figure | null, labels: Record<string, string>) => (other === null ? rows : [...rows, [labels.other, text(other)]]);
const hides = (m: Margin & { overigItems?: Figure | null }) => m.overigDagen !== null || m.overigAfdelingen !== null || (m.overigItems ?? null) !== null;

/** The days (chart and table) and the departments (table) of one answer, under headings of `level`. */
function margins(m: Margin, p: Parts, id: string, level: 'h2' | 'h3'): Node[] {
  const { labels } = p;
  const short = dayFormat({ day: 'numeric', month: 'short' });
  const long = dayFormat({ weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
  const values = m.dagen.map((d) => chartValue(d.lezers));
  const max = String(Math.max(0, ...values.map((v) => v ?? 0)));
  const date = (day: string) => new Date(`${day}T12:00:00Z`);
  return [
    el(level, { id: `${id}-dagen`, textContent: labels.days }),
    drawBarChart({ id: `chart-${id}-dagen`, title: labels.days, desc: fill(labels.daysDesc, { n: String(m.dagen.length), max }), categories: m.dagen.map((d) => short.format(date(d.dag))), values, className: 'bar-posts' }),
    ...tableRegion(`${id}-dagen-tabel`, labels.days, [labels.day, labels.readers], withOther(m.dagen.map((d) => [long.format(date(d.dag)), text(d.lezers)]), m.overigDagen, labels), labels.scrollHint, 1),
    el(level, { id: `${id}-afdelingen`, textContent: labels.departments }),
    ...tableRegion(`${id}-afdelingen-tabel`, labels.departments, [labels.department, labels.readers], withOther(m.afdelingen.map((a) => [p.departments[a.afdeling] ?? a.afdeling, text(a.lezers)]), m.overigAfdelingen, labels), labels.scrollHint, 1),
  ];
}

/** A link to a counted item with its public title, and its kind. */
function itemLink(key: string, p: Parts): { link: Node; kind: string } {
  const [kind, id] = [key.slice(0, key.indexOf(':')), key.slice(key.indexOf(':') + 1)];
  const href = kind === 'nieuws' ? `/nieuws/${id}/` : `/weten-en-regelen/${id}/`;
  return { link: el('a', { href, textContent: p.titles[key] ?? id }), kind: kind === 'nieuws' ? p.labels.news : p.labels.knowledge };
}

/** The whole period: the total, the items, the days and the departments. */
function drawOverview(o: Overview, p: Parts): Node[] {
  const { labels } = p;
  const parts: Node[] = [el('p', { textContent: fill(labels.total, { n: text(o.totaal) }) }), el('p', { textContent: labels.totalNote })];
  if (hides(o)) parts.push(el('p', { className: 'muted', textContent: labels.otherNote }));
  parts.push(el('h2', { id: 'bereik-items', textContent: labels.items }));
  if (!o.items.length) parts.push(el('p', { textContent: labels.itemsNone }));
  else {
    const rows = o.items.map((i) => {
      const { link, kind } = itemLink(i.item, p);
      return [link, text(i.lezers), kind];
    });
    parts.push(...tableRegion('bereik-items-tabel', labels.items, [labels.item, labels.readers, labels.kind], withOther(rows, o.overigItems, labels), labels.scrollHint, 1));
  }
  parts.push(...margins(o, p, 'bereik', 'h2'));
  return parts;
}

/** Fills the page (once). */
export function startReachAdmin(): void {
  const root = document.querySelector<HTMLElement>('[data-reach-admin]');
  if (!root || root.dataset.started) return;
  root.dataset.started = 'true';
  const p: Parts = {
    labels: JSON.parse(root.dataset.labels ?? '{}') as Record<string, string>,
    titles: JSON.parse(root.dataset.titles ?? '{}') as Record<string, string>,
    departments: JSON.parse(root.dataset.departments ?? '{}') as Record<string, string>,
    status: root.querySelector<HTMLElement>('[data-reach-status]')!,
  };
  const { labels, status } = p;
  const period = root.querySelector<HTMLFormElement>('[data-reach-period]')!;
  const body = root.querySelector<HTMLElement>('[data-reach-body]')!;
  const detail = root.querySelector<HTMLElement>('[data-reach-detail]')!;
  const pick = detail.querySelector<HTMLFormElement>('[data-reach-item]')!;
  const select = pick.querySelector<HTMLSelectElement>('select')!;
  const itemBody = detail.querySelector<HTMLElement>('[data-reach-item-body]')!;
  const weeks = root.querySelector<HTMLElement>('[data-reach-weeks]')!;
  const long = dayFormat();
  const failed = (err: unknown) => {
    const status = (err as { status?: number }).status;
    return status === 401 ? labels.login : status === 403 ? labels.forbidden : status === 422 ? (err as Error).message : labels.failed;
  };
  let range = '';

  async function load(query: string) {
    status.textContent = labels.loading;
    try {
      const o = await callApi<Overview>('GET', `/api/beheer/bereik${query}`);
      range = `van=${o.van}&tot=${o.tot}`;
      (period.elements.namedItem('van') as HTMLInputElement).value = o.van;
      (period.elements.namedItem('tot') as HTMLInputElement).value = o.tot;
      period.hidden = false;
      body.replaceChildren(...drawOverview(o, p));
      select.replaceChildren(...o.items.map((i) => el('option', { value: i.item, textContent: p.titles[i.item] ?? i.item })));
      detail.hidden = o.items.length === 0;
      itemBody.replaceChildren();
      status.textContent = fill(labels.loaded, { from: long.format(new Date(`${o.van}T12:00:00Z`)), to: long.format(new Date(`${o.tot}T12:00:00Z`)) });
      return true;
    } catch (err) {
      status.textContent = failed(err);
      return false;
    }
  }

  period.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(period);
    void load(`?van=${encodeURIComponent(String(data.get('van')))}&tot=${encodeURIComponent(String(data.get('tot')))}`);
  });
  pick.addEventListener('submit', (event) => {
    event.preventDefault();
    const key = select.value;
    status.textContent = labels.loading;
    callApi<ItemFigures>('GET', `/api/beheer/bereik?${range}&item=${encodeURIComponent(key)}`)
      .then((f) => {
        const title = p.titles[key] ?? key;
        const heading = el('h3', { id: 'bereik-item-titel' }, fill(labels.detailTitle, { title }));
        const parts: Node[] = [heading, el('p', { textContent: fill(labels.total, { n: text(f.totaal) }) })];
        if (hides(f)) parts.push(el('p', { className: 'muted', textContent: labels.otherNote }));
        itemBody.replaceChildren(...parts, ...margins(f, p, 'bereik-item', 'h3'));
        status.textContent = fill(labels.itemLoaded, { title });
      })
      .catch((err) => {
        status.textContent = failed(err);
      });
  });

  void load('').then((ok) => {
    if (!ok) return;
    // The weekly active readers of the last 12 weeks come with the usage figures (the same protected counts).
    callApi<{ lezers: { week: string; lezers: Figure }[] | null }>('GET', '/api/beheer/gebruik')
      .then((u) => weeks.replaceChildren(...drawWeeklyReaders(u.lezers, { ...labels, readers: labels.readersTitle }, 'bereik-weken')))
      .catch((err) => weeks.replaceChildren(el('p', { textContent: failed(err) })));
  });
}
