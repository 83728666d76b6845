// Waarderingen (reactions) in the state store: one row per (target, person, kind). Setting one is idempotent (a
// repeated "on" or "off" changes nothing, so a resent request is harmless); writes of concurrent requests share one
// transaction (one fsync under synchronous=FULL) — durability is not weakened, each caller is answered after its
// transaction committed. Counts and a person's own are read for many targets in one query.
import type { Compilable } from 'kysely';
import { groupedBatch } from './group-commit.ts';
import { prepare } from './prepared.ts';
import { chunk } from './outbox.ts';
import type { StateContext } from './types.ts';

/** What a waardering is given to. */
export interface AppreciationTarget {
  type: string;
  id: string;
}

/** The key of a target in answers: `type:id`. */
export const targetKey = (t: AppreciationTarget) => `${t.type}:${t.id}`;

/** D1 binds at most 100 parameters per statement. */
const idsPerQuery = (ctx: StateContext) => (ctx.engine === 'd1' ? 90 : 500);

/** The waarderingen repository over a state context. */
export function createAppreciations(ctx: StateContext) {
  const { db } = ctx;
  // Not grouped on D1: a Worker request must not wait for I/O another request started.
  const grouped = groupedBatch(ctx);
  const write = (queries: Compilable[]) => (ctx.engine === 'd1' ? ctx.batch(queries) : grouped(queries));
  // The statements of set(), built once (prepared.ts): a burst of waarderingen would otherwise mostly build SQL.
  const countsQuery = prepare(['type', 'id'], (v) =>
    db
      .selectFrom('appreciations')
      .select(['kind', (eb) => eb.fn.countAll<number | string>().as('n')])
      .where('target_type', '=', v.type)
      .where('target_id', '=', v.id)
      .groupBy('kind'),
  );
  const countsOf = (target: AppreciationTarget) => countsQuery({ type: target.type, id: target.id });
  const give = prepare(['type', 'id', 'person', 'kind', 'now'], (v) =>
    db
      .insertInto('appreciations')
      .values({ target_type: v.type, target_id: v.id, person: v.person, kind: v.kind, created_at: v.now })
      .onConflict((oc) => oc.columns(['target_type', 'target_id', 'person', 'kind']).doNothing()),
  );
  const takeBack = prepare(['type', 'id', 'person', 'kind'], (v) =>
    db.deleteFrom('appreciations').where('target_type', '=', v.type).where('target_id', '=', v.id).where('person', '=', v.person).where('kind', '=', v.kind),
  );

  /** The ids of `targets` per type, in chunks a statement can bind: each query names one type, so it uses the key. */
  function byType(targets: AppreciationTarget[]): [string, string[]][] {
    const ids = new Map<string, Set<string>>();
    for (const t of targets) ids.set(t.type, (ids.get(t.type) ?? new Set()).add(t.id));
    return [...ids].flatMap(([type, set]) => chunk([...set], idsPerQuery(ctx)).map((part): [string, string[]] => [type, part]));
  }

  return {
    /**
     * Gives (`on`) or takes back a waardering of `kind`; resolves once durable with the target's counts per kind, read
     * in the same transaction (no second query after the write). Idempotent.
     */
    async set(person: string, target: AppreciationTarget, kind: string, on: boolean, now = Date.now()): Promise<Record<string, number>> {
      const values = { type: target.type, id: target.id, person, kind, now };
      const [, counted] = await write([on ? give(values) : takeBack(values), countsOf(target)]);
      return Object.fromEntries((counted.rows as { kind: string; n: number | string }[]).map((r) => [r.kind, Number(r.n)]));
    },

    /** Counts per kind for each target (targets without any are absent). */
    async counts(targets: AppreciationTarget[]): Promise<Map<string, Record<string, number>>> {
      // Counted by the database (one row per target and kind), not by fetching every waardering.
      const parts = await Promise.all(
        byType(targets).map(([type, ids]) =>
          db
            .selectFrom('appreciations')
            .select(['target_type', 'target_id', 'kind', (eb) => eb.fn.countAll<number | string>().as('n')])
            .where('target_type', '=', type)
            .where('target_id', 'in', ids)
            .groupBy(['target_type', 'target_id', 'kind'])
            .execute(),
        ),
      );
      const out = new Map<string, Record<string, number>>();
      for (const row of parts.flat()) {
        const key = `${row.target_type}:${row.target_id}`;
        const counts = out.get(key) ?? {};
        counts[row.kind] = Number(row.n);
        out.set(key, counts);
      }
      return out;
    },

    /** The kinds `person` gave to each target (targets without any are absent). */
    async mine(person: string, targets: AppreciationTarget[]): Promise<Map<string, string[]>> {
      const parts = await Promise.all(
        byType(targets).map(([type, ids]) =>
          db.selectFrom('appreciations').select(['target_type', 'target_id', 'kind']).where('target_type', '=', type).where('target_id', 'in', ids).where('person', '=', person).execute(),
        ),
      );
      const out = new Map<string, string[]>();
      for (const row of parts.flat()) {
        const key = `${row.target_type}:${row.target_id}`;
        out.set(key, [...(out.get(key) ?? []), row.kind]);
      }
      return out;
    },

    /** Who gave which kind to one target, oldest first. */
    async who(target: AppreciationTarget): Promise<{ person: string; kind: string }[]> {
      return db
        .selectFrom('appreciations')
        .select(['person', 'kind'])
        .where('target_type', '=', target.type)
        .where('target_id', '=', target.id)
        .orderBy('created_at')
        .orderBy('person')
        .execute();
    },
  };
}

/** The waarderingen repository's functions. */
export type Appreciations = ReturnType<typeof createAppreciations>;
