// Reach figures (issue 17, "bereik"): unique readers of news items and knowledge pages, aggregated by construction.
// A beacon adds one to its day × item × department counter and to the two roll-ups (day × item, day × department) in one
// unit, and, when it is the device's first of the ISO week, one to that week × department: no row can name a colleague
// or a device. On SQLite the beacons of concurrent requests share one transaction (group commit: one fsync per burst
// under synchronous=FULL); PostgreSQL and D1 write the beacons of one turn of the event loop as one unit. Beacons of a
// turn are merged first: equal counters become one precompiled upsert that adds their number. Reads give raw sums for the
// editors' API, which protects small cells (functions/reach/small-cells.ts); weeklyActiveReaders protects them itself.
import type { Compilable, Kysely } from 'kysely';
import { protectMargins, type Figure } from '../reach/small-cells.ts';
import { groupedBatch, nextTurn } from './group-commit.ts';
import { prepare } from './prepared.ts';
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

type CounterTable = 'reach_daily' | 'reach_item_daily' | 'reach_department_daily' | 'reach_weekly';

/** An upsert that adds `n` to a counter row (inserting it with `n`), compiled once (prepared.ts). */
function counterUpsert(ctx: StateContext, table: CounterTable, keys: string[]): (values: string[], n: number) => Compilable {
  const db = ctx.db as unknown as Kysely<any>;
  const names = [...keys, 'n'];
  const query = prepare(names, (v) =>
    db
      .insertInto(table)
      .values({ ...Object.fromEntries(keys.map((k) => [k, v[k]])), readers: v.n })
      .onConflict((oc: any) => oc.columns(keys).doUpdateSet((eb: any) => ({ readers: eb(`${table}.readers`, '+', v.n) }))),
  );
  return (values, n) => query({ ...Object.fromEntries(keys.map((k, i) => [k, values[i]])), n });
}

/** The reach repository over a state context. */
export function createReach(ctx: StateContext) {
  const { db } = ctx;
  const grouped = ctx.engine === 'sqlite' ? groupedBatch(ctx) : undefined;
  const upsert = {
    daily: counterUpsert(ctx, 'reach_daily', ['item', 'day', 'department']),
    itemDaily: counterUpsert(ctx, 'reach_item_daily', ['day', 'item']),
    departmentDaily: counterUpsert(ctx, 'reach_department_daily', ['day', 'department']),
    weekly: counterUpsert(ctx, 'reach_weekly', ['week', 'department']),
  };
  let pending: { beacon: ReachBeacon; resolve: () => void; reject: (err: unknown) => void }[] = [];

  /** Writes the waiting beacons as one unit: one upsert per distinct counter, adding how often it occurred. */
  function flush() {
    const waiting = pending;
    pending = [];
    const counts = new Map<string, { add: (keys: string[], n: number) => Compilable; keys: string[]; n: number }>();
    const count = (add: (keys: string[], n: number) => Compilable, name: string, keys: string[]) => {
      const k = `${name}\u0000${keys.join('\u0000')}`;
      const had = counts.get(k);
      if (had) had.n++;
      else counts.set(k, { add, keys, n: 1 });
    };
    for (const { beacon: b } of waiting) {
      count(upsert.daily, 'd', [b.item, b.day, b.department]);
      count(upsert.itemDaily, 'i', [b.day, b.item]);
      count(upsert.departmentDaily, 'a', [b.day, b.department]);
      if (b.week) count(upsert.weekly, 'w', [b.week, b.department]);
    }
    const queries = [...counts.values()].map((c) => c.add(c.keys, c.n));
    (grouped ? grouped(queries) : ctx.batch(queries)).then(
      () => waiting.forEach((w) => w.resolve()),
      (err) => waiting.forEach((w) => w.reject(err)),
    );
  }
  const sums = (rows: { key: string; readers: number | string | null }[]) => rows.map((r) => ({ key: r.key, readers: Number(r.readers ?? 0) }));

  return {
    /**
     * Counts one beacon (its counters change together or not at all). The beacons of one turn of the event loop are
     * merged into one write: equal counters add up (readers + n), each counter is one precompiled upsert.
     */
    record(beacon: ReachBeacon): Promise<void> {
      return new Promise<void>((resolve, reject) => {
        pending.push({ beacon, resolve, reject });
        if (pending.length === 1) nextTurn(flush);
      });
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
