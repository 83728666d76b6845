// The cache folder's lock: one holder at a time, released by its holder only, taken over from a process that died.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BUILD_LOCK_FILE, takeBuildLock } from './build-lock.ts';

describe('takeBuildLock', () => {
  let dir: string;
  beforeEach(() => {
    dir = join(mkdtempSync(join(tmpdir(), 'plein-build-lock-')), 'cache');
  });
  afterEach(() => rmSync(join(dir, '..'), { recursive: true, force: true }));

  it('gives the lock once, names its holder, and frees it on release', () => {
    const release = takeBuildLock(dir);
    expect(release).toBeDefined();
    expect(readFileSync(join(dir, BUILD_LOCK_FILE), 'utf8')).toBe(`${hostname()}/${process.pid}`);
    expect(takeBuildLock(dir)).toBeUndefined();
    release!();
    expect(existsSync(join(dir, BUILD_LOCK_FILE))).toBe(false);
    const again = takeBuildLock(dir);
    expect(again).toBeDefined();
    again!();
  });

  it('takes the lock over from a process of this machine that no longer runs', () => {
    const dead = spawnSync(process.execPath, ['-e', '0']).pid;
    takeBuildLock(dir)!();
    writeFileSync(join(dir, BUILD_LOCK_FILE), `${hostname()}/${dead}`);
    const release = takeBuildLock(dir);
    expect(release).toBeDefined();
    expect(readFileSync(join(dir, BUILD_LOCK_FILE), 'utf8')).toBe(`${hostname()}/${process.pid}`);
    release!();
  });

  it('leaves a lock of another machine, of a holder still writing its name, and one it lost alone', () => {
    takeBuildLock(dir)!();
    const file = join(dir, BUILD_LOCK_FILE);
    writeFileSync(file, 'andere-server/12345');
    expect(takeBuildLock(dir)).toBeUndefined();
    writeFileSync(file, '');
    expect(takeBuildLock(dir)).toBeUndefined();
    // A release after someone else took the lock leaves theirs.
    rmSync(file);
    const release = takeBuildLock(dir)!;
    writeFileSync(file, 'andere-server/12345');
    release();
    expect(readFileSync(file, 'utf8')).toBe('andere-server/12345');
  });
});
