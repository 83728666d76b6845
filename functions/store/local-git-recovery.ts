// Crash safety of the local git store. A server killed in the middle of a commit can leave two things
// behind: `.git/index.lock` (which blocks every later commit) and files of the unfinished batch in the
// working tree (never answered with a 2xx, so they must not be there). Before each batch the store notes
// its paths in `.git/plein-pending.json`; on the next start those paths go back to what HEAD holds.
import { readdir, readFile, readlink, realpath, rm, stat, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Runs git in the repository and resolves with its stdout. */
export type GitRunner = (args: string[]) => Promise<string>;

const JOURNAL = 'plein-pending.json';
/** Without /proc (not Linux) a lock counts as stale only after this long. */
const STALE_WITHOUT_PROC_MS = 60_000;

/**
 * Whether a git process works in `repo` now: git changes into the top of its working tree, so its cwd
 * is the repository. Undefined when processes cannot be inspected (no /proc).
 */
export async function isGitRunningIn(repo: string): Promise<boolean | undefined> {
  let pids: string[];
  try {
    pids = (await readdir('/proc')).filter((p) => /^\d+$/.test(p));
  } catch {
    return undefined;
  }
  const target = await realpath(repo).catch(() => repo);
  for (const pid of pids) {
    try {
      if ((await readlink(`/proc/${pid}/cwd`)) !== target) continue;
      if ((await readFile(`/proc/${pid}/comm`, 'utf8')).startsWith('git')) return true;
    } catch {
      // The process ended meanwhile, or is not ours to inspect.
    }
  }
  return false;
}

/**
 * Removes `index.lock` when no git process can be holding it (a crash left it); returns whether it did.
 * A lock that another git process may still hold is never touched.
 */
export async function removeStaleIndexLock(repo: string, gitDir: string): Promise<boolean> {
  const lock = join(gitDir, 'index.lock');
  const before = await stat(lock).catch(() => undefined);
  if (!before) return false;
  const running = await isGitRunningIn(repo);
  if (running === true) return false;
  if (running === undefined && Date.now() - before.mtimeMs < STALE_WITHOUT_PROC_MS) return false;
  // Only the very file we judged: if it was replaced meanwhile, someone is working.
  const now = await stat(lock).catch(() => undefined);
  if (!now || now.ino !== before.ino || now.mtimeMs !== before.mtimeMs) return false;
  await unlink(lock);
  return true;
}

/** Notes the paths of a batch about to be written. */
export async function writeJournal(gitDir: string, paths: string[]): Promise<void> {
  await writeFile(join(gitDir, JOURNAL), JSON.stringify({ paths }));
}

/** Forgets the batch: it is committed, or undone. */
export async function clearJournal(gitDir: string): Promise<void> {
  await rm(join(gitDir, JOURNAL), { force: true });
}

/** Puts `paths` back to what HEAD holds, in the index and the working tree (new files go away). */
export async function restorePaths(repo: string, git: GitRunner, paths: string[]): Promise<void> {
  if (!paths.length) return;
  const inHead = new Set((await git(['ls-tree', '-r', '--name-only', '-z', 'HEAD', '--', ...paths])).split('\0').filter(Boolean));
  const tracked = paths.filter((p) => inHead.has(p));
  const fresh = paths.filter((p) => !inHead.has(p));
  // New files leave the working tree first: that works even on a full disk, where git cannot write its index.
  for (const p of fresh) await rm(join(repo, p), { force: true });
  const staged = fresh.length ? (await git(['ls-files', '-z', '--', ...fresh])).split('\0').filter(Boolean) : [];
  if (staged.length) await git(['rm', '--cached', '--quiet', '--ignore-unmatch', '--', ...staged]);
  if (tracked.length) await git(['checkout', '--quiet', 'HEAD', '--', ...tracked]);
}

/**
 * Brings a repository back after a crash: a stale index.lock goes (waiting up to `waitMs` for git
 * processes that are still finishing), and the files of an unfinished batch return to HEAD.
 * Returns what it did, for the log.
 */
export async function recoverRepository(repo: string, gitDir: string, git: GitRunner, waitMs = 10_000): Promise<{ removedLock: boolean; restored: number }> {
  let removedLock = false;
  const deadline = Date.now() + waitMs;
  while (await stat(join(gitDir, 'index.lock')).then(() => true, () => false)) {
    if ((removedLock = await removeStaleIndexLock(repo, gitDir))) break;
    if (Date.now() > deadline) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const text = await readFile(join(gitDir, JOURNAL), 'utf8').catch(() => undefined);
  let restored = 0;
  if (text !== undefined) {
    let paths: string[] = [];
    try {
      paths = (JSON.parse(text) as { paths: string[] }).paths.filter((p) => typeof p === 'string');
    } catch {
      // A journal cut short by the crash: its batch never reached `git add` either.
    }
    await restorePaths(repo, git, paths);
    restored = paths.length;
    await clearJournal(gitDir);
  }
  return { removedLock, restored };
}
