// When files were added, from git history, in one git call for a folder: the timing behind the adoption dashboard.
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { getShallowCommits } from './git-history.ts';

/** What git knows about when the files below a folder were added. */
export interface GitAdditions {
  /** False when the folder has no git history (no repository, git missing, nothing committed): no figures at all. */
  available: boolean;
  /** True for a shallow clone: additions before `since` are unknown. */
  shallow: boolean;
  /** In a shallow clone, the moment from which the history is complete; undefined when it is complete. */
  since?: Date;
  /** Author date of the commit that (last) added each file, by absolute path. */
  added: Map<string, Date>;
}

const run = (cwd: string, args: string[]) =>
  execFileSync('git', args, { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, stdio: ['ignore', 'pipe', 'ignore'] });

/** Reads the additions below `dir`; never throws: without git or a repository it reports `available: false`. */
export function getGitAdditions(dir: string): GitAdditions {
  const none: GitAdditions = { available: false, shallow: false, added: new Map() };
  let top: string;
  let log: string;
  try {
    top = run(dir, ['rev-parse', '--show-toplevel']).trim();
    log = run(dir, ['log', '--diff-filter=A', '--no-renames', '--format=@%H %aI', '--name-only', '--', '.']);
  } catch {
    return none;
  }
  // A shallow clone's boundary commits look as if they added every file they contain: their "additions" are not real.
  const boundary = getShallowCommits(dir);
  const added = new Map<string, Date>();
  let current: Date | undefined;
  for (const line of log.split('\n')) {
    if (line.startsWith('@')) {
      const [hash, date] = line.slice(1).split(' ');
      current = boundary.has(hash) ? undefined : new Date(date);
    } else if (line && current) {
      const abs = resolve(top, line);
      if (!added.has(abs)) added.set(abs, current);
    }
  }
  // A folder no commit ever added a file to (say, an uncommitted folder inside another repository) has no history.
  if (added.size === 0 && boundary.size === 0) return none;
  if (boundary.size === 0) return { available: true, shallow: false, added };
  let since: Date | undefined;
  for (const hash of boundary) {
    try {
      const date = new Date(run(dir, ['show', '-s', '--format=%aI', hash]).trim());
      if (!since || date > since) since = date;
    } catch {
      // A boundary commit git cannot show adds nothing we could date.
    }
  }
  return { available: true, shallow: true, since, added };
}
