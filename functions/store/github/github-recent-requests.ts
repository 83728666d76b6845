// Durable Idempotency-Key answers on GitHub: the `Plein-Request` trailers of the branch's recent
// commits, read through the commit list (up to 100 commits a request) instead of commit by commit.
import { readRequestTrailers } from '../trailers.ts';
import type { RecentRequest } from '../types.ts';
import type { GithubClient, GithubConfig } from './github-config.ts';

/** The Plein-Request trailers of commits on the branch since `sinceMs`; at most `maxPages` pages. */
export async function listRecentRequests(client: GithubClient, config: GithubConfig, sinceMs: number, perPage = 100, maxPages = 20): Promise<RecentRequest[]> {
  const found: RecentRequest[] = [];
  for (let page = 1; page <= maxPages; page++) {
    const { data } = await client.request('GET /repos/{owner}/{repo}/commits', {
      owner: config.owner,
      repo: config.repo,
      sha: config.branch,
      since: new Date(sinceMs).toISOString(),
      per_page: perPage,
      page,
    });
    for (const c of data) {
      const at = Date.parse(c.commit.committer?.date ?? c.commit.author?.date ?? '') || Date.now();
      for (const value of readRequestTrailers(c.commit.message)) found.push({ value, at });
    }
    if (data.length < perPage) break;
  }
  return found;
}
