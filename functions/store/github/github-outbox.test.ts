// The GitHub store acknowledging from the state store's outbox (as the Node server runs it): read-your-writes,
// exactly-once through faults, 503 when the state store cannot be written, and cheap feeds for many readers.
import { execFileSync } from 'node:child_process';
import { Hono } from 'hono';
import { afterAll, describe, expect, it } from 'vitest';
import { answerError } from '../../app.ts';
import { PEOPLE, makeContentDeps, mountContentRoutes } from '../../../tests/support/posting-api.ts';
import { describeStoreContract } from '../../../tests/support/store-contract.ts';
import { openTempState } from '../../../tests/support/state.ts';
import { StoreUnavailableError } from '../types.ts';
import { startGithubStandin, type GithubStandin, type StandinOptions } from '../../../tests/support/github-standin/server.ts';
import { createGithubStore, type GithubStore, type GithubStoreOptions } from './github-store.ts';
import type { AppEnv } from '../../env.ts';

const standins: GithubStandin[] = [];
const stores: GithubStore[] = [];
const states: Awaited<ReturnType<typeof openTempState>>[] = [];
afterAll(async () => {
  await Promise.all(stores.map((s) => s.close()));
  await Promise.all(states.map((s) => s.remove()));
  await Promise.all(standins.map((s) => s.close()));
});

const FAST = { minWriteIntervalMs: 0, retryAfterBaseMs: 20, warn: () => {} };
const TOKEN = 'ghp_testtoken0123456789';
const author = { name: 'Anouk de Vries', email: 'anouk@wadvoort.nl' };
/** A stand-in plus a store on an outbox (SQLite) pointed at it; the batch window is long unless a test shortens it. */
async function setup(standin: StandinOptions = {}, store: Partial<GithubStoreOptions> = {}) {
  const gh = await startGithubStandin({ tokens: [TOKEN], ...standin });
  standins.push(gh);
  const config = { owner: gh.owner, repo: gh.repo, branch: gh.branch, baseUrl: gh.baseUrl, auth: { token: TOKEN } };
  const state = await openTempState();
  states.push(state);
  const s = createGithubStore({ config, state, tuning: FAST, batchWindowMs: 60_000, headTtlMs: 60_000, conflictBackoffMs: 5, retryBaseMs: 20, ...store });
  stores.push(s);
  await s.ready();
  return { gh, store: s, config, state };
}

/** Every file added on the branch (one line per addition, so a double commit shows twice). */
async function additions(gh: GithubStandin, prefix = 'content/berichten'): Promise<string[]> {
  const head = (await gh.git.getRef(gh.branch))!;
  return (await gh.git.git(['log', '--format=', '--name-only', '--diff-filter=A', head, '--', prefix])).split('\n').filter(Boolean);
}

/** The Plein-Journal ids in every commit message on the branch. */
async function journalTrailers(gh: GithubStandin): Promise<string[]> {
  const log = await gh.git.git(['log', '--format=%B', (await gh.git.getRef(gh.branch))!]);
  return [...log.matchAll(/^Plein-Journal: (\S+)$/gm)].map((m) => m[1]);
}

const standinOf = new WeakMap<object, GithubStandin>();
describeStoreContract(
  'github with outbox',
  async () => {
    const { gh, store } = await setup();
    standinOf.set(store, gh);
    return store;
  },
  // The versions an outbox store hands out are not commits: flush, and read the commit that now holds the changes.
  async (store, _version) => {
    await (store as GithubStore).flush();
    const gh = standinOf.get(store)!;
    return gh.git.git(['log', '-1', '--format=%B', (await gh.git.getRef(gh.branch))!]);
  },
);

/** The posting and feed routes on a store; `x-test-persoon` picks the logged-in person. */
function makeApi(store: GithubStore) {
  const app = new Hono<AppEnv>();
  app.use('*', async (c, next) => {
    const p = PEOPLE.find((x) => x.id === c.req.header('x-test-persoon'));
    if (p) c.set('identity', { personId: p.id, name: p.name, email: p.email, editor: p.editor });
    await next();
  });
  mountContentRoutes(app, makeContentDeps({ processPhoto: async () => Promise.reject(new Error('geen foto')) }, store));
  app.onError(answerError);
  return {
    post: (tekst: string) =>
      app.request('/api/berichten', { method: 'POST', headers: { 'content-type': 'application/json', 'x-test-persoon': 'anouk-de-vries' }, body: JSON.stringify({ tekst }) }),
    feed: async (since: string) => (await (await app.request(`/api/feed?sinds=${since}`)).json()) as { head: string; items: { id: string; html?: string }[] },
  };
}

describe('github store with the outbox', () => {
  it('acknowledges before GitHub has the commit, shows pending writes everywhere, and each once after the commit', async () => {
    const { gh, store } = await setup({ files: { 'README.md': 'repo\n', 'content/berichten/oud.md': 'oud\n' } });
    const start = await store.head();
    const writesBefore = gh.stats.contentRequests;
    await store.commit({ writes: [{ path: 'content/berichten/nieuw.md', content: 'nieuw\n' }], deletes: ['content/berichten/oud.md'], message: 'nieuw', author });
    // Durable in the outbox only: GitHub saw no write yet.
    expect(gh.stats.contentRequests).toBe(writesBefore);
    expect(await gh.git.getRef('main')).toBe(start);
    expect(store.pending()).toBe(1);
    expect(await store.read('content/berichten/nieuw.md')).toBe('nieuw\n');
    expect(await store.exists('content/berichten/oud.md')).toBe(false);
    const pendingView = await store.changedSince(start, ['content/berichten']);
    expect(pendingView.files).toEqual(expect.arrayContaining([{ path: 'content/berichten/nieuw.md', status: 'added' }, { path: 'content/berichten/oud.md', status: 'deleted' }]));
    expect(pendingView.files).toHaveLength(2);
    expect(pendingView.head).not.toBe(start);

    await store.flush();
    expect(store.pending()).toBe(0);
    const head = (await gh.git.getRef('main'))!;
    expect(head).not.toBe(start);
    expect(await gh.git.git(['log', '-1', '--format=%B', head])).toMatch(/^Plein-Journal: \S+$/m);
    const committed = await store.changedSince(start, ['content/berichten']);
    expect(committed.head).toBe(head);
    expect(committed.files).toHaveLength(2);
    expect(await store.read('content/berichten/nieuw.md')).toBe('nieuw\n');
  });

  it('puts a new post in /api/feed at once, and once after it is committed', async () => {
    const { gh, store } = await setup({}, { batchWindowMs: 200, headTtlMs: 100 });
    const api = makeApi(store);
    const build = (await gh.git.getRef('main'))!;
    const res = await api.post('Koffie staat klaar');
    expect(res.status).toBe(201);
    const { bericht } = (await res.json()) as { bericht: { id: string } };
    const before = await api.feed(build);
    expect(before.items.filter((i) => i.id === bericht.id)).toHaveLength(1);
    expect(before.items[0].html).toContain('Koffie staat klaar');
    await store.flush();
    expect(await gh.git.getRef('main')).not.toBe(build);
    await new Promise((r) => setTimeout(r, 600)); // past the feed's own half-second cache
    const after = await api.feed(build);
    expect(after.items.filter((i) => i.id === bericht.id)).toHaveLength(1);
    expect(after.head).toBe(await gh.git.getRef('main'));
  });

  it('commits 500 posts from 20 concurrent clients exactly once through conflicts, secondary limits, 502s and slow answers', async () => {
    const { gh, store } = await setup(
      // Batching leaves GitHub few requests, so the faults come often to hit each of them several times.
      { faults: { conflictEvery: 2, secondaryLimitEvery: 4, tooManyEvery: 13, badGatewayEvery: 7, retryAfter: 1, slowMs: 5 } },
      { batchWindowMs: 20, headTtlMs: 100 },
    );
    const paths: string[] = [];
    await Promise.all(
      Array.from({ length: 20 }, async (_, c) => {
        for (let i = 0; i < 25; i++) {
          const path = `content/berichten/2026/11/c${c}-${i}.md`;
          await store.commit({ writes: [{ path, content: `bericht ${c}-${i}\n` }], message: `bericht ${c}-${i}`, author: { name: `M ${c}`, email: `m${c}@wadvoort.nl` } });
          paths.push(path);
          // Clients pause between posts, so the posts spread over many batches.
          await new Promise((r) => setTimeout(r, 20 + Math.random() * 40));
        }
      }),
    );
    expect(paths).toHaveLength(500);
    await store.flush();
    expect(gh.stats.faultsInjected).toBeGreaterThan(5);
    expect(gh.stats.conflicts).toBeGreaterThan(0);
    const added = await additions(gh);
    expect(added).toHaveLength(500);
    expect(new Set(added)).toEqual(new Set(paths));
    const trailers = await journalTrailers(gh);
    expect(trailers).toHaveLength(500);
    expect(new Set(trailers).size).toBe(500);
    expect(store.commits()).toBeLessThan(100);
    expect(await gh.git.fsck()).toBe('');
  }, 120_000);

  it('answers 503 and acknowledges nothing when the state store cannot be written, and takes writes again after', async (ctx) => {
    const { gh, store, state } = await setup();
    const api = makeApi(store);
    expect((await api.post('Eerste')).status).toBe(201);
    const files = [state.file, `${state.file}-wal`];
    try {
      execFileSync('chattr', ['+i', ...files]);
    } catch {
      return ctx.skip(); // no immutable files on this machine (not root or not ext4)
    }
    try {
      const build = (await gh.git.getRef('main'))!;
      const res = await api.post('Tweede, gaat niet door');
      expect(res.status).toBe(503);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('opslag_onbeschikbaar');
      expect(store.pending()).toBe(1);
      const feed = await api.feed(build);
      expect(feed.items.map((i) => i.html).join()).not.toContain('Tweede');
    } finally {
      execFileSync('chattr', ['-i', ...files]);
    }
    expect((await api.post('Derde, weer goed')).status).toBe(201);
    expect(store.pending()).toBe(2);
    expect((await state.outbox.pending(10)).map((e) => e.change.message).join()).not.toContain('Tweede');
  });

  it('a second server on the same outbox shows the first one\'s pending post, and only one of them commits it', async () => {
    const { gh, store, state, config } = await setup();
    const other = createGithubStore({ config, state, tuning: FAST, batchWindowMs: 60_000, headTtlMs: 60_000, conflictBackoffMs: 5, retryBaseMs: 20 });
    stores.push(other);
    await other.ready();
    await store.commit({ writes: [{ path: 'content/berichten/van-a.md', content: 'a\n' }], message: 'van a', author });
    // The other server's reads refresh from the outbox within its refresh interval.
    await new Promise((r) => setTimeout(r, 300));
    expect(await other.read('content/berichten/van-a.md')).toBe('a\n');
    await Promise.all([store.flush(), other.flush()]);
    expect(await additions(gh)).toEqual(['content/berichten/van-a.md']);
    expect(await journalTrailers(gh)).toHaveLength(1);
  });

  it('serves a thousand feed readers with at most one GitHub call per few seconds, pending posts included', async () => {
    const { gh, store } = await setup({}, { headTtlMs: 2000 });
    const api = makeApi(store);
    const build = (await gh.git.getRef('main'))!;
    for (let i = 0; i < 5; i++) expect((await api.post(`Bericht ${i}`)).status).toBe(201);
    const before = gh.stats.requests;
    const notModified = gh.stats.notModified;
    const started = Date.now();
    // Ten waves of a hundred readers, 400 ms apart: about four seconds of a busy timeline.
    for (let wave = 0; wave < 10; wave++) {
      const feeds = await Promise.all(Array.from({ length: 100 }, () => api.feed(build)));
      for (const f of feeds) expect(f.items).toHaveLength(5);
      await new Promise((r) => setTimeout(r, 400));
    }
    const seconds = (Date.now() - started) / 1000;
    const calls = gh.stats.requests - before;
    expect(calls).toBeGreaterThan(0);
    expect(calls).toBeLessThanOrEqual(Math.ceil(seconds / 2) + 1);
    // The head is re-checked conditionally: GitHub answers 304 Not Modified.
    expect(gh.stats.notModified - notModified).toBe(calls);
  });
});
