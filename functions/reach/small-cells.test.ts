// Small-cell protection, checked from the outside: over random margins, no number below 5 comes out, and no hidden
// cell can be worked out from what the same answer shows — found by trying every value the hidden cells could have
// (independently of how protectMargins decides), not by re-running its own rule.
import { describe, expect, it } from 'vitest';
import { HIDDEN, MIN_CELL, protectMargins, SMALL, type Figure, type ProtectedMargin } from './small-cells.ts';

/** A small seeded random generator (mulberry32), so a failure can be replayed. */
function random(seed: number) {
  let a = seed;
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Every value each hidden cell can take, given what the margin shows: cells shown exactly, "< 5" is 0…4, "verborgen" is
 * at least 5 and at most the smallest cell shown (the rule hides the smallest first), and the hidden cells add up to
 * overig (or to the total minus the cells shown). Tried value by value.
 */
function possibleValues(m: ProtectedMargin<string>): Set<number>[] {
  const shown = m.cells.filter((c) => typeof c.value === 'number').map((c) => c.value as number);
  const hidden = m.cells.filter((c) => typeof c.value !== 'number');
  const total = typeof m.total === 'number' ? m.total : undefined;
  const sum = typeof m.overig === 'number' ? m.overig : total !== undefined ? total - shown.reduce((s, v) => s + v, 0) : undefined;
  const cap = shown.length ? Math.min(...shown) : (total ?? 60);
  const ranges = hidden.map((c) => (c.value === SMALL ? [0, MIN_CELL - 1] : [MIN_CELL, Math.min(cap, sum ?? cap)]));
  // Without a sum nothing ties the hidden cells together: each can be anything in its range.
  if (sum === undefined) return ranges.map(([lo, hi]) => new Set(Array.from({ length: hi - lo + 1 }, (_, k) => lo + k)));
  // A value v of cell j is possible when the other hidden cells, each within its range, can add up to sum - v.
  return ranges.map(([lo, hi], j) => {
    let reachable = new Set([0]);
    ranges.forEach(([l, h], i) => {
      if (i === j) return;
      const next = new Set<number>();
      for (const a of reachable) for (let v = l; v <= h && a + v <= sum; v++) next.add(a + v);
      reachable = next;
    });
    const values = new Set<number>();
    for (let v = lo; v <= hi; v++) if (reachable.has(sum - v)) values.add(v);
    return values;
  });
}

const numbers = (m: ProtectedMargin<string>): number[] => [m.total, m.overig, ...m.cells.map((c) => c.value)].filter((v): v is number => typeof v === 'number');

describe('small cells (protectMargins)', () => {
  it('shows a margin without small cells as it is, and hides one small cell together with the smallest other', () => {
    expect(protectMargins([[{ key: 'hr', value: 12 }, { key: 'ict', value: 7 }]])).toEqual([{ total: 19, cells: [{ key: 'hr', value: 12 }, { key: 'ict', value: 7 }], overig: null }]);
    // ict alone would be 19 - 12 - 6 = 1: facilitair (6, the smallest shown) is hidden too, overig 7.
    expect(protectMargins([[{ key: 'hr', value: 12 }, { key: 'facilitair', value: 6 }, { key: 'ict', value: 1 }]])[0]).toEqual({
      total: 19,
      cells: [{ key: 'hr', value: 12 }, { key: 'facilitair', value: HIDDEN }, { key: 'ict', value: SMALL }],
      overig: 7,
    });
    // 4 + 4: whatever is hidden, both would be 4; the total is withheld too.
    expect(protectMargins([[{ key: 'a', value: 4 }, { key: 'b', value: 4 }]])[0]).toEqual({ total: HIDDEN, cells: [{ key: 'a', value: SMALL }, { key: 'b', value: SMALL }], overig: HIDDEN });
    // A total below 5 says nothing else.
    expect(protectMargins([[{ key: 'a', value: 3 }], []])).toEqual([{ total: SMALL, cells: [{ key: 'a', value: SMALL }], overig: SMALL }, { total: SMALL, cells: [], overig: null }]);
  });

  it('withholds the total in every margin of it when one margin cannot show it', () => {
    const [days, departments] = protectMargins([
      [{ key: 'ma', value: 4 }, { key: 'di', value: 4 }],
      [{ key: 'hr', value: 8 }],
    ]);
    expect(days.total).toBe(HIDDEN);
    expect(departments).toEqual({ total: HIDDEN, cells: [{ key: 'hr', value: 8 }], overig: null });
  });

  it('over 5,000 random margins: no number below 5 leaves, and no hidden cell is derivable from the same answer', () => {
    const next = random(17);
    let hiddenSeen = 0;
    for (let round = 0; round < 5000; round++) {
      const size = 1 + Math.floor(next() * 6);
      // Mostly small values, so small cells and their complements are common.
      const values = Array.from({ length: size }, () => Math.floor(next() * (next() < 0.6 ? 6 : 16)));
      const total = values.reduce((s, v) => s + v, 0);
      // A second margin of the same total (another split of the same readers).
      const second: number[] = [];
      for (let left = total; left > 0; ) {
        const part = Math.min(left, 1 + Math.floor(next() * 9));
        second.push(part);
        left -= part;
      }
      const margins = [values, second].map((vs) => vs.map((value, i) => ({ key: `k${i}`, value })));
      const out = protectMargins(margins);
      for (const [m, margin] of out.entries()) {
        for (const n of numbers(margin)) expect(n, JSON.stringify({ values: margins[m], margin })).toBeGreaterThanOrEqual(MIN_CELL);
        // Labels are true: "< 5" only for a value below 5, a shown number is the value itself.
        margin.cells.forEach((c, i) => {
          const real = margins[m][i].value;
          const expected: Figure[] = real < MIN_CELL ? [SMALL] : [real, HIDDEN];
          expect(expected).toContain(c.value);
        });
        const possible = possibleValues(margin);
        hiddenSeen += possible.length;
        for (const [j, values2] of possible.entries()) expect(values2.size, `cel ${j} van ${JSON.stringify({ values: margins[m], margin })}`).toBeGreaterThanOrEqual(2);
      }
      // One total for all margins of it: shown in all or in none.
      expect(new Set(out.map((m) => typeof m.total)).size).toBe(1);
    }
    expect(hiddenSeen).toBeGreaterThan(1000);
  });
});
