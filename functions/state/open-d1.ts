// Opening the state store on Cloudflare: a D1 binding, migrated on first use. Portable: this is what the
// Cloudflare host imports (never open.ts, which pulls in node:sqlite and pg).
import { createD1Context } from './d1-engine.ts';
import { migrate, readSchemaVersion } from './migrate.ts';
import { LATEST_VERSION } from './migrations/index.ts';
import { StateTooNewError } from './errors.ts';
import { assembleStateStore, type StateStore } from './store.ts';
import type { D1Like } from './types.ts';

/** Whether opening also runs pending migrations (default) or only checks the database is not too new. */
export interface OpenOptions {
  migrate?: boolean;
}

/** Opens the state store over a D1 binding. */
export async function openD1StateStore(binding: D1Like, options: OpenOptions = {}): Promise<StateStore> {
  const ctx = createD1Context(binding);
  await prepareSchema(ctx, options);
  return assembleStateStore(ctx, { close: () => ctx.db.destroy() });
}

/** Migrates, or (with migrate: false) refuses a database newer than this code. */
export async function prepareSchema(ctx: Parameters<typeof migrate>[0], options: OpenOptions): Promise<void> {
  if (options.migrate !== false) {
    await migrate(ctx);
    return;
  }
  const found = await readSchemaVersion(ctx.db).catch(() => 0);
  if (found > LATEST_VERSION) throw new StateTooNewError(found, LATEST_VERSION);
}
