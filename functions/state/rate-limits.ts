// Per-person rate-limit counters in fixed windows, in the shared database so a limit holds across servers. One
// UPSERT … RETURNING counts and reads in a single statement (D1 has no interactive transactions). On SQLite the hits
// of concurrent requests share one transaction (group commit: one fsync a burst under synchronous=FULL instead of one
// a request, in the same transactions as the waarderingen); every caller still gets its own count, read in that transaction. PostgreSQL and D1 write each hit on
// its own: two servers grouping hits of the same people in different orders could deadlock each other.
import { groupedBatch } from './group-commit.ts';
import type { StateContext } from './types.ts';

/** The rate-limit repository over a state context. */
export function createRateLimits(ctx: StateContext) {
  const { db } = ctx;
  const grouped = ctx.engine === 'sqlite' ? groupedBatch(ctx) : undefined;
  return {
    /** Counts one `action` by `person` in the `windowMs` window holding `now`; gives the count including this one. */
    async hit(person: string, action: string, windowMs: number, now = Date.now()): Promise<number> {
      const windowStart = Math.floor(now / windowMs) * windowMs;
      const query = db
        .insertInto('rate_limit_hits')
        .values({ person, action, window_start: windowStart, count: 1 })
        .onConflict((oc) => oc.columns(['person', 'action', 'window_start']).doUpdateSet((eb) => ({ count: eb('rate_limit_hits.count', '+', 1) })))
        .returning('count');
      if (grouped) {
        const [result] = await grouped([query]);
        return Number((result.rows[0] as { count: number | string }).count);
      }
      return Number((await query.executeTakeFirstOrThrow()).count);
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
