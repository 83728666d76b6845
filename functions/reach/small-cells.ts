// Small-cell protection for the reach figures (issue 17): no count below MIN_CELL leaves the API, and no hidden count
// can be worked out from the rest of the same answer. A margin (readers per day, per department or per item) is shown
// with its total; the cells below the minimum are shown as "< 5" and merged into "overig". When the sum of the hidden
// cells would give one of them away (one hidden cell: total minus the cells shown; or every hidden cell at its largest
// possible value), the smallest cells still shown are hidden too ("verborgen": complementary suppression) until every
// hidden cell could still take at least two values. If even hiding all of them does not do that (e.g. 4 + 4), the
// total is withheld as well. Margins of one total (an item's days and departments) are protected together, so a total
// withheld in one is withheld in all.

/** The smallest count shown: fewer colleagues could be recognised. */
export const MIN_CELL = 5;
/** A count below MIN_CELL. */
export const SMALL = '< 5';
/** A count of at least MIN_CELL hidden so that a small one cannot be worked out (it is part of "overig"). */
export const HIDDEN = 'verborgen';
/** A figure as the API gives it. */
export type Figure = number | typeof SMALL | typeof HIDDEN;

/** One cell of a margin before protection. */
export interface RawCell<K> {
  key: K;
  value: number;
}

/** A margin after protection: the total, every cell, and the sum of the hidden ones (null when none is hidden). */
export interface ProtectedMargin<K> {
  total: Figure;
  cells: { key: K; value: Figure }[];
  overig: Figure | null;
}

/** Whether every hidden cell, with its bounds, can still take two values given that they add up to `sum`. */
function undeterminable(bounds: { lo: number; hi: number }[], sum: number): boolean {
  return bounds.every((b, i) => {
    let otherLo = 0;
    let otherHi = 0;
    bounds.forEach((o, j) => {
      if (j !== i) {
        otherLo += o.lo;
        otherHi += o.hi; // may be Infinity: only added, never subtracted
      }
    });
    return Math.min(b.hi, sum - otherLo) > Math.max(b.lo, sum - otherHi);
  });
}

/** Which cells to hide so the total can be shown; undefined when no choice allows showing it. */
function hiddenSet(values: number[], min: number): Set<number> | undefined {
  const hidden = new Set(values.flatMap((v, i) => (v < min ? [i] : [])));
  if (!hidden.size) return hidden;
  // Smallest first: hiding the smallest shown cell costs the least information.
  const order = values.map((v, i) => i).sort((a, b) => values[a] - values[b]);
  for (;;) {
    const shown = order.filter((i) => !hidden.has(i));
    // What a reader of the answer knows of a hidden cell: "< 5" is 0…min-1; "verborgen" is at least min and at most
    // the smallest cell still shown (the smallest are hidden first).
    const cap = shown.length ? values[shown[0]] : Number.POSITIVE_INFINITY;
    const bounds = [...hidden].map((i) => (values[i] < min ? { lo: 0, hi: min - 1 } : { lo: min, hi: cap }));
    const sum = [...hidden].reduce((s, i) => s + values[i], 0);
    // "overig" is shown, so it must itself be at least the minimum.
    if (sum >= min && undeterminable(bounds, sum)) return hidden;
    if (!shown.length) return undefined;
    hidden.add(shown[0]);
  }
}

const label = (value: number, hidden: boolean, min: number): Figure => (!hidden ? value : value < min ? SMALL : HIDDEN);

/**
 * Protects margins of one total (each a list of cells adding up to the same total): every value below `min` becomes
 * "< 5", complementary cells "verborgen", and "overig" is the sum of a margin's hidden cells when that gives nothing away.
 */
export function protectMargins<K>(margins: RawCell<K>[][], min = MIN_CELL): ProtectedMargin<K>[] {
  const total = margins.length ? margins[0].reduce((s, c) => s + c.value, 0) : 0;
  if (total < min) return margins.map((cells) => ({ total: SMALL, cells: cells.map((c) => ({ key: c.key, value: SMALL })), overig: cells.length ? SMALL : null }));
  const sets = margins.map((cells) => hiddenSet(cells.map((c) => c.value), min));
  const totalShown = sets.every((s) => s !== undefined);
  return margins.map((cells, m) => {
    // Without a total no sum constrains the hidden cells: only those below the minimum are hidden, and no overig is given.
    const hidden = totalShown ? sets[m]! : new Set(cells.flatMap((c, i) => (c.value < min ? [i] : [])));
    const overigValue = cells.reduce((s, c, i) => s + (hidden.has(i) ? c.value : 0), 0);
    return {
      total: totalShown ? total : HIDDEN,
      cells: cells.map((c, i) => ({ key: c.key, value: label(c.value, hidden.has(i), min) })),
      overig: hidden.size ? (totalShown ? overigValue : HIDDEN) : null,
    };
  });
}
