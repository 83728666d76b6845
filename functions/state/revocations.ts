// Logged-out sessions, shared by every server and kept across restarts until the session would have expired.
import { createGroupCommit } from './group-commit.ts';
import type { StateContext } from './types.ts';

/** The session-revocation repository over a state context. */
export function createRevocations(ctx: StateContext) {
  const { db } = ctx;
  const lookUp = async (checks: { sessionId: string; now: number }[]): Promise<boolean[]> => {
    const ids = [...new Set(checks.map((c) => c.sessionId))];
    const since = Math.min(...checks.map((c) => c.now));
    // SQLite on the server: the read connection, so the check never waits behind a commit's fsync.
    const rows = await (ctx.read ?? db).selectFrom('session_revocations').select(['session_id', 'expires_at']).where('session_id', 'in', ids).where('expires_at', '>', since).execute();
    const until = new Map(rows.map((r) => [r.session_id, Number(r.expires_at)]));
    return checks.map((c) => (until.get(c.sessionId) ?? 0) > c.now);
  };
  // PostgreSQL: every request checks its session, so the checks of concurrent requests share one query (`in (…)`), one
  // round trip instead of one each. Never an answer from before the call: a check joins only a query that has not
  // started yet (it waits out one in flight), so a logout on another server that committed before the check began is
  // seen. SQLite answers a read in microseconds (nothing worth sharing); D1 must not wait on another request's I/O.
  const grouped = ctx.engine === 'postgres' ? createGroupCommit(lookUp, 500) : lookUp;
  return {
    /** Ends session `sessionId` everywhere until `expiresAt` (epoch ms), when its cookie would be refused anyway. */
    async revoke(sessionId: string, expiresAt: number): Promise<void> {
      await db
        .insertInto('session_revocations')
        .values({ session_id: sessionId, expires_at: expiresAt })
        .onConflict((oc) => oc.column('session_id').doUpdateSet((eb) => ({ expires_at: eb.ref('excluded.expires_at') })))
        .execute();
    },

    /** Whether the session was logged out (and has not expired since). */
    async isRevoked(sessionId: string, now = Date.now()): Promise<boolean> {
      return (await grouped([{ sessionId, now }]))[0];
    },

    /** Forgets revocations of sessions that have expired by `now`. */
    async prune(now = Date.now()): Promise<number> {
      const result = await db.deleteFrom('session_revocations').where('expires_at', '<=', now).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}

/** The revocation repository's functions. */
export type Revocations = ReturnType<typeof createRevocations>;
