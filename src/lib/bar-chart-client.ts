// A bar chart drawn in the browser for figures that come from the API (the dashboards' state-store figures), the same
// picture as src/pages/beheer/_components/BarChart.astro: inline SVG, role="img" named by its title and description;
// the figures themselves are in the table next to it, which is the accessible source. A null value draws no bar.

const SVG = 'http://www.w3.org/2000/svg';
const W = 640;
const H = 220;
const M = { top: 12, right: 8, bottom: 26, left: 34 };

function svgEl(tag: string, attrs: Record<string, string | number>, text?: string): SVGElement {
  const node = document.createElementNS(SVG, tag) as SVGElement;
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

/** One series of bars, one per category (short labels under the bars, e.g. week numbers). */
export function drawBarChart(options: { id: string; title: string; desc: string; categories: string[]; values: (number | null)[]; className: string }): SVGElement {
  const { id, title, desc, categories, values, className } = options;
  const plotW = W - M.left - M.right;
  const plotH = H - M.top - M.bottom;
  const max = Math.max(1, ...values.map((v) => v ?? 0));
  const top = max <= 4 ? max : Math.ceil(max / 2) * 2;
  const ticks = [...new Set([0, top / 2, top])].filter((v) => Number.isInteger(v));
  const y = (v: number) => M.top + plotH - (v / top) * plotH;
  const groupW = plotW / Math.max(1, categories.length);
  const svg = svgEl('svg', { class: 'bar-chart', viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-labelledby': `${id}-title ${id}-desc`, preserveAspectRatio: 'xMidYMid meet' });
  svg.append(svgEl('title', { id: `${id}-title` }, title), svgEl('desc', { id: `${id}-desc` }, desc));
  for (const v of ticks) svg.append(svgEl('line', { class: 'grid', x1: M.left, x2: W - M.right, y1: y(v), y2: y(v) }), svgEl('text', { class: 'axis', x: M.left - 6, y: y(v) + 4, 'text-anchor': 'end' }, String(v)));
  categories.forEach((label, i) => {
    const v = values[i];
    if (v !== null && v !== undefined) svg.append(svgEl('rect', { class: className, x: M.left + i * groupW + groupW * 0.1, y: y(v), width: groupW * 0.8, height: Math.max(0, M.top + plotH - y(v)) }));
    if (categories.length <= 13 || i % 2 === 0) svg.append(svgEl('text', { class: 'axis', x: M.left + (i + 0.5) * groupW, y: H - 8, 'text-anchor': 'middle' }, label));
  });
  return svg;
}
