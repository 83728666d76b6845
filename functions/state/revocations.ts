// Logged-out sessions, shared by every server and kept across restarts until the session would have expired.
import type { StateContext } from './types.ts';

/** The session-revocation repository over a state context. */
export function createRevocations(ctx: StateContext) {
  const { db } = ctx;
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
      const row = await db.selectFrom('session_revocations').select('session_id').where('session_id', '=', sessionId).where('expires_at', '>', now).executeTakeFirst();
      return row !== undefined;
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
