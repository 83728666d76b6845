// The retention job with a fixed clock, on a real git repository and a SQLite state store: what is past its term goes
// in one commit by Plein (photos and the comments under a removed post with it), what is younger stays; state rows
// are pruned per term; a dry run changes nothing; an invalid setting removes nothing and names the field.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createContentPaths } from '../content/paths.ts';
import { getUlidTime } from '../lib/ulid.ts';
import { createLocalGitStore } from '../store/local-git-store.ts';
import { openTempState } from '../../tests/support/state.ts';
import { makeTempRepo } from '../../tests/support/temp-repo.ts';
import { runRetention, startRetention } from './run.ts';
import { monthsBefore } from './terms.ts';

const stores: { remove(): Promise<void> }[] = [];
afterAll(() => Promise.all(stores.map((s) => s.remove())));

const NOW = new Date('2026-12-06T12:00:00Z');
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';
let serial = 0;
/** A ULID of the moment `ms` (createUlid is monotonic per process, so it cannot go back in time). */
function ulidAt(ms: number): string {
  let time = '';
  for (let i = 0, t = ms; i < 10; i++, t = Math.floor(t / 32)) time = ALPHABET[t % 32] + time;
  let rest = '';
  for (let i = 0, n = serial++; i < 16; i++, n = Math.floor(n / 32)) rest = ALPHABET[n % 32] + rest;
  return time + rest;
}
const ago = (months: number, days = 0) => monthsBefore(NOW, months) - days * 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();
const paths = createContentPaths();
const git = (repo: string, ...args: string[]) => execFileSync('git', args, { cwd: repo, encoding: 'utf8' }).trim();
const SETTINGS = 'name: Plein\nbewaartermijn:\n  berichten: 12\n  groepsberichten: 6\n  reacties: 12\n  verborgen: 3\n  moderatielog: 12\n  meldingen: 6\n  gelezen: 12\n';

const post = (at: number, extra = '') => `---\nauthor: ada\ncreated: "${iso(at)}"\n${extra}---\nTekst.\n`;
const comment = (at: number, on: string, extra = '') => `---\nauthor: bo\ncreated: "${iso(at)}"\non:\n  type: ${on.includes(':') ? on.split(':')[0] : 'bericht'}\n  id: ${on.includes(':') ? on.split(':')[1] : on}\n${extra}---\nReactie.\n`;

async function setUp(settings = SETTINGS) {
  const id = (at: number) => ulidAt(at);
  const ids = {
    oldPost: id(ago(12, 1)),
    youngPost: id(ago(11)),
    oldGroupPost: id(ago(6, 1)),
    youngGroupPost: id(ago(5)),
    hiddenPost: id(ago(4)),
    underOld: id(ago(1)),
    oldNewsComment: id(ago(12, 3)),
    youngComment: id(ago(2)),
    hiddenRecently: id(ago(2, 5)),
  };
  expect(getUlidTime(ids.oldNewsComment).getTime()).toBe(ago(12, 3));
  const photo = paths.photo(ids.oldPost, 1, 'webp');
  const files: Record<string, string> = {
    'content/instellingen/site.yml': settings,
    [paths.post(ids.oldPost)]: post(ago(12, 1), `photos:\n  - src: ${photo.src}\n    alt: Een foto\n`),
    [photo.path]: 'webp',
    [paths.post(ids.youngPost)]: post(ago(11)),
    [paths.post(ids.oldGroupPost)]: post(ago(6, 1), 'group: koffietijd\n'),
    [paths.post(ids.youngGroupPost)]: post(ago(5), 'group: koffietijd\n'),
    [paths.post(ids.hiddenPost)]: post(ago(4), `hidden:\n  by: mo\n  at: "${iso(ago(3, 2))}"\n`),
    [paths.comment(ids.underOld)]: comment(ago(1), ids.oldPost),
    [paths.comment(ids.oldNewsComment)]: comment(ago(12, 3), 'nieuws:personeelsfeest'),
    [paths.comment(ids.youngComment)]: comment(ago(2), ids.youngPost),
    [paths.comment(ids.hiddenRecently)]: comment(ago(2, 5), 'nieuws:personeelsfeest', `hidden:\n  by: mo\n  at: "${iso(ago(1))}"\n`),
  };
  const repo = makeTempRepo(files, 'plein-bewaar-');
  const state = await openTempState();
  stores.push(state);
  const db = state.db;
  await db.insertInto('moderation_log').values([
    { id: 'log-oud', at: ago(12, 1), moderator: 'mo', action: 'verbergen', target_type: 'bericht', target_id: ids.hiddenPost, author: 'ada', group_id: null, reason: null },
    { id: 'log-jong', at: ago(1), moderator: 'mo', action: 'laten-staan', target_type: 'bericht', target_id: ids.youngPost, author: 'ada', group_id: null, reason: null },
  ]).execute();
  const note = (id: string, at: number) => ({ id, person: 'ada', kind: 'reactie', actor: 'bo', target_type: 'bericht', target_id: ids.youngPost, title: null, text: null, url: '/', group_key: id, source: id, created_at: at, read_at: null, in_app: 1, email: 0, push: 0, mailed_at: null, pushed_at: null });
  await db.insertInto('notifications').values([note('n-oud', ago(6, 1)), note('n-jong', ago(1))]).execute();
  await db.insertInto('read_confirmations').values([{ news_id: 'a', person: 'ada', confirmed_at: ago(12, 1) }, { news_id: 'b', person: 'ada', confirmed_at: ago(1) }]).execute();
  await db.insertInto('search_terms').values([{ week: '2025-10-06', term: 'verlof', searches: 5 }, { week: '2026-11-02', term: 'verlof', searches: 6 }]).execute();
  await db.insertInto('reach_daily').values([{ item: 'nieuws:a', day: '2025-10-01', department: 'hr', readers: 6 }, { item: 'nieuws:a', day: '2026-11-01', department: 'hr', readers: 7 }]).execute();
  await db.insertInto('appreciations').values([
    { target_type: 'bericht', target_id: ids.oldPost, person: 'bo', kind: 'duim', created_at: ago(1) },
    { target_type: 'bericht', target_id: ids.youngPost, person: 'bo', kind: 'duim', created_at: ago(1) },
  ]).execute();
  await db.insertInto('private_posts').values([{ id: 'p-oud', group_id: 'g', author: 'ada', body: 'oud', created_at: ago(6, 1) }, { id: 'p-jong', group_id: 'g', author: 'ada', body: 'jong', created_at: ago(1) }]).execute();
  await db.insertInto('private_comments').values([{ id: 'c-onder-oud', post_id: 'p-oud', group_id: 'g', author: 'bo', body: 'jong', created_at: ago(1) }, { id: 'c-jong', post_id: 'p-jong', group_id: 'g', author: 'bo', body: 'jong', created_at: ago(1) }]).execute();
  const store = createLocalGitStore({ repoDir: repo, waitForCommit: true });
  stores.push({ remove: () => store.close() });
  return { repo, state, ids, photo, deps: { store, paths, state, now: () => NOW } };
}

const remaining = async (state: Awaited<ReturnType<typeof openTempState>>) => ({
  log: (await state.db.selectFrom('moderation_log').select('id').execute()).map((r) => r.id),
  notes: (await state.db.selectFrom('notifications').select('id').execute()).map((r) => r.id),
  read: (await state.db.selectFrom('read_confirmations').select('news_id').execute()).map((r) => r.news_id),
  reach: (await state.db.selectFrom('reach_daily').select('day').execute()).map((r) => r.day),
  search: (await state.db.selectFrom('search_terms').select('week').execute()).map((r) => r.week),
  appreciated: (await state.db.selectFrom('appreciations').select('target_id').execute()).map((r) => r.target_id),
  privatePosts: (await state.db.selectFrom('private_posts').select('id').execute()).map((r) => r.id),
  privateComments: (await state.db.selectFrom('private_comments').select('id').orderBy('id').execute()).map((r) => r.id),
});

describe('the retention job', () => {
  it('removes posts and comments past their term (photos and comments under a removed post too) in one commit by Plein; younger ones stay', async () => {
    const { repo, state, ids, photo, deps } = await setUp();
    const before = Number(git(repo, 'rev-list', '--count', 'HEAD'));
    const report = await runRetention(deps);
    expect(report.removal.posts.sort()).toEqual([ids.oldPost, ids.oldGroupPost, ids.hiddenPost].sort());
    expect(report.removal.comments.sort()).toEqual([ids.underOld, ids.oldNewsComment].sort());
    expect(Number(git(repo, 'rev-list', '--count', 'HEAD'))).toBe(before + 1);
    expect(git(repo, 'log', '-1', '--format=%an|%cn|%s')).toBe('Plein|Plein|Bewaartermijn verstreken: 3 bericht(en) en 2 reactie(s) verwijderd');
    const tracked = git(repo, 'ls-tree', '-r', '--name-only', 'HEAD').split('\n');
    for (const gone of [paths.post(ids.oldPost), photo.path, paths.post(ids.oldGroupPost), paths.post(ids.hiddenPost), paths.comment(ids.underOld), paths.comment(ids.oldNewsComment)]) {
      expect(tracked).not.toContain(gone);
      expect(existsSync(join(repo, gone))).toBe(false);
    }
    for (const kept of [paths.post(ids.youngPost), paths.post(ids.youngGroupPost), paths.comment(ids.youngComment), paths.comment(ids.hiddenRecently)]) expect(tracked).toContain(kept);
    expect(git(repo, 'status', '--porcelain')).toBe('');

    // State rows per term: moderation log 12, notifications 6, read confirmations 12, reach and search 13 (default), private posts 6
    // months (their comments with them), and the waardering of the removed post.
    expect(await remaining(state)).toEqual({ log: ['log-jong'], notes: ['n-jong'], read: ['b'], reach: ['2026-11-01'], search: ['2026-11-02'], appreciated: [ids.youngPost], privatePosts: ['p-jong'], privateComments: ['c-jong'] });
    expect(report.rows).toMatchObject({ moderation_log: 1, notifications: 1, read_confirmations: 1, reach_daily: 1, appreciations: 1, private_posts: 1, 'private_comments (onder oud bericht)': 1 });

    // A second run has nothing left to do: no empty commit.
    const again = await runRetention(deps);
    expect(again.removal.paths).toEqual([]);
    expect(again.commit).toBeUndefined();
    expect(Number(git(repo, 'rev-list', '--count', 'HEAD'))).toBe(before + 1);
  });

  it('changes nothing on a dry run, but says what would go', async () => {
    const { repo, state, ids, deps } = await setUp();
    const head = git(repo, 'rev-parse', 'HEAD');
    const rowsBefore = await remaining(state);
    const report = await runRetention(deps, { dryRun: true });
    expect(report.removal.posts).toHaveLength(3);
    expect(report.removal.comments).toContain(ids.underOld);
    expect(report.commit).toBeUndefined();
    expect(report.rows).toMatchObject({ moderation_log: 1, notifications: 1, appreciations: 1 });
    expect(git(repo, 'rev-parse', 'HEAD')).toBe(head);
    expect(git(repo, 'status', '--porcelain')).toBe('');
    expect(await remaining(state)).toEqual(rowsBefore);
  });

  it('refuses an invalid setting with the field and problem, and removes nothing', async () => {
    const { repo, state, deps } = await setUp('name: Plein\nbewaartermijn:\n  berichten: -1\n');
    const head = git(repo, 'rev-parse', 'HEAD');
    const rowsBefore = await remaining(state);
    await expect(runRetention(deps)).rejects.toThrow('instellingen/site.yml: bewaartermijn.berichten: moet minstens 1 maand zijn');
    expect(git(repo, 'rev-parse', 'HEAD')).toBe(head);
    expect(await remaining(state)).toEqual(rowsBefore);
  });

  it('runs on the server at start, on one server at a time (lock bewaartermijn), and says why when it fails', async () => {
    const { repo, state, deps } = await setUp();
    const before = Number(git(repo, 'rev-list', '--count', 'HEAD'));
    const warnings: string[] = [];
    const options = { store: deps.store, paths, now: () => NOW, warn: (m: string) => warnings.push(m) };
    // Two servers on one state store: the second finds the lock taken and does nothing.
    const stops = [startRetention(state, options), startRetention(state, options)];
    await Promise.all(stops.map((stop) => stop()));
    expect(Number(git(repo, 'rev-list', '--count', 'HEAD'))).toBe(before + 1);
    expect(warnings).toEqual([]);
    // A broken settings file: nothing is removed and the server says so.
    const broken = await setUp('name: Plein\nbewaartermijn:\n  reacties: veel\n');
    await startRetention(broken.state, { ...options, store: broken.deps.store })();
    expect(warnings).toEqual(['Plein: de bewaartermijn toepassen mislukt: instellingen/site.yml: bewaartermijn.reacties: moet een aantal maanden zijn (een heel getal)']);
  });

  it('lets PLEIN_BEWAARTERMIJN_BEREIK_MAANDEN override the reach term', async () => {
    const { state, deps } = await setUp();
    const report = await runRetention({ ...deps, env: { PLEIN_BEWAARTERMIJN_BEREIK_MAANDEN: '24' } }, { dryRun: true });
    expect(report.terms.bereik).toBe(24);
    expect(report.rows.reach_daily).toBe(0);
    expect((await remaining(state)).reach).toHaveLength(2);
  });
});
