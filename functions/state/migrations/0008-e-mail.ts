// Version 8: e-mail (issue 14). mail_queue: one row per mail, written before it is sent and kept when sending fails
// (attempts, next_attempt_at: retried with back-off, never dropped); its message_id is made once, so every retry is
// the same message. A digest's row id names the colleague and the period, so a period's digest is queued once. The
// recipient's address is not stored: the sender looks it up in the people directory when it sends. An index lets the
// mail planner find the notifications that still wait for their mail.
import type { Kysely } from 'kysely';
import type { Migration } from '../types.ts';

/** The mail_queue table, and the index of notifications waiting for a mail. */
export const eMail: Migration = {
  version: 8,
  name: 'e-mail',
  up(db: Kysely<any>) {
    return [
      db.schema
        .createTable('mail_queue')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('person', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('message_id', 'text', (c) => c.notNull())
        .addColumn('subject', 'text', (c) => c.notNull())
        .addColumn('html', 'text', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('headers', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull())
        .addColumn('next_attempt_at', 'bigint', (c) => c.notNull())
        .addColumn('sent_at', 'bigint')
        .addColumn('last_error', 'text'),
      // What is due (sent_at null, next_attempt_at passed), and a colleague's last immediate mail (the 15 minutes).
      db.schema.createIndex('mail_queue_due').on('mail_queue').columns(['sent_at', 'next_attempt_at']),
      db.schema.createIndex('mail_queue_person').on('mail_queue').columns(['person', 'kind', 'created_at']),
      db.schema.createIndex('notifications_mail').on('notifications').columns(['email', 'mailed_at', 'person']),
    ];
  },
};
