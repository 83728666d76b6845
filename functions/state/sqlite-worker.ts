// The thread that owns the SQLite connection of the Node server (see sqlite-dialect.ts): node:sqlite is synchronous,
// and under synchronous=FULL every commit waits for the disk (an fsync: milliseconds, on a busy disk a hundred). Here
// that wait holds up only this thread, not the server's event loop with every other request. Self-contained (node:
// imports only): it runs as a plain worker.
import { DatabaseSync, type SQLInputValue, type StatementSync } from 'node:sqlite';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';

/** A query from the dialect; `stream` runs it with a statement of its own. */
export interface WorkerRequest {
  id: number;
  sql: string;
  parameters: SQLInputValue[];
  stream?: boolean;
  close?: boolean;
  /** A whole transaction: these statements between `begin immediate` and `commit` (rolled back on the first error). */
  batch?: { sql: string; parameters: SQLInputValue[] }[];
  /** The batch's commit does not wait for the disk (synchronous=NORMAL for it): see BatchOptions.lazy in types.ts. */
  lazy?: boolean;
}

/** Its answer: rows (a statement with result columns) or counts; or the error's message and codes. */
export interface WorkerAnswer {
  id: number;
  rows?: unknown[];
  changes?: number | bigint;
  lastInsertRowid?: number | bigint;
  /** A batch's answers, one per statement. */
  results?: { rows?: unknown[]; changes?: number | bigint; lastInsertRowid?: number | bigint }[];
  error?: { message: string; code?: string; errcode?: number; errstr?: string };
}

/** Prepared statements kept: Plein sends the same few hundred SQL texts over and over. */
const STATEMENT_CACHE = 500;

/**
 * The connection to `file` and how it answers a request: used by the worker thread below, and in the caller's own
 * thread by the dialect's inline mode (tools and tests that need no separate thread).
 */
export function createAnswerer(file: string, pragmas: string): (request: WorkerRequest) => WorkerAnswer {
  let db: DatabaseSync | undefined;
  let openError: unknown;
  try {
    db = new DatabaseSync(file);
    db.exec(pragmas);
  } catch (err) {
    openError = err;
  }
  const statements = new Map<string, StatementSync>();
  // The connection's own level (FULL for the state store), put back after a lazy batch.
  let level: number | undefined;

  function prepare(sql: string): StatementSync {
    let statement = statements.get(sql);
    if (!statement) {
      statement = db!.prepare(sql);
      if (statements.size >= STATEMENT_CACHE) statements.delete(statements.keys().next().value!);
      statements.set(sql, statement);
    }
    return statement;
  }

  return (request) => {
    const { id } = request;
    try {
      if (openError) throw openError;
      if (request.close) {
        if (db?.isOpen) db.close();
        return { id };
      }
      if (request.batch) {
        if (request.lazy) {
          level ??= Number((db!.prepare('PRAGMA synchronous').get() as { synchronous: number }).synchronous);
          db!.exec('PRAGMA synchronous = NORMAL');
        }
        db!.exec('begin immediate');
        try {
          const results = request.batch.map((q) => {
            const statement = prepare(q.sql);
            if (statement.columns().length > 0) return { rows: statement.all(...q.parameters) };
            const { changes, lastInsertRowid } = statement.run(...q.parameters);
            return { changes, lastInsertRowid };
          });
          db!.exec('commit');
          return { id, results };
        } catch (err) {
          if (db!.isTransaction) db!.exec('rollback');
          throw err;
        } finally {
          if (request.lazy) db!.exec(`PRAGMA synchronous = ${level}`);
        }
      }
      // A streamed query gets a statement of its own (a cached one may be run again meanwhile); all rows at once.
      if (request.stream) return { id, rows: [...db!.prepare(request.sql).iterate(...request.parameters)] };
      const statement = prepare(request.sql);
      // A statement with result columns (SELECT, or a write with RETURNING) gives rows; the rest give counts.
      if (statement.columns().length > 0) return { id, rows: statement.all(...request.parameters) };
      const { changes, lastInsertRowid } = statement.run(...request.parameters);
      return { id, changes, lastInsertRowid };
    } catch (err) {
      const e = err as { message?: string; code?: string; errcode?: number; errstr?: string };
      return { id, error: { message: String(e?.message ?? err), code: e?.code, errcode: e?.errcode, errstr: e?.errstr } };
    }
  };
}

// Started as the dialect's worker: answer every request on this thread.
if (!isMainThread && (workerData as { plein?: unknown } | undefined)?.plein === 'sqlite') {
  const { file, pragmas } = workerData as { file: string; pragmas: string };
  const answer = createAnswerer(file, pragmas);
  parentPort!.on('message', (request: WorkerRequest) => parentPort!.postMessage(answer(request)));
}
