// Reads when files last changed from git history, in one git call for a whole folder.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * The boundary commits of a shallow clone (empty for a full one). They look as if they changed every file they hold,
 * so a date taken from one is not a real change.
 */
export function getShallowCommits(dir: string): Set<string> {
  try {
    const file = resolve(dir, execFileSync('git', ['rev-parse', '--git-path', 'shallow'], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
    return new Set(existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : []);
  } catch {
    return new Set();
  }
}

/** Last commit date per file (absolute path) below `dir`; empty when git is unavailable; none from a shallow boundary. */
export function getLastChanged(dir: string): Map<string, Date> {
  const result = new Map<string, Date>();
  let out: string;
  let top: string;
  try {
    top = execFileSync('git', ['rev-parse', '--show-toplevel'], { cwd: dir, encoding: 'utf8' }).trim();
    out = execFileSync('git', ['log', '--format=@%H %cI', '--name-only', '--no-renames', '--', '.'], {
      cwd: dir,
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
    });
  } catch {
    return result;
  }
  const boundary = getShallowCommits(dir);
  const seen = new Set<string>();
  let current: Date | undefined;
  for (const line of out.split('\n')) {
    if (line.startsWith('@')) {
      const [hash, date] = line.slice(1).split(' ');
      // A file last seen in a shallow clone's boundary commit changed at some unknown moment before it.
      current = boundary.has(hash) ? undefined : new Date(date);
    } else if (line) {
      const abs = resolve(top, line);
      if (seen.has(abs)) continue;
      seen.add(abs);
      if (current) result.set(abs, current);
    }
  }
  return result;
}
