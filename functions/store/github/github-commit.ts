// Landing one batch of changes on the GitHub branch through the git data API: blobs for binary files,
// a tree on top of the head's tree, a commit, and a fast-forward of the branch. When another writer
// moved the branch first, the commit is rebuilt on the new head (never a replayed ref update), with
// exponential back-off and jitter. Rate limits and 5xx are handled by the client's plugins.
import { assertSafePath } from '../safe-path.ts';
import { describeBatch } from '../commit-message.ts';
import { StoreUnavailableError, type ChangeSet } from '../types.ts';
import { redactSecrets, type GithubClient, type GithubConfig } from './github-config.ts';
import { statusOf, type GithubReader } from './github-reads.ts';

/** What the committer needs. */
export interface GithubCommitterOptions {
  client: GithubClient;
  config: GithubConfig;
  reader: GithubReader;
  committer: { name: string; email: string };
  maxAttempts: number;
  backoffMs: number;
  onCommit?: (commit: string) => void;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Turns an Octokit failure into a clear Dutch StoreUnavailableError without secrets. */
export function explainGithubError(err: unknown, config: GithubConfig): Error {
  if (err instanceof StoreUnavailableError) return err;
  const status = statusOf(err);
  const detail = redactSecrets(String((err as Error)?.message ?? err).split('\n')[0], config);
  if (status === 401) return new StoreUnavailableError(`GitHub weigert de inlog (401): controleer PLEIN_GITHUB_TOKEN of de app-installatie. ${detail}`);
  if (status === 403 || status === 404) return new StoreUnavailableError(`GitHub geeft geen schrijftoegang tot ${config.owner}/${config.repo} (${status}). ${detail}`);
  if (status === 429 || (status ?? 0) >= 500) return new StoreUnavailableError(`GitHub is tijdelijk niet beschikbaar (${status}); probeer het later opnieuw.`);
  return new StoreUnavailableError(`GitHub-opslag mislukt${status ? ` (${status})` : ''}: ${detail}`);
}

/** Creates the function that lands a batch; resolves with the commit the branch now points at. */
export function createGithubCommitter(options: GithubCommitterOptions) {
  const { client, config, reader, committer, maxAttempts, backoffMs } = options;
  const repo = { owner: config.owner, repo: config.repo };
  let commitCount = 0;

  async function commitBatch(changes: ChangeSet[]): Promise<string> {
    // Later changes to the same path win; null deletes.
    const final = new Map<string, string | Uint8Array | null>();
    for (const c of changes) {
      for (const w of c.writes) final.set(assertSafePath(w.path), w.content);
      for (const d of c.deletes ?? []) final.set(assertSafePath(d), null);
    }
    // Binary files become blobs once; text goes inline in the tree request (one content-creating call less per file).
    const entries: { path: string; mode: '100644'; type: 'blob'; sha?: string | null; content?: string }[] = [];
    for (const [path, content] of final) {
      if (content === null) entries.push({ path, mode: '100644', type: 'blob', sha: null });
      else if (typeof content === 'string') entries.push({ path, mode: '100644', type: 'blob', content });
      else {
        const blob = await client.request('POST /repos/{owner}/{repo}/git/blobs', { ...repo, content: Buffer.from(content).toString('base64'), encoding: 'base64' });
        entries.push({ path, mode: '100644', type: 'blob', sha: blob.data.sha });
      }
    }
    const written = new Map([...final].map(([path, c]) => [path, c === null ? undefined : typeof c === 'string' ? c : Buffer.from(c).toString('utf8')]));
    const message = describeBatch(changes);
    const author = { name: changes[0].author.name, email: changes[0].author.email, date: new Date().toISOString() };

    for (let attempt = 0; attempt < maxAttempts; attempt++) {
      // Rebuild on whatever the branch points at now: never replay an old commit onto a moved branch.
      const parent = await reader.getHead(true);
      const baseTree = await reader.getTree(parent);
      const tree = await client.request('POST /repos/{owner}/{repo}/git/trees', { ...repo, base_tree: baseTree, tree: entries as never });
      const commit = await client.request('POST /repos/{owner}/{repo}/git/commits', {
        ...repo,
        message,
        tree: tree.data.sha,
        parents: [parent],
        author,
        committer: { ...committer, date: author.date },
      });
      const sha = commit.data.sha;
      try {
        await client.request('PATCH /repos/{owner}/{repo}/git/refs/{ref}', { ...repo, ref: `heads/${config.branch}`, sha, force: false });
      } catch (err) {
        const status = statusOf(err);
        if (status !== 422 && status !== 409) throw err;
        // A retried update whose first answer was lost may already have landed.
        if ((await reader.getHead(true)) !== sha) {
          const delay = Math.min(10_000, backoffMs * 2 ** attempt) * (0.5 + Math.random());
          await sleep(delay);
          continue;
        }
      }
      commitCount++;
      reader.noteCommit(parent, sha, tree.data.sha, written);
      options.onCommit?.(sha);
      return sha;
    }
    throw new StoreUnavailableError(`De branch ${config.branch} op GitHub bleef veranderen; na ${maxAttempts} pogingen is de wijziging niet opgeslagen.`);
  }

  return { commitBatch, commits: () => commitCount };
}
