// The GitHub store. Two ways to make a write durable:
// - with `state` (the Node server, one or more): a write is acknowledged once it is a row in the state store's
//   outbox; the outbox flusher (one at a time over all servers) commits pending rows in batches, paced below
//   GitHub's limits, and reads see pending writes at once (read-your-writes), also another server's;
// - without (serverless hosts, where no process outlives a request): a write resolves only once the
//   branch points at a commit holding it; writes arriving within the batch window share that commit.
// Portable: Cloudflare Pages bundles it too.
import type { StateStore } from '../../state/store.ts';
import { createOutboxReads } from '../outbox-reads.ts';
import { createOutboxWriter } from '../outbox-writer.ts';
import { assertSafePath } from '../safe-path.ts';
import type { ChangeSet, FlushingStore } from '../types.ts';
import { createGithubClient, readGithubConfig, type GithubClient, type GithubClientTuning, type GithubConfig, type GithubEnv } from './github-config.ts';
import { createGithubCommitter, explainGithubError } from './github-commit.ts';
import { createGithubFindLanded } from './github-landed.ts';
import { listRecentRequests } from './github-recent-requests.ts';
import { createGithubReader } from './github-reads.ts';

/** Settings of the GitHub store. */
export interface GithubStoreOptions {
  config: GithubConfig;
  /** The state store whose outbox acknowledges writes (Node server); absent: commit before answering. */
  state?: StateStore;
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
  /** Outbox only: first pause after a failed batch, doubling up to a minute (default 1000 ms). */
  retryBaseMs?: number;
  /** Outbox only: commit when flush() is called, never in the background (Cloudflare Pages: inside waitUntil). */
  flushOnDemand?: boolean;
  /** Called after each commit. */
  onCommit?: (commit: string) => void;
}

/** The GitHub store: a ContentStore plus flushing and counters. */
export type GithubStore = FlushingStore;

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

/** Creates the GitHub store. */
export function createGithubStore(options: GithubStoreOptions): GithubStore {
  const { config } = options;
  const client = options.client ?? createGithubClient(config, options.tuning);
  const reader = createGithubReader(client, config, options.headTtlMs ?? 3000);
  const committer = options.committer ?? { name: 'Plein', email: 'plein@intranet.invalid' };
  const windowMs = options.batchWindowMs ?? 1000;
  const explain = (err: unknown) => explainGithubError(err, config);
  const warn = options.tuning?.warn ?? ((m: string) => console.warn(m));
  const { commitBatch, commits } = createGithubCommitter({
    client, config, reader, committer,
    maxAttempts: options.maxAttempts ?? 8,
    backoffMs: options.conflictBackoffMs ?? 250,
    onCommit: options.onCommit,
  });
  const fail = (err: unknown) => Promise.reject(explain(err));

  if (options.state) {
    const writer = createOutboxWriter({
      state: options.state, commitBatch, windowMs, explain, warn,
      findLanded: createGithubFindLanded(client, config, reader),
      retryBaseMs: options.retryBaseMs ?? 1000,
      flushOnDemand: options.flushOnDemand,
    });
    const reads = createOutboxReads(writer, {
      read: (path) => reader.readFile(assertSafePath(path)).catch(fail),
      head: () => reader.getHead().catch(fail),
      // No GitHub call on the write path: the version id builds on the last head seen.
      knownHead: async () => reader.knownHead() ?? (await reader.getHead().catch(fail)),
      changedSince: (since, prefixes) => reader.changedSince(since, prefixes).catch(fail),
      recentRequests: (sinceMs) => listRecentRequests(client, config, sinceMs).catch(fail),
    }, checkPaths);
    return { ...reads, commits, flush: writer.flush, ready: writer.ready, pending: writer.pendingCount, pendingSince: writer.pendingSince, close: writer.close };
  }

  // Without an outbox: a queue drained by one batch at a time.
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
    try {
      return await reader.readFile(assertSafePath(path));
    } catch (err) {
      throw explain(err);
    }
  }

  return {
    async commit(change) {
      checkPaths(change);
      return new Promise((resolve, reject) => {
        queue.push({ change, at: Date.now(), resolve, reject });
        schedule();
      });
    },
    read,
    async exists(path) {
      return (await read(path)) !== undefined;
    },
    head: baseHead,
    changedSince: (since, prefixes) => reader.changedSince(since, prefixes).catch(fail),
    commits,
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
    recentRequests: (sinceMs) => listRecentRequests(client, config, sinceMs).catch(fail),
    ready: async () => {},
    pending: () => 0,
    async close() {
      if (timer) clearTimeout(timer);
    },
  };
}

/** The GitHub store configured from the environment (PLEIN_GITHUB_*). */
export function createGithubStoreFromEnv(env: GithubEnv, extra: Omit<GithubStoreOptions, 'config'> = {}) {
  return createGithubStore({ ...extra, config: readGithubConfig(env) });
}
