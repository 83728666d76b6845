// Folders that stopped runs left behind: a build ended by a signal never reaches its `finally`, and a test server
// that is stopped may still be committing in its copy of the repository.
import { readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Removes the folders directly in `root` for which `shouldGo(folder, name)` says so, and returns them. A missing root
 * is nothing to do; a folder the test cannot look at (gone meanwhile, not ours) is skipped; files stay.
 */
export function removeFoldersWhere(root: string, shouldGo: (folder: string, name: string) => boolean): string[] {
  let entries;
  try {
    entries = readdirSync(root, { withFileTypes: true });
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const entry of entries) {
    if (!entry.isDirectory()) continue;
    const folder = join(root, entry.name);
    try {
      if (!shouldGo(folder, entry.name)) continue;
      rmSync(folder, { recursive: true, force: true });
      removed.push(folder);
    } catch {
      // Gone meanwhile, or not ours to remove.
    }
  }
  return removed;
}

/**
 * Removes the folders directly in `root` (whose name starts with `prefix`) that last changed `maxAgeMs` or more
 * before `now`, and returns them. A missing root is nothing to do; a folder gone meanwhile is skipped; files stay.
 */
export function removeStaleFolders(root: string, maxAgeMs: number, options: { prefix?: string; now?: number } = {}): string[] {
  const { prefix = '', now = Date.now() } = options;
  return removeFoldersWhere(root, (folder, name) => name.startsWith(prefix) && now - statSync(folder).mtimeMs >= maxAgeMs);
}
