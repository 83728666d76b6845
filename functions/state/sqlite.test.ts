// The state-store contract on the embedded engine (node:sqlite, a temporary file per test), plus what only the
// file engine promises: WAL, synchronous=FULL and a folder only the server's user can read.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kysely, sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { describeStateContract } from './contract.ts';
import { StateUnavailableError } from './errors.ts';
import { openStateStore } from './open.ts';
import { NodeSqliteDialect } from './sqlite-dialect.ts';

const root = mkdtempSync(join(tmpdir(), 'plein-state-'));
let n = 0;
afterAll(() => rmSync(root, { recursive: true, force: true }));

describeStateContract(
  'sqlite',
  () => ({
    engine: 'sqlite',
    async freshDatabase() {
      const dir = join(root, `db-${++n}`);
      return { open: (options) => openStateStore({ PLEIN_STATE_DIR: dir }, options) };
    },
  }),
  { leases: true },
);

// The Node server's mode: the connection in a worker thread (the same contract, every query a message to it).
describeStateContract(
  'sqlite (worker thread)',
  () => ({
    engine: 'sqlite',
    async freshDatabase() {
      const dir = join(root, `db-${++n}`);
      return { open: (options) => openStateStore({ PLEIN_STATE_DIR: dir }, { ...options, sqliteThread: true }) };
    },
  }),
  { leases: true },
);

describe('sqlite engine', () => {
  it('creates its folder for the owner only, in WAL mode with synchronous=FULL', async () => {
    const dir = join(root, 'eigen', 'state');
    const store = await openStateStore({ PLEIN_STATE_DIR: dir });
    try {
      expect(statSync(dir).mode & 0o777).toBe(0o700);
      expect(statSync(join(dir, 'plein.db')).mode & 0o777).toBe(0o600);
      const { rows: [mode] } = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(store.db);
      const { rows: [sync] } = await sql<{ synchronous: number }>`pragma synchronous`.execute(store.db);
      expect(mode.journal_mode).toBe('wal');
      expect(sync.synchronous).toBe(2); // FULL
    } finally {
      await store.close();
    }
  });

  it('with the worker thread, a session check does not wait for a write in progress (it reads on a connection of its own)', async () => {
    const store = await openStateStore({ PLEIN_STATE_DIR: join(root, 'lezen-naast-schrijven') }, { sqliteThread: true });
    try {
      await store.revocations.revoke('uitgelogd', Date.now() + 60_000);
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      // A write transaction holds the one writing connection until released.
      const writing = store.db.transaction().execute(async (trx) => {
        await trx.insertInto('session_revocations').values({ session_id: 'tijdens', expires_at: Date.now() + 60_000 }).execute();
        await held;
      });
      const checks = Promise.all([store.revocations.isRevoked('uitgelogd'), store.revocations.isRevoked('tijdens')]);
      const answer = await Promise.race([checks, new Promise((r) => setTimeout(() => r('wacht op de schrijver'), 3000))]);
      // Answered while the write is open, without what it has not committed yet.
      expect(answer).toEqual([true, false]);
      release();
      await writing;
      expect(await store.revocations.isRevoked('tijdens')).toBe(true);
    } finally {
      await store.close();
    }
  });

  it('lets a tool end without closing the store (its SQLite thread holds the process only while a query runs), keeping what it wrote', async () => {
    const dir = join(root, 'gereedschap');
    const script = `import { openStateStore } from ${JSON.stringify(join(import.meta.dirname, 'open.ts'))};
      const store = await openStateStore({ PLEIN_STATE_DIR: ${JSON.stringify(dir)} }, { sqliteThread: true });
      await store.revocations.revoke('gereedschap', Date.now() + 60000);
      console.log('klaar');`;
    // Without unref when idle the worker would keep this process alive and the call time out.
    const out = execFileSync(process.execPath, ['--no-warnings', '--input-type=module', '-e', script], { encoding: 'utf8', timeout: 30_000 });
    expect(out.trim()).toBe('klaar');
    const store = await openStateStore({ PLEIN_STATE_DIR: dir });
    try {
      expect(await store.revocations.isRevoked('gereedschap')).toBe(true);
    } finally {
      await store.close();
    }
  });

  it('stops an idle SQLite thread (a suite or tool that never closes its stores keeps no thread each) and starts one again for the next query', async () => {
    const threads = () => readdirSync('/proc/self/task').length;
    const before = threads();
    const dbs = Array.from({ length: 12 }, (_, i) => new Kysely<any>({ dialect: new NodeSqliteDialect(join(root, `leeg-${i}.db`), 'PRAGMA journal_mode = WAL;', { thread: true, idleMs: 2000 }) }));
    await Promise.all(dbs.map((db, i) => sql`create table t (n integer)`.execute(db).then(() => sql`insert into t values (${i})`.execute(db))));
    expect(threads()).toBeGreaterThanOrEqual(before + 12);
    await expect.poll(threads, { timeout: 10_000, interval: 200 }).toBeLessThan(before + 3);
    // The next query starts a thread again and finds what was written.
    expect((await sql<{ n: number }>`select n from t`.execute(dbs[7])).rows).toEqual([{ n: 7 }]);
    await Promise.all(dbs.map((db) => db.destroy()));
  });

  it('runs a batch in the worker as one transaction: a failing statement rolls back the ones before it', async () => {
    const store = await openStateStore({ PLEIN_STATE_DIR: join(root, 'bundel') }, { sqliteThread: true });
    try {
      const term = (week: string) => store.db.insertInto('search_terms').values({ week, term: 'verlof', searches: 1 });
      await expect(store.batch([term('2026-11-30'), term('2026-11-30')])).rejects.toBeInstanceOf(StateUnavailableError);
      expect(await store.db.selectFrom('search_terms').selectAll().execute()).toEqual([]);
      const results = await store.batch([term('2026-11-30'), term('2026-12-07'), store.db.selectFrom('search_terms').select('week').orderBy('week')]);
      expect(results[0].numAffectedRows).toBe(1n);
      expect(results[2].rows).toEqual([{ week: '2026-11-30' }, { week: '2026-12-07' }]);
    } finally {
      await store.close();
    }
  });

  it('never lets two transactions interleave on the one connection', async () => {
    const store = await openStateStore({ PLEIN_STATE_DIR: join(root, 'serieel') });
    try {
      // A transaction that yields between its statements while plain statements keep arriving: they must wait.
      const slow = store.db.transaction().execute(async (trx) => {
        await trx.insertInto('session_revocations').values({ session_id: 'binnen', expires_at: 1 }).execute();
        await new Promise((r) => setTimeout(r, 30));
        throw new Error('terugdraaien');
      });
      const meanwhile = store.revocations.revoke('buiten', Date.now() + 1000);
      await expect(slow).rejects.toThrow('terugdraaien');
      await meanwhile;
      expect(await store.revocations.isRevoked('buiten')).toBe(true);
      const rows = await store.db.selectFrom('session_revocations').select('session_id').execute();
      expect(rows.map((r) => r.session_id)).toEqual(['buiten']);
    } finally {
      await store.close();
    }
  });
});
