// Astro integration: indexes the built site with Pagefind's Node API at astro:build:done.
import type { AstroIntegration } from 'astro';
import { accessSync, constants, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
 * Writes an index's files with Node itself: Pagefind's writeFiles() can answer before its process has
 * flushed every file, and closing the service right after then left a truncated bundle under load.
 */
async function writeIndex(index: pagefind.PagefindIndex, outputPath: string, what: string): Promise<Map<string, { pages: number }>> {
  const result = await index.getFiles();
  check(what, result);
  const entry = result.files.find((f) => f.path === 'pagefind-entry.json');
  if (!entry) throw new Error(`Pagefind (${what}): geen pagefind-entry.json`);
  // Thousands of fragments share a handful of folders: create each once.
  const folders = new Set<string>();
  for (const file of result.files) {
    const target = join(outputPath, file.path);
    const folder = dirname(target);
    if (!folders.has(folder)) mkdirSync(folder, { recursive: true });
    folders.add(folder);
    writeFileSync(target, file.content);
  }
  const { languages } = JSON.parse(Buffer.from(entry.content).toString('utf8')) as { languages: Record<string, { page_count: number }> };
  return new Map(Object.entries(languages).map(([lang, l]) => [lang, { pages: l.page_count }]));
}

/**
 * Pages are read and written as latin1: one character per byte, so the markup (ASCII) reads the same and the
 * bytes go back to Pagefind unchanged, without decoding and encoding 160 MB of UTF-8 at 10k pages.
 */
const BYTES = 'latin1';

/** Where the scratch folder goes: in memory where the system has that (/dev/shm), as thousands of small files on disk cost seconds. */
function scratchRoot(): string {
  try {
    accessSync('/dev/shm', constants.W_OK);
    return '/dev/shm';
  } catch {
    return tmpdir();
  }
}

/** The built pages as Pagefind should read them, written to a scratch folder; see searchablePage(). */
interface PreparedPages {
  /** Every HTML file of the build. */
  files: number;
  /** How many were cut down, given whole, or left out for having no data-pagefind-body. */
  kinds: Record<SearchablePage['kind'], number>;
  /** Per extra language, the pages in that language that went into the main folder. */
  extra: Map<string, { file: string; html: string }[]>;
}

/**
 * Reads every built page once and writes what Pagefind should read of it to `scratch` (same relative paths, so
 * the same URLs): the page cut down to its data-pagefind-body element where that is safe, else the page as
 * built. Pages without a body are left out when another page has one, as Pagefind itself would leave them out.
 */
function preparePages(outDir: string, scratch: string): PreparedPages {
  const files = (readdirSync(outDir, { recursive: true }) as string[]).filter((f) => f.endsWith('.html')).sort();
  const kinds = { cut: 0, whole: 0, none: 0 };
  const extra = new Map<string, { file: string; html: string }[]>(EXTRA_LANGUAGES.map((lang) => [lang, []]));
  const withoutBody: { file: string; page: SearchablePage }[] = [];
  const folders = new Set<string>();
  const write = (file: string, page: SearchablePage) => {
    const target = join(scratch, file);
    const folder = dirname(target);
    if (!folders.has(folder)) mkdirSync(folder, { recursive: true });
    folders.add(folder);
    writeFileSync(target, page.html, BYTES);
    extra.get(page.lang)?.push({ file, html: page.html });
  };
  for (const file of files) {
    const page = searchablePage(readFileSync(join(outDir, file), BYTES));
    kinds[page.kind]++;
    if (page.kind === 'none') withoutBody.push({ file, page });
    else write(file, page);
  }
  // Only a page that was cut is sure to have a body; otherwise Pagefind decides, so it gets every page.
  if (kinds.cut === 0) for (const { file, page } of withoutBody) write(file, page);
  return { files: files.length, kinds, extra };
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
        const scratch = mkdtempSync(join(scratchRoot(), 'plein-zoekindex-'));
        try {
          // Where the time goes, in seconds: reading and cutting pages, Pagefind parsing them, building and writing.
          const stages = { prepare: 0, parse: 0, write: 0 };
          let mark = performance.now();
          const stage = (name: keyof typeof stages) => {
            stages[name] += (performance.now() - mark) / 1000;
            mark = performance.now();
          };
          const prepared = preparePages(outDir, join(scratch, 'nl'));
          stage('prepare');
          const { index, errors } = await pagefind.createIndex({});
          if (!index) throw new Error(`Pagefind kon geen index maken: ${errors.join('; ')}`);
          check('indexeren', await index.addDirectory({ path: join(scratch, 'nl') }));
          stage('parse');
          const languages = await writeIndex(index, join(outDir, 'pagefind'), 'schrijven');
          stage('write');

          // The main index names every language it indexed; only those get a bundle of their own.
          for (const lang of EXTRA_LANGUAGES) {
            const pages = languages.has(lang) ? (prepared.extra.get(lang) ?? []) : [];
            const extra = await pagefind.createIndex({ forceLanguage: lang });
            if (!extra.index) throw new Error(`Pagefind kon geen ${lang}-index maken`);
            for (const { file, html } of pages) {
              const target = join(scratch, lang, file);
              mkdirSync(dirname(target), { recursive: true });
              writeFileSync(target, html, BYTES);
            }
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
