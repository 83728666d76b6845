// Per-person rate-limit counters in fixed windows, in the shared database so a limit holds across servers. One
// UPSERT … RETURNING counts and reads in a single statement (D1 has no interactive transactions). On SQLite the hits
// of concurrent requests share one transaction (group commit: one fsync a burst under synchronous=FULL instead of one
// a request, in the same transactions as the waarderingen); every caller still gets its own count, read in that transaction. PostgreSQL and D1 write each hit on
// its own: two servers grouping hits of the same people in different orders could deadlock each other.
import { groupedBatch } from './group-commit.ts';
import { prepare } from './prepared.ts';
import type { StateContext } from './types.ts';

/** The rate-limit repository over a state context. */
export function createRateLimits(ctx: StateContext) {
  const { db } = ctx;
  const grouped = ctx.engine === 'sqlite' ? groupedBatch(ctx) : undefined;
  // Built once (prepared.ts): every write request counts a hit.
  const hitQuery = prepare(['person', 'action', 'windowStart'], (v) =>
    db
      .insertInto('rate_limit_hits')
      .values({ person: v.person, action: v.action, window_start: v.windowStart, count: 1 })
      .onConflict((oc) => oc.columns(['person', 'action', 'window_start']).doUpdateSet((eb) => ({ count: eb('rate_limit_hits.count', '+', 1) })))
      .returning('count'),
  );
  return {
    /** Counts one `action` by `person` in the `windowMs` window holding `now`; gives the count including this one. */
    async hit(person: string, action: string, windowMs: number, now = Date.now()): Promise<number> {
      const windowStart = Math.floor(now / windowMs) * windowMs;
      const query = hitQuery({ person, action, windowStart });
      const [result] = grouped ? await grouped([query]) : [await db.executeQuery(query.compile())];
      return Number((result.rows[0] as { count: number | string }).count);
    },

    /** Deletes windows that started before `before` (epoch ms). */
    async prune(before: number): Promise<number> {
      const result = await db.deleteFrom('rate_limit_hits').where('window_start', '<', before).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}

/** The rate-limit repository's functions. */
export type RateLimits = ReturnType<typeof createRateLimits>;
