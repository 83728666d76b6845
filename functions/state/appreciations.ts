// Waarderingen (reactions) in the state store: one row per (target, person, kind). Setting one is idempotent (a
// repeated "on" or "off" changes nothing, so a resent request is harmless); writes of concurrent requests share one
// transaction (one fsync under synchronous=FULL) — durability is not weakened, each caller is answered after its
// transaction committed. Counts and a person's own are read for many targets in one query.
import type { Compilable } from 'kysely';
import { createGroupCommit } from './group-commit.ts';
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
  const grouped = createGroupCommit((queries: Compilable[]) => ctx.batch(queries), 1000);
  const write = (query: Compilable) => (ctx.engine === 'd1' ? ctx.batch([query]) : grouped([query]));

  /** Rows of `targets` (any type with these ids; filtered by type afterwards), optionally of one person only. */
  async function rowsOf(targets: AppreciationTarget[], person?: string) {
    const wanted = new Set(targets.map(targetKey));
    const ids = [...new Set(targets.map((t) => t.id))];
    const parts = await Promise.all(
      chunk(ids, idsPerQuery(ctx)).map((part) => {
        let query = db.selectFrom('appreciations').select(['target_type', 'target_id', 'kind', 'person']).where('target_id', 'in', part);
        if (person !== undefined) query = query.where('person', '=', person);
        return query.execute();
      }),
    );
    return parts.flat().filter((r) => wanted.has(`${r.target_type}:${r.target_id}`));
  }

  return {
    /** Gives (`on`) or takes back a waardering of `kind`; resolves once durable. Idempotent. */
    async set(person: string, target: AppreciationTarget, kind: string, on: boolean, now = Date.now()): Promise<void> {
      const query = on
        ? db
            .insertInto('appreciations')
            .values({ target_type: target.type, target_id: target.id, person, kind, created_at: now })
            .onConflict((oc) => oc.columns(['target_type', 'target_id', 'person', 'kind']).doNothing())
        : db.deleteFrom('appreciations').where('target_type', '=', target.type).where('target_id', '=', target.id).where('person', '=', person).where('kind', '=', kind);
      await write(query);
    },

    /** Counts per kind for each target (targets without any are absent). */
    async counts(targets: AppreciationTarget[]): Promise<Map<string, Record<string, number>>> {
      const out = new Map<string, Record<string, number>>();
      for (const row of await rowsOf(targets)) {
        const key = `${row.target_type}:${row.target_id}`;
        const counts = out.get(key) ?? {};
        counts[row.kind] = (counts[row.kind] ?? 0) + 1;
        out.set(key, counts);
      }
      return out;
    },

    /** The kinds `person` gave to each target (targets without any are absent). */
    async mine(person: string, targets: AppreciationTarget[]): Promise<Map<string, string[]>> {
      const out = new Map<string, string[]>();
      for (const row of await rowsOf(targets, person)) {
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
