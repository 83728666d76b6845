// Folders that stopped runs left behind: a build ended by a signal never reaches its `finally`, and a test server
// that is stopped may still be committing in its copy of the repository.
import { readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Removes the folders directly in `root` (whose name starts with `prefix`) that last changed `maxAgeMs` or more
 * before `now`, and returns them. A missing root is nothing to do; a folder gone meanwhile is skipped; files stay.
 */
export function removeStaleFolders(root: string, maxAgeMs: number, options: { prefix?: string; now?: number } = {}): string[] {
  const { prefix = '', now = Date.now() } = options;
  let entries;
  try {
    entries = readdirSync(root, { withFileTypes: true });
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const entry of entries) {
    if (!entry.isDirectory() || !entry.name.startsWith(prefix)) continue;
    const folder = join(root, entry.name);
    try {
      if (now - statSync(folder).mtimeMs < maxAgeMs) continue;
      rmSync(folder, { recursive: true, force: true });
      removed.push(folder);
    } catch {
      // Gone meanwhile, or not ours to remove.
    }
  }
  return removed;
}
