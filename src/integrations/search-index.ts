// Astro integration: indexes the built site with Pagefind's Node API at astro:build:done.
import type { AstroIntegration } from 'astro';
import { accessSync, closeSync, constants, fstatSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, readSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { removeStaleFolders } from '../../functions/lib/stale-folders.ts';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import * as pagefind from 'pagefind';
import { deferStep, type AfterBuildOptions, type StepLogger } from './after-build.ts';
import { searchablePage, type SearchablePage } from './search-extract.ts';

/** Languages other than Dutch get a bundle of their own, merged into Dutch searches. */
const EXTRA_LANGUAGES = ['en'] as const;

function check(what: string, result: { errors: string[] }) {
  if (result.errors.length) throw new Error(`Pagefind (${what}): ${result.errors.join('; ')}`);
}

/**
 * Reads a page as latin1 text (one character per byte: the markup, ASCII, reads the same and the bytes go back
 * to Pagefind unchanged, without decoding 160 MB of UTF-8 at 10k pages), through one reused buffer: a buffer
 * per page left ~160 MB of garbage that raised the build's peak memory.
 */
function createPageReader(): (path: string) => string {
  let buffer = Buffer.allocUnsafe(1 << 20);
  return (path) => {
    const fd = openSync(path, 'r');
    try {
      const size = fstatSync(fd).size;
      if (buffer.length < size) buffer = Buffer.allocUnsafe(Math.max(size, buffer.length * 2));
      let read = 0;
      for (let n = -1; read < size && n !== 0; read += n) n = readSync(fd, buffer, read, size - read, read);
      return buffer.toString('latin1', 0, read);
    } finally {
      closeSync(fd);
    }
  };
}

/** Writes files under `folder` by relative path. */
function writeUnder(folder: string, files: [path: string, content: Uint8Array][]) {
  // Thousands of files share a few hundred folders: create each once.
  const folders = new Set<string>();
  for (const [path, content] of files) {
    const target = join(folder, path);
    const parent = dirname(target);
    if (!folders.has(parent)) mkdirSync(parent, { recursive: true });
    folders.add(parent);
    writeFileSync(target, content);
  }
}

/**
 * Writes an index's files with Node itself: Pagefind's writeFiles() can answer before its process has
 * flushed every file, and closing the service right after then left a truncated bundle under load.
 */
async function writeIndex(index: pagefind.PagefindIndex, outputPath: string, what: string): Promise<Map<string, { pages: number }>> {
  const result = await index.getFiles();
  check(what, result);
  const entry = result.files.find((f) => f.path === 'pagefind-entry.json');
  if (!entry) throw new Error(`Pagefind (${what}): geen pagefind-entry.json`);
  writeUnder(outputPath, result.files.map((file) => [file.path, file.content]));
  const { languages } = JSON.parse(Buffer.from(entry.content).toString('utf8')) as { languages: Record<string, { page_count: number }> };
  return new Map(Object.entries(languages).map(([lang, l]) => [lang, { pages: l.page_count }]));
}

/**
 * Where the scratch folder goes: in memory where the system has room there (/dev/shm), as thousands of small
 * files on disk cost seconds; else the temporary folder (a container's /dev/shm is often only 64 MB).
 */
function scratchRoot(bytes: number): string {
  try {
    accessSync('/dev/shm', constants.W_OK);
    const { bavail, bsize } = statfsSync('/dev/shm');
    if (bavail * bsize > bytes + 64 * 1024 * 1024) return '/dev/shm';
  } catch {
    // No /dev/shm here.
  }
  return tmpdir();
}

/** A page as Pagefind should read it: its path relative to the build (so the same URL), language and bytes. */
interface PreparedPage {
  file: string;
  lang: string;
  /** A copy of the bytes, not a slice of the page's string, which would keep the whole page in memory. */
  html: Buffer;
}

/** How many built pages go to Pagefind at a time: it parses one part while the next is read and cut. */
const PART_PAGES = 500;

/** What preparing the built pages found; see searchablePage(). */
interface PreparedStats {
  /** Every HTML file of the build. */
  files: number;
  /** How many were cut down, given whole, or left out for having no data-pagefind-body. */
  kinds: Record<SearchablePage['kind'], number>;
}

/**
 * Reads every built page once and yields, `partPages` at a time, what Pagefind should read of it: the page cut
 * down to its data-pagefind-body element where that is safe, else the page as built. Pages without a body are
 * left out when another page has one, as Pagefind itself would leave them out.
 */
function* preparePages(outDir: string, stats: PreparedStats, partPages = PART_PAGES): Generator<PreparedPage[]> {
  const files = (readdirSync(outDir, { recursive: true }) as string[]).filter((f) => f.endsWith('.html')).sort();
  stats.files = files.length;
  const withoutBody: Omit<PreparedPage, 'html'>[] = [];
  const read = createPageReader();
  let part: PreparedPage[] = [];
  for (const file of files) {
    const page = searchablePage(read(join(outDir, file)));
    stats.kinds[page.kind]++;
    if (page.kind === 'none') withoutBody.push({ file, lang: page.lang });
    else part.push({ file, lang: page.lang, html: Buffer.from(page.html, 'latin1') });
    if (part.length === partPages) {
      yield part;
      part = [];
    }
  }
  // Only a page that was cut is sure to have a body; otherwise Pagefind decides, so it gets every page.
  if (stats.kinds.cut === 0) for (const page of withoutBody) part.push({ ...page, html: readFileSync(join(outDir, page.file)) });
  if (part.length) yield part;
}

/**
 * Allocator settings for Pagefind's own process (its jemalloc, which reads `_RJEM_MALLOC_CONF`): hand freed
 * memory back to the system after 1 s instead of 10 s. Building a 36,000-page index makes two spikes of working
 * memory one after the other; kept 10 s, the first one's freed pages stacked under the second, which raised the
 * build's peak (Pagefind 2.1 GB). Handing it back at once (0 ms) kept Pagefind at 1.80 GB, but then every page
 * Pagefind freed and took again was a new page fault: at 10k items 668,000 of them, 2.7-3.2 s of system time, and
 * indexing took 5.3-7.2 s; after 1 s, 161,000 faults and 4.3-4.6 s, with Pagefind at 1.92 GB at 50k items (still
 * below Astro's own peak, which comes before it).
 */
export const PAGEFIND_MALLOC_CONF = 'dirty_decay_ms:1000,muzzy_decay_ms:1000';

/**
 * Creates a Pagefind index; the first call starts Pagefind's process (synchronously, with this process's
 * environment), so the allocator settings are set for that moment only. A setting of the caller's own wins.
 */
export function createPagefindIndex(config: pagefind.PagefindServiceConfig): ReturnType<typeof pagefind.createIndex> {
  const own = process.env._RJEM_MALLOC_CONF;
  if (own === undefined) process.env._RJEM_MALLOC_CONF = PAGEFIND_MALLOC_CONF;
  try {
    return pagefind.createIndex(config);
  } finally {
    if (own === undefined) delete process.env._RJEM_MALLOC_CONF;
  }
}

/**
 * Hands the memory this process no longer uses back to the system, before Pagefind's process starts next to it:
 * a full garbage collection of the kind V8 runs when memory runs out, which also returns the heap's freed pages
 * (an ordinary collection keeps them: after page generation the build held 2.1 GB of which 0.5 GB was freed
 * pages). Returns the resident memory in MB before and after; false where V8 does not offer it.
 */
export function releaseFreedMemory(): { beforeMB: number; afterMB: number } | false {
  try {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as unknown;
    if (typeof gc !== 'function') return false;
    const beforeMB = Math.round(process.memoryUsage.rss() / 1048576);
    (gc as (options: object) => void)({ type: 'major', execution: 'sync', flavor: 'last-resort' });
    return { beforeMB, afterMB: Math.round(process.memoryUsage.rss() / 1048576) };
  } catch {
    return false;
  }
}

/**
 * From how much resident memory (MB) the build releases its freed memory before indexing. Below it the peak stays
 * far under budget (10k items: 1.2 GB at this point, a 1.6 GB peak), and there the collection did not pay: with
 * it indexing took 1.5-3 s longer (the collection itself, and code run slower right after it). 50k items: 2.1 GB.
 */
const RELEASE_MEMORY_FROM_MB = 1536;

const SCRATCH_PREFIX = 'plein-zoekindex-';
/** A scratch folder this old belongs to no running build (indexing takes seconds): one that was stopped left it. */
const STALE_SCRATCH_MS = 60 * 60 * 1000;

/**
 * Removes scratch folders that stopped builds left behind (a build ended by a signal never reaches its
 * `finally`), in memory (/dev/shm) and in the temporary folder.
 */
export function removeStaleScratch(roots = ['/dev/shm', tmpdir()], now = Date.now()): string[] {
  return roots.flatMap((root) => removeStaleFolders(root, STALE_SCRATCH_MS, { prefix: SCRATCH_PREFIX, now }));
}

/**
 * Scratch folders for the pages Pagefind reads: one folder per build where there is room (see scratchRoot()),
 * a numbered part folder in it per part; removed at the end.
 */
function createScratch() {
  const builds = new Map<string, string>();
  let parts = 0;
  return {
    folder(bytes: number): string {
      const root = scratchRoot(bytes);
      let build = builds.get(root);
      if (!build) builds.set(root, (build = mkdtempSync(join(root, SCRATCH_PREFIX))));
      const folder = join(build, String(parts++));
      mkdirSync(folder);
      return folder;
    },
    remove() {
      for (const folder of builds.values()) rmSync(folder, { recursive: true, force: true });
    },
  };
}

/**
 * Hands pages to Pagefind in parts, each in a scratch folder of its own laid out like the build (so the same
 * URLs): Pagefind parses a part (in parallel, on every core) while the next one is read and cut here; its
 * answers are awaited at the end. Resolves with the pages `keep` picks (for the extra languages) and the
 * seconds spent here preparing parts.
 */
async function addParts(index: pagefind.PagefindIndex, parts: Iterator<PreparedPage[]>, scratch: ReturnType<typeof createScratch>, keep: (page: PreparedPage) => boolean) {
  const added: Promise<void>[] = [];
  const kept: PreparedPage[] = [];
  let preparing = 0;
  for (;;) {
    const started = performance.now();
    const { value: part, done } = parts.next();
    if (done) break;
    const folder = scratch.folder(part.reduce((sum, page) => sum + page.html.length, 0));
    writeUnder(folder, part.map((page) => [page.file, page.html]));
    kept.push(...part.filter(keep));
    preparing += performance.now() - started;
    const adding = index.addDirectory({ path: folder }).then((result) => check('indexeren', result));
    // Awaited below with the others; a failure before then must not count as unhandled.
    adding.catch(() => undefined);
    added.push(adding);
    // Let the request go out and Pagefind's answers in before cutting the next part.
    await new Promise((resolve) => setImmediate(resolve));
  }
  await Promise.all(added);
  return { kept, preparingSeconds: preparing / 1000 };
}

/**
 * Builds the Pagefind index into dist/pagefind (only elements marked data-pagefind-body are indexed;
 * Pagefind splits it per page language), plus dist/pagefind-<lang>/ for each extra language so the
 * Dutch search page can merge those results in. Each page is read once; Pagefind reads the cut-down copies
 * part by part from scratch folders with addDirectory (which parses files in parallel, where addHTMLFile takes
 * one at a time), while the next part is cut. Only the extra languages' pages stay in memory.
 */
export function searchIndex(options: AfterBuildOptions['search-index'] = {}): AstroIntegration {
  return {
    name: 'plein:search-index',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        if (deferStep('search-index', dir, options)) logger.info('de zoekindex volgt na de build, in een eigen proces');
        else await buildSearchIndex(fileURLToPath(dir), logger, options);
      },
    },
  };
}

/** The work of the hook, on a built site in `outDir`: in Astro's process, or after it (scripts/build.ts). */
export async function buildSearchIndex(outDir: string, logger: StepLogger, options: AfterBuildOptions['search-index'] = {}): Promise<void> {
  const started = performance.now();
  const released = process.memoryUsage.rss() >= (options.releaseMemoryFromMB ?? RELEASE_MEMORY_FROM_MB) * 1048576 && releaseFreedMemory();
  if (released) logger.info(`geheugen van de build vrijgegeven vóór het indexeren: ${released.beforeMB} → ${released.afterMB} MB`);
  // Where the time goes, in seconds: reading and cutting pages, Pagefind parsing them, building and writing.
  const stages = { prepare: 0, parse: 0, write: 0 };
  let mark = performance.now();
  const stage = (name: keyof typeof stages) => {
    stages[name] += (performance.now() - mark) / 1000;
    mark = performance.now();
  };
  const prepared: PreparedStats = { files: 0, kinds: { cut: 0, whole: 0, none: 0 } };
  const stale = removeStaleScratch();
  if (stale.length) logger.info(`${stale.length} achtergelaten kladmap(pen) van gestopte builds opgeruimd`);
  const scratch = createScratch();
  try {
    const { index, errors } = await createPagefindIndex({});
    if (!index) throw new Error(`Pagefind kon geen index maken: ${errors.join('; ')}`);
    const extraLanguages = new Set<string>(EXTRA_LANGUAGES);
    const { kept, preparingSeconds } = await addParts(index, preparePages(outDir, prepared, options.partPages), scratch, (page) => extraLanguages.has(page.lang));
    // Reading and cutting overlaps with Pagefind parsing: parse is what is left after the last part.
    stages.prepare = preparingSeconds;
    stage('parse');
    stages.parse -= preparingSeconds;
    const languages = await writeIndex(index, join(outDir, 'pagefind'), 'schrijven');
    stage('write');

    // The main index names every language it indexed; only those get a bundle of their own.
    for (const lang of EXTRA_LANGUAGES) {
      const pages = languages.has(lang) ? kept.filter((page) => page.lang === lang) : [];
      const extra = await createPagefindIndex({ forceLanguage: lang });
      if (!extra.index) throw new Error(`Pagefind kon geen ${lang}-index maken`);
      if (pages.length) await addParts(extra.index, [pages][Symbol.iterator](), scratch, () => false);
      await writeIndex(extra.index, join(outDir, `pagefind-${lang}`), `schrijven ${lang}`);
    }
    stage('write');
    await pagefind.close();
    const seconds = (performance.now() - started) / 1000;
    const indexed = [...languages.values()].reduce((sum, l) => sum + l.pages, 0);
    // The build benchmark reads these figures.
    const stats = { pages: prepared.files, indexedPages: indexed, ...prepared.kinds, seconds, stages };
    writeFileSync(join(outDir, 'pagefind', 'plein-index-stats.json'), JSON.stringify(stats));
    logger.info(`${indexed} van ${prepared.files} pagina's geïndexeerd in ${seconds.toFixed(2)} s (${prepared.kinds.cut} ingekort, ${prepared.kinds.whole} heel)`);
  } finally {
    scratch.remove();
  }
}
