// Version 13: reach figures (issue 17, "bereik"). Counters of unique readers of news items and knowledge pages,
// aggregated by construction: per day × item × department, with two roll-ups written in the same unit (per day × item
// and per day × department, so the editors' overview never sums a large table), and weekly active readers per ISO week
// × department. No table has a column that can name a colleague, a device, an address or a browser: the browser
// decides that one device counts once per item per day and once per week, the server only adds one.
import type { Kysely } from 'kysely';
import type { Migration } from '../types.ts';

/** The reach_daily, reach_item_daily, reach_department_daily and reach_weekly tables. */
export const bereik: Migration = {
  version: 13,
  name: 'bereik',
  up(db: Kysely<any>) {
    return [
      db.schema
        .createTable('reach_daily')
        .addColumn('item', 'text', (c) => c.notNull())
        .addColumn('day', 'text', (c) => c.notNull())
        .addColumn('department', 'text', (c) => c.notNull())
        .addColumn('readers', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('reach_daily_pk', ['item', 'day', 'department']),
      db.schema
        .createTable('reach_item_daily')
        .addColumn('day', 'text', (c) => c.notNull())
        .addColumn('item', 'text', (c) => c.notNull())
        .addColumn('readers', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('reach_item_daily_pk', ['day', 'item']),
      db.schema
        .createTable('reach_department_daily')
        .addColumn('day', 'text', (c) => c.notNull())
        .addColumn('department', 'text', (c) => c.notNull())
        .addColumn('readers', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('reach_department_daily_pk', ['day', 'department']),
      db.schema
        .createTable('reach_weekly')
        .addColumn('week', 'text', (c) => c.notNull())
        .addColumn('department', 'text', (c) => c.notNull())
        .addColumn('readers', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('reach_weekly_pk', ['week', 'department']),
    ];
  },
};
