import { afterAll, describe, expect, it } from 'vitest';
import { startGithubStandin, type GithubStandin } from '../../../tests/support/github-standin/server.ts';
import { openTempState } from '../../../tests/support/state.ts';
import { createGithubClient } from './github-config.ts';
import { createGithubStore } from './github-store.ts';
import { listRecentRequests } from './github-recent-requests.ts';

const standins: GithubStandin[] = [];
afterAll(async () => {
  await Promise.all(standins.map((s) => s.close()));
});

describe('Plein-Request trailers on GitHub', () => {
  it('reads the trailers of recent commits page by page through 502s, and none from before `since`', async () => {
    const token = 'ghp_recent0123456789';
    const gh = await startGithubStandin({ tokens: [token], faults: { badGatewayEvery: 5 } });
    standins.push(gh);
    const config = { owner: gh.owner, repo: gh.repo, branch: gh.branch, baseUrl: gh.baseUrl, auth: { token } };
    const tuning = { minWriteIntervalMs: 0, retryAfterBaseMs: 20, warn: () => {} };
    const store = createGithubStore({ config, tuning, batchWindowMs: 0, headTtlMs: 0 });
    const author = { name: 'A', email: 'a@wadvoort.nl' };
    // Five commits, one after the other, each with its own trailer; one commit without.
    for (const k of ['a', 'b', 'c', 'd', 'e']) {
      await store.commit({ writes: [{ path: `content/berichten/${k}.md`, content: k }], message: k, author, trailers: [`Plein-Request: ${k}`] });
    }
    await store.commit({ writes: [{ path: 'content/berichten/z.md', content: 'z' }], message: 'zonder', author });
    const client = createGithubClient(config, tuning);
    const found = await listRecentRequests(client, config, Date.now() - 60_000, 2);
    expect(found.map((f) => f.value)).toEqual(['e', 'd', 'c', 'b', 'a']);
    expect(Math.abs(found[0].at - Date.now())).toBeLessThan(60_000);
    expect(gh.stats.faultsInjected).toBeGreaterThan(0);
    expect(await listRecentRequests(client, config, Date.now() + 120_000)).toEqual([]);
  });

  it('includes changes the outbox acknowledged that have not reached GitHub yet', async () => {
    const token = 'ghp_recentjournal012345';
    // Every content-creating request hits a secondary limit: nothing lands, reads still work.
    const gh = await startGithubStandin({ tokens: [token], faults: { secondaryLimitEvery: 1, retryAfter: 1 } });
    standins.push(gh);
    const config = { owner: gh.owner, repo: gh.repo, branch: gh.branch, baseUrl: gh.baseUrl, auth: { token } };
    const state = await openTempState();
    const store = createGithubStore({
      config, tuning: { minWriteIntervalMs: 0, retryAfterBaseMs: 20, retries: 0, warn: () => {} },
      state, batchWindowMs: 10, retryBaseMs: 50,
    });
    await store.commit({ writes: [{ path: 'content/berichten/p.md', content: 'p' }], message: 'p', author: { name: 'A', email: 'a@wadvoort.nl' }, trailers: ['Plein-Request: wacht'] });
    expect(store.pending()).toBe(1);
    expect((await store.recentRequests!(Date.now() - 60_000)).map((f) => f.value)).toEqual(['wacht']);
    await store.close();
    await state.remove();
  });
});
