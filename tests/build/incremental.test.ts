// The incremental build (Astro's experimental.incrementalBuild, under scripts/build.ts's lock): a poster whose inputs
// are unchanged is copied from the last build, byte for byte; a changed summary makes that poster anew, changed
// settings make every poster anew, and a build that finds the cache folder locked by another makes every page.
// A build also removes the cache folder of a content folder that is gone.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCacheDirFor } from '../../src/lib/build-cache.ts';
import { BUILD_SCRIPT } from '../../scripts/lib/build-command.ts';
import { takeBuildLock } from '../../scripts/lib/build-lock.ts';
import { CONTENT_DIR_FILE, recordContentDir } from '../../scripts/lib/orphan-caches.ts';

const root = join(import.meta.dirname, '../..');
let clone = '';
let content = '';

/** Builds the clone's content into a new folder; gives the folder, the log and the posters Astro restored. */
function build(): { out: string; log: string; restored: string[] } {
  const out = mkdtempSync(join(tmpdir(), 'plein-incremental-dist-'));
  const run = spawnSync(process.execPath, [BUILD_SCRIPT, '--outDir', out], { cwd: root, env: { ...process.env, PLEIN_CONTENT_DIR: content }, encoding: 'utf8', timeout: 240_000 });
  expect(run.status, run.stderr).toBe(0);
  // Astro colours its log whatever FORCE_COLOR says.
  const log = run.stdout.replace(/\x1b\[[0-9;]*m/g, '');
  const restored = [...log.matchAll(/├─ (\/\S+)\/index\.html \(restored\)/g)].map((m) => m[1]);
  return { out, log, restored };
}

const posterOf = (out: string, path: string) => readFileSync(join(out, 'poster', path, 'index.html'), 'utf8');

beforeAll(() => {
  clone = mkdtempSync(join(tmpdir(), 'plein-incremental-'));
  execFileSync('git', ['clone', '--quiet', root, clone]);
  // The clone's MDX pages resolve the clone's tsconfig, which extends one from node_modules.
  symlinkSync(join(root, 'node_modules'), join(clone, 'node_modules'));
  content = join(clone, 'content');
});

afterAll(() => {
  if (content) rmSync(join(root, buildCacheDirFor(content)), { recursive: true, force: true });
  if (clone) rmSync(clone, { recursive: true, force: true });
});

describe('incremental build', () => {
  it('copies unchanged posters, remakes a changed one, and every one after a settings change or under a lock', () => {
    // The cache folder of a clone that is gone (an earlier test's) is removed by the next build.
    const orphan = join(root, buildCacheDirFor(join(clone, 'removed-clone')));
    mkdirSync(orphan, { recursive: true });
    recordContentDir(orphan, join(clone, 'removed-clone'));
    const first = build();
    expect(first.restored).toEqual([]);
    expect(existsSync(orphan)).toBe(false);
    expect(readFileSync(join(root, buildCacheDirFor(content), CONTENT_DIR_FILE), 'utf8')).toBe(content);
    const knowledge = readdirSync(join(first.out, 'poster/weten-en-regelen'), { recursive: true }).map(String).filter((f) => f.endsWith('index.html'));
    const posters = knowledge.length + readdirSync(join(first.out, 'poster/groepen')).length;
    expect(posters).toBeGreaterThan(10);

    // A new summary for one page: only its poster is made again, with the new text; the others are the same bytes.
    const page = join(content, 'weten-en-regelen/hr/fietsplan.mdx');
    writeFileSync(page, readFileSync(page, 'utf8').replace(/^summary: .*$/m, 'summary: "Vanaf januari een nieuwe regeling voor het fietsplan."'));
    const second = build();
    expect(second.restored).toHaveLength(posters - 1);
    expect(second.restored).not.toContain('/poster/weten-en-regelen/hr/fietsplan');
    expect(posterOf(second.out, 'weten-en-regelen/hr/fietsplan')).toContain('Vanaf januari een nieuwe regeling voor het fietsplan.');
    expect(posterOf(first.out, 'weten-en-regelen/hr/fietsplan')).not.toContain('Vanaf januari');
    expect(posterOf(second.out, 'weten-en-regelen/hr/thuiswerken')).toBe(posterOf(first.out, 'weten-en-regelen/hr/thuiswerken'));
    expect(posterOf(second.out, 'groepen/koffietijd')).toBe(posterOf(first.out, 'groepen/koffietijd'));
    // A copied poster links only files this build wrote (its stylesheet and script are part of its route's hash).
    const links = second.restored.flatMap((path) => [...posterOf(second.out, path.replace(/^\/poster\//, '')).matchAll(/(?:href|src)="(\/_astro\/[^"]+)"/g)].map((m) => m[1]));
    expect(links.length).toBeGreaterThanOrEqual(second.restored.length);
    expect(links.filter((link) => !existsSync(join(second.out, link)))).toEqual([]);

    // Another build holds the cache folder: this one makes every page and says why.
    const release = takeBuildLock(join(root, buildCacheDirFor(content)));
    expect(release).toBeDefined();
    let locked;
    try {
      locked = build();
    } finally {
      release?.();
    }
    expect(locked.restored).toEqual([]);
    expect(locked.log).toContain('een andere build gebruikt de cache van deze inhoud');

    // New settings: every poster shows the new name, none is copied.
    const settings = join(content, 'instellingen/site.yml');
    writeFileSync(settings, readFileSync(settings, 'utf8').replace(/^name: .*$/m, 'name: Plein Nieuw'));
    const fourth = build();
    expect(fourth.restored).toEqual([]);
    expect(posterOf(fourth.out, 'weten-en-regelen/hr/thuiswerken')).toContain('Plein Nieuw ·');
    expect(posterOf(fourth.out, 'groepen/koffietijd')).toContain('Plein Nieuw ·');
    for (const { out } of [first, second, locked, fourth]) rmSync(out, { recursive: true, force: true });
  }, 600_000);
});
