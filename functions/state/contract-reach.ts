// The reach part of the state-store contract (issue 17): beacons counted per day × item × department (with its two
// roll-ups) and per week × department, none lost under concurrency, read back as sums, weekly active readers with small
// cells protected, pruned by day; and no table of it has a column that could hold who read what.
import { expect, it } from 'vitest';
import type { FreshDatabase } from './contract-types.ts';
import type { Engine } from './types.ts';

/** The reach tables and the only columns each may have: counters, no person, device, address or browser. */
export const REACH_COLUMNS = {
  reach_daily: ['day', 'department', 'item', 'readers'],
  reach_item_daily: ['day', 'item', 'readers'],
  reach_department_daily: ['day', 'department', 'readers'],
  reach_weekly: ['department', 'readers', 'week'],
} as const;

/** Registers the reach contract tests inside an engine's contract `describe`. */
export function describeReachContract(fresh: () => Promise<FreshDatabase>, engine: () => Engine) {
  it('counts reach beacons aggregated (none lost by two servers at once), sums them, protects weekly readers, prunes by day', async () => {
    const database = await fresh();
    const a = await database.open();
    const b = engine() === 'sqlite' ? a : await database.open();
    const times = (n: number, f: (i: number) => Promise<void>) => Promise.all(Array.from({ length: n }, (_, i) => f(i)));
    // 30 beacons at once over two servers: 20 from hr, 10 from ict; the first of each department's devices also weekly.
    await times(30, (i) => (i % 2 ? a : b).reach.record({ item: 'nieuws:mfa-verplicht', day: '2026-11-30', department: i < 20 ? 'hr' : 'ict', week: i % 3 === 0 ? '2026-11-30' : undefined }));
    await times(6, () => a.reach.record({ item: 'kennis:verlof', day: '2026-12-01', department: 'hr' }));
    await a.reach.record({ item: 'nieuws:mfa-verplicht', day: '2026-12-01', department: 'facilitair', week: '2026-11-30' });
    await b.reach.record({ item: 'nieuws:oud', day: '2025-10-01', department: 'hr', week: '2025-09-29' });

    const overview = await b.reach.overview('2026-11-01', '2026-12-31');
    const byKey = (list: { key: string; readers: number }[]) => Object.fromEntries(list.map((s) => [s.key, s.readers]));
    expect(byKey(overview.items)).toEqual({ 'nieuws:mfa-verplicht': 31, 'kennis:verlof': 6 });
    expect(byKey(overview.days)).toEqual({ '2026-11-30': 30, '2026-12-01': 7 });
    expect(byKey(overview.departments)).toEqual({ hr: 26, ict: 10, facilitair: 1 });
    const item = await a.reach.item('nieuws:mfa-verplicht', '2026-11-01', '2026-12-31');
    expect(byKey(item.days)).toEqual({ '2026-11-30': 30, '2026-12-01': 1 });
    expect(byKey(item.departments)).toEqual({ hr: 20, ict: 10, facilitair: 1 });

    // Week of 30 Nov: 10 weekly beacons (i = 0, 3, …, 27: 7 hr, 3 ict) and 1 facilitair: 11. ict and facilitair are
    // below 5; their sum (4) would be total minus hr, so hr is hidden too and overig is all 11; the week before has none.
    expect(await a.reach.weeklyActiveReaders('2026-11-23', '2026-11-30')).toEqual([
      { week: '2026-11-23', readers: '< 5', departments: [], overig: null },
      { week: '2026-11-30', readers: 11, departments: [{ department: 'facilitair', readers: '< 5' }, { department: 'hr', readers: 'verborgen' }, { department: 'ict', readers: '< 5' }], overig: 11 },
    ]);

    // Retention: everything before 2026-01-01 goes (the old day and its week), the rest stays.
    expect(await a.reach.prune('2026-01-01')).toBe(4);
    expect((await a.reach.overview('2025-01-01', '2026-12-31')).items).toHaveLength(2);

    // No column of any reach table can hold who read (a row's keys are its columns; introspection is refused on D1).
    for (const [table, columns] of Object.entries(REACH_COLUMNS)) {
      const row = await a.db.selectFrom(table as keyof typeof REACH_COLUMNS).selectAll().limit(1).executeTakeFirstOrThrow();
      expect(Object.keys(row as object).sort()).toEqual([...columns]);
    }
  });
}
