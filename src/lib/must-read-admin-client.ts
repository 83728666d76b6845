// /beheer/verplicht-lezen/ (issue 17): for each must-read item, the share of its audience that confirmed, a table per
// department (caption, column headers, numbers right-aligned, in a scrollable named region on a phone) and the link to
// the CSV of who has not confirmed yet. Drawn from the editor-only API; a non-editor gets the API's refusal as text.
import { el, fill } from './dom.ts';
import { callApi } from './live-client.ts';

interface Item { id: string; titel: string; url: string; voor: string | null; doelgroep: number; gelezen: number; percentage: number }
interface Department { id: string; naam: string; doelgroep: number; gelezen: number; percentage: number }

const dateFormat = new Intl.DateTimeFormat(document.documentElement.lang === 'en' ? 'en-GB' : 'nl-NL', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Amsterdam' });
const numberFormat = new Intl.NumberFormat(document.documentElement.lang === 'en' ? 'en-GB' : 'nl-NL', { maximumFractionDigits: 1 });

/** One item's section: heading, summary, the table per department and the export link. */
function section(item: Item, departments: Department[], labels: Record<string, string>, n: number): HTMLElement {
  const headingId = `verplicht-${n}`;
  const captionId = `verplicht-${n}-tabel`;
  const summary = fill(labels.summary, { read: String(item.gelezen), total: String(item.doelgroep), pct: numberFormat.format(item.percentage) });
  const cell = (value: string | number, numeric = false) => el('td', { className: numeric ? 'num' : '', textContent: typeof value === 'number' ? numberFormat.format(value) : value });
  const head = el('tr', {}, ...[labels.department, labels.audience, labels.confirmed, labels.percentage].map((text, i) => el('th', { scope: 'col', textContent: text, className: i ? 'num' : '' })));
  const table = el('table', { className: 'dash-table' },
    el('caption', { id: captionId, textContent: fill(labels.caption, { title: item.titel }) }),
    el('thead', {}, head),
    el('tbody', {}, ...departments.map((d) => el('tr', {}, el('th', { scope: 'row', textContent: d.naam }), cell(d.doelgroep, true), cell(d.gelezen, true), cell(`${numberFormat.format(d.percentage)}%`, true)))),
  );
  const region = el('div', { className: 'table-region', tabIndex: 0 }, table);
  region.setAttribute('role', 'region');
  region.setAttribute('aria-labelledby', captionId);
  const csv = el('a', { href: `/api/verplicht-lezen/${encodeURIComponent(item.id)}/niet-gelezen`, textContent: labels.export });
  csv.setAttribute('download', '');
  const box = el('section', {},
    el('h2', { id: headingId }, el('a', { href: item.url, textContent: item.titel })),
    el('p', { textContent: summary + (item.voor ? ` ${fill(labels.deadline, { date: dateFormat.format(new Date(item.voor)) })}` : '') }),
    region,
    el('p', { className: 'table-hint', textContent: labels.scrollHint }),
    el('p', {}, csv),
    el('p', { className: 'muted', textContent: labels.exportNote }),
  );
  box.setAttribute('aria-labelledby', headingId);
  return box;
}

/** Fills the page (once). */
export function startMustReadAdmin(): void {
  const root = document.querySelector<HTMLElement>('[data-must-read-admin]');
  if (!root || root.dataset.started) return;
  root.dataset.started = 'true';
  const labels = JSON.parse(root.dataset.labels ?? '{}') as Record<string, string>;
  const message = root.querySelector<HTMLElement>('[data-must-read-message]')!;
  const items = root.querySelector<HTMLElement>('[data-must-read-items]')!;
  void (async () => {
    try {
      const { nieuws } = await callApi<{ nieuws: Item[] }>('GET', '/api/verplicht-lezen');
      const sections = await Promise.all(nieuws.map(async (item, i) => {
        const { afdelingen } = await callApi<{ afdelingen: Department[] }>('GET', `/api/verplicht-lezen/${encodeURIComponent(item.id)}`);
        return section(item, afdelingen, labels, i + 1);
      }));
      items.replaceChildren(...sections);
      message.textContent = nieuws.length ? '' : labels.none;
    } catch (err) {
      const status = (err as { status?: number }).status;
      message.textContent = status === 401 ? labels.login : status === 403 ? labels.forbidden : (err as Error).message;
    }
  })();
}
