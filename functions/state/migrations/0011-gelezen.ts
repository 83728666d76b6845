// Version 11: read confirmations of must-read news (issue 17). read_confirmations: one row per news item and colleague
// who pressed "Gelezen", with the time; personal data (it names who confirmed), kept because the colleague explicitly
// confirmed, read by the editor only as a rate per department and a list of who has not confirmed yet.
import type { Kysely } from 'kysely';
import type { Migration } from '../types.ts';

/** The read_confirmations table. */
export const gelezen: Migration = {
  version: 11,
  name: 'gelezen',
  up(db: Kysely<any>) {
    return [
      db.schema
        .createTable('read_confirmations')
        .addColumn('news_id', 'text', (c) => c.notNull())
        .addColumn('person', 'text', (c) => c.notNull())
        .addColumn('confirmed_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('read_confirmations_pk', ['news_id', 'person']),
      // One's own confirmations (the banner's question on every page, an AVG export or erasure).
      db.schema.createIndex('read_confirmations_person').on('read_confirmations').column('person'),
    ];
  },
};
