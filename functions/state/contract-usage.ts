// The "klad erin" part of the state-store contract (issue 17): search terms and clicks counted per week with no
// column that could name a colleague, read back only above the minimum, pruned by week; and the "vraag van de week"
// schedule, whose occurrences two servers claim once.
import { expect, it } from 'vitest';
import type { FreshDatabase } from './contract-types.ts';
import type { Engine } from './types.ts';

/** Registers the usage contract tests inside an engine's contract `describe`. */
export function describeUsageContract(fresh: () => Promise<FreshDatabase>, engine: () => Engine) {
  it('counts search terms and clicks per week, gives only terms at least the minimum searched in one week, prunes by week', async () => {
    const database = await fresh();
    const a = await database.open();
    const b = engine() === 'sqlite' ? a : await database.open();
    const times = (n: number, f: () => Promise<void>) => Promise.all(Array.from({ length: n }, f));
    await times(5, () => a.searchStats.recordSearch('verlof', '2026-11-30'));
    await times(3, () => b.searchStats.recordSearch('verlof', '2026-11-23'));
    // Four in each of two weeks: eight searches, but never five devices in one week.
    await times(4, () => a.searchStats.recordSearch('thuiswerken', '2026-11-30'));
    await times(4, () => b.searchStats.recordSearch('thuiswerken', '2026-11-23'));
    await times(6, () => b.searchStats.recordSearch('oud', '2026-01-05'));
    await times(2, () => a.searchStats.recordClick('verlof', 'verlof-aanvragen', '2026-11-30'));
    await b.searchStats.recordClick('verlof', 'ziekmelden', '2026-11-23');
    await a.searchStats.recordClick('thuiswerken', 'thuiswerken', '2026-11-30');

    expect(await b.searchStats.terms('2026-11-01', 5)).toEqual([
      { term: 'verlof', searches: 8, peakWeek: 5, clicks: 3, pages: [{ page: 'verlof-aanvragen', clicks: 2 }, { page: 'ziekmelden', clicks: 1 }] },
    ]);
    expect((await a.searchStats.terms('2026-11-01', 4)).map((t) => t.term)).toEqual(['thuiswerken', 'verlof']);
    expect((await a.searchStats.terms('2025-12-01', 5)).map((t) => t.term)).toEqual(['verlof', 'oud']);
    expect(await a.searchStats.prune('2026-11-01')).toBe(1);
    expect((await a.searchStats.terms('2025-12-01', 5)).map((t) => t.term)).toEqual(['verlof']);

    // No column of either table can hold who searched (a row's keys are its columns; introspection is refused on D1).
    const columnsOf = async (table: 'search_terms' | 'search_clicks') => Object.keys((await a.db.selectFrom(table).selectAll().limit(1).executeTakeFirstOrThrow()) as object).sort();
    expect(await columnsOf('search_terms')).toEqual(['searches', 'term', 'week']);
    expect(await columnsOf('search_clicks')).toEqual(['clicks', 'page', 'term', 'week']);
  });

  it('keeps a vraag van de week and lets one of two servers claim each occurrence once', async () => {
    const database = await fresh();
    const a = await database.open();
    const b = engine() === 'sqlite' ? a : await database.open();
    const author = { id: 'anouk-de-vries', name: 'Anouk de Vries', email: 'anouk.devries@wadvoort.nl' };
    const saved = await a.nudges.save({ id: '01jvraag0000000000000000aa', text: 'Wat was je mooiste moment deze week?', weekday: 5, time: '09:30', enabled: true, author }, 1000);
    expect(saved).toEqual({ id: '01jvraag0000000000000000aa', text: 'Wat was je mooiste moment deze week?', weekday: 5, time: '09:30', enabled: true, author, updatedAt: 1000, lastSlot: 1000 });
    // An occurrence before the schedule was saved is handled already.
    expect(await a.nudges.claim(saved.id, 900)).toBe(false);
    const claims = await Promise.all([a.nudges.claim(saved.id, 5000), b.nudges.claim(saved.id, 5000), a.nudges.claim(saved.id, 5000)]);
    expect(claims.filter(Boolean)).toHaveLength(1);
    await b.nudges.release(saved.id, 5000, 1000);
    expect(await b.nudges.claim(saved.id, 5000)).toBe(true);
    expect((await a.nudges.get(saved.id))?.lastSlot).toBe(5000);
    await a.nudges.save({ ...saved, enabled: false }, 6000);
    expect(await a.nudges.claim(saved.id, 9000)).toBe(false);
    expect((await b.nudges.list()).map((n) => [n.id, n.enabled])).toEqual([[saved.id, false]]);
    expect(await a.nudges.remove(saved.id)).toBe(true);
    expect(await a.nudges.remove(saved.id)).toBe(false);
  });
}
