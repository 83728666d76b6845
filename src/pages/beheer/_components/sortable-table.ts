// Browser enhancement of the freshness table: sort buttons in the column headers (with aria-sort) and the owner filter.
// Without JavaScript the table stays as built: sorted by review date, most urgent first, all rows shown.

/** Compares two cells' sort values: ISO dates and text both sort as Dutch text; empty values go last. */
function compare(a: string, b: string): number {
  if (!a || !b) return a ? -1 : b ? 1 : 0;
  return a.localeCompare(b, 'nl', { sensitivity: 'base', numeric: true });
}

/** Makes every `th[data-sort]` of `table` a sort button; the header with aria-sort is the current order. */
export function enhanceSortableTable(table: HTMLTableElement): void {
  const headers = [...table.querySelectorAll<HTMLTableCellElement>('thead th[data-sort]')];
  const body = table.tBodies[0];
  for (const th of headers) {
    const button = document.createElement('button');
    button.type = 'button';
    button.append(...th.childNodes);
    const icon = document.createElement('span');
    icon.className = 'sort-icon';
    icon.setAttribute('aria-hidden', 'true');
    button.append(icon);
    th.append(button);
    button.addEventListener('click', () => {
      const ascending = th.getAttribute('aria-sort') !== 'ascending';
      const column = th.cellIndex;
      const rows = [...body.rows];
      const value = (row: HTMLTableRowElement) => row.cells[column]?.dataset.value ?? row.cells[column]?.textContent?.trim() ?? '';
      rows.sort((a, b) => (ascending ? 1 : -1) * compare(value(a), value(b)) || Number(a.dataset.order) - Number(b.dataset.order));
      body.append(...rows);
      for (const other of headers) other.removeAttribute('aria-sort');
      th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
      updateIcons(headers);
    });
  }
  updateIcons(headers);
}

function updateIcons(headers: HTMLTableCellElement[]) {
  for (const th of headers) {
    const icon = th.querySelector('.sort-icon');
    const sort = th.getAttribute('aria-sort');
    if (icon) icon.textContent = sort === 'ascending' ? '▲' : sort === 'descending' ? '▼' : '↕';
  }
}

/** Shows only the rows whose data-owner matches the select (all for ""), and says how many are shown. */
export function enhanceOwnerFilter(select: HTMLSelectElement, table: HTMLTableElement, status: HTMLElement): void {
  const rows = [...table.tBodies[0].rows];
  const template = status.dataset.template ?? '{n} / {total}';
  const apply = () => {
    let shown = 0;
    for (const row of rows) {
      row.hidden = select.value !== '' && row.dataset.owner !== select.value;
      if (!row.hidden) shown++;
    }
    status.textContent = template.replace('{n}', String(shown)).replace('{total}', String(rows.length));
  };
  select.addEventListener('change', apply);
  apply();
}
