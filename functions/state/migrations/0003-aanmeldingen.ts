// Version 3: sign-ups for agenda items (aanmeldingen) — one row per event and person, with a status (confirmed or
// waiting) that is decided when the row is written and only ever moves from waiting to confirmed.
import type { Kysely } from 'kysely';
import type { Migration } from '../types.ts';

/** The aanmeldingen table. */
export const aanmeldingen: Migration = {
  version: 3,
  name: 'aanmeldingen',
  up(db: Kysely<any>) {
    return [
      db.schema
        .createTable('signups')
        .addColumn('event_id', 'text', (c) => c.notNull())
        .addColumn('person', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('answer', 'text')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('signups_pk', ['event_id', 'person']),
      // The waiting list in order (who moves up first), and the counts per status.
      db.schema.createIndex('signups_queue').on('signups').columns(['event_id', 'status', 'created_at', 'person']),
      // A person's own (their sign-ups on "Voor jou", and what an AVG export or erasure must find).
      db.schema.createIndex('signups_person').on('signups').column('person'),
    ];
  },
};
