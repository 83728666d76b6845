// The moderation part of the state-store contract (issue 19): reports once per colleague and item, the queue per
// group, a decision that closes the reports once even when two moderators decide at once, the log, and retention.
import { expect, it } from 'vitest';
import type { FreshDatabase } from './contract-types.ts';
import type { Engine } from './types.ts';

/** Registers the moderation contract tests inside an engine's contract `describe`. */
export function describeModerationContract(fresh: () => Promise<FreshDatabase>, engine: () => Engine) {
  it('keeps one report per colleague and item across instances; the queue per group; a decision closes them once', async () => {
    const database = await fresh();
    const a = await database.open();
    // Two instances in one process block each other's event loop on SQLite (see the sign-ups test): one there.
    const b = engine() === 'sqlite' ? a : await database.open();
    const post = { type: 'bericht', id: '01jaaaaaaaaaaaaaaaaaaaaaaa' };
    const comment = { type: 'reactie', id: '01jbbbbbbbbbbbbbbbbbbbbbbb' };
    const twice = await Promise.all([
      a.moderation.report({ target: post, person: 'bas', reason: 'spam', note: null, group: 'koffietijd' }, 10),
      b.moderation.report({ target: post, person: 'bas', reason: 'ongepast', note: null, group: 'koffietijd' }, 11),
    ]);
    expect(twice.filter((r) => r.created)).toHaveLength(1);
    expect(await a.moderation.report({ target: post, person: 'eva', reason: 'anders', note: 'Klopt niet', group: 'koffietijd' }, 12)).toEqual({ created: true, open: 2 });
    await b.moderation.report({ target: comment, person: 'bas', reason: 'persoonsgegevens', note: null, group: undefined }, 13);

    const all = await b.moderation.open();
    expect(all.map((r) => `${r.target.type}:${r.person}`)).toEqual(['bericht:bas', 'bericht:eva', 'reactie:bas']);
    expect(all[1]).toEqual({ target: post, person: 'eva', reason: 'anders', note: 'Klopt niet', group: 'koffietijd', at: 12 });
    expect((await a.moderation.open(['koffietijd'])).map((r) => r.person)).toEqual(['bas', 'eva']);
    expect(await a.moderation.open(['fietsclub'])).toEqual([]);
    expect(await a.moderation.open([])).toEqual([]);
    expect((await b.moderation.openOn(post)).map((r) => [r.person, r.group])).toEqual([['bas', 'koffietijd'], ['eva', 'koffietijd']]);
    expect(await a.moderation.mine('bas', [post, comment, { type: 'bericht', id: 'ander' }])).toEqual(new Set(['bericht:01jaaaaaaaaaaaaaaaaaaaaaaa', 'reactie:01jbbbbbbbbbbbbbbbbbbbbbbb']));

    // Two moderators at once: each reporter's report is closed (and so told) once.
    const decided = await Promise.all([a.moderation.decide(post, 'verborgen', 20), b.moderation.decide(post, 'laten-staan', 21)]);
    expect(decided.flat().sort()).toEqual(['bas', 'eva']);
    expect((await a.moderation.open()).map((r) => r.target.type)).toEqual(['reactie']);
    expect(await a.moderation.openOn(post)).toEqual([]);
    // Reporting again after the decision changes nothing; a new colleague opens the item again.
    expect(await a.moderation.report({ target: post, person: 'eva', reason: 'spam', note: null, group: 'koffietijd' }, 30)).toEqual({ created: false, open: 0 });
    expect(await a.moderation.report({ target: post, person: 'femke', reason: 'spam', note: null, group: 'koffietijd' }, 31)).toEqual({ created: true, open: 1 });
  });

  it('keeps the moderation log newest first, pages on, and prunes the log and decided reports past the retention', async () => {
    const database = await fresh();
    const store = await database.open();
    const day = 86_400_000;
    const t0 = 1_800_000_000_000;
    const post = { type: 'bericht', id: '01jccccccccccccccccccccccc' };
    const first = await store.moderation.log({ moderator: 'eva', action: 'verbergen', target: post, author: 'bas', group: null, reason: 'Persoonsgegevens' }, t0);
    const second = await store.moderation.log({ moderator: 'plein', action: 'automatisch-verbergen', target: post, author: 'bas', group: 'koffietijd', reason: null }, t0 + 40 * day);
    expect(await store.moderation.entries()).toEqual([second, first]);
    expect(first).toMatchObject({ moderator: 'eva', action: 'verbergen', target: post, author: 'bas', reason: 'Persoonsgegevens', at: t0 });
    expect(await store.moderation.entries(10, second.id)).toEqual([first]);
    await store.moderation.report({ target: post, person: 'anouk', reason: 'spam', note: null, group: undefined }, t0);
    await store.moderation.report({ target: { type: 'reactie', id: 'x' }, person: 'anouk', reason: 'spam', note: null, group: undefined }, t0);
    await store.moderation.decide(post, 'verborgen', t0 + day);
    // 30 days on from t0 + 45 days: the first log line and the decided report go; the open report and the newer line stay.
    expect(await store.moderation.prune(30, t0 + 45 * day)).toBe(2);
    expect(await store.moderation.entries()).toEqual([second]);
    expect((await store.moderation.open()).map((r) => r.target.id)).toEqual(['x']);
  });
}
