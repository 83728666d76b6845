// Version 12: "de klad erin" (issue 17). search_terms and search_clicks hold what colleagues searched for and which
// knowledge page they opened from the results, aggregated by construction: a count per term × ISO week (× page), and no
// column that could name a colleague or a device (the browser decides that one device counts a term once a week).
// nudges holds the recurring "vraag van de week" posts an editor schedules: the text, the weekday and time
// (Europe/Amsterdam), on or off, the editor it is posted under, and the last occurrence posted (so each occurrence is
// posted once, also across restarts).
import type { Kysely } from 'kysely';
import type { Migration } from '../types.ts';

/** The search_terms, search_clicks and nudges tables. */
export const kladErin: Migration = {
  version: 12,
  name: 'klad-erin',
  up(db: Kysely<any>) {
    return [
      db.schema
        .createTable('search_terms')
        .addColumn('week', 'text', (c) => c.notNull())
        .addColumn('term', 'text', (c) => c.notNull())
        .addColumn('searches', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('search_terms_pk', ['week', 'term']),
      db.schema
        .createTable('search_clicks')
        .addColumn('week', 'text', (c) => c.notNull())
        .addColumn('term', 'text', (c) => c.notNull())
        .addColumn('page', 'text', (c) => c.notNull())
        .addColumn('clicks', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('search_clicks_pk', ['week', 'term', 'page']),
      db.schema
        .createTable('nudges')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('weekday', 'integer', (c) => c.notNull())
        .addColumn('time', 'text', (c) => c.notNull())
        .addColumn('enabled', 'integer', (c) => c.notNull())
        .addColumn('author_id', 'text', (c) => c.notNull())
        .addColumn('author_name', 'text', (c) => c.notNull())
        .addColumn('author_email', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addColumn('last_slot', 'bigint'),
      db.schema.createIndex('nudges_author').on('nudges').column('author_id'),
    ];
  },
};
