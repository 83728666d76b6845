// "Exactly one flusher" on PostgreSQL: a session-level advisory lock held on a dedicated connection. When the
// holder's process dies its session ends, PostgreSQL releases the lock, and the next instance's acquire wins.
// Node-only.
import pg from 'pg';
import { toUnavailable } from './errors.ts';
import { CONNECT_TIMEOUT_MS, PG_TYPES } from './postgres-engine.ts';
import type { FlushLock } from './types.ts';

/** The first half of the two-key advisory lock: Plein's namespace, so other applications' locks never collide. */
const LOCK_NAMESPACE = 741_302;

/** The advisory flush lock `name` on the server at `url`. */
export function createAdvisoryFlushLock(url: string, name: string): FlushLock {
  let client: pg.Client | undefined;

  function drop() {
    const c = client;
    client = undefined;
    c?.end().catch(() => {});
  }

  return {
    async acquire() {
      if (client) return true;
      const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS, types: PG_TYPES, application_name: 'plein-flush-lock' });
      // The session died (server restart, terminated): the lock went with it.
      c.on('error', () => {
        if (client === c) drop();
      });
      try {
        await c.connect();
        const { rows } = await c.query<{ ok: boolean }>('select pg_try_advisory_lock($1, hashtext($2)) as ok', [LOCK_NAMESPACE, name]);
        if (rows[0]?.ok) {
          client = c;
          return true;
        }
        await c.end();
        return false;
      } catch (err) {
        c.end().catch(() => {});
        throw toUnavailable(err);
      }
    },
    async renew() {
      if (!client) return false;
      try {
        await client.query('select 1');
        return true;
      } catch {
        drop();
        return false;
      }
    },
    async release() {
      if (!client) return;
      await client.query('select pg_advisory_unlock($1, hashtext($2))', [LOCK_NAMESPACE, name]).catch(() => {});
      drop();
    },
  };
}
