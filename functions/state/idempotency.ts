// Idempotency-Key answers for 7 days (longer than a phone keeps unsent posts offline), shared by every server:
// the first writer wins, and a retry on any server gets the first answer.
import type { Compilable, QueryResult } from 'kysely';
import { createGroupCommit } from './group-commit.ts';
import type { StateContext } from './types.ts';

/** How long an answer is remembered. */
export const IDEMPOTENCY_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/** A remembered answer. */
export interface StoredAnswer {
  kind: string;
  answer: unknown;
  createdAt: number;
}

/** The idempotency repository over a state context. */
export function createIdempotency(ctx: StateContext) {
  const { db } = ctx;
  // Claims and answers of concurrent requests share one transaction instead of one each. Not on D1: a Worker request
  // must not wait for I/O that another request started (it may end first, and its I/O with it). Lazy (no fsync of
  // their own on SQLite): a claim matters only together with the outbox row its request appends after it, whose
  // commit waits for the disk and takes the claim with it; an answer lost to a power cut leaves a claim that the
  // history settles (its Plein-Request trailer is in that outbox row).
  const grouped = createGroupCommit((queries: Compilable[]) => ctx.batch(queries, { lazy: true }), 500);
  const runOne = async (query: Compilable): Promise<QueryResult<Record<string, unknown>>> => (ctx.engine === 'd1' ? ctx.batch([query]) : grouped([query])).then((r) => r[0]);
  return {
    /**
     * Stores `answer` under `hash` unless a live one is there, in one statement; gives what is stored then. `first`
     * says whether that is this caller's answer (an identical answer written in the same millisecond counts too).
     */
    async remember(hash: string, kind: string, answer: unknown, now = Date.now()): Promise<StoredAnswer & { first: boolean }> {
      const text = JSON.stringify(answer);
      const cutoff = now - IDEMPOTENCY_TTL_MS;
      const query = db
        .insertInto('idempotency')
        .values({ hash, kind, answer: text, created_at: now })
        .onConflict((oc) =>
          // An expired answer is replaced; a live one is kept (set to itself, so RETURNING gives it back).
          oc.column('hash').doUpdateSet((eb) => {
            const expired = eb('idempotency.created_at', '<', cutoff);
            return {
              kind: eb.case().when(expired).then(eb.ref('excluded.kind')).else(eb.ref('idempotency.kind')).end(),
              answer: eb.case().when(expired).then(eb.ref('excluded.answer')).else(eb.ref('idempotency.answer')).end(),
              created_at: eb.case().when(expired).then(eb.ref('excluded.created_at')).else(eb.ref('idempotency.created_at')).end(),
            };
          }),
        )
        .returning(['kind', 'answer', 'created_at']);
      const row = (await runOne(query)).rows[0] as { kind: string; answer: string; created_at: number | string | bigint } | undefined;
      if (!row) throw new Error('idempotency: de claim gaf geen rij terug');
      const createdAt = Number(row.created_at);
      return { kind: row.kind, answer: JSON.parse(row.answer), createdAt, first: createdAt === now && row.answer === text && row.kind === kind };
    },

    /** The live answer under `hash`, or undefined (none, or older than 7 days). */
    async recall(hash: string, now = Date.now()): Promise<StoredAnswer | undefined> {
      const row = await db.selectFrom('idempotency').select(['kind', 'answer', 'created_at']).where('hash', '=', hash).where('created_at', '>=', now - IDEMPOTENCY_TTL_MS).executeTakeFirst();
      return row && { kind: row.kind, answer: JSON.parse(row.answer), createdAt: Number(row.created_at) };
    },

    /** Replaces the answer under `hash` (a claim made with `remember` becomes the real answer). */
    async settle(hash: string, answer: unknown): Promise<void> {
      await runOne(db.updateTable('idempotency').set({ answer: JSON.stringify(answer) }).where('hash', '=', hash));
    },

    /** Forgets `hash` (a refused request wrote nothing, so the key may be used for real). */
    async forget(hash: string): Promise<void> {
      await db.deleteFrom('idempotency').where('hash', '=', hash).execute();
    },

    /** Deletes answers older than 7 days. */
    async prune(now = Date.now()): Promise<number> {
      const result = await db.deleteFrom('idempotency').where('created_at', '<', now - IDEMPOTENCY_TTL_MS).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}

/** The idempotency repository's functions. */
export type Idempotency = ReturnType<typeof createIdempotency>;
