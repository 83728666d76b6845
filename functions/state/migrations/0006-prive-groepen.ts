// Version 6: private groups and group proposals (issue 16, item 5). A private group — the group itself, its posts,
// comments and photos — lives only here, never in git, the build or the search index; its members are
// group_members rows like any group's, now with a moderator flag and the status 'uitgenodigd' (invited). A
// colleague's proposal for a new group waits here until an editor decides.
import type { Kysely } from 'kysely';
import type { Migration } from '../types.ts';

/** The private-group tables, the proposals, and group_members.moderator. */
export const priveGroepen: Migration = {
  version: 6,
  name: 'prive-groepen',
  up(db: Kysely<any>) {
    return [
      db.schema
        .createTable('group_proposals')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('proposer', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('motivation', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('decided_by', 'text')
        .addColumn('decided_at', 'bigint')
        .addColumn('reason', 'text')
        .addColumn('group_id', 'text'),
      db.schema.createIndex('group_proposals_status').on('group_proposals').columns(['status', 'created_at']),
      db.schema.createIndex('group_proposals_proposer').on('group_proposals').column('proposer'),
      db.schema
        .createTable('private_groups')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull()),
      db.schema
        .createTable('private_posts')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('group_id', 'text', (c) => c.notNull())
        .addColumn('author', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull()),
      db.schema.createIndex('private_posts_group').on('private_posts').columns(['group_id', 'created_at']),
      db.schema.createIndex('private_posts_author').on('private_posts').column('author'),
      db.schema
        .createTable('private_comments')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('post_id', 'text', (c) => c.notNull())
        .addColumn('group_id', 'text', (c) => c.notNull())
        .addColumn('author', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull()),
      db.schema.createIndex('private_comments_post').on('private_comments').columns(['post_id', 'created_at']),
      db.schema.createIndex('private_comments_author').on('private_comments').column('author'),
      // Photos as base64 text: one column type that SQLite, PostgreSQL and D1 store and return alike.
      db.schema
        .createTable('private_photos')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('post_id', 'text', (c) => c.notNull())
        .addColumn('group_id', 'text', (c) => c.notNull())
        .addColumn('extension', 'text', (c) => c.notNull())
        .addColumn('width', 'integer', (c) => c.notNull())
        .addColumn('height', 'integer', (c) => c.notNull())
        .addColumn('alt', 'text', (c) => c.notNull())
        .addColumn('data', 'text', (c) => c.notNull()),
      db.schema.createIndex('private_photos_post').on('private_photos').column('post_id'),
      db.schema.alterTable('group_members').addColumn('moderator', 'integer', (c) => c.notNull().defaultTo(0)),
    ];
  },
};
