import { generateKeyPairSync } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { describeStoreContract } from '../../../tests/support/store-contract.ts';
import { startGithubStandin, type GithubStandin, type StandinOptions } from '../../../tests/support/github-standin/server.ts';
import { readGithubConfig } from './github-config.ts';
import { createGithubStore, type GithubStoreOptions } from './github-store.ts';

const standins: GithubStandin[] = [];
afterAll(async () => {
  await Promise.all(standins.map((s) => s.close()));
});

const FAST = { minWriteIntervalMs: 0, retryAfterBaseMs: 20, warn: () => {} };
const author = { name: 'Anouk de Vries', email: 'anouk@wadvoort.nl' };

/** A stand-in plus a store pointed at it, tuned for fast tests. */
async function setup(standin: StandinOptions = {}, store: Partial<GithubStoreOptions> = {}, token = 'ghp_testtoken0123456789') {
  const gh = await startGithubStandin({ tokens: [token], ...standin });
  standins.push(gh);
  const config = { owner: gh.owner, repo: gh.repo, branch: gh.branch, baseUrl: gh.baseUrl, auth: { token } };
  return { gh, store: createGithubStore({ config, tuning: FAST, batchWindowMs: 20, headTtlMs: 100, conflictBackoffMs: 5, ...store }) };
}

const standinOf = new WeakMap<object, GithubStandin>();
describeStoreContract(
  'github',
  async () => {
    const { gh, store } = await setup();
    standinOf.set(store, gh);
    return store;
  },
  async (store, commit) => standinOf.get(store)!.git.git(['log', '-1', '--format=%B', commit]),
);

describe('github store', () => {
  it('rebuilds the commit on the new head when another writer moved the branch', async () => {
    const { gh, store } = await setup({ faults: { conflictEvery: 1 } }, { maxAttempts: 3 });
    await expect(store.commit({ writes: [{ path: 'content/a.md', content: 'a\n' }], message: 'a', author })).rejects.toThrow(/bleef veranderen/);
    gh.setFaults({ conflictEvery: 2 });
    const { commit } = await store.commit({ writes: [{ path: 'content/b.md', content: 'b\n' }], message: 'b', author });
    const parent = (await gh.git.git(['rev-parse', `${commit}^`])).trim();
    expect((await gh.git.git(['log', '-1', '--format=%s', parent])).trim()).toMatch(/^Andere schrijver/);
    expect(await gh.git.git(['ls-tree', '-r', '--name-only', commit])).toMatch(/andere-schrijver\/\d+\.md[\s\S]*content\/b\.md|content\/b\.md[\s\S]*andere-schrijver/);
    expect(await gh.git.getRef('main')).toBe(commit);
    expect(await gh.git.git(['log', '--format=%an <%ae>|%cn', '-1', commit])).toContain('Anouk de Vries <anouk@wadvoort.nl>|Plein');
  });

  it('commits 500 posts from 20 concurrent clients exactly once through conflicts, secondary limits and 502s', async () => {
    const { gh, store } = await setup({ faults: { conflictEvery: 3, secondaryLimitEvery: 7, tooManyEvery: 29, badGatewayEvery: 17, retryAfter: 1, slowMs: 2 } });
    const paths: string[] = [];
    await Promise.all(
      Array.from({ length: 20 }, async (_, c) => {
        // Each client keeps five posts in flight (several tabs), so the test needs few commit rounds.
        for (let wave = 0; wave < 5; wave++) {
          await Promise.all(
            Array.from({ length: 5 }, async (_, k) => {
              const i = wave * 5 + k;
              const path = `content/berichten/2026/11/c${c}-${i}.md`;
              await store.commit({ writes: [{ path, content: `bericht ${c}-${i}\n` }], message: `bericht ${c}-${i}`, author: { name: `M ${c}`, email: `m${c}@wadvoort.nl` } });
              paths.push(path);
            }),
          );
        }
      }),
    );
    expect(paths).toHaveLength(500);
    expect(gh.stats.faultsInjected).toBeGreaterThan(5);
    expect(gh.stats.conflicts).toBeGreaterThan(0);
    const head = (await gh.git.getRef('main'))!;
    const added = (await gh.git.git(['log', '--format=', '--name-status', '--diff-filter=A', head, '--', 'content/berichten'])).split('\n').filter(Boolean);
    expect(added).toHaveLength(500);
    expect(new Set(added).size).toBe(500);
    const tree = await gh.git.git(['ls-tree', '-r', '--name-only', head]);
    for (const p of paths) expect(tree).toContain(p);
    expect(tree).toContain('andere-schrijver/');
    expect(await gh.git.readBlob((await gh.git.blobAt(head, 'content/berichten/2026/11/c7-13.md'))!)).toEqual(Buffer.from('bericht 7-13\n'));
    expect(store.commits()).toBeLessThan(100);
    expect(await gh.git.fsck()).toBe('');
  }, 60_000);

  it('serves many readers from its cache with conditional requests', async () => {
    const { gh, store } = await setup({}, { headTtlMs: 60_000 });
    const { commit } = await store.commit({ writes: [{ path: 'content/berichten/x.md', content: 'x\n' }], message: 'x', author });
    const before = gh.stats.requests;
    const heads = await Promise.all(Array.from({ length: 200 }, () => store.head()));
    const texts = await Promise.all(Array.from({ length: 200 }, () => store.read('content/berichten/x.md')));
    await Promise.all(Array.from({ length: 50 }, () => store.changedSince(commit, ['content/berichten'])));
    expect(new Set(heads)).toEqual(new Set([commit]));
    expect(new Set(texts)).toEqual(new Set(['x\n']));
    expect(gh.stats.requests - before).toBe(0);

    const short = createGithubStore({ config: { owner: gh.owner, repo: gh.repo, branch: 'main', baseUrl: gh.baseUrl, auth: { token: 'ghp_testtoken0123456789' } }, tuning: FAST, headTtlMs: 0 });
    expect(await short.read('README.md')).toBe('repo\n');
    await store.commit({ writes: [{ path: 'content/berichten/y.md', content: 'y\n' }], message: 'y', author });
    const seen = gh.stats.notModified;
    expect(await short.read('README.md')).toBe('repo\n');
    expect(await short.read('README.md')).toBe('repo\n');
    expect(gh.stats.notModified - seen).toBeGreaterThanOrEqual(2);
    expect(await short.changedSince('onbekend', ['content/berichten'])).toMatchObject({ files: expect.arrayContaining([{ path: 'content/berichten/y.md', status: 'added' }]) });
  });

  it('keeps the token out of errors and fails with a clear Dutch message', async () => {
    const { gh } = await setup();
    const secret = 'ghp_verkeerdgeheim0123456789';
    const bad = createGithubStore({ config: { owner: gh.owner, repo: gh.repo, branch: 'main', baseUrl: gh.baseUrl, auth: { token: secret } }, tuning: FAST, batchWindowMs: 0 });
    const error = await bad.commit({ writes: [{ path: 'a.md', content: 'a' }], message: 'a', author }).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/GitHub weigert de inlog \(401\)/);
    expect(JSON.stringify({ m: (error as Error).message, s: (error as Error).stack })).not.toContain(secret);
    await expect(bad.read('README.md')).rejects.toThrow(/401/);
  });

  it('authenticates as a GitHub App installation', async () => {
    const { gh } = await setup();
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
    const config = readGithubConfig({
      PLEIN_GITHUB_REPO: `${gh.owner}/${gh.repo}`,
      PLEIN_GITHUB_APP_ID: '12345',
      PLEIN_GITHUB_APP_PRIVATE_KEY: privateKey.replace(/\n/g, '\\n'),
      PLEIN_GITHUB_INSTALLATION_ID: '678',
      PLEIN_GITHUB_API_URL: gh.baseUrl,
    });
    const store = createGithubStore({ config, tuning: FAST, batchWindowMs: 0 });
    const { commit } = await store.commit({ writes: [{ path: 'content/app.md', content: 'app\n' }], message: 'app', author });
    expect(await gh.git.getRef('main')).toBe(commit);
    expect(gh.stats.installationTokens).toBe(1);
  });

  it('reads its settings from the environment and names what is missing', () => {
    expect(readGithubConfig({ PLEIN_GITHUB_REPO: 'wadvoort/intranet', PLEIN_GITHUB_TOKEN: 'ghp_x' })).toEqual({
      owner: 'wadvoort', repo: 'intranet', branch: 'main', baseUrl: 'https://api.github.com', auth: { token: 'ghp_x' },
    });
    expect(readGithubConfig({ PLEIN_GITHUB_REPO: 'a/b', PLEIN_GITHUB_TOKEN: 't', PLEIN_GITHUB_BRANCH: 'inhoud' }).branch).toBe('inhoud');
    expect(() => readGithubConfig({ PLEIN_GITHUB_TOKEN: 'ghp_geheim123' })).toThrow(/PLEIN_GITHUB_REPO/);
    expect(() => readGithubConfig({ PLEIN_GITHUB_REPO: 'geen-slash', PLEIN_GITHUB_TOKEN: 't' })).toThrow(/eigenaar\/naam/);
    expect(() => readGithubConfig({ PLEIN_GITHUB_REPO: 'a/b', PLEIN_GITHUB_APP_ID: '1' })).toThrow(/PLEIN_GITHUB_APP_PRIVATE_KEY, PLEIN_GITHUB_INSTALLATION_ID/);
    expect(() => readGithubConfig({ PLEIN_GITHUB_REPO: 'a/b', PLEIN_GITHUB_APP_ID: '1', PLEIN_GITHUB_APP_PRIVATE_KEY: 'geheim-sleutel', PLEIN_GITHUB_INSTALLATION_ID: '2' })).toThrow(/geen PEM/);
    try {
      readGithubConfig({ PLEIN_GITHUB_REPO: 'a/b', PLEIN_GITHUB_TOKEN: 'ghp_geheim123', PLEIN_GITHUB_APP_ID: '1' });
    } catch (err) {
      expect((err as Error).message).not.toContain('ghp_geheim123');
    }
  });
});
