// "One unit at a time per key": what a read-then-write unit (a sign-up deciding its place, a vote replacing the
// last one) puts first in its batch. SQLite (BEGIN IMMEDIATE) and D1 (a batch runs alone) already serialise
// writers; PostgreSQL's READ COMMITTED does not, so there the unit takes a transaction-scoped advisory lock on
// the key, released at commit.
import { sql, type Compilable, type RawBuilder } from 'kysely';
import type { StateContext } from './types.ts';

/** A raw SQL statement as a batch takes it (compiled against the context's database when the batch runs). */
export function rawStatement(ctx: StateContext, raw: RawBuilder<unknown>): Compilable {
  return { compile: () => raw.compile(ctx.db) };
}

/** The statements that serialise units for `key` on this engine: none, or one advisory lock on PostgreSQL. */
export function unitLock(ctx: StateContext, key: string): Compilable[] {
  if (ctx.engine !== 'postgres') return [];
  return [rawStatement(ctx, sql`select pg_advisory_xact_lock(hashtextextended(${`plein:${key}`}, 0))`)];
}
