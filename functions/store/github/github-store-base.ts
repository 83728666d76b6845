// The GitHub store without a fixed journal implementation: imports nothing Node-only, so Cloudflare Pages can bundle it
// (github-store.ts adds the disk journal for the Node server).
// Two ways to make a write durable:
// - with `journalPath` (the Node server): a write is acknowledged once it is in a journal on local disk;
//   a background flusher commits the journal in batches, paced below GitHub's limits, and reads see
//   pending writes at once (read-your-writes);
// - without (serverless hosts, where no process outlives a request): a write resolves only once the
//   branch points at a commit holding it; writes arriving within the batch window share that commit.
import { assertSafePath } from '../safe-path.ts';
import type { ChangeSet, ContentStore } from '../types.ts';
import { createGithubClient, type GithubClient, type GithubClientTuning, type GithubConfig } from './github-config.ts';
import { createGithubCommitter, explainGithubError } from './github-commit.ts';
import type { createJournaledWriter } from './github-journaled.ts';
import { listRecentRequests } from './github-recent-requests.ts';
import { readRequestTrailers } from '../trailers.ts';
import { createGithubReader } from './github-reads.ts';

/** Settings of the GitHub store. */
export interface GithubStoreOptions {
  config: GithubConfig;
  /** A folder on local disk for the write journal (Node server); absent: commit before answering. */
  journalPath?: string;
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
  /** Journal only: first pause after a failed batch, doubling up to a minute (default 1000 ms). */
  retryBaseMs?: number;
  /** Called after each commit. */
  onCommit?: (commit: string) => void;
}

/** The GitHub store: a ContentStore plus flushing and counters. */
export interface GithubStore extends ContentStore {
  /** Commits made by this store. */
  commits(): number;
  /** Commits whatever waits now; resolves once it landed. */
  flush(): Promise<void>;
  /** Resolves once the journal (if any) is open and replayed. */
  ready(): Promise<void>;
  /** Writes acknowledged but not yet on GitHub (always 0 without a journal). */
  pending(): number;
  /** Stops background work (the journal keeps what is pending for the next start). */
  close(): Promise<void>;
}

interface Waiting {
  change: ChangeSet;
  at: number;
  resolve: (r: { commit: string }) => void;
  reject: (e: unknown) => void;
}

function checkPaths(change: ChangeSet) {
  for (const w of change.writes) assertSafePath(w.path);
  for (const d of change.deletes ?? []) assertSafePath(d);
}

/** How a journaled writer is made (github-journaled.ts); only hosts with a disk pass it. */
export type JournaledWriterFactory = typeof createJournaledWriter;

/** Creates the GitHub store; `journalPath` needs `openJournaled`. */
export function createGithubStoreBase(options: GithubStoreOptions, openJournaled?: JournaledWriterFactory): GithubStore {
  const { config } = options;
  const client = options.client ?? createGithubClient(config, options.tuning);
  const reader = createGithubReader(client, config, options.headTtlMs ?? 3000);
  const committer = options.committer ?? { name: 'Plein', email: 'plein@intranet.invalid' };
  const windowMs = options.batchWindowMs ?? 1000;
  const explain = (err: unknown) => explainGithubError(err, config);
  const { commitBatch, commits } = createGithubCommitter({
    client, config, reader, committer,
    maxAttempts: options.maxAttempts ?? 8,
    backoffMs: options.conflictBackoffMs ?? 250,
    onCommit: options.onCommit,
  });
  if (options.journalPath && !openJournaled) throw new Error('journalPath needs a journaled writer (use createGithubStore from github-store.ts)');
  const journaled = options.journalPath && openJournaled
    ? openJournaled({
        journalPath: options.journalPath, windowMs, client, config, reader, commitBatch, explain,
        retryBaseMs: options.retryBaseMs ?? 1000,
        warn: options.tuning?.warn ?? ((m) => console.warn(m)),
      })
    : undefined;
  const overlay = journaled?.overlay;

  // Without a journal: a queue drained by one batch at a time.
  const queue: Waiting[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> | undefined;

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

  async function baseHead(): Promise<string> {
    return reader.getHead().catch((err) => Promise.reject(explain(err)));
  }

  async function read(path: string): Promise<string | undefined> {
    const pending = overlay?.lookup(assertSafePath(path));
    if (pending) return pending.text;
    try {
      return await reader.readFile(assertSafePath(path));
    } catch (err) {
      throw explain(err);
    }
  }

  return {
    async commit(change) {
      checkPaths(change);
      if (journaled) {
        await journaled.append(change);
        // No GitHub call on the write path: the version id builds on the last head seen.
        return { commit: overlay!.version(reader.knownHead() ?? (await baseHead())) };
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
      const head = await baseHead();
      return overlay ? overlay.version(head) : head;
    },
    async changedSince(since, prefixes) {
      const base = overlay ? overlay.baseOf(since) : since;
      const committed = await reader.changedSince(base, prefixes).catch((err) => Promise.reject(explain(err)));
      return overlay ? overlay.merge(since, prefixes, committed) : committed;
    },
    commits,
    async flush() {
      if (journaled) return journaled.flush();
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
    async recentRequests(sinceMs) {
      // The journal first: a change that lands meanwhile is then in the commit list read after it.
      const pending = journaled ? await journaled.pendingChanges() : [];
      const landed = await listRecentRequests(client, config, sinceMs).catch((err) => Promise.reject(explain(err)));
      return [...pending.flatMap(({ change, at }) => readRequestTrailers((change.trailers ?? []).join('\n')).map((value) => ({ value, at }))), ...landed];
    },
    ready: async () => journaled?.ready(),
    pending: () => journaled?.pendingCount() ?? 0,
    async close() {
      if (timer) clearTimeout(timer);
      await journaled?.close();
    },
  };
}
