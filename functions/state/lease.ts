// "Exactly one flusher" on SQLite and D1: a lease row with an expiry, taken or renewed by one conditional UPSERT
// (no interactive transaction needed, so it works on D1). A holder that dies stops renewing; once its lease
// expires the next instance takes over.
import type { FlushLock, StateContext } from './types.ts';

/**
 * A lease named `name` for `holder`, valid `ttlMs` after each acquire/renew. `isGone` may say that the holder of an
 * unexpired lease is dead (a process on this machine that no longer runs), so a restarted server need not wait for
 * the lease to run out. `clock` is for tests.
 */
export function createLeaseLock(ctx: StateContext, name: string, holder: string, ttlMs: number, clock: () => number = Date.now, isGone?: (holder: string) => boolean): FlushLock {
  async function takeOver(): Promise<boolean> {
    const row = await ctx.db.selectFrom('outbox_lease').select('holder').where('name', '=', name).executeTakeFirst();
    if (!row || row.holder === holder || !isGone?.(row.holder)) return false;
    // Only from that very holder: if another instance took it meanwhile, this changes nothing.
    const moved = await ctx.db.updateTable('outbox_lease').set({ holder, expires_at: clock() + ttlMs }).where('name', '=', name).where('holder', '=', row.holder).executeTakeFirst();
    return Number(moved.numUpdatedRows) === 1;
  }

  async function take(): Promise<boolean> {
    const now = clock();
    const row = await ctx.db
      .insertInto('outbox_lease')
      .values({ name, holder, expires_at: now + ttlMs })
      .onConflict((oc) =>
        oc
          .column('name')
          .doUpdateSet((eb) => ({ holder: eb.ref('excluded.holder'), expires_at: eb.ref('excluded.expires_at') }))
          .where((eb) => eb.or([eb('outbox_lease.holder', '=', holder), eb('outbox_lease.expires_at', '<=', now)])),
      )
      .returning('holder')
      .executeTakeFirst();
    return row?.holder === holder || (await takeOver());
  }
  return {
    acquire: take,
    renew: take,
    async release() {
      await ctx.db.deleteFrom('outbox_lease').where('name', '=', name).where('holder', '=', holder).execute();
    },
  };
}
