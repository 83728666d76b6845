// One temporary folder per test run: used by everything the run starts, removed at the end, shared by nested runners.
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TEST_TMPDIR_ENV, TEST_TMPDIR_PREFIX, useTestTmpdir } from '../support/test-tmpdir.ts';

describe('useTestTmpdir', () => {
  let base: string;
  let saved: { tmp?: string; run?: string };

  beforeEach(() => {
    base = mkdtempSync(join(tmpdir(), 'plein-tmpdir-test-'));
    saved = { tmp: process.env.TMPDIR, run: process.env[TEST_TMPDIR_ENV] };
  });
  afterEach(() => {
    for (const [name, value] of [['TMPDIR', saved.tmp], [TEST_TMPDIR_ENV, saved.run]] as const) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    rmSync(base, { recursive: true, force: true });
  });

  it('points os.tmpdir() at a new folder and removes it with all it holds at the end', () => {
    delete process.env[TEST_TMPDIR_ENV];
    process.env.TMPDIR = '/var/tmp/elders';
    const remove = useTestTmpdir(base);
    const dir = tmpdir();
    expect(dir.startsWith(join(base, TEST_TMPDIR_PREFIX))).toBe(true);
    expect(process.env[TEST_TMPDIR_ENV]).toBe(dir);
    // Others may pass through to a folder of their own (PostgreSQL as its user), not list it.
    expect(statSync(dir).mode & 0o777).toBe(0o711);
    const repo = mkdtempSync(join(tmpdir(), 'plein-repo-'));
    writeFileSync(join(repo, 'a.md'), 'a');
    remove();
    expect(existsSync(dir)).toBe(false);
    expect(process.env.TMPDIR).toBe('/var/tmp/elders');
    expect(process.env[TEST_TMPDIR_ENV]).toBeUndefined();
  });

  it('inside a run that has a folder, changes nothing', () => {
    process.env[TEST_TMPDIR_ENV] = base;
    process.env.TMPDIR = base;
    const remove = useTestTmpdir(base);
    remove();
    expect(process.env.TMPDIR).toBe(base);
    expect(existsSync(base)).toBe(true);
  });

  it("removes a killed run's folder once it is 12 hours old, and leaves a running one", () => {
    delete process.env[TEST_TMPDIR_ENV];
    const old = join(base, `${TEST_TMPDIR_PREFIX}old`);
    const running = join(base, `${TEST_TMPDIR_PREFIX}running`);
    const other = join(base, 'plein-repo-old');
    for (const d of [old, running, other]) mkdirSync(d);
    const halfADayAgo = new Date(Date.now() - 12.5 * 60 * 60 * 1000);
    for (const d of [old, other]) utimesSync(d, halfADayAgo, halfADayAgo);
    const remove = useTestTmpdir(base);
    remove();
    expect(existsSync(old)).toBe(false);
    expect(existsSync(running)).toBe(true);
    expect(existsSync(other)).toBe(true);
  });
});
