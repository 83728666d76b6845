// Which acknowledged changes a GitHub branch already holds, found by their `Plein-Journal:` trailers: the outbox
// flusher asks before it commits again after a start, a takeover or an attempt whose outcome it never heard.
import type { FindLanded } from '../outbox-flusher.ts';
import { readJournalTrailers } from '../trailers.ts';
import type { GithubClient, GithubConfig } from './github-config.ts';
import type { GithubReader } from './github-reads.ts';

/** How many commits back from the head a look goes at most. */
const MAX_SCAN = 1000;

/** Walks back from the head (to `stopAt`, or past commits older than `notBefore`) collecting the ids it finds. */
export function createGithubFindLanded(client: GithubClient, config: GithubConfig, reader: GithubReader): FindLanded {
  const repo = { owner: config.owner, repo: config.repo };
  return async (ids, notBefore, stopAt) => {
    const found = new Map<string, string[]>();
    let sha: string | undefined = await reader.getHead(true);
    for (let walked = 0; sha && sha !== stopAt && walked < MAX_SCAN; walked++) {
      const res = await client.request('GET /repos/{owner}/{repo}/git/commits/{commit_sha}', { ...repo, commit_sha: sha });
      const data: { message: string; committer: { date: string }; parents: { sha: string }[] } = res.data;
      const here = readJournalTrailers(data.message).filter((id) => ids.has(id));
      if (here.length) found.set(sha, here);
      // Commits are (nearly) in time order along the first parents: older than every pending change means done.
      if (Date.parse(data.committer.date) < notBefore) break;
      sha = data.parents[0]?.sha;
    }
    return found;
  };
}
