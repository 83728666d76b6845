// Version 5: group memberships — one row per group and colleague, a member ('lid') or asking to be one
// ('aangevraagd', in a group where a moderator lets colleagues in).
import type { Kysely } from 'kysely';
import type { Migration } from '../types.ts';

/** The group_members table. */
export const groepsleden: Migration = {
  version: 5,
  name: 'groepsleden',
  up(db: Kysely<any>) {
    return [
      db.schema
        .createTable('group_members')
        .addColumn('group_id', 'text', (c) => c.notNull())
        .addColumn('person', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('decided_by', 'text')
        .addPrimaryKeyConstraint('group_members_pk', ['group_id', 'person']),
      // A colleague's groups ("Mijn groepen"), and what an AVG export or erasure must find.
      db.schema.createIndex('group_members_person').on('group_members').column('person'),
    ];
  },
};
