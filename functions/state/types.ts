// Shared types of the state store: a leaf file, so the engines, the migrator and the repositories never import
// each other to agree on a shape.
import type { Compilable, Kysely, QueryResult } from 'kysely';
import type { Database } from './schema.ts';

/** Which database a state store runs on. */
export type Engine = 'sqlite' | 'postgres' | 'd1';

/** What the migrator and the repositories need from an engine. */
export interface StateContext {
  db: Kysely<Database>;
  engine: Engine;
  /**
   * Runs the queries in order as one atomic unit and gives each one's result: a transaction on SQLite and
   * PostgreSQL, `batch()` on D1 (which has no interactive transactions).
   */
  batch(queries: Compilable[], options?: BatchOptions): Promise<QueryResult<Record<string, unknown>>[]>;
  /**
   * For a small indexed read outside a transaction that must not queue behind writes (the session check on every
   * request): SQLite with the worker thread has one connection that writes and fsyncs, so a second one (read-only, on
   * the caller's thread: a lookup of microseconds, never a scan) answers these while a commit waits for the disk. WAL
   * gives each read the last committed state, so a write that resolved is seen. Absent elsewhere (use `db`).
   */
  read?: Kysely<Database>;
  /** Closes what the context opened (the read connection). */
  closeRead?(): Promise<void>;
}

/** How a batch is committed. */
export interface BatchOptions {
  /**
   * The commit need not reach the disk before it resolves: it does with the next commit that waits for the disk,
   * which always comes after it (SQLite's WAL is one file, written and synced in commit order). For writes that only
   * matter together with a later durable one, such as an Idempotency-Key claim before its post's outbox row: a power
   * cut can take the claim only with everything after it, so never from under an acknowledged post. SQLite with the
   * worker thread only; elsewhere every commit waits for the disk as before.
   */
  lazy?: boolean;
}

/** The part of Cloudflare's D1 binding the store uses (kept here so no Workers types package is needed). */
export interface D1Like {
  prepare(sql: string): D1StatementLike;
  batch(statements: D1StatementLike[]): Promise<{ results?: unknown[]; meta?: { changes?: number; last_row_id?: number } }[]>;
}

/** A prepared D1 statement. */
export interface D1StatementLike {
  bind(...values: unknown[]): D1StatementLike;
}

/** A versioned, forward-only schema change: returns the statements to run (not yet executed) for the engine. */
export interface Migration {
  version: number;
  name: string;
  up(db: Kysely<any>, engine: Engine): Compilable[];
}

/** "Exactly one flusher at a time": a lease (SQLite, D1) or an advisory lock on its own session (PostgreSQL). */
export interface FlushLock {
  /** Takes the lock when free (or when its holder's lease expired / session died); true when this holder has it. */
  acquire(): Promise<boolean>;
  /** Keeps it: true while this holder still has it (false once another took over). */
  renew(): Promise<boolean>;
  /** Gives it up so another instance may flush. */
  release(): Promise<void>;
}
