// Drawing the editors' state-store figures in the browser (the dashboards /beheer/gebruik/ and /beheer/bereik/, issue
// 17): a table in a focusable, named scroll region like TableRegion.astro with its hint, and the weekly active readers
// as an accessible SVG bar chart with that table as its alternative. Counts below the minimum arrive from the API as
// "< 5" (or "verborgen") and are shown as such, never as a number.
import { drawBarChart } from './bar-chart-client.ts';
import { el, fill } from './dom.ts';
import { toWeek } from './weeks.ts';

/** A figure as the editors' APIs give it: a number, "< 5", or "verborgen". */
export type Figure = number | string;

/** A table in a focusable, named scroll region, then the scroll hint; columns 1..`numeric` are right-aligned. */
export function tableRegion(id: string, caption: string, head: string[], rows: (Node | string)[][], hint: string, numeric = 2): Node[] {
  const region = el('div', { className: 'table-region', tabIndex: 0 });
  region.setAttribute('role', 'region');
  region.setAttribute('aria-labelledby', id);
  const isNum = (column: number) => column > 0 && column <= numeric;
  const headRow = el('tr', {}, ...head.map((h, i) => Object.assign(el('th', { scope: 'col', textContent: h }), isNum(i) ? { className: 'num' } : {})));
  const body = rows.map(([first, ...rest]) => el('tr', {}, el('th', { scope: 'row' }, first), ...rest.map((c, i) => el('td', isNum(i + 1) ? { className: 'num' } : {}, c))));
  const table = el('table', { className: 'dash-table' });
  table.dataset.usageTable = id;
  region.append(table);
  table.append(el('caption', { id, textContent: caption }), el('thead', {}, headRow), el('tbody', {}, ...body));
  return [region, el('p', { className: 'table-hint', textContent: hint })];
}

/** The number of a figure for a chart: null (no bar) for one below the minimum or hidden. */
export const chartValue = (v: Figure): number | null => (typeof v === 'number' ? v : null);

/** The date format of the page's language (dates as UTC days). */
export const dayFormat = (options: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'long', year: 'numeric' }) =>
  new Intl.DateTimeFormat(document.documentElement.lang || 'nl', { ...options, timeZone: 'UTC' });

/**
 * Weekly active readers (from GET /api/beheer/gebruik): the note, the bar chart and the table, or the line that this
 * server counts none. Labels: readers, readersNote, readersDesc, readersCount, readersOff, week, weekLabel, scrollHint.
 */
export function drawWeeklyReaders(lezers: { week: string; lezers: Figure }[] | null, labels: Record<string, string>, id = 'readers'): Node[] {
  if (!lezers) return [el('p', { textContent: labels.readersOff })];
  const dateFormat = dayFormat();
  const weeks = lezers.map((w) => ({ ...w, ...toWeek(w.week) }));
  const values = weeks.map((w) => chartValue(w.lezers));
  const max = String(Math.max(0, ...values.map((v) => v ?? 0)));
  return [
    el('p', { textContent: labels.readersNote }),
    drawBarChart({ id: `chart-${id}`, title: labels.readers, desc: fill(labels.readersDesc, { n: String(weeks.length), max }), categories: weeks.map((w) => String(w.week)), values, className: 'bar-posts' }),
    ...tableRegion(`${id}-caption`, labels.readers, [labels.week, labels.readersCount], weeks.map((w) => [fill(labels.weekLabel, { week: String(w.week), date: dateFormat.format(new Date(`${w.monday}T12:00:00Z`)) }), String(w.lezers)]), labels.scrollHint),
  ];
}
