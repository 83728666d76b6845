// Opening the state store in the Node host: from the environment (SQLite file by default, PostgreSQL when
// PLEIN_DATABASE_URL is set) or from a D1 binding. Migrates at open unless told not to. Node-only: the Cloudflare
// host imports open-d1.ts instead.
import { hostname } from 'node:os';
import { readStateConfig } from './config.ts';
import { openD1StateStore, prepareSchema, type OpenOptions } from './open-d1.ts';
import { createAdvisoryFlushLock } from './pg-advisory-lock.ts';
import { openPostgresContext } from './postgres-engine.ts';
import { openSqliteContext } from './sqlite-engine.ts';
import { createLeaseLock } from './lease.ts';
import { assembleStateStore, DEFAULT_LEASE_MS, type StateStore } from './store.ts';
import type { D1Like } from './types.ts';

/** The process environment (or a test's), or a D1 binding. */
export type StateSource = Record<string, string | undefined> | { d1: D1Like };

function isD1(source: StateSource): source is { d1: D1Like } {
  return typeof (source as { d1?: unknown }).d1 === 'object' && (source as { d1?: unknown }).d1 !== null;
}

/** Whether a lease holder named `<host>/<pid>/…` is a process of this machine that no longer runs. */
export function isDeadLocalProcess(holder: string): boolean {
  const [host, pid] = holder.split('/');
  if (host !== hostname() || !/^\d+$/.test(pid ?? '')) return false;
  try {
    process.kill(Number(pid), 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/**
 * Opens, migrates and gives the state store; throws StateConfigError, StateTooNewError or StateUnavailableError.
 * `sqliteThread`: SQLite's connection in a worker thread of its own (the Node server, so a commit's fsync does not hold
 * up its requests); tools and tests keep it on their own thread.
 */
export async function openStateStore(source: StateSource, options: OpenOptions & { sqliteThread?: boolean } = {}): Promise<StateStore> {
  if (isD1(source)) return openD1StateStore(source.d1, options);
  const config = readStateConfig(source);
  if (config.engine === 'sqlite') {
    const ctx = openSqliteContext(config.file, { thread: options.sqliteThread });
    const store = assembleStateStore(ctx, {
      close: async () => {
        await ctx.closeRead?.();
        await ctx.db.destroy();
      },
      // One SQLite file means one machine: a lease holder is named by host and process, and a dead process's
      // lease is taken over at once (a server restarted after a crash flushes without waiting for the lease).
      flushLock: (name, holder, leaseMs = DEFAULT_LEASE_MS) => createLeaseLock(ctx, name, `${hostname()}/${process.pid}/${holder}`, leaseMs, Date.now, isDeadLocalProcess),
    });
    await prepareSchema(ctx, options).catch(async (err) => Promise.reject(await store.close().then(() => err)));
    return store;
  }
  const ctx = openPostgresContext(config.url, config.poolMax);
  const locks: ReturnType<typeof createAdvisoryFlushLock>[] = [];
  const store = assembleStateStore(ctx, {
    close: async () => {
      await Promise.all(locks.map((l) => l.release()));
      await ctx.db.destroy();
    },
    flushLock: (name) => {
      const lock = createAdvisoryFlushLock(config.url, name);
      locks.push(lock);
      return lock;
    },
  });
  await prepareSchema(ctx, options).catch(async (err) => Promise.reject(await store.close().then(() => err)));
  return store;
}
