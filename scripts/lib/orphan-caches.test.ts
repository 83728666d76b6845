import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CONTENT_DIR_FILE, recordContentDir, removeOrphanCaches } from './orphan-caches.ts';

describe('orphan caches', () => {
  let base: string;
  beforeEach(() => {
    base = mkdtempSync(join(tmpdir(), 'plein-orphan-caches-'));
  });
  afterEach(() => rmSync(base, { recursive: true, force: true }));

  it('removes the cache folders of content folders that are gone, and only those', () => {
    const cacheRoot = join(base, '.astro');
    const live = join(base, 'live-content');
    mkdirSync(live);
    const folders = { live: join(cacheRoot, '-live'), gone: join(cacheRoot, '-gone'), unmarked: join(cacheRoot, 'assets') };
    for (const folder of Object.values(folders)) mkdirSync(folder, { recursive: true });
    recordContentDir(folders.live, live);
    recordContentDir(folders.gone, join(base, 'clone-removed', 'content'));
    writeFileSync(join(folders.gone, 'data-store.json'), '{}');
    writeFileSync(join(cacheRoot, CONTENT_DIR_FILE), join(base, 'nowhere'));

    expect(removeOrphanCaches(cacheRoot)).toEqual([folders.gone]);
    expect(existsSync(folders.gone)).toBe(false);
    expect(readFileSync(join(folders.live, CONTENT_DIR_FILE), 'utf8')).toBe(live);
    expect(existsSync(folders.unmarked)).toBe(true);
    // The root's own record is a file, not a folder of its own to remove.
    expect(existsSync(join(cacheRoot, CONTENT_DIR_FILE))).toBe(true);
    expect(removeOrphanCaches(join(base, 'missing'))).toEqual([]);
  });

  it('refuses a relative content folder, which would be read against another working folder later', () => {
    expect(() => recordContentDir(base, 'content')).toThrow(/absoluut pad/);
  });

  it('leaves a record whose path is not absolute (hand-made) alone', () => {
    const folder = join(base, '-odd');
    mkdirSync(folder);
    writeFileSync(join(folder, CONTENT_DIR_FILE), 'content');
    expect(removeOrphanCaches(base)).toEqual([]);
    expect(existsSync(folder)).toBe(true);
  });
});
