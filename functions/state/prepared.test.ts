// prepare() (prepared.ts): the query it makes is the one Kysely builds for the same values, on SQLite's and
// PostgreSQL's dialects (numbered placeholders), with a value used twice; a name that is no parameter is refused.
import { DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler, SqliteAdapter, SqliteIntrospector, SqliteQueryCompiler } from 'kysely';
import { describe, expect, it } from 'vitest';
import { prepare } from './prepared.ts';
import type { Database } from './schema.ts';

const dialects = {
  sqlite: new Kysely<Database>({ dialect: { createAdapter: () => new SqliteAdapter(), createDriver: () => new DummyDriver(), createIntrospector: (db) => new SqliteIntrospector(db), createQueryCompiler: () => new SqliteQueryCompiler() } }),
  postgres: new Kysely<Database>({ dialect: { createAdapter: () => new PostgresAdapter(), createDriver: () => new DummyDriver(), createIntrospector: (db) => new PostgresIntrospector(db), createQueryCompiler: () => new PostgresQueryCompiler() } }),
};

describe('prepare', () => {
  for (const [name, db] of Object.entries(dialects)) {
    it(`makes the query Kysely builds, with the values in their places (${name})`, () => {
      const build = (v: { item: string; day: string; n: number }) =>
        db
          .insertInto('reach_item_daily')
          .values({ item: v.item, day: v.day, readers: v.n })
          .onConflict((oc) => oc.columns(['day', 'item']).doUpdateSet((eb) => ({ readers: eb('reach_item_daily.readers', '+', v.n) })));
      const prepared = prepare(['item', 'day', 'n'], build);
      for (const values of [{ item: 'nieuws:a', day: '2026-12-01', n: 3 }, { item: 'kennis:b', day: '2026-12-02', n: 1 }]) {
        const made = prepared(values).compile();
        const direct = build(values).compile();
        expect({ sql: made.sql, parameters: made.parameters }).toEqual({ sql: direct.sql, parameters: direct.parameters });
      }
      // A constant built into the query stays; a value that is not a parameter is refused at once.
      const withConstant = prepare(['id'], (v) => db.selectFrom('appreciations').select('kind').where('target_type', '=', 'bericht').where('target_id', '=', v.id));
      expect(withConstant({ id: 'x1' }).compile().parameters).toEqual(['bericht', 'x1']);
      expect(() => prepare(['id', 'unused'], (v) => db.selectFrom('appreciations').select('kind').where('target_id', '=', v.id))).toThrow(/unused/);
    });
  }
});
