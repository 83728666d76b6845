// Version 10: moderation (issue 19) — reports of posts and comments ("Melden", one row per item and reporter, so a
// second report by the same colleague changes nothing) and the moderation log (every hide, unhide, keep and delete
// by a moderator, with who, when and why). Both hold personal data: reports.person, moderation_log.moderator and
// moderation_log.author must be covered by erasure and export.
import type { Kysely } from 'kysely';
import type { Migration } from '../types.ts';

/** The reports and moderation_log tables. */
export const moderatie: Migration = {
  version: 10,
  name: 'moderatie',
  up(db: Kysely<any>) {
    return [
      db.schema
        .createTable('reports')
        .addColumn('target_type', 'text', (c) => c.notNull())
        .addColumn('target_id', 'text', (c) => c.notNull())
        .addColumn('person', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('note', 'text')
        .addColumn('group_id', 'text')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('outcome', 'text')
        .addColumn('decided_at', 'bigint')
        .addPrimaryKeyConstraint('reports_pk', ['target_type', 'target_id', 'person']),
      // A colleague's own reports (what an AVG export or erasure must find).
      db.schema.createIndex('reports_person').on('reports').column('person'),
      // The queue: open reports (outcome null) by group.
      db.schema.createIndex('reports_open').on('reports').columns(['outcome', 'group_id']),
      db.schema
        .createTable('moderation_log')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('at', 'bigint', (c) => c.notNull())
        .addColumn('moderator', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('target_type', 'text', (c) => c.notNull())
        .addColumn('target_id', 'text', (c) => c.notNull())
        .addColumn('author', 'text')
        .addColumn('group_id', 'text')
        .addColumn('reason', 'text'),
      db.schema.createIndex('moderation_log_at').on('moderation_log').column('at'),
      db.schema.createIndex('moderation_log_moderator').on('moderation_log').column('moderator'),
      db.schema.createIndex('moderation_log_author').on('moderation_log').column('author'),
    ];
  },
};
