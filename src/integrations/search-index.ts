// Astro integration: indexes the built site with Pagefind's Node API at astro:build:done.
import type { AstroIntegration } from 'astro';
import { closeSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as pagefind from 'pagefind';

/** Languages other than Dutch get a bundle of their own, merged into Dutch searches. */
const EXTRA_LANGUAGES = ['en'] as const;

function check(what: string, result: { errors: string[] }) {
  if (result.errors.length) throw new Error(`Pagefind (${what}): ${result.errors.join('; ')}`);
}

/**
 * Writes an index's files with Node itself: Pagefind's writeFiles() can answer before its process has
 * flushed every file, and closing the service right after then left a truncated bundle under load.
 */
async function writeIndex(index: pagefind.PagefindIndex, outputPath: string, what: string): Promise<Set<string>> {
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
  return new Set(Object.keys((JSON.parse(Buffer.from(entry.content).toString('utf8')) as { languages: Record<string, unknown> }).languages));
}

/** The `lang` of a built page, read from the first bytes of its HTML. */
function readPageLang(file: string): string {
  const fd = openSync(file, 'r');
  const buffer = Buffer.alloc(256);
  readSync(fd, buffer, 0, 256, 0);
  closeSync(fd);
  return /<html[^>]*\slang="([a-z-]+)"/i.exec(buffer.toString('utf8'))?.[1] ?? 'nl';
}

/**
 * Builds the Pagefind index into dist/pagefind (only elements marked data-pagefind-body are indexed;
 * Pagefind splits it per page language), plus dist/pagefind-<lang>/ for each extra language so the
 * Dutch search page can merge those results in.
 */
export function searchIndex(): AstroIntegration {
  return {
    name: 'plein:search-index',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const started = performance.now();
        const outDir = fileURLToPath(dir);
        const { index, errors } = await pagefind.createIndex({});
        if (!index) throw new Error(`Pagefind kon geen index maken: ${errors.join('; ')}`);
        const added = await index.addDirectory({ path: outDir });
        check('indexeren', added);
        const languages = await writeIndex(index, join(outDir, 'pagefind'), 'schrijven');

        // The main index names every language it found; only then is there anything to re-read for an extra bundle.
        const htmlFiles = EXTRA_LANGUAGES.some((lang) => languages.has(lang))
          ? (readdirSync(outDir, { recursive: true }) as string[]).filter((f) => f.endsWith('.html'))
          : [];
        for (const lang of EXTRA_LANGUAGES) {
          const pages = languages.has(lang) ? htmlFiles.filter((f) => readPageLang(join(outDir, f)) === lang) : [];
          const extra = await pagefind.createIndex({ forceLanguage: lang });
          if (!extra.index) throw new Error(`Pagefind kon geen ${lang}-index maken`);
          for (const file of pages) {
            const url = '/' + relative(outDir, join(outDir, file)).split(sep).join('/').replace(/index\.html$/, '');
            check(file, await extra.index.addHTMLFile({ url, content: readFileSync(join(outDir, file), 'utf8') }));
          }
          await writeIndex(extra.index, join(outDir, `pagefind-${lang}`), `schrijven ${lang}`);
        }
        await pagefind.close();
        const seconds = (performance.now() - started) / 1000;
        // The build benchmark reads these figures.
        writeFileSync(join(outDir, 'pagefind', 'plein-index-stats.json'), JSON.stringify({ pages: added.page_count, seconds }));
        logger.info(`${added.page_count} pagina's geïndexeerd in ${seconds.toFixed(2)} s`);
      },
    },
  };
}
