// Version 4: votes in polls (peilingen) — one row per post, person and chosen option, so "one vote per person"
// is replacing that person's rows in one transaction, and counts per option are a GROUP BY.
import type { Kysely } from 'kysely';
import type { Migration } from '../types.ts';

/** The poll_votes table. */
export const peilingen: Migration = {
  version: 4,
  name: 'peilingen',
  up(db: Kysely<any>) {
    return [
      db.schema
        .createTable('poll_votes')
        .addColumn('post_id', 'text', (c) => c.notNull())
        .addColumn('person', 'text', (c) => c.notNull())
        .addColumn('option', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('poll_votes_pk', ['post_id', 'person', 'option']),
      // A person's own votes (what an AVG export or erasure must find).
      db.schema.createIndex('poll_votes_person').on('poll_votes').column('person'),
    ];
  },
};
