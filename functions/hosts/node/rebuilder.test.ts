import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { getPriority, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createRebuilder } from './rebuilder.ts';

// A stand-in for `astro build`: writes index.html holding the niceness it runs at.
const FAKE_BUILD = "require('fs').writeFileSync(process.argv[1] + '/index.html', String(require('os').getPriority()))";

const dirs: string[] = [];
afterEach(() => {
  vi.useRealTimers();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function setUp(nice?: number, script = FAKE_BUILD, env?: NodeJS.ProcessEnv) {
  const dir = mkdtempSync(join(tmpdir(), 'plein-rebuilder-'));
  dirs.push(dir);
  mkdirSync(join(dir, 'dist'));
  const starts: number[] = [];
  const swaps: { at: number; dir: string }[] = [];
  const rebuilder = createRebuilder({
    buildsDir: join(dir, 'builds'),
    initialDir: join(dir, 'dist'),
    debounceMs: 1000,
    maxWaitMs: 5000,
    nice,
    env,
    log: () => {},
    command: (out) => {
      starts.push(Date.now());
      return { file: process.execPath, args: ['-e', script, out] };
    },
    onSwap: (out) => swaps.push({ at: Date.now(), dir: out }),
  });
  return { rebuilder, starts, swaps };
}

describe('the rebuilder', () => {
  it('builds a steady stream of commits once it waited maxWaitMs, one build at a time, spaced from the previous build’s end, below the server’s priority', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const { rebuilder, starts, swaps } = setUp();
    const t0 = Date.now();
    // A commit every half second: the debounce's second of quiet never comes.
    for (let i = 0; i < 20 && !starts.length; i++) {
      rebuilder.schedule();
      await vi.advanceTimersByTimeAsync(500);
    }
    expect(starts).toEqual([t0 + 5000]);
    expect(rebuilder.busy()).toBe(true);
    // Commits during the build start no second build beside it.
    rebuilder.schedule();
    rebuilder.schedule();
    await vi.waitFor(() => expect(swaps).toHaveLength(1), { timeout: 10_000 });
    expect(starts).toHaveLength(1);
    expect(rebuilder.current()).toBe(swaps[0].dir);
    // The build ran 10 nicer than this process.
    expect(readFileSync(join(swaps[0].dir, 'index.html'), 'utf8')).toBe(String(Math.min(19, getPriority() + 10)));

    // The stream goes on: the next build starts maxWaitMs after the previous one ended, not at once.
    for (let i = 0; i < 20 && starts.length < 2; i++) {
      rebuilder.schedule();
      await vi.advanceTimersByTimeAsync(500);
    }
    expect(starts[1]).toBe(swaps[0].at + 5000);
    await vi.waitFor(() => expect(swaps).toHaveLength(2), { timeout: 10_000 });
  });

  it('builds after a second of quiet following a single commit, at the server’s own priority with nice 0', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const { rebuilder, starts, swaps } = setUp(0);
    const t0 = Date.now();
    rebuilder.schedule();
    await vi.advanceTimersByTimeAsync(999);
    expect(starts).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(starts).toEqual([t0 + 1000]);
    await vi.waitFor(() => expect(swaps).toHaveLength(1), { timeout: 10_000 });
    expect(readFileSync(join(swaps[0].dir, 'index.html'), 'utf8')).toBe(String(getPriority()));
  });

  it('stops: the running build ends unused and nothing is built after', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const { rebuilder, starts, swaps } = setUp(0, `${FAKE_BUILD}; setInterval(() => {}, 1000)`);
    const initial = rebuilder.current();
    rebuilder.schedule();
    await vi.advanceTimersByTimeAsync(1000);
    expect(starts).toHaveLength(1);
    rebuilder.stop();
    await vi.waitFor(() => expect(rebuilder.busy()).toBe(false), { timeout: 10_000 });
    rebuilder.schedule();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(starts).toHaveLength(1);
    expect(swaps).toEqual([]);
    expect(rebuilder.current()).toBe(initial);
  });

  it('builds without the nice command where there is none (lowering the build process itself)', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const { rebuilder, swaps } = setUp(10, FAKE_BUILD, { PATH: join(tmpdir(), 'plein-geen-nice') });
    rebuilder.schedule();
    await vi.advanceTimersByTimeAsync(1000);
    await vi.waitFor(() => expect(swaps).toHaveLength(1), { timeout: 10_000 });
  });

  it('names a content folder in the project to the build as npm run build does (one cache folder), and one elsewhere in full', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const root = resolve(import.meta.dirname, '../../..');
    const writeDir = "require('fs').writeFileSync(process.argv[1] + '/index.html', process.env.PLEIN_CONTENT_DIR)";
    for (const [given, seen] of [
      [join(root, 'content'), 'content'],
      [join(root, '.plein/tmp/e2e-x/content'), join('.plein/tmp/e2e-x/content')],
      ['/srv/inhoud/content', '/srv/inhoud/content'],
    ]) {
      const { rebuilder, swaps } = setUp(0, writeDir, { ...process.env, PLEIN_CONTENT_DIR: given });
      rebuilder.schedule();
      await vi.advanceTimersByTimeAsync(1000);
      await vi.waitFor(() => expect(swaps).toHaveLength(1), { timeout: 10_000 });
      expect(readFileSync(join(swaps[0].dir, 'index.html'), 'utf8')).toBe(seen);
      rebuilder.stop();
    }
  });
});
