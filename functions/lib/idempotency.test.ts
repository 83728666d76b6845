import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLocalGitStore } from '../store/local-git-store.ts';
import { StoreUnavailableError, type ContentStore } from '../store/types.ts';
import { getPostPath } from '../content/paths.ts';
import { createIdempotencyCache, hashRequestKey } from './idempotency.ts';
import { requestTrailer } from '../store/trailers.ts';
import { createUlid } from './ulid.ts';
import { commitCount, makeContentRepo, makeTestApi } from '../../tests/support/posting-api.ts';

const git = (repo: string, ...args: string[]) => execFileSync('git', args, { cwd: repo, encoding: 'utf8' });
const postFiles = (repo: string) => (existsSync(join(repo, 'content/berichten')) ? (readdirSync(join(repo, 'content/berichten'), { recursive: true }) as string[]).filter((f) => f.endsWith('.md')) : []);
const headPosts = (repo: string) => git(repo, 'ls-tree', '-r', '--name-only', 'HEAD', '--', 'content/berichten').split('\n').filter(Boolean);

type Api = ReturnType<typeof makeTestApi>;
const post = (api: Api, key: string, as = 'anouk-de-vries', tekst = 'één keer') =>
  api.request('/api/berichten', { method: 'POST', as, json: { tekst }, headers: { 'idempotency-key': key } });
const idOf = async (res: Response) => ((await res.json()) as { bericht: { id: string } }).bericht.id;

describe('durable Idempotency-Key', () => {
  it('answers a key again after a restart (a fresh API over the same repository): same id, same body, one file', async () => {
    const repo = makeContentRepo();
    const first = await post(makeTestApi({}, repo), 'k-herstart');
    expect(first.status).toBe(201);
    const firstBody = await first.json();
    expect(git(repo, 'log', '-1', '--format=%B')).toContain(`Plein-Request: ${hashRequestKey('anouk-de-vries', 'k-herstart')} bericht ${(firstBody as { bericht: { id: string } }).bericht.id}`);

    const again = await post(makeTestApi({}, repo), 'k-herstart', 'anouk-de-vries', 'een andere tekst');
    expect(again.status).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await again.json()).toEqual(firstBody);
    expect(postFiles(repo)).toHaveLength(1);
    expect(headPosts(repo)).toHaveLength(1);
    expect(commitCount(repo)).toBe(2);
  });

  it('replays a comment after a restart too, and keeps keys per person', async () => {
    const repo = makeContentRepo();
    const comment = (api: Api, as: string) =>
      api.request('/api/reacties', { method: 'POST', as, json: { tekst: 'mooi!', doel: { type: 'nieuws', id: 'fietsplan' } }, headers: { 'idempotency-key': 'r-1' } });
    const a = (await (await comment(makeTestApi({}, repo), 'anouk-de-vries')).json()) as { reactie: { id: string } };
    const fresh = makeTestApi({}, repo);
    const b = (await (await comment(fresh, 'anouk-de-vries')).json()) as { reactie: { id: string } };
    expect(b.reactie.id).toBe(a.reactie.id);
    // The same key from someone else is another request.
    const c = (await (await comment(fresh, 'bas-bakker')).json()) as { reactie: { id: string } };
    expect(c.reactie.id).not.toBe(a.reactie.id);
    expect(commitCount(repo)).toBe(3);
  });

  it('refuses a key reused for another kind of request after a restart (422), writing nothing', async () => {
    const repo = makeContentRepo();
    await post(makeTestApi({}, repo), 'k-soort');
    const before = commitCount(repo);
    const res = await makeTestApi({}, repo).request('/api/reacties', {
      method: 'POST', as: 'anouk-de-vries', json: { tekst: 'x', doel: { type: 'nieuws', id: 'fietsplan' } }, headers: { 'idempotency-key': 'k-soort' },
    });
    expect(res.status).toBe(422);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('sleutel_hergebruikt');
    expect(commitCount(repo)).toBe(before);
  });

  it('after a 5xx whose write landed anyway, the retry finds it in history instead of posting twice', async () => {
    const repo = makeContentRepo();
    const real = createLocalGitStore({ repoDir: repo });
    let loseAnswer = true;
    // The commit lands, but its answer is lost on the way back (as when GitHub's ref update times out).
    const store: ContentStore = { ...real, recentRequests: real.recentRequests, commit: async (change) => {
      const done = await real.commit(change);
      if (loseAnswer) throw new StoreUnavailableError('antwoord kwijt');
      return done;
    } };
    const api = makeTestApi({ store }, repo);
    expect((await post(api, 'k-verloren')).status).toBe(503);
    loseAnswer = false;
    const retry = await post(api, 'k-verloren');
    expect(retry.status).toBe(201);
    expect(headPosts(repo)).toEqual([getPostPath(await idOf(retry))]);
  });

  it('finds, on a cache miss, a key another instance wrote after this one started', async () => {
    const repo = makeContentRepo();
    const [a, b] = [makeTestApi({}, repo), makeTestApi({}, repo)];
    await new Promise((r) => setTimeout(r, 200)); // b has read the (empty) history by now
    const id = await idOf(await post(a, 'k-elders'));
    await new Promise((r) => setTimeout(r, 2100)); // past the 2 s in which a miss trusts the last look
    const res = await post(b, 'k-elders');
    expect(res.headers.get('idempotent-replayed')).toBe('true');
    expect(await idOf(res)).toBe(id);
    expect(postFiles(repo)).toHaveLength(1);
  });

  it('answers a replay of a post deleted since with 410, without posting again', async () => {
    const repo = makeContentRepo();
    const api = makeTestApi({}, repo);
    const id = await idOf(await post(api, 'k-weg'));
    expect((await api.request(`/api/berichten/${id}`, { method: 'DELETE', as: 'anouk-de-vries' })).status).toBe(204);
    const res = await post(makeTestApi({}, repo), 'k-weg');
    expect(res.status).toBe(410);
    expect(postFiles(repo)).toHaveLength(0);
  });
});

describe('a claim left by a server that died', () => {
  it('a retry waiting on the stale claim replays the post the history holds, instead of writing a second one', async () => {
    // Server A claimed the key, appended its post (the history has its trailer) and was killed before saving the answer.
    const hash = hashRequestKey('anouk-de-vries', 'k-dood');
    const written = createUlid(Date.now());
    const claimedAt = Date.now() - 100;
    const rows = new Map<string, { kind: string; answer: unknown; createdAt: number }>([[hash, { kind: 'bericht', answer: { pending: true, claim: 'A' }, createdAt: claimedAt }]]);
    const shared = {
      async remember(h: string, kind: string, answer: unknown) {
        const row = rows.get(h);
        if (row) return { ...row, first: false };
        rows.set(h, { kind, answer, createdAt: Date.now() });
        return { kind, answer, createdAt: Date.now(), first: true };
      },
      recall: async (h: string) => rows.get(h),
      settle: async (h: string, answer: unknown) => void (rows.get(h)!.answer = answer),
      forget: async (h: string) => void rows.delete(h),
    };
    let scans = 0;
    let works = 0;
    const cache = createIdempotencyCache({
      shared,
      staleMs: 300,
      // B's start-up scan ran before A's post landed; every later scan sees it.
      recent: async () => (scans++ === 0 ? [] : [{ value: requestTrailer(hash, 'bericht', written).replace(/^Plein-Request: /, ''), at: claimedAt + 5 }]),
      replay: async (found) => ({ status: 201, body: { bericht: { id: found.id } } }),
      warn: () => {},
    });
    const out = await cache.run('anouk-de-vries', 'k-dood', 'bericht', async () => {
      works++;
      return { status: 201, body: { bericht: { id: createUlid(Date.now()) } } };
    });
    expect(works).toBe(0);
    expect(out.replayed).toBe(true);
    expect((out.body as { bericht: { id: string } }).bericht.id).toBe(written);
    expect(rows.get(hash)?.answer).toEqual({ status: 201, body: { bericht: { id: written } } });
  });
});

describe('saving the shared answer', () => {
  /** Shared answers whose settle waits until `release` is called. */
  function gatedShared() {
    const rows = new Map<string, { kind: string; answer: unknown; createdAt: number }>();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const shared = {
      async remember(h: string, kind: string, answer: unknown) {
        const row = rows.get(h);
        if (row) return { ...row, first: false };
        const createdAt = Date.now();
        rows.set(h, { kind, answer, createdAt });
        return { kind, answer, createdAt, first: true };
      },
      recall: async (h: string) => rows.get(h),
      async settle(h: string, answer: unknown) {
        await gate;
        rows.get(h)!.answer = answer;
      },
      forget: async (h: string) => void rows.delete(h),
    };
    return { rows, release, shared };
  }
  const answer = { status: 201, body: { bericht: { id: 'x' } } };
  const settledIn = (ms: number, p: Promise<unknown>) => Promise.race([p.then(() => true), new Promise((r) => setTimeout(() => r(false), ms))]);

  it('a long-lived server answers before the answer is saved; a retry meanwhile gets it without a second post, and it is saved after', async () => {
    const { rows, release, shared } = gatedShared();
    const cache = createIdempotencyCache({ shared, settleAfterAnswer: true, warn: () => {} });
    let works = 0;
    const work = async () => {
      works++;
      return answer;
    };
    expect(await settledIn(2000, cache.run('anouk-de-vries', 'k-later', 'bericht', work))).toBe(true);
    const hash = hashRequestKey('anouk-de-vries', 'k-later');
    expect(rows.get(hash)?.answer).toMatchObject({ pending: true });
    const retry = await cache.run('anouk-de-vries', 'k-later', 'bericht', work);
    expect(retry).toEqual({ ...answer, replayed: true });
    expect(works).toBe(1);
    release();
    await new Promise((r) => setTimeout(r, 0));
    expect(rows.get(hash)?.answer).toEqual(answer);
  });

  it('by default (an app that lives for one request) the answer waits until it is saved', async () => {
    const { rows, release, shared } = gatedShared();
    const cache = createIdempotencyCache({ shared, warn: () => {} });
    const run = cache.run('anouk-de-vries', 'k-eerst', 'bericht', async () => answer);
    expect(await settledIn(300, run)).toBe(false);
    release();
    expect(await run).toEqual({ ...answer, replayed: false });
    expect(rows.get(hashRequestKey('anouk-de-vries', 'k-eerst'))?.answer).toEqual(answer);
  });
});

describe('local git store after a crash', () => {
  it('removes an index.lock nobody holds and undoes the unfinished batch noted in its journal', async () => {
    const repo = makeContentRepo();
    // What a server killed in the middle of `git commit` leaves: the lock, and a written, staged, uncommitted post.
    const orphan = 'content/berichten/2026/11/01kaaaaaaaaaaaaaaaaaaaaaaa.md';
    mkdirSync(join(repo, 'content/berichten/2026/11'), { recursive: true });
    writeFileSync(join(repo, orphan), 'nooit beantwoord\n');
    git(repo, 'add', orphan);
    writeFileSync(join(repo, '.git/plein-pending.json'), JSON.stringify({ paths: [orphan, 'content/nieuws/fietsplan.md'] }));
    writeFileSync(join(repo, 'content/nieuws/fietsplan.md'), 'half bewerkt\n');
    writeFileSync(join(repo, '.git/index.lock'), '');
    const warnings: string[] = [];
    const store = createLocalGitStore({ repoDir: repo, warn: (m) => warnings.push(m) });
    await store.commit({ writes: [{ path: 'content/berichten/2026/11/nieuw.md', content: 'nieuw\n' }], message: 'nieuw', author: { name: 'A', email: 'a@w.nl' } });
    expect(existsSync(join(repo, '.git/index.lock'))).toBe(false);
    expect(existsSync(join(repo, orphan))).toBe(false);
    expect(headPosts(repo)).toEqual(['content/berichten/2026/11/nieuw.md']);
    expect(git(repo, 'status', '--porcelain')).toBe('');
    expect(warnings.join()).toMatch(/index\.lock verwijderd; 2 onafgemaakte bestanden teruggezet/);
    expect(git(repo, 'fsck', '--strict', '--no-dangling', '--no-progress')).toBe('');
  });

  it('reads the Plein-Request trailers of recent commits only', async () => {
    const repo = makeContentRepo();
    const store = createLocalGitStore({ repoDir: repo });
    const author = { name: 'A', email: 'a@w.nl' };
    await Promise.all(['x', 'y'].map((k) => store.commit({ writes: [{ path: `c/${k}.md`, content: k }], message: k, author, trailers: [`Plein-Request: ${k}`] })));
    const found = await store.recentRequests!(Date.now() - 60_000);
    expect(found.map((f) => f.value).sort()).toEqual(['x', 'y']);
    expect(Math.abs(found[0].at - Date.now())).toBeLessThan(60_000);
    expect(await store.recentRequests!(Date.now() + 120_000)).toEqual([]);
  });
});
