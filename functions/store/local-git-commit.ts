// Committing to the local git repository: one batch of changes becomes one commit of only those paths, under git's
// own index lock. After a crash the first commit waits for local-git-recovery.ts (a stale index.lock goes, an
// unfinished batch is undone). Also answers which acknowledged changes a commit already holds (their
// `Plein-Journal:` trailers), for the outbox flusher's reconciliation after a crash.
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { describeBatch } from './commit-message.ts';
import { clearJournal, recoverRepository, removeStaleIndexLock, restorePaths, writeJournal } from './local-git-recovery.ts';
import type { FindLanded } from './outbox-flusher.ts';
import { assertSafePath } from './safe-path.ts';
import { runGitBytes } from './run-git.ts';
import { readJournalTrailers } from './trailers.ts';
import { StoreUnavailableError, type ChangeSet } from './types.ts';

/** What the committer needs. */
export interface LocalGitCommitterOptions {
  repoDir: string;
  committer: { name: string; email: string };
  onCommit?: (commit: string) => void;
  warn: (message: string) => void;
}

/** Creates git access, crash recovery and `commitBatch` for the repository at `repoDir`. */
export function createLocalGitCommitter(options: LocalGitCommitterOptions) {
  const repo = options.repoDir;
  const { committer, warn } = options;
  let commitCount = 0;
  let gitDir: string | undefined;
  let recovered: Promise<void> | undefined;

  // Another git user of the same repository (decap-server, a developer) may hold index.lock briefly;
  // a lock nobody holds any more (a crash) is removed once the retries run out.
  const git = async (args: string[], env: Record<string, string> = {}, input?: string): Promise<string> => {
    for (let attempt = 0; ; attempt++) {
      try {
        // Through the git runner: a spawn from the server itself would hold up its event loop (git-runner.ts).
        return (await runGitBytes(repo, args, { env, input })).toString('utf8');
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
      // Later changes to a path win; null deletes.
      const final = new Map<string, string | Uint8Array | null>();
      for (const c of changes) {
        for (const w of c.writes) final.set(assertSafePath(w.path), w.content);
        for (const d of c.deletes ?? []) final.set(assertSafePath(d), null);
      }
      await recover();
      // Noted before the first byte is written, so a crash from here on can be undone at the next start.
      await writeJournal(gitDir!, [...final.keys()]);
      journaled = [...final.keys()];
      await Promise.all(
        [...final].map(async ([path, content]) => {
          if (content === null) await rm(join(repo, path), { force: true });
          else {
            await mkdir(dirname(join(repo, path)), { recursive: true });
            await writeFile(join(repo, path), content);
          }
          paths.add(path);
        }),
      );
      const list = [...paths];
      await git(['add', '--all', '--', ...list]);
      const first = changes[0];
      // The message on stdin: a batch of a thousand changes (a line and trailers each) outgrows what one argument
      // may hold (128 KB on Linux: E2BIG), and that batch would then fail on every retry.
      const env = { GIT_COMMITTER_NAME: committer.name, GIT_COMMITTER_EMAIL: committer.email };
      await git(['commit', '--quiet', '--no-verify', '--only', '-F', '-', `--author=${first.author.name} <${first.author.email}>`, '--', ...list], env, describeBatch(changes));
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

  /** The commits since `notBefore` (back to `stopAt`) that carry a trailer of a pending id, newest first. */
  const findLanded: FindLanded = async (ids, notBefore, stopAt) => {
    await recover();
    const range = stopAt && (await git(['cat-file', '-t', stopAt]).then((t) => t.trim() === 'commit', () => false)) ? `${stopAt}..HEAD` : 'HEAD';
    const out = await git(['log', '--first-parent', `--since=@${Math.floor(notBefore / 1000)}`, '--format=%x00%H%n%B', range]);
    const found = new Map<string, string[]>();
    for (const chunk of out.split('\0')) {
      const sha = chunk.slice(0, 40);
      const here = readJournalTrailers(chunk).filter((id) => ids.has(id));
      if (here.length) found.set(sha, here);
    }
    return found;
  };

  return { git, recover, readHead, commitBatch, findLanded, commits: () => commitCount };
}
