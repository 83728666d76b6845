// One temporary folder per test run: every os.tmpdir() of the run (test repositories, state stores, PostgreSQL
// clusters, servers' scratch, Chromium's profiles) lands in it, and it is removed at the end. Tests clean up after
// themselves where they can; this catches what they cannot (a server's own scratch, a suite that failed half way),
// which otherwise left about 200 folders (230 MB) in /tmp per `npm test`.
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { removeStaleFolders } from '../../functions/lib/stale-folders.ts';

export const TEST_TMPDIR_PREFIX = 'plein-tests-';
/** Set while a run's folder is in use, so a nested runner (vitest under `npm test`) uses the same one. */
export const TEST_TMPDIR_ENV = 'PLEIN_TEST_TMPDIR';
/** The folder of a run that was killed is removed by a later run once it is this old. */
const STALE_MS = 12 * 60 * 60 * 1000;

/**
 * Points TMPDIR (and so os.tmpdir() here and in every child process) at a new folder in the current temporary
 * folder, and returns the function that removes it and restores the environment. Inside a run that already has
 * one, it changes nothing and the returned function does nothing.
 */
export function useTestTmpdir(base = tmpdir()): () => void {
  if (process.env[TEST_TMPDIR_ENV]) return () => {};
  removeStaleFolders(base, STALE_MS, { prefix: TEST_TMPDIR_PREFIX });
  const dir = mkdtempSync(join(base, TEST_TMPDIR_PREFIX));
  // Others may pass through (not list): the PostgreSQL tests run the server as the postgres user in a folder in here.
  chmodSync(dir, 0o711);
  const before = process.env.TMPDIR;
  process.env.TMPDIR = dir;
  process.env[TEST_TMPDIR_ENV] = dir;
  return () => {
    if (before === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = before;
    delete process.env[TEST_TMPDIR_ENV];
    rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  };
}
