// One build at a time may use a cache folder's kept pages: Astro writes its manifest and its copies of pages without
// renaming, so two builds of the same content at once (the tests build the demo side by side, a maintainer may build
// while the server rebuilds) could pair one build's manifest with the other's page. The lock is a file holding
// `<host>/<pid>`; a holder that no longer runs on this machine loses it.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { isDeadLocalProcess } from '../../functions/state/open.ts';

export const BUILD_LOCK_FILE = 'plein-build.lock';

/**
 * Takes the lock of cache folder `dir`; gives the function that releases it, or undefined when another running build
 * holds it (or the folder cannot be written), in which case the build goes without kept pages.
 */
export function takeBuildLock(dir: string): (() => void) | undefined {
  const file = join(dir, BUILD_LOCK_FILE);
  const me = `${hostname()}/${process.pid}`;
  try {
    mkdirSync(dir, { recursive: true });
  } catch {
    return undefined;
  }
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, me, { flag: 'wx' });
      return () => {
        try {
          if (readFileSync(file, 'utf8') === me) rmSync(file, { force: true });
        } catch {
          // Already gone.
        }
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') return undefined;
    }
    let holder: string;
    try {
      holder = readFileSync(file, 'utf8');
    } catch {
      continue; // Released meanwhile: try again.
    }
    // An empty file is a holder that is still writing its name: it runs.
    if (!isDeadLocalProcess(holder)) return undefined;
    rmSync(file, { force: true });
  }
  return undefined;
}
