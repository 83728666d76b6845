// The Cloudflare D1 engine: Kysely through kysely-d1, and atomic multi-statement writes through the binding's
// batch() (D1 has no interactive transactions). Portable: no Node module.
import { Kysely, type Compilable, type QueryResult } from 'kysely';
import { D1Dialect } from 'kysely-d1';
import { toUnavailable } from './errors.ts';
import { guardDialect } from './guard-dialect.ts';
import type { Database } from './schema.ts';
import type { D1Like, StateContext } from './types.ts';

/** A state context over a D1 binding. */
export function createD1Context(binding: D1Like): StateContext {
  const db = new Kysely<Database>({ dialect: guardDialect(new D1Dialect({ database: binding as never })) });
  return {
    db,
    engine: 'd1',
    async batch(queries: Compilable[]) {
      try {
        const statements = queries.map((q) => {
          const { sql, parameters } = q.compile();
          return binding.prepare(sql).bind(...parameters);
        });
        const results = await binding.batch(statements);
        return results.map(
          (r): QueryResult<Record<string, unknown>> => ({
            rows: (r.results ?? []) as Record<string, unknown>[],
            numAffectedRows: BigInt(r.meta?.changes ?? 0),
          }),
        );
      } catch (err) {
        throw toUnavailable(err);
      }
    },
  };
}
