// A small Kysely dialect over Node's built-in `node:sqlite` (DatabaseSync): no native addon, so `npm install` on
// one Node and `npm start` on another cannot disagree about an ABI. The connection lives in a worker thread
// (sqlite-worker.ts): node:sqlite is synchronous, and each commit under synchronous=FULL waits for an fsync, which on
// the server's own thread held up every request meanwhile (issue 18: 2–100 ms a commit, several per post). A query is
// a message to the worker and its answer; durability is the same (a write resolves after its commit returned).
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
import type { WorkerAnswer, WorkerRequest } from './sqlite-worker.ts';

/** The worker and its requests in flight; it keeps the process alive only while it has some. */
class SqliteWorker {
  readonly #worker: Worker;
  readonly #waiting = new Map<number, { resolve: (a: WorkerAnswer) => void; reject: (e: unknown) => void }>();
  #next = 0;
  #failed: unknown;

  constructor(file: string, pragmas: string) {
    // The parent's flags, except what only a script given on the command line may use (node --input-type -e …).
    const execArgv = process.execArgv.filter((a) => !a.startsWith('--input-type'));
    this.#worker = new Worker(new URL('./sqlite-worker.ts', import.meta.url), { workerData: { file, pragmas }, execArgv });
    this.#worker.unref();
    this.#worker.on('message', (a: WorkerAnswer) => {
      const w = this.#waiting.get(a.id);
      this.#waiting.delete(a.id);
      if (!this.#waiting.size) this.#worker.unref();
      w?.resolve(a);
    });
    const fail = (err: unknown) => {
      this.#failed = err;
      for (const w of this.#waiting.values()) w.reject(err);
      this.#waiting.clear();
    };
    this.#worker.on('error', fail);
    this.#worker.on('exit', (code) => fail(Object.assign(new Error(`SQLite-thread gestopt (${code})`), { code: 'ERR_SQLITE_WORKER_EXIT' })));
  }

  /** Sends one request; resolves with its answer, rejects with the database's error (message and codes). */
  async request(request: Omit<WorkerRequest, 'id'>): Promise<WorkerAnswer> {
    if (this.#failed) throw this.#failed;
    const id = ++this.#next;
    const answer = await new Promise<WorkerAnswer>((resolve, reject) => {
      if (!this.#waiting.size) this.#worker.ref();
      this.#waiting.set(id, { resolve, reject });
      this.#worker.postMessage({ ...request, id });
    });
    if (answer.error) throw Object.assign(new Error(answer.error.message), answer.error);
    return answer;
  }

  async close(): Promise<void> {
    if (this.#failed) return;
    await this.request({ sql: '', parameters: [], close: true }).catch(() => {});
    await this.#worker.terminate();
  }
}

class NodeSqliteConnection implements DatabaseConnection {
  readonly #worker: SqliteWorker;

  constructor(worker: SqliteWorker) {
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
  readonly #worker: SqliteWorker;
  readonly #connection: NodeSqliteConnection;
  // One connection, handed to one caller at a time: a transaction's statements never interleave with another's
  // (each statement now waits for the worker, so without this a second caller would land inside the transaction).
  #held: Promise<void> = Promise.resolve();
  #release: (() => void) | undefined;

  constructor(worker: SqliteWorker) {
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
    release?.();
  }

  async destroy(): Promise<void> {
    await this.#worker.close();
  }
}

/** A Kysely dialect over the SQLite file `file` (opened in its worker with `pragmas`; closed on destroy). */
export class NodeSqliteDialect implements Dialect {
  readonly #file: string;
  readonly #pragmas: string;

  constructor(file: string, pragmas: string) {
    this.#file = file;
    this.#pragmas = pragmas;
  }

  createAdapter() {
    return new SqliteAdapter();
  }

  createDriver(): Driver {
    return new NodeSqliteDriver(new SqliteWorker(this.#file, this.#pragmas));
  }

  createQueryCompiler() {
    return new SqliteQueryCompiler();
  }

  createIntrospector(db: Kysely<any>) {
    return new SqliteIntrospector(db);
  }
}
