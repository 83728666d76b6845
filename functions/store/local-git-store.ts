// The embedded default store: the local git repository of the running site. One write path with the GitHub store:
// a change is appended to the state store's outbox and answered; the outbox flusher commits pending changes in
// batches (only their paths, under git's own index lock, local-git-commit.ts) and reads lay pending changes over
// the working tree meanwhile. After a crash the first commit waits for local-git-recovery.ts (a stale index.lock
// goes, an unfinished batch is undone) and the flusher's reconciliation (Plein-Journal trailers) commits nothing
// twice. Without a state store of its own (tools, tests) it keeps a private SQLite outbox inside .git and answers
// once the change is committed.
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import { openStateStore } from '../state/open.ts';
import type { StateStore } from '../state/store.ts';
import { createLocalGitCommitter } from './local-git-commit.ts';
import { createOutboxReads } from './outbox-reads.ts';
import { createOutboxWriter, type OutboxWriter } from './outbox-writer.ts';
import { assertSafePath } from './safe-path.ts';
import { readRequestTrailers } from './trailers.ts';
import type { ChangeSet, ChangedFile, ContentStore, FlushingStore, RecentRequest } from './types.ts';

/** Re-exported for the modules that have always imported it from here. */
export { assertSafePath };

/** Settings of the local git store. */
export interface LocalGitStoreOptions {
  /** The repository's working tree. */
  repoDir: string;
  /** The state store whose outbox acknowledges writes (the Node server); default: a private one inside .git. */
  state?: StateStore;
  /** Answer only once the change is committed (default: when no state store is given). */
  waitForCommit?: boolean;
  /** How long the first pending change waits for company before a batch starts (default 0: at once). */
  windowMs?: number;
  /** Committer identity: the intranet itself. */
  committer?: { name: string; email: string };
  /** Called after each commit (the Node server schedules a rebuild). */
  onCommit?: (commit: string) => void;
  /** Where crash recovery reports what it did (default console.warn). */
  warn?: (message: string) => void;
}

/** The local git store: a ContentStore plus flushing and counters. */
export type LocalGitStore = FlushingStore;

function checkPaths(change: ChangeSet) {
  for (const w of change.writes) assertSafePath(w.path);
  for (const d of change.deletes ?? []) assertSafePath(d);
}

/** The folder of the private state store: inside the repository's git folder, never in the working tree. */
function privateStateDir(repo: string): string {
  const gitDir = execFileSync('git', ['rev-parse', '--git-dir'], { cwd: repo, encoding: 'utf8' }).trim();
  return join(isAbsolute(gitDir) ? gitDir : join(repo, gitDir), 'plein-state');
}

/** Creates the local git store. */
export function createLocalGitStore(options: LocalGitStoreOptions): LocalGitStore {
  const repo = options.repoDir;
  const warn = options.warn ?? ((m: string) => console.warn(m));
  // The head as last seen (read, or committed here): what a write answers with, without two file reads per post.
  let lastHead: string | undefined;
  const onCommit = (commit: string) => {
    lastHead = commit;
    options.onCommit?.(commit);
  };
  const git = createLocalGitCommitter({ repoDir: repo, committer: options.committer ?? { name: 'Plein', email: 'plein@intranet.invalid' }, onCommit, warn });
  const readHead = async () => (lastHead = await git.readHead());
  const own = !options.state;
  let writer: OutboxWriter | undefined;
  let opened: Promise<OutboxWriter> | undefined;
  let state: StateStore | undefined;

  function open(): Promise<OutboxWriter> {
    opened ??= (async () => {
      state = options.state ?? (await openStateStore({ PLEIN_STATE_DIR: privateStateDir(repo) }));
      writer = createOutboxWriter({
        state,
        commitBatch: git.commitBatch,
        findLanded: git.findLanded,
        windowMs: options.windowMs ?? 0,
        retryBaseMs: 250,
        explain: (err) => err as Error,
        warn,
        waitForCommit: options.waitForCommit ?? own,
      });
      await writer.ready();
      return writer;
    })().catch((err) => {
      opened = undefined;
      throw err;
    });
    return opened;
  }

  // Clean up after a crash right away, so nothing of an unanswered batch is seen before the first commit;
  // a failure here is retried (and reported) by the first commit.
  git.recover().catch(() => {});

  // Commits known to exist: a feed asks changedSince with the same build's commit over and over, and each look at it
  // was a git process (spawned on the event loop). One that is gone since (history rewritten) is looked at again.
  const knownCommits = new Set<string>();
  const isCommit = async (sha: string) => {
    if (knownCommits.has(sha)) return true;
    const known = /^[0-9a-f]{40}$/.test(sha) && (await git.git(['cat-file', '-t', sha]).then((t) => t.trim() === 'commit', () => false));
    if (known) {
      if (knownCommits.size >= 1000) knownCommits.clear();
      knownCommits.add(sha);
    }
    return known;
  };

  const committed = {
    async read(path: string) {
      try {
        return await readFile(join(repo, assertSafePath(path)), 'utf8');
      } catch {
        return undefined;
      }
    },
    head: readHead,
    knownHead: async () => lastHead ?? (await readHead()),
    async changedSince(since: string, prefixes: string[]) {
      const head = await readHead();
      if (since === head) return { head, files: [] };
      // With each file's blob, so a reader that has seen that content need not read the file again.
      const list = async (): Promise<ChangedFile[]> =>
        (await isCommit(since))
          ? (await git.git(['diff', '--raw', '--no-abbrev', '--no-renames', `${since}..${head}`, '--', ...prefixes])).split('\n').filter(Boolean).map((line) => {
              // :<old mode> <new mode> <old blob> <new blob> <status>\t<path>
              const [meta, path] = line.split('\t');
              const [, , , blob, code] = meta.split(' ');
              return code === 'D' ? { path, status: 'deleted' } : { path, status: code === 'A' ? 'added' : 'modified', blob };
            })
          : (await git.git(['ls-tree', '-r', head, '--', ...prefixes])).split('\n').filter(Boolean).map((line) => {
              // <mode> blob <blob>\t<path>
              const [meta, path] = line.split('\t');
              return { path, status: 'added', blob: meta.split(' ')[2] };
            });
      const files = await list().catch((err) => (knownCommits.delete(since) ? list() : Promise.reject(err)));
      return { head, files };
    },
    async recentRequests(sinceMs: number): Promise<RecentRequest[]> {
      const out = await git.git(['log', `--since=@${Math.floor(sinceMs / 1000)}`, '--format=%x00%ct%n%B']);
      return out.split('\0').flatMap((chunk) => {
        const at = Number(chunk.slice(0, chunk.indexOf('\n'))) * 1000;
        return readRequestTrailers(chunk).map((value) => ({ value, at }));
      });
    },
  };

  /** The outbox reads once the writer is open. */
  let reads: ContentStore | undefined;
  const withReads = async () => (reads ??= createOutboxReads(await open(), committed, checkPaths));

  return {
    async commit(change) {
      checkPaths(change);
      return (await withReads()).commit(change);
    },
    read: async (path) => (await withReads()).read(path),
    exists: async (path) => (await withReads()).exists(path),
    head: async () => (await withReads()).head(),
    changedSince: async (since, prefixes) => (await withReads()).changedSince(since, prefixes),
    recentRequests: async (sinceMs) => (await withReads()).recentRequests!(sinceMs),
    changes: () => reads?.changes?.() ?? 0,
    commits: git.commits,
    flush: async () => (await open()).flush(),
    ready: async () => {
      await open();
    },
    pending: () => writer?.pendingCount() ?? 0,
    async close() {
      await writer?.close();
      if (own) await state?.close();
    },
  };
}
