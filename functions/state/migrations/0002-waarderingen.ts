// Version 2: waarderingen (reactions: 👍 ❤️ 😄 🎉 💡) on posts, comments and news — one row per person, target and
// kind, so "one of each per person" is the primary key and a repeated "on" changes nothing.
import type { Kysely } from 'kysely';
import type { Migration } from '../types.ts';

/** The waarderingen table. */
export const waarderingen: Migration = {
  version: 2,
  name: 'waarderingen',
  up(db: Kysely<any>) {
    return [
      db.schema
        .createTable('appreciations')
        .addColumn('target_type', 'text', (c) => c.notNull())
        .addColumn('target_id', 'text', (c) => c.notNull())
        .addColumn('person', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('appreciations_pk', ['target_type', 'target_id', 'person', 'kind']),
      // A person's own (their "mine" on a page, and what an AVG export or erasure must find).
      db.schema.createIndex('appreciations_person').on('appreciations').column('person'),
    ];
  },
};
