// Astro's cache folders of content folders that are gone. Each content folder has its own cache folder under
// node_modules/.astro (src/lib/build-cache.ts); a build of a temporary clone (the tests, a benchmark, a maintainer
// trying a branch) left its folder there for good, up to some megabytes each. Every build records which content
// folder its cache belongs to, and removes the cache folders whose content folder no longer exists.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { removeFoldersWhere } from '../../functions/lib/stale-folders.ts';

/** The file in a cache folder that names its content folder (an absolute path). */
export const CONTENT_DIR_FILE = 'plein-content-dir';

/** Notes in cache folder `cacheDir` that it belongs to `contentDir` (absolute); a folder that cannot be written is left. */
export function recordContentDir(cacheDir: string, contentDir: string): void {
  if (!isAbsolute(contentDir)) throw new Error(`de inhoudsmap moet een absoluut pad zijn: ${contentDir}`);
  try {
    writeFileSync(join(cacheDir, CONTENT_DIR_FILE), contentDir);
  } catch {
    // Not written: the folder is then never removed as an orphan, which is the safe side.
  }
}

/**
 * Removes the cache folders directly in `cacheRoot` whose recorded content folder no longer exists, and returns them.
 * A folder without a record (Astro's own, or one made before records) is left alone.
 */
export function removeOrphanCaches(cacheRoot: string): string[] {
  return removeFoldersWhere(cacheRoot, (folder) => {
    let contentDir: string;
    try {
      contentDir = readFileSync(join(folder, CONTENT_DIR_FILE), 'utf8');
    } catch {
      return false;
    }
    return isAbsolute(contentDir) && !existsSync(contentDir);
  });
}
