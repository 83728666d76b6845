// Per-person rate-limit counters in fixed windows, in the shared database so a limit holds across servers. One
// UPSERT … RETURNING counts and reads in a single statement (D1 has no interactive transactions).
import type { StateContext } from './types.ts';

/** The rate-limit repository over a state context. */
export function createRateLimits(ctx: StateContext) {
  const { db } = ctx;
  return {
    /** Counts one `action` by `person` in the `windowMs` window holding `now`; gives the count including this one. */
    async hit(person: string, action: string, windowMs: number, now = Date.now()): Promise<number> {
      const windowStart = Math.floor(now / windowMs) * windowMs;
      const row = await db
        .insertInto('rate_limit_hits')
        .values({ person, action, window_start: windowStart, count: 1 })
        .onConflict((oc) => oc.columns(['person', 'action', 'window_start']).doUpdateSet((eb) => ({ count: eb('rate_limit_hits.count', '+', 1) })))
        .returning('count')
        .executeTakeFirstOrThrow();
      return Number(row.count);
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
