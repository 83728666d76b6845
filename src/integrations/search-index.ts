// Astro integration: indexes the built site with Pagefind's Node API at astro:build:done.
import type { AstroIntegration } from 'astro';
import { accessSync, constants, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as pagefind from 'pagefind';
import { searchablePage, type SearchablePage } from './search-extract.ts';

/** Languages other than Dutch get a bundle of their own, merged into Dutch searches. */
const EXTRA_LANGUAGES = ['en'] as const;

function check(what: string, result: { errors: string[] }) {
  if (result.errors.length) throw new Error(`Pagefind (${what}): ${result.errors.join('; ')}`);
}

/**
 * Pages are read and written as latin1: one character per byte, so the markup (ASCII) reads the same and the
 * bytes go back to Pagefind unchanged, without decoding and encoding 160 MB of UTF-8 at 10k pages.
 */
const BYTES = 'latin1';

/** Writes files under `folder` by relative path; page text in BYTES (latin1), so bytes go out as they came in. */
function writeUnder(folder: string, files: [path: string, content: string | Uint8Array][]) {
  // Thousands of files share a few hundred folders: create each once.
  const folders = new Set<string>();
  for (const [path, content] of files) {
    const target = join(folder, path);
    const parent = dirname(target);
    if (!folders.has(parent)) mkdirSync(parent, { recursive: true });
    folders.add(parent);
    if (typeof content === 'string') writeFileSync(target, content, BYTES);
    else writeFileSync(target, content);
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

/** The built pages as Pagefind should read them; see searchablePage(). */
interface PreparedPages {
  /** Every HTML file of the build. */
  files: number;
  /** How many were cut down, given whole, or left out for having no data-pagefind-body. */
  kinds: Record<SearchablePage['kind'], number>;
  /** What Pagefind gets, by path relative to the build folder (so the same URLs). */
  pages: { file: string; page: SearchablePage }[];
  /** Their size in bytes. */
  bytes: number;
}

/**
 * Reads every built page once and keeps what Pagefind should read of it: the page cut down to its
 * data-pagefind-body element where that is safe, else the page as built. Pages without a body are left out
 * when another page has one, as Pagefind itself would leave them out.
 */
function preparePages(outDir: string): PreparedPages {
  const files = (readdirSync(outDir, { recursive: true }) as string[]).filter((f) => f.endsWith('.html')).sort();
  const kinds = { cut: 0, whole: 0, none: 0 };
  const pages: { file: string; page: SearchablePage }[] = [];
  const withoutBody: { file: string; page: SearchablePage }[] = [];
  for (const file of files) {
    const page = searchablePage(readFileSync(join(outDir, file), BYTES));
    kinds[page.kind]++;
    (page.kind === 'none' ? withoutBody : pages).push({ file, page });
  }
  // Only a page that was cut is sure to have a body; otherwise Pagefind decides, so it gets every page.
  if (kinds.cut === 0) pages.push(...withoutBody);
  return { files: files.length, kinds, pages, bytes: pages.reduce((sum, { page }) => sum + page.html.length, 0) };
}

/**
 * Builds the Pagefind index into dist/pagefind (only elements marked data-pagefind-body are indexed;
 * Pagefind splits it per page language), plus dist/pagefind-<lang>/ for each extra language so the
 * Dutch search page can merge those results in. Each page is read once; Pagefind reads the cut-down copies
 * from a scratch folder with addDirectory (which parses files in parallel, where addHTMLFile takes one at a time).
 */
export function searchIndex(): AstroIntegration {
  return {
    name: 'plein:search-index',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const started = performance.now();
        const outDir = fileURLToPath(dir);
        // Where the time goes, in seconds: reading and cutting pages, Pagefind parsing them, building and writing.
        const stages = { prepare: 0, parse: 0, write: 0 };
        let mark = performance.now();
        const stage = (name: keyof typeof stages) => {
          stages[name] += (performance.now() - mark) / 1000;
          mark = performance.now();
        };
        const prepared = preparePages(outDir);
        const scratch = mkdtempSync(join(scratchRoot(prepared.bytes), 'plein-zoekindex-'));
        try {
          writeUnder(join(scratch, 'nl'), prepared.pages.map(({ file, page }) => [file, page.html]));
          stage('prepare');
          const { index, errors } = await pagefind.createIndex({});
          if (!index) throw new Error(`Pagefind kon geen index maken: ${errors.join('; ')}`);
          check('indexeren', await index.addDirectory({ path: join(scratch, 'nl') }));
          stage('parse');
          const languages = await writeIndex(index, join(outDir, 'pagefind'), 'schrijven');
          stage('write');

          // The main index names every language it indexed; only those get a bundle of their own.
          for (const lang of EXTRA_LANGUAGES) {
            const pages = languages.has(lang) ? prepared.pages.filter(({ page }) => page.lang === lang) : [];
            const extra = await pagefind.createIndex({ forceLanguage: lang });
            if (!extra.index) throw new Error(`Pagefind kon geen ${lang}-index maken`);
            writeUnder(join(scratch, lang), pages.map(({ file, page }) => [file, page.html]));
            if (pages.length) check(lang, await extra.index.addDirectory({ path: join(scratch, lang) }));
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
          rmSync(scratch, { recursive: true, force: true });
        }
      },
    },
  };
}
