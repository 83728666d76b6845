// Version 1: the outbox with its cursor and lease, session revocations, rate-limit counters and Idempotency-Key
// answers. Written with the schema builder only, so one migration serves SQLite, PostgreSQL and D1.
import type { Kysely } from 'kysely';
import type { Engine, Migration } from '../types.ts';

/** The first schema. */
export const initial: Migration = {
  version: 1,
  name: 'initial',
  up(db: Kysely<any>, engine: Engine) {
    // PostgreSQL has no AUTOINCREMENT keyword; an identity column gives the same monotonic order.
    const outbox = db.schema
      .createTable('outbox')
      .addColumn('seq', engine === 'postgres' ? 'bigint' : 'integer', (c) =>
        engine === 'postgres' ? c.primaryKey().generatedAlwaysAsIdentity() : c.primaryKey().autoIncrement(),
      )
      .addColumn('id', 'text', (c) => c.notNull().unique())
      .addColumn('acknowledged_at', 'bigint', (c) => c.notNull())
      .addColumn('change', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull().defaultTo('pending'))
      .addColumn('commit_sha', 'text')
      .addColumn('committed_at', 'bigint');
    return [
      outbox,
      db.schema.createIndex('outbox_state_seq').on('outbox').columns(['state', 'seq']),
      db.schema
        .createTable('outbox_cursor')
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('seq', 'bigint', (c) => c.notNull())
        .addColumn('commit_sha', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull()),
      db.schema
        .createTable('outbox_lease')
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('holder', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull()),
      db.schema
        .createTable('session_revocations')
        .addColumn('session_id', 'text', (c) => c.primaryKey())
        .addColumn('expires_at', 'bigint', (c) => c.notNull()),
      db.schema.createIndex('session_revocations_expires').on('session_revocations').column('expires_at'),
      db.schema
        .createTable('rate_limit_hits')
        .addColumn('person', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('window_start', 'bigint', (c) => c.notNull())
        .addColumn('count', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('rate_limit_hits_pk', ['person', 'action', 'window_start']),
      db.schema.createIndex('rate_limit_hits_window').on('rate_limit_hits').column('window_start'),
      db.schema
        .createTable('idempotency')
        .addColumn('hash', 'text', (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('answer', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull()),
      db.schema.createIndex('idempotency_created').on('idempotency').column('created_at'),
    ];
  },
};
