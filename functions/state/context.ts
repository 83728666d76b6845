// The StateContext for engines with real transactions (SQLite, PostgreSQL): `batch` is one transaction.
import type { Compilable, Kysely, QueryResult } from 'kysely';
import type { Database } from './schema.ts';
import type { Engine, StateContext } from './types.ts';

/** A context whose batches run as one transaction on `db`. */
export function createTransactionContext(db: Kysely<Database>, engine: Exclude<Engine, 'd1'>): StateContext {
  return {
    db,
    engine,
    batch: (queries: Compilable[]) =>
      queries.length === 1
        ? db.executeQuery<Record<string, unknown>>(queries[0].compile()).then((r) => [r])
        : db.transaction().execute(async (trx) => {
            const results: QueryResult<Record<string, unknown>>[] = [];
            for (const query of queries) results.push(await trx.executeQuery<Record<string, unknown>>(query.compile()));
            return results;
          }),
  };
}
