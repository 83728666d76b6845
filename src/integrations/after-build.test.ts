import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { AFTER_BUILD_ENV, deferStep, readDeferredSteps } from './after-build.ts';
import { runDeferredSteps } from './run-after-build.ts';
import { searchIndex } from './search-index.ts';
import { serviceWorker } from './service-worker.ts';

const work = mkdtempSync(join(tmpdir(), 'plein-after-build-test-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const page = (title: string) => `<!DOCTYPE html><html lang="nl"><head><title>${title}</title></head><body><main><article data-pagefind-body><h1>${title}</h1><p>Over de fietsregeling.</p></article></main></body></html>`;

describe('steps after the build', () => {
  it('are left to the hooks when Astro runs alone', () => {
    expect(deferStep('search-index', pathToFileURL(`${work}/`), {}, {})).toBe(false);
  });

  it('are listed by the hooks, in the order Astro runs them, when the build entry asks; then run in that order, as the hooks would have', async () => {
    const dist = join(work, 'dist');
    for (const path of ['nieuws/a', 'weten-en-regelen/b']) {
      mkdirSync(join(dist, path), { recursive: true });
      writeFileSync(join(dist, path, 'index.html'), page(`Pagina ${path}`));
    }
    const file = join(work, 'steps.jsonl');
    const logged: string[] = [];
    const logger = { info: (m: string) => logged.push(m), warn: (m: string) => logged.push(m) };
    const dir = pathToFileURL(`${dist}/`);
    const hooks = [searchIndex({ partPages: 1 }), serviceWorker({ contentDir: join(work, 'geen-inhoud') })].map((i) => i.hooks['astro:build:done']!);
    process.env[AFTER_BUILD_ENV] = file;
    try {
      for (const hook of hooks) await hook({ dir, logger } as unknown as Parameters<typeof hook>[0]);
    } finally {
      delete process.env[AFTER_BUILD_ENV];
    }
    // Nothing written in the build's process: only listed.
    expect([existsSync(join(dist, 'pagefind')), existsSync(join(dist, 'sw.js'))]).toEqual([false, false]);
    expect(readDeferredSteps(file)).toEqual([
      { step: 'search-index', dir: `${dist}/`, options: { partPages: 1 } },
      { step: 'service-worker', dir: `${dist}/`, options: { contentDir: join(work, 'geen-inhoud') } },
    ]);

    const names: string[] = [];
    const steps = await runDeferredSteps(file, (name) => (names.push(name), logger));
    expect(steps.map((s) => s.step)).toEqual(['search-index', 'service-worker']);
    expect(names).toEqual(['plein:search-index', 'plein:service-worker']);
    expect(JSON.parse(readFileSync(join(dist, 'pagefind', 'plein-index-stats.json'), 'utf8'))).toMatchObject({ pages: 2, indexedPages: 2 });
    // The worker came after the index (in the listed order).
    expect(existsSync(join(dist, 'sw.js'))).toBe(true);
    expect(logged.join('\n')).toContain("2 van 2 pagina's geïndexeerd");
  });

  it('are none when the build listed none (or never got that far)', () => {
    expect(readDeferredSteps(join(work, 'bestaat-niet.jsonl'))).toEqual([]);
  });
});
