import { existsSync, mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TEMP_REPO_MAX_AGE_MS, tempRepoDir } from './plein-server.ts';

describe('tempRepoDir', () => {
  it('makes a fresh folder per call and removes copies that are older than a run can be', () => {
    const parent = mkdtempSync(join(tmpdir(), 'plein-tmp-'));
    const now = Date.now();
    const old = join(parent, 'e2e-push-oud');
    mkdirSync(join(old, 'content'), { recursive: true });
    writeFileSync(join(old, 'content', 'x.md'), 'x');
    const recent = join(parent, 'e2e-push-recent');
    mkdirSync(recent);
    const file = join(parent, 'notitie.txt');
    writeFileSync(file, 'geen map');
    const at = (dir: string, ms: number) => utimesSync(dir, new Date(ms), new Date(ms));
    at(old, now - TEMP_REPO_MAX_AGE_MS - 60_000);
    at(recent, now - TEMP_REPO_MAX_AGE_MS + 60_000);
    at(file, now - 2 * TEMP_REPO_MAX_AGE_MS);

    const first = tempRepoDir('e2e-push', { parent, now });
    const second = tempRepoDir('e2e-push', { parent, now });
    expect(first).not.toBe(second);
    for (const dir of [first, second]) {
      expect(dirname(dir)).toBe(parent);
      expect(basename(dir)).toMatch(/^e2e-push-.{6}$/);
      expect(existsSync(dir)).toBe(true);
    }
    expect(existsSync(old)).toBe(false);
    expect(existsSync(recent)).toBe(true);
    // Only folders: a file someone put there stays.
    expect(existsSync(file)).toBe(true);
  });
});
