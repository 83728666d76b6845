// The state-store contract on PostgreSQL (one throwaway cluster for this file, a new database per test), plus
// what only PostgreSQL promises: the advisory flush lock follows its holder's session, two servers migrating at
// once, and recovery after the server went away.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresSkipReason, startTestPostgres, type TestPostgres } from '../../tests/support/postgres.ts';
import { describeStateContract } from './contract.ts';
import { StateUnavailableError } from './errors.ts';
import { openStateStore } from './open.ts';

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
      expect(rows).toHaveLength(1);
      await Promise.all(stores.map((s) => s.close()));
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
