// A lazy batch on the Node server's SQLite (the worker thread): it commits like any batch, without its own wait for
// the disk, and the connection is back at synchronous=FULL afterwards, so the next ordinary commit (an outbox append)
// waits for the disk again and takes the lazy one with it. Also when the lazy batch fails.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CompiledQuery, sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openStateStore } from './open.ts';

const root = mkdtempSync(join(tmpdir(), 'plein-lazy-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const FULL = 2;
const NORMAL = 1;
/** The level as a statement inside a batch: what that batch's commit runs under. */
const levelInside = { compile: () => CompiledQuery.raw('PRAGMA synchronous') };
const levelOf = (results: { rows: unknown[] }[]) => Number((results.at(-1)!.rows[0] as { synchronous: number }).synchronous);

describe('a lazy batch (SQLite, worker thread)', () => {
  it('commits, and leaves the connection at synchronous=FULL for the next commit, after success and after failure', async () => {
    const dir = join(root, 'lui');
    const store = await openStateStore({ PLEIN_STATE_DIR: dir }, { sqliteThread: true });
    const level = async () => Number(((await sql<{ synchronous: number }>`PRAGMA synchronous`.execute(store.db)).rows[0]).synchronous);
    try {
      expect(await level()).toBe(FULL);
      const insert = (id: string) => store.db.insertInto('session_revocations').values({ session_id: id, expires_at: Date.now() + 60_000 });
      // A lazy batch runs under NORMAL (its commit does not wait for the disk); an ordinary one under FULL.
      expect(levelOf(await store.batch([insert('een'), levelInside], { lazy: true }))).toBe(NORMAL);
      expect(levelOf(await store.batch([insert('twee'), levelInside]))).toBe(FULL);
      await store.batch([insert('drie')], { lazy: true });
      expect(await level()).toBe(FULL);
      // A failing lazy batch (the second row repeats a key) commits nothing and still restores the level.
      await expect(store.batch([insert('vier'), insert('een')], { lazy: true })).rejects.toThrow();
      expect(await level()).toBe(FULL);
      const ids = (await store.db.selectFrom('session_revocations').select('session_id').execute()).map((r) => r.session_id).sort();
      expect(ids).toEqual(['drie', 'een', 'twee']);
    } finally {
      await store.close();
    }
    // What the lazy batches committed is in the file for the next opener.
    const again = await openStateStore({ PLEIN_STATE_DIR: dir });
    try {
      expect(await again.revocations.isRevoked('twee')).toBe(true);
    } finally {
      await again.close();
    }
  });
});
