// A small Kysely dialect over Node's built-in `node:sqlite` (DatabaseSync): no native addon, so `npm install` on
// one Node and `npm start` on another cannot disagree about an ABI. On the Node server the connection lives in a worker
// thread (sqlite-worker.ts): node:sqlite is synchronous, and each commit under synchronous=FULL waits for an fsync, which
// on the server's own thread held up every request meanwhile (issue 18: 2–100 ms a commit, several per post). A query
// is a message to the worker and its answer; durability is the same (a write resolves after its commit returned).
// Tools and tests, which open many stores and need no thread each, run the same connection code on their own thread.
// Node-only: the Node host imports it, never the Cloudflare bundle.
import type { SQLInputValue } from 'node:sqlite';
import { Worker } from 'node:worker_threads';
import {
  CompiledQuery,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryResult,
} from 'kysely';
import { createAnswerer, type WorkerAnswer, type WorkerRequest } from './sqlite-worker.ts';
import type { BatchOptions } from './types.ts';

/** An answer as its result, or its error thrown with the database's message and codes. */
function answered(answer: WorkerAnswer): WorkerAnswer {
  if (answer.error) throw Object.assign(new Error(answer.error.message), answer.error);
  return answer;
}

/** What a request to a closed connection gets. */
const closedError = () => Object.assign(new Error('De SQLite-verbinding is gesloten.'), { code: 'ERR_SQLITE_CLOSED' });

/** How long a worker may sit idle (no request, no connection handed out) before it closes its file and stops. */
export const SQLITE_WORKER_IDLE_MS = 10_000;

/**
 * The worker and its requests in flight; it keeps the process alive only while it has some. A worker that sits idle
 * closes its connection and stops, and the next request starts a new one: a process that opens many stores and never
 * closes them (a test suite, a tool) does not keep a thread for each. One that stops unexpectedly fails the requests
 * it had, and the next request starts a new one too.
 */
class SqliteWorker implements SqliteRunner {
  readonly #file: string;
  readonly #pragmas: string;
  readonly #idleMs: number;
  #worker: Worker | undefined;
  readonly #waiting = new Map<number, { resolve: (a: WorkerAnswer) => void; reject: (e: unknown) => void }>();
  #next = 0;
  #held = false;
  #idle: NodeJS.Timeout | undefined;
  #closed = false;

  constructor(file: string, pragmas: string, idleMs = SQLITE_WORKER_IDLE_MS) {
    this.#file = file;
    this.#pragmas = pragmas;
    this.#idleMs = idleMs;
  }

  #start(): Worker {
    // The parent's flags, except what only a script given on the command line may use (node --input-type -e …).
    const execArgv = process.execArgv.filter((a) => !a.startsWith('--input-type'));
    const worker = new Worker(new URL('./sqlite-worker.ts', import.meta.url), { workerData: { plein: 'sqlite', file: this.#file, pragmas: this.#pragmas }, execArgv });
    worker.unref();
    worker.on('message', (a: WorkerAnswer) => {
      const w = this.#waiting.get(a.id);
      this.#waiting.delete(a.id);
      if (!this.#waiting.size) {
        worker.unref();
        this.#armIdle();
      }
      w?.resolve(a);
    });
    const fail = (err: unknown) => {
      if (this.#worker !== worker) return;
      this.#worker = undefined;
      for (const w of this.#waiting.values()) w.reject(err);
      this.#waiting.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(Object.assign(new Error(`SQLite-thread gestopt (${code})`), { code: 'ERR_SQLITE_WORKER_EXIT' })));
    return worker;
  }

  /** Stops an idle worker after a while (never while a connection is handed out or a request waits). */
  #armIdle() {
    clearTimeout(this.#idle);
    if (this.#held || this.#waiting.size || !this.#worker) return;
    this.#idle = setTimeout(() => void this.#stop(), this.#idleMs);
    this.#idle.unref();
  }

  async #stop() {
    const worker = this.#worker;
    if (!worker || this.#held || this.#waiting.size) return;
    // From here on a request starts a new worker; this one closes its file and ends.
    this.#worker = undefined;
    await this.#send(worker, { sql: '', parameters: [], close: true }).catch(() => {});
    await worker.terminate();
  }

  /** A connection is handed out (a transaction may be between statements): the worker must not stop now. */
  hold(held: boolean) {
    this.#held = held;
    if (held) clearTimeout(this.#idle);
    else this.#armIdle();
  }

  /** Sends one request; resolves with its answer, rejects with the database's error (message and codes). */
  async request(request: Omit<WorkerRequest, 'id'>): Promise<WorkerAnswer> {
    if (this.#closed) throw closedError();
    clearTimeout(this.#idle);
    return this.#send((this.#worker ??= this.#start()), request);
  }

  async #send(worker: Worker, request: Omit<WorkerRequest, 'id'>): Promise<WorkerAnswer> {
    const id = ++this.#next;
    const answer = await new Promise<WorkerAnswer>((resolve, reject) => {
      if (!this.#waiting.size) worker.ref();
      this.#waiting.set(id, { resolve, reject });
      worker.postMessage({ ...request, id });
    });
    return answered(answer);
  }

  async close(): Promise<void> {
    clearTimeout(this.#idle);
    this.#closed = true;
    const worker = this.#worker;
    this.#worker = undefined;
    if (!worker) return;
    await this.#send(worker, { sql: '', parameters: [], close: true }).catch(() => {});
    await worker.terminate();
  }
}

/** What the connection and driver use of a runner: the worker thread, or the caller's own thread. */
interface SqliteRunner {
  request(request: Omit<WorkerRequest, 'id'>): Promise<WorkerAnswer>;
  hold(held: boolean): void;
  close(): Promise<void>;
}

/**
 * The connection on the caller's own thread (node:sqlite is synchronous: each query, and each commit's fsync, holds
 * that thread). For tools and tests, which need no thread of their own; the Node server uses the worker.
 */
class InlineSqlite implements SqliteRunner {
  readonly #answer: (request: WorkerRequest) => WorkerAnswer;
  #next = 0;
  #closed = false;

  constructor(file: string, pragmas: string) {
    this.#answer = createAnswerer(file, pragmas);
  }

  async request(request: Omit<WorkerRequest, 'id'>): Promise<WorkerAnswer> {
    if (this.#closed) throw closedError();
    const answer = this.#answer({ ...request, id: ++this.#next });
    return answered(answer);
  }

  hold(): void {}

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#answer({ id: ++this.#next, sql: '', parameters: [], close: true });
  }
}

class NodeSqliteConnection implements DatabaseConnection {
  readonly #worker: SqliteRunner;

  constructor(worker: SqliteRunner) {
    this.#worker = worker;
  }

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const a = await this.#worker.request({ sql: query.sql, parameters: query.parameters as SQLInputValue[] });
    if (a.rows) return { rows: a.rows as R[] };
    return { rows: [], numAffectedRows: BigInt(a.changes ?? 0), insertId: BigInt(a.lastInsertRowid ?? 0) };
  }

  async *streamQuery<R>(query: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    const a = await this.#worker.request({ sql: query.sql, parameters: query.parameters as SQLInputValue[], stream: true });
    for (const row of a.rows ?? []) yield { rows: [row as R] };
  }
}

class NodeSqliteDriver implements Driver {
  readonly #worker: SqliteRunner;
  readonly #connection: NodeSqliteConnection;
  // One connection, handed to one caller at a time: a transaction's statements never interleave with another's
  // (each statement now waits for the worker, so without this a second caller would land inside the transaction).
  #held: Promise<void> = Promise.resolve();
  #release: (() => void) | undefined;

  constructor(worker: SqliteRunner) {
    this.#worker = worker;
    this.#connection = new NodeSqliteConnection(worker);
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    const before = this.#held;
    let release!: () => void;
    this.#held = new Promise<void>((r) => (release = r));
    await before;
    this.#release = release;
    this.#worker.hold(true);
    return this.#connection;
  }

  // IMMEDIATE takes the write lock up front: a transaction that reads and then writes cannot fail half-way
  // because another connection wrote in between.
  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }

  async releaseConnection(): Promise<void> {
    const release = this.#release;
    this.#release = undefined;
    this.#worker.hold(false);
    release?.();
  }

  async destroy(): Promise<void> {
    await this.#worker.close();
  }
}

/** A Kysely dialect over the SQLite file `file` (opened with `pragmas`, in a worker or inline; closed on destroy). */
export class NodeSqliteDialect implements Dialect {
  readonly #file: string;
  readonly #pragmas: string;
  readonly #options: { thread?: boolean; idleMs?: number };
  #runner: SqliteRunner | undefined;

  /**
   * `thread`: the connection in a worker thread of its own (the Node server: a commit's fsync then holds only that
   * thread); otherwise on the caller's thread. `idleMs`: how long the worker may sit idle before it stops (default
   * SQLITE_WORKER_IDLE_MS).
   */
  constructor(file: string, pragmas: string, options: { thread?: boolean; idleMs?: number } = {}) {
    this.#file = file;
    this.#pragmas = pragmas;
    this.#options = options;
  }

  createAdapter() {
    return new SqliteAdapter();
  }

  createDriver(): Driver {
    this.#runner = this.#options.thread ? new SqliteWorker(this.#file, this.#pragmas, this.#options.idleMs) : new InlineSqlite(this.#file, this.#pragmas);
    return new NodeSqliteDriver(this.#runner);
  }

  /**
   * Runs `queries` as one transaction (begin immediate … commit, rolled back on the first error) in one request to
   * the connection: with the worker thread one message instead of one per statement. Call it while holding the
   * driver's connection (Kysely's db.connection()), so no other caller's statements come in between.
   */
  async runTransaction(queries: CompiledQuery[], options: BatchOptions = {}): Promise<QueryResult<Record<string, unknown>>[]> {
    if (!this.#runner) throw new Error('runTransaction: de dialect heeft nog geen verbinding');
    const batch = queries.map((q) => ({ sql: q.sql, parameters: q.parameters as SQLInputValue[] }));
    const a = await this.#runner.request({ sql: '', parameters: [], batch, ...(options.lazy ? { lazy: true } : {}) });
    return (a.results ?? []).map((r) => (r.rows ? { rows: r.rows as Record<string, unknown>[] } : { rows: [], numAffectedRows: BigInt(r.changes ?? 0), insertId: BigInt(r.lastInsertRowid ?? 0) }));
  }

  createQueryCompiler() {
    return new SqliteQueryCompiler();
  }

  createIntrospector(db: Kysely<any>) {
    return new SqliteIntrospector(db);
  }
}
