// Reads when files last changed from git history, in one git call for a whole folder.
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

/** Last commit date per file (absolute path) below `dir`; empty when git is unavailable. */
export function getLastChanged(dir: string): Map<string, Date> {
  const result = new Map<string, Date>();
  let out: string;
  let top: string;
  try {
    top = execFileSync('git', ['rev-parse', '--show-toplevel'], { cwd: dir, encoding: 'utf8' }).trim();
    out = execFileSync('git', ['log', '--format=@%cI', '--name-only', '--no-renames', '--', '.'], {
      cwd: dir,
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
    });
  } catch {
    return result;
  }
  let current: Date | undefined;
  for (const line of out.split('\n')) {
    if (line.startsWith('@')) current = new Date(line.slice(1));
    else if (line && current) {
      const abs = resolve(top, line);
      if (!result.has(abs)) result.set(abs, current);
    }
  }
  return result;
}
