// The engine for several servers: PostgreSQL through a pg Pool. The pool drops a connection that died (server
// restart, failover) and connects anew on the next query, so the store recovers without being reopened.
// Node-only.
import pg from 'pg';
import { Kysely, PostgresDialect } from 'kysely';
import { createTransactionContext } from './context.ts';
import { guardDialect } from './guard-dialect.ts';
import type { Database } from './schema.ts';
import type { StateContext } from './types.ts';

const INT8_OID = 20;

/** pg's type parsers, except that int8 (bigint: times, seq, counts) comes back as a number, as on SQLite and D1. */
export const PG_TYPES = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

/** How long to wait for a connection before answering 503 instead of hanging a request. */
export const CONNECT_TIMEOUT_MS = 5_000;

/** Opens a pool to `url` (never logged) and gives its context. */
export function openPostgresContext(url: string, poolMax: number): StateContext {
  const pool = new pg.Pool({ connectionString: url, max: poolMax, connectionTimeoutMillis: CONNECT_TIMEOUT_MS, idleTimeoutMillis: 30_000, types: PG_TYPES, application_name: 'plein' });
  // An idle connection that dies emits 'error' on the pool; unhandled, that would end the process.
  pool.on('error', () => {});
  // pg-pool takes that listener off a client while it is checked out (a Kysely connection or transaction): a server
  // that dies then would make the client emit an unhandled 'error' (seen as ECONNRESET in the outage test). Its query
  // fails with the error anyway, and the pool drops a client that can no longer query when it is released.
  pool.on('connect', (client) => client.on('error', () => {}));
  return createTransactionContext(new Kysely<Database>({ dialect: guardDialect(new PostgresDialect({ pool })) }), 'postgres');
}
