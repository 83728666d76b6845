// The embedded default store: the local git repository of the running site. Writes land in the
// working tree and are committed (only those paths) under one lock; writes that arrive while a
// commit runs are committed together in the next one (group commit). After a crash the first commit
// waits for local-git-recovery.ts: a stale index.lock goes, an unfinished batch is undone.
import { execFile } from 'node:child_process';
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import type { ChangeSet, ChangedFile, ContentStore, RecentRequest } from './types.ts';
import { StoreUnavailableError } from './types.ts';
import { describeBatch } from './commit-message.ts';
import { clearJournal, recoverRepository, removeStaleIndexLock, restorePaths, writeJournal } from './local-git-recovery.ts';
import { readRequestTrailers } from './trailers.ts';
import { assertSafePath } from './safe-path.ts';

/** Re-exported for the modules that have always imported it from here. */
export { assertSafePath };

const run = promisify(execFile);

/** Settings of the local git store. */
export interface LocalGitStoreOptions {
  /** The repository's working tree. */
  repoDir: string;
  /** Committer identity: the intranet itself. */
  committer?: { name: string; email: string };
  /** Called after each commit (the Node server schedules a rebuild). */
  onCommit?: (commit: string) => void;
  /** Where crash recovery reports what it did (default console.warn). */
  warn?: (message: string) => void;
}

interface Pending {
  change: ChangeSet;
  resolve: (r: { commit: string }) => void;
  reject: (e: unknown) => void;
}

/** Creates the local git store. */
export function createLocalGitStore(options: LocalGitStoreOptions): ContentStore & { commits(): number } {
  const repo = options.repoDir;
  const committer = options.committer ?? { name: 'Plein', email: 'plein@intranet.invalid' };
  const queue: Pending[] = [];
  let flushing = false;
  let commitCount = 0;
  let gitDir: string | undefined;
  let recovered: Promise<void> | undefined;
  const warn = options.warn ?? ((m: string) => console.warn(m));

  // Another git user of the same repository (decap-server, a developer) may hold index.lock briefly;
  // a lock nobody holds any more (a crash) is removed once the retries run out.
  const git = async (args: string[], env: Record<string, string> = {}): Promise<string> => {
    for (let attempt = 0; ; attempt++) {
      try {
        return (await run('git', args, { cwd: repo, env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 })).stdout;
      } catch (err) {
        if (attempt < 6 && /index\.lock/.test(String((err as { stderr?: string }).stderr))) {
          if (attempt === 5 && !(gitDir && (await removeStaleIndexLock(repo, gitDir).catch(() => false)))) throw err;
          await new Promise((r) => setTimeout(r, 50 * (attempt + 1) + Math.random() * 50));
          continue;
        }
        throw err;
      }
    }
  };

  /** Once per store (again after a failure): find .git, then clean up what a crash left behind. */
  function recover(): Promise<void> {
    recovered ??= (async () => {
      gitDir ??= (await git(['rev-parse', '--absolute-git-dir'])).trim();
      const done = await recoverRepository(repo, gitDir, (args) => git(args));
      if (done.removedLock || done.restored) {
        warn(`Plein: herstel na een onderbroken commit in ${repo}: ${done.removedLock ? 'verweesde .git/index.lock verwijderd; ' : ''}${done.restored} onafgemaakte bestanden teruggezet.`);
      }
    })().catch((err) => {
      recovered = undefined;
      throw err;
    });
    return recovered;
  }

  async function flush() {
    if (flushing) return;
    flushing = true;
    try {
      while (queue.length) {
        const batch = queue.splice(0, queue.length);
        try {
          const commit = await commitBatch(batch.map((p) => p.change));
          for (const p of batch) p.resolve({ commit });
        } catch (err) {
          for (const p of batch) p.reject(err);
        }
      }
    } finally {
      flushing = false;
    }
  }

  /** The head commit, read from .git directly (one process less per commit than `git rev-parse`). */
  async function readHead(): Promise<string> {
    try {
      const ref = (await readFile(join(repo, '.git', 'HEAD'), 'utf8')).trim();
      if (/^[0-9a-f]{40}$/.test(ref)) return ref;
      const name = ref.replace(/^ref: /, '');
      const loose = await readFile(join(repo, '.git', name), 'utf8').catch(() => undefined);
      if (loose && /^[0-9a-f]{40}/.test(loose)) return loose.slice(0, 40);
    } catch {
      // Not a plain .git folder (worktree, packed ref): ask git.
    }
    return (await git(['rev-parse', 'HEAD'])).trim();
  }

  async function commitBatch(changes: ChangeSet[]): Promise<string> {
    const paths = new Set<string>();
    let journaled: string[] = [];
    try {
      const writes = changes.flatMap((c) => c.writes).map((w) => ({ path: assertSafePath(w.path), content: w.content }));
      const deletes = changes.flatMap((c) => c.deletes ?? []).map(assertSafePath);
      await recover();
      // Noted before the first byte is written, so a crash from here on can be undone at the next start.
      await writeJournal(gitDir!, [...writes.map((w) => w.path), ...deletes]);
      journaled = [...writes.map((w) => w.path), ...deletes];
      await Promise.all(
        writes.map(async (w) => {
          await mkdir(dirname(join(repo, w.path)), { recursive: true });
          await writeFile(join(repo, w.path), w.content);
          paths.add(w.path);
        }),
      );
      for (const change of changes) {
        for (const d of change.deletes ?? []) {
          const path = assertSafePath(d);
          await rm(join(repo, path), { force: true });
          paths.add(path);
        }
      }
      const list = [...paths];
      await git(['add', '--all', '--', ...list]);
      const message = describeBatch(changes);
      const first = changes[0];
      await git(['commit', '--quiet', '--no-verify', '--only', '-m', message, `--author=${first.author.name} <${first.author.email}>`, '--', ...list], {
        GIT_COMMITTER_NAME: committer.name,
        GIT_COMMITTER_EMAIL: committer.email,
      });
      commitCount++;
      await clearJournal(gitDir!).catch(() => {});
      const head = await readHead();
      options.onCommit?.(head);
      return head;
    } catch (err) {
      // Nothing half-written stays behind: undo the files of this batch (the journal stays if that fails).
      if (journaled.length) {
        await restorePaths(repo, (args) => git(args), journaled).then(
          () => clearJournal(gitDir!),
          () => (recovered = undefined), // the next batch retries the undo from the journal first
        );
      }
      const text = String((err as { stderr?: string }).stderr ?? (err as Error).message);
      if (/ENOSPC|EROFS|EACCES|Read-only|No space|Permission denied|unable to (create|write)|index\.lock/i.test(text + (err as Error).message)) {
        throw new StoreUnavailableError(text.split('\n')[0]);
      }
      throw err;
    }
  }

  // Clean up after a crash right away, so nothing of an unanswered batch is seen before the first commit;
  // a failure here is retried (and reported) by the first commit.
  recover().catch(() => {});

  return {
    commit(change) {
      return new Promise((resolve, reject) => {
        queue.push({ change, resolve, reject });
        void flush();
      });
    },
    async read(path) {
      try {
        return await readFile(join(repo, assertSafePath(path)), 'utf8');
      } catch {
        return undefined;
      }
    },
    async exists(path) {
      try {
        return (await stat(join(repo, assertSafePath(path)))).isFile();
      } catch {
        return false;
      }
    },
    async head() {
      return readHead();
    },
    async changedSince(since, prefixes) {
      const head = await readHead();
      if (since === head) return { head, files: [] };
      const known = /^[0-9a-f]{40}$/.test(since) && (await git(['cat-file', '-t', since]).then((t) => t.trim() === 'commit', () => false));
      const out = known
        ? await git(['diff', '--name-status', '--no-renames', `${since}..${head}`, '--', ...prefixes])
        : await git(['ls-tree', '-r', '--name-only', head, '--', ...prefixes]).then((s) => s.split('\n').filter(Boolean).map((p) => `A\t${p}`).join('\n'));
      const files: ChangedFile[] = out
        .split('\n')
        .filter(Boolean)
        .map((line) => {
          const [code, path] = line.split('\t');
          return { path, status: code === 'D' ? 'deleted' : code === 'A' ? 'added' : 'modified' } as ChangedFile;
        });
      return { head, files };
    },
    async recentRequests(sinceMs): Promise<RecentRequest[]> {
      const out = await git(['log', `--since=@${Math.floor(sinceMs / 1000)}`, '--format=%x00%ct%n%B']);
      return out.split('\0').flatMap((chunk) => {
        const at = Number(chunk.slice(0, chunk.indexOf('\n'))) * 1000;
        return readRequestTrailers(chunk).map((value) => ({ value, at }));
      });
    },
    commits: () => commitCount,
  };
}
