// The state-store contract on PostgreSQL (one throwaway cluster for this file, a new database per test), plus
// what only PostgreSQL promises: the advisory flush lock follows its holder's session, two servers migrating at
// once, and recovery after the server went away.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresSkipReason, startTestPostgres, type TestPostgres } from '../../tests/support/postgres.ts';
import { LATEST_VERSION } from './migrations/index.ts';
import { describeStateContract } from './contract.ts';
import { StateUnavailableError } from './errors.ts';
import { openStateStore } from './open.ts';
import { createRevocations } from './revocations.ts';

const skip = postgresSkipReason();
let cluster: TestPostgres;
let n = 0;

async function createDatabase(): Promise<string> {
  const name = `plein_${++n}`;
  const admin = new pg.Client({ connectionString: cluster.url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  return cluster.url.replace(/\/postgres$/, `/${name}`);
}

if (skip) {
  it.skip(`PostgreSQL state store: ${skip}`, () => {});
} else {
  beforeAll(async () => {
    cluster = await startTestPostgres();
  });
  afterAll(async () => {
    await cluster?.stop();
  });

  describeStateContract(
    'postgres',
    () => ({
      engine: 'postgres',
      async freshDatabase() {
        const url = await createDatabase();
        return { open: (options) => openStateStore({ PLEIN_DATABASE_URL: url }, options) };
      },
    }),
    { leases: false },
  );

  describe('postgres engine', () => {
    it('migrates safely when two servers start at once', async () => {
      const url = await createDatabase();
      const stores = await Promise.all([1, 2, 3].map(() => openStateStore({ PLEIN_DATABASE_URL: url })));
      const rows = await stores[0].db.selectFrom('schema_version').selectAll().execute();
      expect(rows.map((r) => r.version).sort((x, y) => x - y)).toEqual(Array.from({ length: LATEST_VERSION }, (_, i) => i + 1));
      await Promise.all(stores.map((s) => s.close()));
    });

    it('checks the sessions of concurrent requests in one query, never with an answer from before the check began', async () => {
      const url = await createDatabase();
      const store = await openStateStore({ PLEIN_DATABASE_URL: url });
      await store.revocations.revoke('uit-1', Date.now() + 60_000);
      await store.revocations.revoke('uit-2', Date.now() + 60_000);
      await store.revocations.revoke('verlopen', Date.now() - 1);
      // The repository on a connection that counts its queries and holds each answer back 100 ms (a slow round trip).
      let queries = 0;
      const slow = store.db.withPlugin({
        transformQuery: ({ node }) => (queries++, node),
        transformResult: async ({ result }) => (await new Promise((r) => setTimeout(r, 100)), result),
      });
      const revocations = createRevocations({ db: slow, engine: 'postgres', batch: () => Promise.reject(new Error('niet gebruikt')) });
      const ids = Array.from({ length: 30 }, (_, i) => (i % 10 === 0 ? 'uit-1' : i % 10 === 5 ? 'uit-2' : i === 7 ? 'verlopen' : `aan-${i}`));
      expect(await Promise.all(ids.map((id) => revocations.isRevoked(id)))).toEqual(ids.map((id) => id.startsWith('uit-')));
      expect(queries).toBe(1);
      // A check is in flight when another server logs 'aan-2' out: a check that begins after the logout sees it (it
      // waits for a query of its own rather than taking the answer of the one in flight).
      const inFlight = revocations.isRevoked('aan-2');
      await new Promise((r) => setTimeout(r, 20));
      await store.revocations.revoke('aan-2', Date.now() + 60_000);
      const after = revocations.isRevoked('aan-2');
      expect(await inFlight).toBe(false);
      expect(await after).toBe(true);
      expect(queries).toBe(3);
      await store.close();
    });

    it('gives the advisory flush lock to a second server only once the holder’s session has ended', async () => {
      const url = await createDatabase();
      const [a, b] = [await openStateStore({ PLEIN_DATABASE_URL: url }), await openStateStore({ PLEIN_DATABASE_URL: url })];
      const lockA = a.flushLock('outbox', 'server-a');
      const lockB = b.flushLock('outbox', 'server-b');
      expect(await lockA.acquire()).toBe(true);
      expect(await lockB.acquire()).toBe(false);
      // The holder dies without releasing: its session is terminated, as when the process is killed.
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query("select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'plein-flush-lock'");
      await admin.end();
      expect(await lockB.acquire()).toBe(true);
      expect(await lockA.renew()).toBe(false);
      expect(await lockA.acquire()).toBe(false);
      await Promise.all([a.close(), b.close()]);
    });

    it('answers StateUnavailableError while the server is down, and works again once it is back, without reopening', async () => {
      const url = await createDatabase();
      const store = await openStateStore({ PLEIN_DATABASE_URL: url });
      await store.revocations.revoke('sessie', Date.now() + 60_000);
      await cluster.kill();
      try {
        const err = await store.rateLimits.hit('anouk', 'post', 60_000).then(() => undefined, (e: unknown) => e);
        expect(err).toBeInstanceOf(StateUnavailableError);
        expect((err as Error).message).toMatch(/opslag is tijdelijk niet beschikbaar/);
        await expect(store.outbox.append([{ writes: [], message: 'x', author: { name: 'a', email: 'a@b.nl' } }])).rejects.toBeInstanceOf(StateUnavailableError);
      } finally {
        await cluster.restart();
      }
      expect(await store.revocations.isRevoked('sessie')).toBe(true);
      expect(await store.rateLimits.hit('anouk', 'post', 60_000)).toBe(1);
      await store.close();
    });
  });
}
