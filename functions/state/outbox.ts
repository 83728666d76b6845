// The outbox: content changes acknowledged to the employee but not yet committed. `append` resolves once the rows
// are durable (appends that arrive together share one statement/transaction); the flusher reads `pending` in order,
// commits them to git, and `markCommitted` flips them and moves the durable cursor in the same atomic unit.
import type { Compilable } from 'kysely';
import { createUlid } from '../lib/ulid.ts';
import type { ChangeSet } from '../store/types.ts';
import { createGroupCommit } from './group-commit.ts';
import { decodeChange, encodeChange } from './outbox-codec.ts';
import type { StateContext } from './types.ts';

/** An acknowledged change: its id (the `Plein-Journal:` trailer), order and time of acknowledgement. */
export interface OutboxEntry {
  id: string;
  seq: number;
  acknowledgedAt: number;
  change: ChangeSet;
}

/** Where the flusher (or another reader) got to. */
export interface OutboxCursor {
  seq: number;
  commitSha: string;
  updatedAt: number;
}

/** The cursor the flusher moves unless told otherwise. */
export const FLUSHER_CURSOR = 'flusher';

// D1 binds at most 100 parameters per statement: 4 per row, so 20 rows; elsewhere bigger statements are cheaper.
const rowsPerInsert = (ctx: StateContext) => (ctx.engine === 'd1' ? 20 : 250);
const idsPerUpdate = (ctx: StateContext) => (ctx.engine === 'd1' ? 90 : 1000);

/** `items` in runs of at most `size` (statements within D1's 100 bound parameters). */
export function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** The outbox repository over a state context. */
export function createOutbox(ctx: StateContext) {
  const { db } = ctx;

  async function write(changes: ChangeSet[]): Promise<OutboxEntry[]> {
    const now = Date.now();
    const rows = changes.map((change) => ({ id: createUlid(now), acknowledged_at: now, change: encodeChange(change), state: 'pending' as const }));
    const inserts: Compilable[] = chunk(rows, rowsPerInsert(ctx)).map((part) => db.insertInto('outbox').values(part).returning(['id', 'seq']));
    const results = await ctx.batch(inserts);
    const seqOf = new Map(results.flatMap((r) => r.rows).map((r) => [r.id as string, Number(r.seq)]));
    return rows.map((row, i) => ({ id: row.id, seq: seqOf.get(row.id) as number, acknowledgedAt: now, change: changes[i] }));
  }

  // Not on D1: there a group would run one request's write in another request's context, which Workers refuse (the
  // isolate's appends then hang for good once that request has ended).
  const appendGrouped = ctx.engine === 'd1' ? write : createGroupCommit(write, 2000);

  return {
    /** Stores changes durably (acknowledged once this resolves); concurrent calls share one write. */
    append: (changes: ChangeSet[]): Promise<OutboxEntry[]> => (changes.length ? appendGrouped(changes) : Promise.resolve([])),

    /** The oldest `limit` changes still waiting for a commit, in acknowledgement order. */
    async pending(limit = 100): Promise<OutboxEntry[]> {
      const rows = await db.selectFrom('outbox').select(['id', 'seq', 'acknowledged_at', 'change']).where('state', '=', 'pending').orderBy('seq').limit(limit).execute();
      return rows.map((r) => ({ id: r.id, seq: Number(r.seq), acknowledgedAt: Number(r.acknowledged_at), change: decodeChange(r.change) }));
    },

    /** Marks changes as in `commitSha` and moves cursor `name` to the newest of them, atomically. */
    async markCommitted(ids: string[], commitSha: string, name = FLUSHER_CURSOR, now = Date.now()): Promise<void> {
      if (!ids.length) return;
      const updates: Compilable[] = chunk(ids, idsPerUpdate(ctx)).map((part) =>
        db.updateTable('outbox').set({ state: 'committed', commit_sha: commitSha, committed_at: now }).where('id', 'in', part).where('state', '=', 'pending'),
      );
      // The cursor only moves forward: a late markCommitted for older rows must not pull it back.
      const cursor = db
        .insertInto('outbox_cursor')
        .columns(['name', 'seq', 'commit_sha', 'updated_at'])
        .expression(
          db
            .selectFrom('outbox')
            .select((eb) => [
              eb.cast<string>(eb.val(name), 'text').as('name'),
              eb.fn.coalesce(eb.fn.max('seq'), eb.lit(0)).as('seq'),
              eb.cast<string>(eb.val(commitSha), 'text').as('commit_sha'),
              eb.cast<number>(eb.val(now), 'bigint').as('updated_at'),
            ])
            .where('commit_sha', '=', commitSha)
            .where('state', '=', 'committed'),
        )
        .onConflict((oc) =>
          oc
            .column('name')
            .doUpdateSet((eb) => ({ seq: eb.ref('excluded.seq'), commit_sha: eb.ref('excluded.commit_sha'), updated_at: eb.ref('excluded.updated_at') }))
            .where((eb) => eb('excluded.seq', '>=', eb.ref('outbox_cursor.seq'))),
        );
      await ctx.batch([...updates, cursor]);
    },

    /** The durable cursor `name` (the flusher's by default), or undefined before its first commit. */
    async readCursor(name = FLUSHER_CURSOR): Promise<OutboxCursor | undefined> {
      const row = await db.selectFrom('outbox_cursor').select(['seq', 'commit_sha', 'updated_at']).where('name', '=', name).executeTakeFirst();
      return row && { seq: Number(row.seq), commitSha: row.commit_sha, updatedAt: Number(row.updated_at) };
    },

    /** Deletes committed rows older than `before` (epoch ms) and, when given, up to `upToSeq` (what the fan-out read): git has them now. */
    async pruneCommitted(before: number, upToSeq?: number): Promise<number> {
      let q = db.deleteFrom('outbox').where('state', '=', 'committed').where('committed_at', '<', before);
      if (upToSeq !== undefined) q = q.where('seq', '<=', upToSeq);
      const result = await q.executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}

/** The outbox repository's functions. */
export type Outbox = ReturnType<typeof createOutbox>;
