// The state-store contract: what every engine (SQLite, PostgreSQL, D1) must show, run by each engine's test file
// against fresh databases. "Two servers" are two store instances opened on one database.
export type { EngineUnderTest, FreshDatabase } from './contract-types.ts';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChangeSet } from '../store/types.ts';
import { describeModerationContract } from './contract-moderation.ts';
import { describeRetentionContract } from './contract-retention.ts';
import { describeReachContract } from './contract-reach.ts';
import { describeReadConfirmationsContract } from './contract-read-confirmations.ts';
import { describeUsageContract } from './contract-usage.ts';
import { StateTooNewError } from './errors.ts';
import { IDEMPOTENCY_TTL_MS } from './idempotency.ts';
import { LATEST_VERSION } from './migrations/index.ts';
import type { EngineUnderTest, FreshDatabase } from './contract-types.ts';
import type { StateStore } from './store.ts';

const author = { name: 'Anouk de Vries', email: 'anouk.devries@wadvoort.nl' };
const change = (n: number): ChangeSet => ({
  writes: [{ path: `content/berichten/2026/11/${n}.md`, content: `bericht ${n}\n` }, { path: `public/foto/${n}.webp`, content: new Uint8Array([0, 255, n % 256]) }],
  message: `bericht ${n}`,
  author,
  trailers: [`Plein-Request: r${n}`],
});
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Registers the contract tests; `setup` is called lazily (after the test file's beforeAll started the engine).
 * `leases`: the engine's flush lock is a lease with an expiry (SQLite, D1).
 */
export function describeStateContract(name: string, setup: () => EngineUnderTest, options: { leases: boolean }) {
  describe(`state store contract: ${name}`, () => {
    const opened: StateStore[] = [];
    async function fresh(): Promise<FreshDatabase> {
      const database = await setup().freshDatabase();
      return { open: async (options) => { const store = await database.open(options); opened.push(store); return store; } };
    }
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((s) => s.close().catch(() => {})));
    });

    it('migrates once (opening again changes nothing) and refuses a database newer than the code', async () => {
      const database = await fresh();
      const first = await database.open();
      await database.open();
      const versions = await first.db.selectFrom('schema_version').select('version').orderBy('version').execute();
      expect(versions.map((v) => v.version)).toEqual(Array.from({ length: LATEST_VERSION }, (_, i) => i + 1));
      await first.db.insertInto('schema_version').values({ version: LATEST_VERSION + 1, name: 'uit-de-toekomst', applied_at: Date.now() }).execute();
      for (const options of [{}, { migrate: false }]) {
        const refused = await database.open(options).then(() => undefined, (err: unknown) => err);
        expect(refused).toBeInstanceOf(StateTooNewError);
        expect(String(refused)).toMatch(/schemaversie .*Plein.*schema version/s);
      }
    });

    it('keeps concurrent appends in order, loses none, and round-trips binary content', async () => {
      const store = await (await fresh()).open();
      const entries = (await Promise.all(Array.from({ length: 120 }, (_, i) => store.outbox.append([change(i)])))).flat();
      const seqs = entries.map((e) => e.seq);
      // Grouped appends keep the order of the calls; on D1 each request appends on its own (no order among
      // concurrent requests), and what counts is that the outbox hands them out in acknowledgement order.
      if (setup().engine !== 'd1') expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
      expect(new Set(entries.map((e) => e.id)).size).toBe(120);
      const pending = await store.outbox.pending(500);
      expect(pending.map((e) => e.id)).toEqual([...entries].sort((a, b) => a.seq - b.seq).map((e) => e.id));
      const seventh = pending.find((e) => e.id === entries[7].id)!;
      expect(seventh.change).toEqual(change(7));
      expect(seventh.change.writes[1].content).toBeInstanceOf(Uint8Array);
    });

    it('marks changes committed and moves the durable cursor with them, never backwards', async () => {
      const database = await fresh();
      const store = await database.open();
      expect(await store.outbox.readCursor()).toBeUndefined();
      const entries = await store.outbox.append(Array.from({ length: 130 }, (_, i) => change(i)));
      await store.outbox.markCommitted(entries.slice(0, 100).map((e) => e.id), 'a'.repeat(40));
      expect((await store.outbox.pending(500)).map((e) => e.id)).toEqual(entries.slice(100).map((e) => e.id));
      expect(await store.outbox.readCursor()).toMatchObject({ seq: entries[99].seq, commitSha: 'a'.repeat(40) });
      await store.outbox.markCommitted([entries[129].id], 'b'.repeat(40));
      await store.outbox.markCommitted([entries[100].id], 'c'.repeat(40));
      // Another instance sees the same cursor: the notification worker reads it from anywhere.
      expect(await (await database.open()).outbox.readCursor()).toMatchObject({ seq: entries[129].seq, commitSha: 'b'.repeat(40) });
      expect(await store.outbox.pruneCommitted(Date.now() + 1)).toBe(102);
    });

    it('lets exactly one instance hold the flush lock, and another take it once released', async () => {
      const database = await fresh();
      const [a, b] = [await database.open(), await database.open()];
      const lockA = a.flushLock('outbox', 'server-a');
      const lockB = b.flushLock('outbox', 'server-b');
      const won = await Promise.all([lockA.acquire(), lockB.acquire()]);
      expect(won.filter(Boolean)).toHaveLength(1);
      const [holder, other] = won[0] ? [lockA, lockB] : [lockB, lockA];
      expect(await holder.renew()).toBe(true);
      expect(await other.acquire()).toBe(false);
      await holder.release();
      expect(await other.acquire()).toBe(true);
      await other.release();
    });

    // PostgreSQL has no lease to expire: its advisory lock goes with the holder's session (tested in its own file).
    if (options.leases) {
      it('hands an expired lease to the next instance', async () => {
        const database = await fresh();
        const [a, b] = [await database.open(), await database.open()];
        // A lease long enough that a busy machine (load 10 during a test run once) does not expire it between two calls.
        expect(await a.flushLock('outbox', 'server-a', 500).acquire()).toBe(true);
        expect(await b.flushLock('outbox', 'server-b', 500).acquire()).toBe(false);
        await sleep(550);
        expect(await b.flushLock('outbox', 'server-b', 500).acquire()).toBe(true);
        expect(await a.flushLock('outbox', 'server-a', 500).renew()).toBe(false);
      });
    }

    it('sees a logout at once on the next check (with the SQLite worker: the check reads on a connection of its own)', async () => {
      const store = await (await fresh()).open();
      for (let i = 0; i < 20; i++) {
        expect(await store.revocations.isRevoked(`sessie-${i}`)).toBe(false);
        await store.revocations.revoke(`sessie-${i}`, Date.now() + 60_000);
        expect(await store.revocations.isRevoked(`sessie-${i}`)).toBe(true);
      }
      await store.close();
    });

    it('keeps a revocation across reopening, until the session would have expired', async () => {
      const database = await fresh();
      const first = await database.open();
      await first.revocations.revoke('sessie-1', Date.now() + 60_000);
      await first.revocations.revoke('sessie-oud', Date.now() - 1);
      await first.close();
      const again = await database.open();
      expect(await again.revocations.isRevoked('sessie-1')).toBe(true);
      expect(await again.revocations.isRevoked('sessie-2')).toBe(false);
      expect(await again.revocations.isRevoked('sessie-oud')).toBe(false);
      expect(await again.revocations.prune()).toBe(1);
    });

    it('counts rate-limit hits across two instances on one database, per window', async () => {
      const database = await fresh();
      const [a, b] = [await database.open(), await database.open()];
      const now = 1_800_000_000_000;
      const counts = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).rateLimits.hit('anouk', 'post', 60_000, now)));
      expect([...counts].sort((x, y) => x - y)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
      // Concurrent hits on one instance (grouped into one transaction on SQLite): each still gets a count of its own.
      const grouped = await Promise.all(Array.from({ length: 30 }, (_, i) => a.rateLimits.hit(i % 3 ? 'bas' : 'anouk', 'like', 60_000, now)));
      expect(grouped.filter((_, i) => i % 3 === 0).sort((x, y) => x - y)).toEqual(Array.from({ length: 10 }, (_, i) => i + 1));
      expect(grouped.filter((_, i) => i % 3 !== 0).sort((x, y) => x - y)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
      expect(await a.rateLimits.hit('anouk', 'comment', 60_000, now)).toBe(1);
      expect(await b.rateLimits.hit('anouk', 'post', 60_000, now + 60_000)).toBe(1);
      expect(await a.rateLimits.prune(now + 60_000)).toBe(4);
    });

    it('keeps waarderingen once per person, target and kind, across instances; counts and one’s own for many targets at once', async () => {
      const database = await fresh();
      const [a, b] = [await database.open(), await database.open()];
      const post = { type: 'bericht', id: '01jd0000000000000000000001' };
      const comment = { type: 'reactie', id: '01jd0000000000000000000002' };
      // The same "on" sent twice at once to two servers, and a third colleague's: one row each.
      await Promise.all([a.appreciations.set('anouk', post, 'duim', true), b.appreciations.set('anouk', post, 'duim', true), b.appreciations.set('bas', post, 'duim', true)]);
      await a.appreciations.set('anouk', post, 'hart', true);
      await b.appreciations.set('bas', comment, 'feest', true);
      // A target of another type with the same id counts apart.
      await a.appreciations.set('bas', { type: 'nieuws', id: post.id }, 'idee', true);
      const many = Array.from({ length: 150 }, (_, i) => ({ type: 'bericht', id: `leeg-${i}` }));
      const counts = await b.appreciations.counts([post, comment, ...many]);
      expect(Object.fromEntries(counts)).toEqual({ [`bericht:${post.id}`]: { duim: 2, hart: 1 }, [`reactie:${comment.id}`]: { feest: 1 } });
      expect(Object.fromEntries(await a.appreciations.mine('anouk', [post, comment, ...many]))).toEqual({ [`bericht:${post.id}`]: expect.arrayContaining(['duim', 'hart']) });
      expect(await a.appreciations.who(post)).toHaveLength(3);
      // Taking one back twice is the same as once; the others stay.
      await Promise.all([a.appreciations.set('anouk', post, 'duim', false), b.appreciations.set('anouk', post, 'duim', false)]);
      expect(Object.fromEntries(await a.appreciations.counts([post]))).toEqual({ [`bericht:${post.id}`]: { duim: 1, hart: 1 } });
      expect((await b.appreciations.who(post)).map((w) => `${w.person}/${w.kind}`).sort()).toEqual(['anouk/hart', 'bas/duim']);
    });

    it('signs 50 colleagues up at once for 10 places: exactly 10 confirmed and 40 waiting; a cancellation moves the first waiting up', async () => {
      const database = await fresh();
      const [a, b] = [await database.open(), await database.open()];
      // Two store instances in one process would block each other's event loop on SQLite (node:sqlite waits for
      // the write lock synchronously), so there all 50 go through one instance, as one server runs one; the
      // engines for several servers get them through two.
      const servers = setup().engine === 'sqlite' ? [a] : [a, b];
      const event = 'personeelsfeest';
      const people = Array.from({ length: 50 }, (_, i) => `collega-${String(i).padStart(2, '0')}`);
      const answers = await Promise.all(people.map((p, i) => servers[i % servers.length].signups.signUp(event, p, 10, i === 0 ? 'vegetarisch' : null, 1_800_000_000_000 + i)));
      expect(answers.filter((r) => r.signup.status === 'bevestigd')).toHaveLength(10);
      expect(answers.filter((r) => r.signup.status === 'wachtlijst')).toHaveLength(40);
      expect(answers.every((r) => r.created)).toBe(true);
      expect(await b.signups.counts(event)).toEqual({ confirmed: 10, waiting: 40 });
      // What each was told is what is stored; the waiting list has places 1–40 without gaps.
      const list = await a.signups.list(event);
      expect(list).toHaveLength(50);
      for (const r of answers) expect(list.find((row) => row.at === r.signup.at)?.status).toBe(r.signup.status);
      const waiting = await Promise.all(list.filter((r) => r.status === 'wachtlijst').map((r) => b.signups.own(event, r.person)));
      expect(waiting.map((w) => w?.position)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));

      // A second sign-up keeps the place and changes only the answer.
      const first = list[0];
      const again = await b.signups.signUp(event, first.person, 10, 'veganistisch');
      expect(again).toMatchObject({ created: false, signup: { status: 'bevestigd', answer: 'veganistisch', at: first.at } });
      // Three with a place cancel at once (one twice): the first three waiting move up, in order, once.
      const next = list.filter((r) => r.status === 'wachtlijst').slice(0, 3).map((r) => r.person);
      const leaving = list.slice(0, 3).map((r) => r.person);
      const cancelled = await Promise.all([...leaving, leaving[0]].map((p, i) => servers[i % servers.length].signups.cancel(event, p, 10)));
      expect(cancelled.filter((c) => c.removed)).toHaveLength(3);
      expect(cancelled.flatMap((c) => c.promoted).sort()).toEqual([...next].sort());
      expect(await a.signups.counts(event)).toEqual({ confirmed: 10, waiting: 37 });
      expect((await b.signups.own(event, next[2]))?.status).toBe('bevestigd');
      expect(await a.signups.own(event, leaving[0])).toBeUndefined();
      // More places (the editor raised the capacity): the waiting move up in order; other events are apart.
      // (RETURNING gives the rows in no particular order, so the two are compared as a set.)
      expect((await b.signups.fill(event, 12)).sort()).toEqual(list.filter((r) => r.status === 'wachtlijst').slice(3, 5).map((r) => r.person).sort());
      expect(await a.signups.counts('nieuwjaarsreceptie')).toEqual({ confirmed: 0, waiting: 0 });
    });

    it('keeps one vote per person and poll: voting again replaces it whole, even sent twice at once; counts and voters per poll', async () => {
      const database = await fresh();
      const [a, b] = [await database.open(), await database.open()];
      // As for sign-ups: concurrent transactions through one instance on SQLite, through two elsewhere.
      const [x, y] = setup().engine === 'sqlite' ? [a, a] : [a, b];
      const poll = '01jd0000000000000000000009';
      const other = '01jd0000000000000000000010';
      await Promise.all([x.polls.vote(poll, 'anouk', [0]), y.polls.vote(poll, 'bas', [1, 2, 2]), x.polls.vote(other, 'anouk', [1])]);
      // Two changes of one person's vote at once: one of them wins whole, never a mix or both.
      await Promise.all([x.polls.vote(poll, 'anouk', [1, 2]), y.polls.vote(poll, 'anouk', [0, 3])]);
      const anouk = (await b.polls.mine('anouk', [poll, other])).get(poll);
      expect([[1, 2], [0, 3]]).toContainEqual(anouk);
      const counts = await a.polls.counts([poll, other, '01jd0000000000000000000011']);
      expect(counts.get(poll)?.voters).toBe(2);
      const expected: Record<number, number> = { 1: 1, 2: 1 };
      for (const o of anouk!) expected[o] = (expected[o] ?? 0) + 1;
      expect(counts.get(poll)?.options).toEqual(expected);
      expect(counts.get(other)).toEqual({ options: { 1: 1 }, voters: 1 });
      expect(counts.has('01jd0000000000000000000011')).toBe(false);
      expect(Object.fromEntries(await a.polls.mine('bas', [poll, other]))).toEqual({ [poll]: [1, 2] });
      // Taking a vote back leaves no row.
      await b.polls.vote(poll, 'bas', []);
      expect((await a.polls.counts([poll])).get(poll)?.voters).toBe(1);
      expect((await a.polls.mine('bas', [poll])).size).toBe(0);
    });

    it('keeps one membership per group and colleague: join twice, ask, let in, decline, leave, across instances', async () => {
      const database = await fresh();
      const [a, b] = [await database.open(), await database.open()];
      expect(await Promise.all([a.memberships.join('koffietijd', 'anouk', 'lid', 1), b.memberships.join('koffietijd', 'anouk', 'lid', 2)])).toEqual(['lid', 'lid']);
      expect(await b.memberships.join('bestuur', 'anouk', 'aangevraagd', 3)).toBe('aangevraagd');
      expect(await a.memberships.join('bestuur', 'bas', 'aangevraagd', 4)).toBe('aangevraagd');
      // A member who joins again stays a member (joining never downgrades).
      expect(await a.memberships.join('koffietijd', 'anouk', 'aangevraagd', 5)).toBe('lid');
      expect(await b.memberships.decide('bestuur', 'anouk', true, 'mo')).toBe(true);
      expect(await a.memberships.decide('bestuur', 'anouk', false, 'mo')).toBe(false);
      expect(await a.memberships.decide('bestuur', 'bas', false, 'mo')).toBe(true);
      expect(await b.memberships.list('bestuur')).toEqual([{ person: 'anouk', status: 'lid', at: 3 }]);
      expect(await a.memberships.ofPerson('anouk')).toEqual([{ group: 'bestuur', status: 'lid' }, { group: 'koffietijd', status: 'lid' }]);
      expect(await Promise.all([a.memberships.leave('koffietijd', 'anouk'), b.memberships.leave('koffietijd', 'anouk')])).toContain(true);
      expect(await a.memberships.status('koffietijd', 'anouk')).toBeUndefined();
      expect(await b.memberships.leave('koffietijd', 'anouk')).toBe(false);
    });

    it('approves a private group proposal once, even twice at once: one group, its proposer its one moderator; posts, photos and comments go with their post', async () => {
      const database = await fresh();
      const [a, b] = [await database.open(), await database.open()];
      await a.privateGroups.propose({ id: '01JAAAAAAAAAAAAAAAAAAAAAAA', proposer: 'anouk', name: 'Vertrouwenspersonen', description: 'Overleg.', kind: 'prive', now: 10 });
      const id = 'p-01jaaaaaaaaaaaaaaaaaaaaaaa';
      const approvals = await Promise.all([a.privateGroups.approve('01JAAAAAAAAAAAAAAAAAAAAAAA', 'eva', id, 20), a.privateGroups.approve('01JAAAAAAAAAAAAAAAAAAAAAAA', 'eva', id, 21)]);
      expect(approvals.filter(Boolean).length).toBeGreaterThanOrEqual(1);
      expect(await b.privateGroups.group(id)).toMatchObject({ id, name: 'Vertrouwenspersonen', createdBy: 'anouk' });
      expect(await b.privateGroups.members(id)).toEqual([{ person: 'anouk', status: 'lid', moderator: true, at: expect.any(Number) }]);
      expect(await b.privateGroups.proposal('01JAAAAAAAAAAAAAAAAAAAAAAA')).toMatchObject({ status: 'goedgekeurd', decidedBy: 'eva', groupId: id });
      expect(await b.privateGroups.decline('01JAAAAAAAAAAAAAAAAAAAAAAA', 'eva', null, 30)).toBe(false);
      expect(await b.privateGroups.approve('01JAAAAAAAAAAAAAAAAAAAAAAA', 'eva', id, 31)).toBe(false);

      expect(await b.privateGroups.invite(id, 'bas', 'anouk', 40)).toBe('uitgenodigd');
      expect(await a.privateGroups.invite(id, 'anouk', 'bas', 41)).toBe('lid');
      expect(await a.privateGroups.accept(id, 'bas')).toBe(true);
      expect(await b.privateGroups.accept(id, 'bas')).toBe(false);
      const bytes = new Uint8Array([0, 255, 1, 254, 137, 80, 78, 71]);
      await a.privateGroups.addPost({ id: '01JBBBBBBBBBBBBBBBBBBBBBBB', groupId: id, author: 'bas', body: 'Hallo', now: 50, photos: [{ extension: 'webp', width: 4, height: 2, alt: 'Iets', bytes }] });
      await b.privateGroups.addComment({ id: '01JCCCCCCCCCCCCCCCCCCCCCCC', postId: '01JBBBBBBBBBBBBBBBBBBBBBBB', groupId: id, author: 'anouk', body: 'Dag', now: 60 });
      expect(await b.privateGroups.posts(id)).toEqual([{
        id: '01JBBBBBBBBBBBBBBBBBBBBBBB', author: 'bas', body: 'Hallo', at: 50,
        photos: [{ id: '01JBBBBBBBBBBBBBBBBBBBBBBB-1', extension: 'webp', width: 4, height: 2, alt: 'Iets' }],
        comments: [{ id: '01JCCCCCCCCCCCCCCCCCCCCCCC', author: 'anouk', body: 'Dag', at: 60 }],
      }]);
      expect(await b.privateGroups.photo(id, '01JBBBBBBBBBBBBBBBBBBBBBBB-1')).toEqual({ extension: 'webp', bytes });
      expect(await b.privateGroups.photo('p-ander', '01JBBBBBBBBBBBBBBBBBBBBBBB-1')).toBeUndefined();
      await a.privateGroups.deletePost('01JBBBBBBBBBBBBBBBBBBBBBBB');
      expect(await b.privateGroups.posts(id)).toEqual([]);
      expect(await b.privateGroups.commentMeta('01JCCCCCCCCCCCCCCCCCCCCCCC')).toBeUndefined();
      expect(await b.privateGroups.photo(id, '01JBBBBBBBBBBBBBBBBBBBBBBB-1')).toBeUndefined();
    });

    it('keeps follows (a choice beats an automatic follow and membership) and writes each notification once per colleague and event', async () => {
      const database = await fresh();
      const [a, b] = [await database.open(), await database.open()];
      const post = { type: 'bericht', id: '01JBBBBBBBBBBBBBBBBBBBBBBB' };
      await a.notifications.follow('anouk', post, false, { now: 5 });
      await b.notifications.followAuto([{ person: 'anouk', target: post }, { person: 'bas', target: post }], 10);
      await a.memberships.join('koffietijd', 'eva', 'lid', 20);
      await a.memberships.join('koffietijd', 'mo', 'lid', 40);
      await b.notifications.follow('mo', { type: 'groep', id: 'koffietijd' }, false, { now: 41 });
      expect(await b.notifications.followers(post)).toEqual(['bas']);
      expect(await a.notifications.followers(post, 9)).toEqual([]);
      // Each row of a batch from its own time when it has one.
      const other = { type: 'bericht', id: '01JCCCCCCCCCCCCCCCCCCCCCCC' };
      await b.notifications.followAuto([{ person: 'eva', target: other, at: 30 }, { person: 'mo', target: other }], 50);
      expect(await a.notifications.followers(other, 40)).toEqual(['eva']);
      expect((await a.notifications.followers({ type: 'groep', id: 'koffietijd' })).sort()).toEqual(['eva']);
      expect(await a.notifications.followers({ type: 'groep', id: 'koffietijd' }, 19)).toEqual([]);
      expect(Object.fromEntries(await b.notifications.choices('anouk', [post, { type: 'groep', id: 'koffietijd' }]))).toEqual({ 'bericht:01JBBBBBBBBBBBBBBBBBBBBBBB': false });

      const n = (person: string, source: string) => ({ person, kind: 'vermelding', actor: 'bas', target: post, title: 'T', text: null, url: '/x/', groupKey: 'k', source, inApp: true, email: true, push: false });
      await Promise.all([a.notifications.notify([n('anouk', 's1'), n('eva', 's1')], 100), b.notifications.notify([n('anouk', 's1'), n('anouk', 's2')], 101)]);
      const mine = await b.notifications.inbox('anouk');
      expect(mine.map((x) => x.kind)).toEqual(['vermelding', 'vermelding']);
      expect(await a.notifications.unread('anouk')).toBe(2);
      await b.notifications.markRead('anouk', [mine[0].id]);
      await b.notifications.markRead('eva', [mine[1].id]);
      expect(await a.notifications.unread('anouk')).toBe(1);
      await a.notifications.markRead('anouk', 'alles');
      expect([await a.notifications.unread('anouk'), await a.notifications.unread('eva')]).toEqual([0, 1]);

      const settings = await a.notifications.settings('anouk');
      expect(settings.soorten.vermelding).toEqual({ plein: true, email: true, push: false });
      settings.overzicht = 'geen';
      await b.notifications.saveSettings('anouk', settings);
      expect((await a.notifications.settingsOf(['anouk', 'bas'])).get('anouk')?.overzicht).toBe('geen');
      await a.notifications.moveCursor('meldingen', 7, '', 1);
      await b.notifications.moveCursor('meldingen', 9, '', 2);
      expect(await a.notifications.cursor('meldingen')).toEqual({ seq: 9, mark: '' });
    });

    it('queues a mail with its notifications marked mailed as one unit, retries with one Message-ID, and queues a digest once per period', async () => {
      const database = await fresh();
      const [a, b] = [await database.open(), await database.open()];
      const post = { type: 'bericht', id: '01JBBBBBBBBBBBBBBBBBBBBBBB' };
      const n = (person: string, source: string) => ({ person, kind: 'vermelding', actor: 'bas', target: post, title: 'T', text: 'x', url: '/x/', groupKey: 'k', source, inApp: true, email: true, push: false });
      await a.notifications.notify([n('anouk', 's1'), n('anouk', 's2'), n('eva', 's1')], 100);
      const waiting = await b.mailQueue.pendingNotifications();
      expect(waiting.map((w) => w.person).sort()).toEqual(['anouk', 'anouk', 'eva']);
      const mail = (id: string, person: string, kind: 'direct' | 'overzicht' = 'direct') => ({ id, person, kind, messageId: `<${id}@plein>`, subject: 'S', html: '<p>h</p>', text: 't', headers: { 'List-Unsubscribe': '<https://x/>' } });
      await a.mailQueue.queueDirect(mail('m1', 'anouk'), waiting.filter((w) => w.person === 'anouk').map((w) => w.id), 200);
      await b.mailQueue.queueDirect(undefined, waiting.filter((w) => w.person === 'eva').map((w) => w.id), 200);
      expect(await a.mailQueue.pendingNotifications()).toEqual([]);
      expect(Object.fromEntries(await b.mailQueue.lastDirect(['anouk', 'eva'], 0))).toEqual({ anouk: 200 });
      expect((await b.mailQueue.due(200)).map((m) => m.id)).toEqual(['m1']);
      await b.mailQueue.markFailed('m1', 260, '421');
      expect(await a.mailQueue.due(259)).toEqual([]);
      const again = await a.mailQueue.due(260);
      expect(again[0]).toMatchObject({ id: 'm1', messageId: '<m1@plein>', attempts: 1, lastError: '421', headers: { 'List-Unsubscribe': '<https://x/>' } });
      await a.mailQueue.markSent('m1', 270);
      expect(await b.mailQueue.due(1_000)).toEqual([]);
      const digests = [mail('overzicht:wekelijks:2026-W46:anouk', 'anouk', 'overzicht'), mail('overzicht:wekelijks:2026-W46:eva', 'eva', 'overzicht')];
      const [first, second] = await Promise.all([a.mailQueue.queueOnce(digests, 300), b.mailQueue.queueOnce(digests, 300)]);
      expect(first.length + second.length).toBeGreaterThanOrEqual(2);
      expect(await a.mailQueue.queueOnce(digests, 301)).toEqual([]);
      expect((await b.mailQueue.of('eva')).map((m) => m.kind)).toEqual(['overzicht']);
      expect(await a.mailQueue.prune(271)).toBe(1);
    });

    it('keeps one push subscription per endpoint (a second colleague on the same browser takes it over), at most 10 per colleague, and marks pushes once', async () => {
      const database = await fresh();
      const [a, b] = [await database.open(), await database.open()];
      const sub = (n: number) => ({ endpoint: `https://push.example/${n}`, keys: { p256dh: `p${n}`, auth: `a${n}` } });
      await a.pushSubscriptions.save('anouk', sub(1), 10);
      await b.pushSubscriptions.save('anouk', { ...sub(1), keys: { p256dh: 'nieuw', auth: 'nieuw' } }, 11);
      expect((await a.pushSubscriptions.of('anouk')).map((s) => s.keys.p256dh)).toEqual(['nieuw']);
      await b.pushSubscriptions.save('eva', sub(1), 12);
      expect(await a.pushSubscriptions.of('anouk')).toEqual([]);
      expect(await a.pushSubscriptions.remove('anouk', sub(1).endpoint)).toBe(false);
      for (let i = 2; i <= 12; i++) await (i % 2 ? a : b).pushSubscriptions.save('bas', sub(i), 100 + i);
      const bas = await a.pushSubscriptions.of('bas');
      expect(bas.map((s) => s.endpoint)).toEqual(Array.from({ length: 10 }, (_, i) => sub(12 - i).endpoint));
      await a.pushSubscriptions.failed(sub(12).endpoint, 2);
      expect((await b.pushSubscriptions.ofPeople(['bas'])).get('bas')?.find((s) => s.endpoint === sub(12).endpoint)?.failures).toBe(1);
      await b.pushSubscriptions.succeeded(sub(12).endpoint, 200);
      await a.pushSubscriptions.failed(sub(12).endpoint, 2);
      await a.pushSubscriptions.failed(sub(12).endpoint, 2);
      await b.pushSubscriptions.drop(sub(11).endpoint);
      expect((await a.pushSubscriptions.of('bas')).length).toBe(8);
      expect(await b.pushSubscriptions.remove('eva', sub(1).endpoint)).toBe(true);

      const post = { type: 'bericht', id: '01JBBBBBBBBBBBBBBBBBBBBBBB' };
      const n = (person: string, source: string, push: boolean) => ({ person, kind: 'vermelding', actor: 'bas', target: post, title: 'T', text: 'x', url: '/x/', groupKey: 'k', source, inApp: true, email: false, push });
      await a.notifications.notify([n('anouk', 's1', true), n('eva', 's1', false), n('eva', 's2', true)], 300);
      const pending = await b.pushSubscriptions.pending();
      expect(pending.map((p) => p.person).sort()).toEqual(['anouk', 'eva']);
      await Promise.all([a.pushSubscriptions.markPushed(pending.map((p) => p.id), 310), b.pushSubscriptions.markPushed([pending[0].id], 311)]);
      expect(await a.pushSubscriptions.pending()).toEqual([]);
    });

    it('keeps the first Idempotency-Key answer across instances, for 7 days', async () => {
      const database = await fresh();
      const [a, b] = [await database.open(), await database.open()];
      const now = 1_800_000_000_000;
      const answers = await Promise.all([a.idempotency.remember('h1', 'post', { id: 'eerste' }, now), b.idempotency.remember('h1', 'post', { id: 'tweede' }, now)]);
      expect(answers[0].answer).toEqual(answers[1].answer);
      expect(answers.filter((x) => x.first)).toHaveLength(1);
      expect(await b.idempotency.recall('h1', now + IDEMPOTENCY_TTL_MS)).toMatchObject({ kind: 'post', answer: answers[0].answer });
      expect(await b.idempotency.recall('h1', now + IDEMPOTENCY_TTL_MS + 1)).toBeUndefined();
      const later = await a.idempotency.remember('h1', 'post', { id: 'later' }, now + IDEMPOTENCY_TTL_MS + 1);
      expect(later).toMatchObject({ answer: { id: 'later' }, first: true });
      expect(await a.idempotency.prune(now + 2 * IDEMPOTENCY_TTL_MS + 2)).toBe(1);
    });

    describeModerationContract(fresh, () => setup().engine);
    describeUsageContract(fresh, () => setup().engine);
    describeReachContract(fresh, () => setup().engine);
    describeReadConfirmationsContract(fresh, () => setup().engine);
    describeRetentionContract(fresh);
  });
}
