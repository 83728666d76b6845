// Version 7: following and notifications (issue 14). follows: one row per colleague and followed thing, `state` 1
// (follows) or 0 (explicitly stopped, which beats a default such as a group's members following it); notifications:
// one row per colleague and event (`source` makes writing it again a no-op, so a restarted worker notifies nobody
// twice), with the channels chosen when it was written; notification_prefs: a colleague's choices as JSON.
import type { Kysely } from 'kysely';
import type { Migration } from '../types.ts';

/** The follows, notifications and notification_prefs tables. */
export const meldingen: Migration = {
  version: 7,
  name: 'meldingen',
  up(db: Kysely<any>) {
    return [
      db.schema
        .createTable('follows')
        .addColumn('person', 'text', (c) => c.notNull())
        .addColumn('target_type', 'text', (c) => c.notNull())
        .addColumn('target_id', 'text', (c) => c.notNull())
        .addColumn('state', 'integer', (c) => c.notNull())
        .addColumn('auto', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('follows_pk', ['person', 'target_type', 'target_id']),
      // Who follows a thing (the fan-out's question).
      db.schema.createIndex('follows_target').on('follows').columns(['target_type', 'target_id', 'state']),
      db.schema
        .createTable('notifications')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('person', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('actor', 'text')
        .addColumn('target_type', 'text', (c) => c.notNull())
        .addColumn('target_id', 'text', (c) => c.notNull())
        .addColumn('title', 'text')
        .addColumn('text', 'text')
        .addColumn('url', 'text', (c) => c.notNull())
        .addColumn('group_key', 'text', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('read_at', 'bigint')
        .addColumn('in_app', 'integer', (c) => c.notNull())
        .addColumn('email', 'integer', (c) => c.notNull())
        .addColumn('push', 'integer', (c) => c.notNull())
        .addColumn('mailed_at', 'bigint')
        .addColumn('pushed_at', 'bigint'),
      db.schema.createIndex('notifications_source').on('notifications').columns(['person', 'source']).unique(),
      db.schema.createIndex('notifications_inbox').on('notifications').columns(['person', 'in_app', 'created_at']),
      db.schema.createIndex('notifications_unread').on('notifications').columns(['person', 'in_app', 'read_at']),
      db.schema
        .createTable('notification_prefs')
        .addColumn('person', 'text', (c) => c.primaryKey())
        .addColumn('settings', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull()),
    ];
  },
};
