// Brings a database to the newest schema this code knows, at start and by `npm run db:migrate`. Each migration
// and its schema_version row commit together (a transaction; one batch() on D1), and a database migrated by a
// newer Plein is refused rather than written with rows this code does not understand.
import { sql, type Kysely } from 'kysely';
import { StateTooNewError, toUnavailable } from './errors.ts';
import { LATEST_VERSION, MIGRATIONS } from './migrations/index.ts';
import type { Database } from './schema.ts';
import type { Migration, StateContext } from './types.ts';

/** The advisory-lock key two PostgreSQL servers starting at once queue on (any fixed number unique to Plein). */
export const MIGRATION_LOCK_KEY = 741_302_001;

/** What a migration run did. */
export interface MigrateResult {
  from: number;
  to: number;
}

function createVersionTable(db: Kysely<any>) {
  return db.schema
    .createTable('schema_version')
    .ifNotExists()
    .addColumn('version', 'integer', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('applied_at', 'bigint', (c) => c.notNull());
}

/** The highest schema version recorded in the database (0 for a new one). */
export async function readSchemaVersion(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom('schema_version').select((eb) => eb.fn.max('version').as('v')).executeTakeFirst();
  return Number(row?.v ?? 0);
}

function pendingAfter(version: number): Migration[] {
  if (version > LATEST_VERSION) throw new StateTooNewError(version, LATEST_VERSION);
  return MIGRATIONS.filter((m) => m.version > version);
}

function versionRow(db: Kysely<Database>, m: Migration) {
  return db.insertInto('schema_version').values({ version: m.version, name: m.name, applied_at: Date.now() });
}

/** D1: no interactive transactions, so each migration is one atomic batch; a lost race is seen on re-reading. */
async function migrateD1(ctx: StateContext, from: number): Promise<void> {
  for (const m of pendingAfter(from)) {
    try {
      await ctx.batch([...m.up(ctx.db, ctx.engine), versionRow(ctx.db, m)]);
    } catch (err) {
      // Another worker applied it at the same moment (its tables exist, its version row too): that is fine.
      if ((await readSchemaVersion(ctx.db)) < m.version) throw err;
    }
  }
}

/** Runs the pending migrations; throws StateTooNewError on a database newer than this code. */
export async function migrate(ctx: StateContext): Promise<MigrateResult> {
  const { db, engine } = ctx;
  try {
    if (engine === 'd1') {
      await createVersionTable(db).execute();
      const from = await readSchemaVersion(db);
      await migrateD1(ctx, from);
      return { from, to: await readSchemaVersion(db) };
    }
    return await db.transaction().execute(async (trx) => {
      // Two PostgreSQL servers starting at once: the second waits here, then finds nothing left to do.
      if (engine === 'postgres') await sql`select pg_advisory_xact_lock(${MIGRATION_LOCK_KEY})`.execute(trx);
      await createVersionTable(trx).execute();
      const from = await readSchemaVersion(trx);
      for (const m of pendingAfter(from)) {
        for (const query of m.up(trx, engine)) await trx.executeQuery(query.compile());
        await versionRow(trx, m).execute();
      }
      return { from, to: Math.max(from, LATEST_VERSION) };
    });
  } catch (err) {
    throw toUnavailable(err);
  }
}
