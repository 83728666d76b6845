// Version 9: web push (issue 14). push_subscriptions: one row per browser subscription (its endpoint is the key: a
// browser that subscribes again replaces its keys), with the colleague it belongs to; the keys are the browser's public
// key and auth secret (RFC 8291), needed to encrypt a message for it. A subscription the push service answers 404 or
// 410 for is deleted. An index lets the push sender find the notifications that still wait for their push.
import type { Kysely } from 'kysely';
import type { Migration } from '../types.ts';

/** The push_subscriptions table, and the index of notifications waiting for a push. */
export const push: Migration = {
  version: 9,
  name: 'push',
  up(db: Kysely<any>) {
    return [
      db.schema
        .createTable('push_subscriptions')
        .addColumn('endpoint', 'text', (c) => c.primaryKey())
        .addColumn('person', 'text', (c) => c.notNull())
        .addColumn('p256dh', 'text', (c) => c.notNull())
        .addColumn('auth', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('failures', 'integer', (c) => c.notNull())
        .addColumn('last_success_at', 'bigint'),
      db.schema.createIndex('push_subscriptions_person').on('push_subscriptions').column('person'),
      db.schema.createIndex('notifications_push').on('notifications').columns(['push', 'pushed_at', 'person']),
    ];
  },
};
