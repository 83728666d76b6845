// The GitHub store: writes that arrive within a short window share one commit made through the git
// data API (tree with base_tree → commit → fast-forward of the branch). When another writer moved the
// branch first, the commit is rebuilt on the new head; rate limits and 5xx are handled by Octokit's
// throttling and retry plugins. A write resolves only once the branch points at a commit holding it.
import { assertSafePath } from '../local-git-store.ts';
import { describeBatch } from '../commit-message.ts';
import { StoreUnavailableError, type ChangeSet, type ContentStore } from '../types.ts';
import { createGithubClient, readGithubConfig, redactSecrets, type GithubClient, type GithubClientTuning, type GithubConfig, type GithubEnv } from './github-config.ts';
import { createGithubReader, statusOf } from './github-reads.ts';

/** Settings of the GitHub store. */
export interface GithubStoreOptions {
  config: GithubConfig;
  /** A ready client (otherwise one is made from config and tuning). */
  client?: GithubClient;
  tuning?: GithubClientTuning;
  /** How long the first write of a batch waits for company (default 1000 ms; 0 on serverless hosts). */
  batchWindowMs?: number;
  /** How long a read trusts the known head before asking GitHub again (default 3000 ms). */
  headTtlMs?: number;
  /** Committer identity: the intranet itself. */
  committer?: { name: string; email: string };
  /** Attempts to land a batch when the branch keeps moving (default 8). */
  maxAttempts?: number;
  /** First back-off after a conflict; doubles per attempt, with jitter (default 250 ms). */
  conflictBackoffMs?: number;
  /** Called after each commit. */
  onCommit?: (commit: string) => void;
}

interface Pending {
  change: ChangeSet;
  at: number;
  resolve: (r: { commit: string }) => void;
  reject: (e: unknown) => void;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Creates the GitHub store. */
export function createGithubStore(options: GithubStoreOptions): ContentStore & { commits(): number; flush(): Promise<void> } {
  const { config } = options;
  const client = options.client ?? createGithubClient(config, options.tuning);
  const repo = { owner: config.owner, repo: config.repo };
  const reader = createGithubReader(client, config, options.headTtlMs ?? 3000);
  const committer = options.committer ?? { name: 'Plein', email: 'plein@intranet.invalid' };
  const windowMs = options.batchWindowMs ?? 1000;
  const maxAttempts = options.maxAttempts ?? 8;
  const backoffMs = options.conflictBackoffMs ?? 250;
  const queue: Pending[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> | undefined;
  let commitCount = 0;

  /** Turns an Octokit failure into a clear error without secrets. */
  function explain(err: unknown): Error {
    if (err instanceof StoreUnavailableError) return err;
    const status = statusOf(err);
    const detail = redactSecrets(String((err as Error)?.message ?? err).split('\n')[0], config);
    if (status === 401) return new StoreUnavailableError(`GitHub weigert de inlog (401): controleer PLEIN_GITHUB_TOKEN of de app-installatie. ${detail}`);
    if (status === 403 || status === 404) return new StoreUnavailableError(`GitHub geeft geen schrijftoegang tot ${config.owner}/${config.repo} (${status}). ${detail}`);
    if (status === 429 || (status ?? 0) >= 500) return new StoreUnavailableError(`GitHub is tijdelijk niet beschikbaar (${status}); probeer het later opnieuw.`);
    return new StoreUnavailableError(`GitHub-opslag mislukt${status ? ` (${status})` : ''}: ${detail}`);
  }

  function schedule() {
    if (timer || running || !queue.length) return;
    const wait = Math.max(0, windowMs - (Date.now() - queue[0].at));
    timer = setTimeout(() => {
      timer = undefined;
      running = drain().finally(() => {
        running = undefined;
        schedule();
      });
    }, wait);
  }

  async function drain() {
    const batch = queue.splice(0, queue.length);
    if (!batch.length) return;
    try {
      const commit = await commitBatch(batch.map((p) => p.change));
      for (const p of batch) p.resolve({ commit });
    } catch (err) {
      const error = explain(err);
      for (const p of batch) p.reject(error);
    }
  }

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

  async function read(path: string): Promise<string | undefined> {
    try {
      return await reader.readFile(assertSafePath(path));
    } catch (err) {
      throw explain(err);
    }
  }

  return {
    commit(change) {
      try {
        for (const w of change.writes) assertSafePath(w.path);
        for (const d of change.deletes ?? []) assertSafePath(d);
      } catch (err) {
        return Promise.reject(err);
      }
      return new Promise((resolve, reject) => {
        queue.push({ change, at: Date.now(), resolve, reject });
        schedule();
      });
    },
    read,
    async exists(path) {
      return (await read(path)) !== undefined;
    },
    async head() {
      return reader.getHead().catch((err) => Promise.reject(explain(err)));
    },
    async changedSince(since, prefixes) {
      return reader.changedSince(since, prefixes).catch((err) => Promise.reject(explain(err)));
    },
    commits: () => commitCount,
    /** Commits whatever waits now (serverless hosts call this before answering). */
    async flush() {
      if (timer) clearTimeout(timer);
      timer = undefined;
      while (running || queue.length) {
        if (running) await running;
        else {
          running = drain().finally(() => (running = undefined));
          await running;
        }
      }
      schedule();
    },
  };
}

/** The GitHub store configured from the environment (PLEIN_GITHUB_*). */
export function createGithubStoreFromEnv(env: GithubEnv, extra: Omit<GithubStoreOptions, 'config'> = {}) {
  return createGithubStore({ ...extra, config: readGithubConfig(env) });
}
