// The retention part of the state-store contract (issue 19): the retention job's rules count (dry run) and delete the
// same rows on every engine — by term, a private post's comments with it, and the rows about removed items in chunks
// D1 can bind.
import { expect, it } from 'vitest';
import { RETENTION_DEFAULTS } from '../../src/schemas/settings.ts';
import { pruneState, stateRules } from '../retention/state.ts';
import type { FreshDatabase } from './contract-types.ts';

/** Registers the retention contract test inside an engine's contract `describe`. */
export function describeRetentionContract(fresh: () => Promise<FreshDatabase>) {
  it('prunes rows past their term and the rows of removed items; a dry run counts the same and deletes nothing', async () => {
    const store = await (await fresh()).open();
    const now = new Date('2026-12-06T12:00:00Z');
    const old = Date.parse('2024-01-01T00:00:00Z');
    const young = Date.parse('2026-11-01T00:00:00Z');
    const log = (id: string, at: number) => ({ id, at, moderator: 'mo', action: 'verbergen', target_type: 'bericht', target_id: 'x', author: 'ada', group_id: null, reason: null });
    await store.db.insertInto('moderation_log').values([log('oud', old), log('jong', young)]).execute();
    await store.db.insertInto('reach_weekly').values([{ week: '2025-01-06', department: 'hr', readers: 5 }, { week: '2026-11-02', department: 'hr', readers: 6 }]).execute();
    await store.db.insertInto('private_posts').values([{ id: 'p-oud', group_id: 'g', author: 'ada', body: 'oud', created_at: old }, { id: 'p-jong', group_id: 'g', author: 'ada', body: 'jong', created_at: young }]).execute();
    await store.db.insertInto('private_comments').values([{ id: 'c1', post_id: 'p-oud', group_id: 'g', author: 'bo', body: 'jong', created_at: young }, { id: 'c2', post_id: 'p-jong', group_id: 'g', author: 'bo', body: 'jong', created_at: young }]).execute();
    // 95 removed posts: more than one statement's worth of ids on D1.
    const removed = Array.from({ length: 95 }, (_, i) => `01kpost${String(i).padStart(19, '0')}`);
    const rows = [...removed, 'blijft'].map((id) => ({ target_type: 'bericht', target_id: id, person: 'bo', kind: 'duim', created_at: young }));
    for (let i = 0; i < rows.length; i += 15) await store.db.insertInto('appreciations').values(rows.slice(i, i + 15)).execute();
    await store.db.insertInto('poll_votes').values([{ post_id: removed[94], person: 'bo', option: 0, created_at: young }]).execute();

    const rules = stateRules(RETENTION_DEFAULTS, now, { posts: removed, comments: [] });
    const total = (rows: Record<string, number>) => Object.values(rows).reduce((a, b) => a + b, 0);
    const dry = await pruneState(store.db, rules, true);
    expect(dry).toMatchObject({ moderation_log: 1, reach_weekly: 1, private_posts: 1, 'private_comments (onder oud bericht)': 1, appreciations: 95, poll_votes: 1 });
    expect(Number((await store.db.selectFrom('appreciations').select((e) => e.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)).toBe(96);

    const done = await pruneState(store.db, rules, false);
    expect(done).toEqual(dry);
    expect(total(done)).toBe(100);
    expect((await store.db.selectFrom('moderation_log').select('id').execute()).map((r) => r.id)).toEqual(['jong']);
    expect((await store.db.selectFrom('private_comments').select('id').execute()).map((r) => r.id)).toEqual(['c2']);
    expect((await store.db.selectFrom('appreciations').select('target_id').execute()).map((r) => r.target_id)).toEqual(['blijft']);
    expect(total(await pruneState(store.db, rules, false))).toBe(0);
  });
}
