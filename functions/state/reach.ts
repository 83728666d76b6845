// Reach figures (issue 17, "bereik"): unique readers of news items and knowledge pages, aggregated by construction.
// A beacon adds one to its day × item × department counter and to the two roll-ups (day × item, day × department) in one
// unit, and, when it is the device's first of the ISO week, one to that week × department: no row can name a colleague
// or a device. On SQLite the beacons of concurrent requests share one transaction (group commit: one fsync per burst
// under synchronous=FULL); PostgreSQL and D1 write each beacon as one unit of its own. Reads give raw sums for the
// editors' API, which protects small cells (functions/reach/small-cells.ts); weeklyActiveReaders protects them itself.
import type { Compilable } from 'kysely';
import { protectMargins, type Figure } from '../reach/small-cells.ts';
import { groupedBatch } from './group-commit.ts';
import type { StateContext } from './types.ts';

/** One counted beacon: a device read `item` ("nieuws:<id>" or "kennis:<id>") on `day` (YYYY-MM-DD). */
export interface ReachBeacon {
  item: string;
  day: string;
  /** The reader's department, from the verified login. */
  department: string;
  /** The week's Monday (YYYY-MM-DD) when this is the device's first beacon of that ISO week. */
  week?: string;
}

/** A sum of readers for one key. */
export interface ReachSum<K extends string> {
  key: K;
  readers: number;
}

/** Weekly active readers of one ISO week, small cells protected (for the "klad erin" dashboard). */
export interface WeeklyReaders {
  /** The week's Monday, YYYY-MM-DD. */
  week: string;
  /** Devices that read at least one news item or knowledge page that week: a number ≥ 5, "< 5" or "verborgen". */
  readers: Figure;
  /** Per department (only departments with readers), small ones "< 5"; their sum in `overig`. */
  departments: { department: string; readers: Figure }[];
  overig: Figure | null;
}

const DAY_MS = 86_400_000;
const addDays = (day: string, n: number) => new Date(new Date(`${day}T00:00:00Z`).getTime() + n * DAY_MS).toISOString().slice(0, 10);

/** The reach repository over a state context. */
export function createReach(ctx: StateContext) {
  const { db } = ctx;
  const grouped = ctx.engine === 'sqlite' ? groupedBatch(ctx) : undefined;
  const sums = (rows: { key: string; readers: number | string | null }[]) => rows.map((r) => ({ key: r.key, readers: Number(r.readers ?? 0) }));

  return {
    /** Counts one beacon (its counters change together or not at all). */
    async record(beacon: ReachBeacon): Promise<void> {
      const { item, day, department, week } = beacon;
      const queries: Compilable[] = [
        db
          .insertInto('reach_daily')
          .values({ item, day, department, readers: 1 })
          .onConflict((oc) => oc.columns(['item', 'day', 'department']).doUpdateSet((eb) => ({ readers: eb('reach_daily.readers', '+', 1) }))),
        db
          .insertInto('reach_item_daily')
          .values({ day, item, readers: 1 })
          .onConflict((oc) => oc.columns(['day', 'item']).doUpdateSet((eb) => ({ readers: eb('reach_item_daily.readers', '+', 1) }))),
        db
          .insertInto('reach_department_daily')
          .values({ day, department, readers: 1 })
          .onConflict((oc) => oc.columns(['day', 'department']).doUpdateSet((eb) => ({ readers: eb('reach_department_daily.readers', '+', 1) }))),
      ];
      if (week) {
        queries.push(
          db
            .insertInto('reach_weekly')
            .values({ week, department, readers: 1 })
            .onConflict((oc) => oc.columns(['week', 'department']).doUpdateSet((eb) => ({ readers: eb('reach_weekly.readers', '+', 1) }))),
        );
      }
      await (grouped ? grouped(queries) : ctx.batch(queries));
    },

    /** Readers from `fromDay` to `toDay` (inclusive): per item, per day and per department, summed over the rest. */
    async overview(fromDay: string, toDay: string): Promise<{ items: ReachSum<string>[]; days: ReachSum<string>[]; departments: ReachSum<string>[] }> {
      const [items, days, departments] = await Promise.all([
        db.selectFrom('reach_item_daily').select(['item as key', (eb) => eb.fn.sum<number>('readers').as('readers')]).where('day', '>=', fromDay).where('day', '<=', toDay).groupBy('item').execute(),
        db.selectFrom('reach_department_daily').select(['day as key', (eb) => eb.fn.sum<number>('readers').as('readers')]).where('day', '>=', fromDay).where('day', '<=', toDay).groupBy('day').execute(),
        db.selectFrom('reach_department_daily').select(['department as key', (eb) => eb.fn.sum<number>('readers').as('readers')]).where('day', '>=', fromDay).where('day', '<=', toDay).groupBy('department').execute(),
      ]);
      return { items: sums(items), days: sums(days), departments: sums(departments) };
    },

    /** One item's readers from `fromDay` to `toDay` (inclusive): per day and per department. */
    async item(item: string, fromDay: string, toDay: string): Promise<{ days: ReachSum<string>[]; departments: ReachSum<string>[] }> {
      const [days, departments] = await Promise.all([
        db.selectFrom('reach_item_daily').select(['day as key', 'readers']).where('item', '=', item).where('day', '>=', fromDay).where('day', '<=', toDay).execute(),
        db
          .selectFrom('reach_daily')
          .select(['department as key', (eb) => eb.fn.sum<number>('readers').as('readers')])
          .where('item', '=', item)
          .where('day', '>=', fromDay)
          .where('day', '<=', toDay)
          .groupBy('department')
          .execute(),
      ]);
      return { days: sums(days), departments: sums(departments) };
    },

    /**
     * Weekly active readers per ISO week from `fromWeek` to `toWeek` (Mondays, inclusive), oldest first, every week in
     * between (a week without readers is "< 5"); small cells protected: no count below 5 and no hidden one derivable.
     */
    async weeklyActiveReaders(fromWeek: string, toWeek: string): Promise<WeeklyReaders[]> {
      const rows = await db.selectFrom('reach_weekly').select(['week', 'department', 'readers']).where('week', '>=', fromWeek).where('week', '<=', toWeek).execute();
      const weeks: WeeklyReaders[] = [];
      for (let week = fromWeek; week <= toWeek; week = addDays(week, 7)) {
        const cells = rows.filter((r) => r.week === week).map((r) => ({ key: r.department, value: Number(r.readers) }));
        cells.sort((a, b) => a.key.localeCompare(b.key));
        const [margin] = protectMargins([cells]);
        weeks.push({ week, readers: margin.total, departments: margin.cells.map((c) => ({ department: c.key, readers: c.value })), overig: margin.overig });
      }
      return weeks;
    },

    /** Removes the days before `beforeDay` and the weeks that began before it (the retention); gives how many rows went. */
    async prune(beforeDay: string): Promise<number> {
      const results = await ctx.batch([
        db.deleteFrom('reach_daily').where('day', '<', beforeDay),
        db.deleteFrom('reach_item_daily').where('day', '<', beforeDay),
        db.deleteFrom('reach_department_daily').where('day', '<', beforeDay),
        db.deleteFrom('reach_weekly').where('week', '<', beforeDay),
      ]);
      return results.reduce((n, r) => n + Number(r.numAffectedRows ?? 0), 0);
    },
  };
}

/** The reach repository's functions. */
export type Reach = ReturnType<typeof createReach>;
