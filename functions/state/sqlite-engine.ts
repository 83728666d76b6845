// The embedded engine: one SQLite file through node:sqlite. WAL so readers never wait for the writer,
// synchronous=FULL so an acknowledged write survives power loss, a busy timeout for a second process (db:migrate)
// on the same file. Node-only.
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { Kysely } from 'kysely';
import { createTransactionContext } from './context.ts';
import { toUnavailable } from './errors.ts';
import { guardDialect } from './guard-dialect.ts';
import type { Database } from './schema.ts';
import { NodeSqliteDialect } from './sqlite-dialect.ts';
import type { StateContext } from './types.ts';

const PRAGMAS = 'PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA busy_timeout = 5000;';
/** The read connection's: it never writes (query_only), and it must not try to change the journal mode. */
const READ_PRAGMAS = 'PRAGMA busy_timeout = 5000; PRAGMA query_only = 1;';

/** Opens (creating when needed) the SQLite file and gives its context; `thread`: the connection in a worker thread (the Node server). */
export function openSqliteContext(file: string, options: { thread?: boolean } = {}): StateContext {
  let raw: DatabaseSync;
  try {
    // Posts, names and e-mail addresses: readable by the server's user only.
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    closeSync(openSync(file, 'a', 0o600));
    // Opened here once, so a file that cannot be opened fails the open itself; the worker then keeps its own connection.
    raw = new DatabaseSync(file);
    raw.exec(PRAGMAS);
    raw.close();
  } catch (err) {
    throw toUnavailable(err);
  }
  const dialect = new NodeSqliteDialect(file, PRAGMAS, { thread: options.thread });
  const db = new Kysely<Database>({ dialect: guardDialect(dialect) });
  const ctx = createTransactionContext(db, 'sqlite');
  if (!options.thread) return ctx;
  // Small indexed reads that must not wait behind a commit's fsync (the session check) get a read-only connection of
  // their own on the server's thread: in WAL a read never waits for the writer, and a lookup of a few microseconds
  // costs less than a message to a thread and back.
  const read = new Kysely<Database>({ dialect: guardDialect(new NodeSqliteDialect(file, READ_PRAGMAS)) });
  // With the worker: a batch of several statements is one message (begin … commit in the worker), not one per
  // statement, while the driver's connection is held so no other caller's statements come in between.
  return {
    ...ctx,
    read,
    closeRead: () => read.destroy(),
    batch: (queries, batchOptions) =>
      queries.length === 1 && !batchOptions?.lazy
        ? ctx.batch(queries)
        : db.connection().execute(() => dialect.runTransaction(queries.map((q) => q.compile()), batchOptions).catch((err) => Promise.reject(toUnavailable(err)))),
  };
}
