import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import * as pagefind from 'pagefind';
import { createPagefindIndex, PAGEFIND_MALLOC_CONF, releaseFreedMemory, removeStaleScratch, searchIndex } from './search-index.ts';

const dist = mkdtempSync(join(tmpdir(), 'plein-zoekindex-test-'));
afterAll(() => rmSync(dist, { recursive: true, force: true }));

/** A built page with a data-pagefind-body element, chrome around it. */
const page = (title: string, lang = 'nl') => `<!DOCTYPE html><html lang="${lang}"><head><title>${title} · Plein</title></head>
<body><header><nav><a href="/">Home</a></nav></header><main><article data-pagefind-body>
<span hidden data-pagefind-filter="type:nieuws"></span><h1>${title}</h1><p>Over ${title.toLowerCase()} en de fietsregeling.</p></article></main>
<footer>Gemeente Wadvoort</footer></body></html>`;

function write(path: string, html: string) {
  mkdirSync(dirname(join(dist, path)), { recursive: true });
  writeFileSync(join(dist, path), html);
}

/** The URLs of a bundle's fragments. */
function urls(bundle: string): string[] {
  const folder = join(dist, bundle, 'fragment');
  return readdirSync(folder)
    .map((f) => (JSON.parse(gunzipSync(readFileSync(join(folder, f))).toString('utf8').replace(/^pagefind_dcd/, '')) as { url: string }).url)
    .sort();
}

describe('searchIndex', () => {
  it('indexes every page, handed to Pagefind in parts, with the same URLs, and the English pages in their own bundle too', async () => {
    const dutch = ['nieuws/a', 'nieuws/b', 'nieuws/c', 'weten-en-regelen/d', 'weten-en-regelen/sub/e', 'berichten/f', 'collegas/g'];
    for (const path of dutch) write(`${path}/index.html`, page(`Pagina ${path}`));
    write('nieuws/english/index.html', page('An English page', 'en'));
    write('en/other/index.html', page('Another English page', 'en'));
    write('poster/x/index.html', '<!DOCTYPE html><html lang="nl"><body><p>Poster zonder lichaam</p></body></html>');
    const logged: string[] = [];
    const logger = { info: (m: string) => logged.push(m) } as unknown as Parameters<NonNullable<ReturnType<typeof searchIndex>['hooks']['astro:build:done']>>[0]['logger'];
    // Three pages a part: four parts for the nine pages with a body.
    const hook = searchIndex({ partPages: 3, releaseMemoryFromMB: 0 }).hooks['astro:build:done']!;
    await hook({ dir: pathToFileURL(`${dist}/`), logger } as Parameters<typeof hook>[0]);

    const all = [...dutch.map((p) => `/${p}/`), '/en/other/', '/nieuws/english/'].sort();
    expect(urls('pagefind')).toEqual(all);
    expect(urls('pagefind-en')).toEqual(['/en/other/', '/nieuws/english/']);
    const entry = JSON.parse(readFileSync(join(dist, 'pagefind', 'pagefind-entry.json'), 'utf8')) as { languages: Record<string, { page_count: number }> };
    expect(Object.fromEntries(Object.entries(entry.languages).map(([lang, l]) => [lang, l.page_count]))).toEqual({ nl: 7, en: 2 });
    const stats = JSON.parse(readFileSync(join(dist, 'pagefind', 'plein-index-stats.json'), 'utf8')) as Record<string, unknown>;
    expect(stats).toMatchObject({ pages: 10, indexedPages: 9, cut: 9, whole: 0, none: 1 });
    expect(logged.join('\n')).toContain("9 van 10 pagina's geïndexeerd");
    // From the given size on (0 MB here), the build's freed memory is released first; a small build keeps it.
    expect(logged.join('\n')).toMatch(/geheugen van de build vrijgegeven vóór het indexeren: \d+ → \d+ MB/);
    const small: string[] = [];
    const smallLogger = { info: (m: string) => small.push(m) } as unknown as typeof logger;
    const defaults = searchIndex({ partPages: 3 }).hooks['astro:build:done']!;
    await defaults({ dir: pathToFileURL(`${dist}/`), logger: smallLogger } as Parameters<typeof hook>[0]);
    expect(small.join('\n')).toContain("9 van 10 pagina's geïndexeerd");
    expect(small.join('\n')).not.toContain('vrijgegeven');
  });

  it('removes scratch folders that stopped builds left behind, not those of a running build nor anything else', () => {
    const root = join(dist, 'tmp');
    const folder = (name: string, ageMs: number) => {
      const path = join(root, name);
      mkdirSync(join(path, '0'), { recursive: true });
      writeFileSync(join(path, '0', 'index.html'), '<p>x</p>');
      const when = new Date(Date.now() - ageMs);
      utimesSync(path, when, when);
      return path;
    };
    const stopped = folder('plein-zoekindex-stopped', 2 * 60 * 60 * 1000);
    const running = folder('plein-zoekindex-running', 60 * 1000);
    const other = folder('iets-anders', 2 * 60 * 60 * 1000);
    expect(removeStaleScratch([root, join(dist, 'bestaat-niet')])).toEqual([stopped]);
    expect([existsSync(stopped), existsSync(running), existsSync(other)]).toEqual([false, true, true]);
  });

  it("starts Pagefind's process with its allocator settings, and leaves this process's environment as it was", async () => {
    await pagefind.close();
    const before = process.env._RJEM_MALLOC_CONF;
    const { index } = await createPagefindIndex({});
    expect(index).toBeTruthy();
    expect(process.env._RJEM_MALLOC_CONF).toBe(before);
    // The service is a child of this process: its environment is the one it was started with.
    const children = readFileSync(`/proc/${process.pid}/task/${process.pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
    const service = children.find((pid) => readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('pagefind'));
    expect(service).toBeDefined();
    const env = readFileSync(`/proc/${service}/environ`, 'utf8').split('\0');
    expect(env).toContain(`_RJEM_MALLOC_CONF=${PAGEFIND_MALLOC_CONF}`);
    await pagefind.close();
  });

  it('hands the pages of garbage the heap has freed back to the system', () => {
    // Some 300 MB of small objects that become garbage: an ordinary collection keeps their pages resident.
    let garbage: { n: number; s: string }[] | undefined = Array.from({ length: 3_000_000 }, (_, n) => ({ n, s: `x${n}` }));
    expect(garbage.length).toBe(3_000_000);
    garbage = undefined;
    const released = releaseFreedMemory();
    expect(released).not.toBe(false);
    if (!released) return;
    expect(released.beforeMB - released.afterMB).toBeGreaterThan(100);
    expect(Math.abs(released.afterMB - process.memoryUsage.rss() / 1048576)).toBeLessThan(50);
  });
});
