// Opening the state store in the Node host: from the environment (SQLite file by default, PostgreSQL when
// PLEIN_DATABASE_URL is set) or from a D1 binding. Migrates at open unless told not to. Node-only: the Cloudflare
// host imports open-d1.ts instead.
import { readStateConfig } from './config.ts';
import { openD1StateStore, prepareSchema, type OpenOptions } from './open-d1.ts';
import { createAdvisoryFlushLock } from './pg-advisory-lock.ts';
import { openPostgresContext } from './postgres-engine.ts';
import { openSqliteContext } from './sqlite-engine.ts';
import { assembleStateStore, type StateStore } from './store.ts';
import type { D1Like } from './types.ts';

/** The process environment (or a test's), or a D1 binding. */
export type StateSource = Record<string, string | undefined> | { d1: D1Like };

function isD1(source: StateSource): source is { d1: D1Like } {
  return typeof (source as { d1?: unknown }).d1 === 'object' && (source as { d1?: unknown }).d1 !== null;
}

/** Opens, migrates and gives the state store; throws StateConfigError, StateTooNewError or StateUnavailableError. */
export async function openStateStore(source: StateSource, options: OpenOptions = {}): Promise<StateStore> {
  if (isD1(source)) return openD1StateStore(source.d1, options);
  const config = readStateConfig(source);
  if (config.engine === 'sqlite') {
    const ctx = openSqliteContext(config.file);
    const store = assembleStateStore(ctx, { close: () => ctx.db.destroy() });
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
