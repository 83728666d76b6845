// Astro integration: makes the built site an installable app that reads offline. At astro:build:done it writes the
// icons and the manifest, bundles the service worker (src/lib/service-worker.ts, with esbuild: no CDN) and injects
// the precache manifest with @serwist/build, generated from dist/ within a byte budget.
import type { AstroIntegration } from 'astro';
import { build } from 'esbuild';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { injectManifest } from '@serwist/build';
import { UI_LOCALE } from '../config.ts';
import { deferStep, type AfterBuildOptions, type StepLogger } from './after-build.ts';
import { readSiteSettings } from '../lib/site-settings.ts';
import { settingsSchema } from '../schemas/settings.ts';
import { buildManifest, writeIcons, type AppSettings } from './pwa-assets.ts';
import { PRECACHE_GLOBS, PRECACHE_IGNORES, findLatestNews, planPrecache, toPageUrl, type PrecacheFile } from './precache-plan.ts';

/** Where the build writes the precache figures that `npm run bench:pages` reports (not precached, not linked). */
export const SW_STATS_FILE = 'sw-stats.json';

const WORKER_SOURCE = fileURLToPath(new URL('../lib/service-worker.ts', import.meta.url));

/** Settings for the app: the content folder's, or the schema's defaults with a neutral name when it has none. */
function getAppSettings(contentDir: string): AppSettings {
  return readSiteSettings(contentDir) ?? settingsSchema.parse({
    name: 'Plein', organisation: 'Plein', logo: { src: '/media/logo.svg', alt: 'Plein' }, footer: { text: '' }, newsTipEmail: 'info@example.org',
  });
}

/** Bundles the worker into one classic script (the browser loads /sw.js without modules) with esbuild. */
async function bundleWorker(target: string): Promise<void> {
  await build({
    entryPoints: [WORKER_SOURCE],
    outfile: target,
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    legalComments: 'none',
    define: { 'process.env.NODE_ENV': '"production"', __PLEIN_LOCALE__: JSON.stringify(UI_LOCALE) },
    logLevel: 'silent',
  });
}

/** Writes the app assets and dist/sw.js; `contentDir` is where the site settings live. */
export function serviceWorker(options: AfterBuildOptions['service-worker']): AstroIntegration {
  return {
    name: 'plein:service-worker',
    hooks: {
      // Deferred with the search index (see after-build.ts), after it. The precache leaves Pagefind's files out (the
      // worker never handles /pagefind), so the two could run side by side; measured at 10k items that was no faster
      // (7 alternating pairs: 5.1-6.2 s side by side, 5.6-7.2 s one after the other).
      'astro:build:done': async ({ dir, logger }) => {
        if (deferStep('service-worker', dir, options)) logger.info('de service worker volgt na de build, na de zoekindex');
        else await writeServiceWorker(fileURLToPath(dir), logger, options);
      },
    },
  };
}

/** The work of the hook, on a built site in `outDir`: in Astro's process, or after it (scripts/build.ts). */
export async function writeServiceWorker(outDir: string, logger: StepLogger, options: AfterBuildOptions['service-worker']): Promise<void> {
  const started = performance.now();
  const settings = getAppSettings(options.contentDir);
  await writeIcons(outDir, settings);
  const hasNotifications = existsSync(join(outDir, 'meldingen', 'index.html'));
  writeFileSync(join(outDir, 'manifest.webmanifest'), JSON.stringify(buildManifest(settings, { locale: UI_LOCALE, hasNotifications }), null, 2));

  const newsIndex = join(outDir, 'nieuws', 'index.html');
  const latestNews = existsSync(newsIndex) ? findLatestNews(readFileSync(newsIndex, 'utf8')) : new Set<string>();
  let skipped: PrecacheFile[] = [];
  const work = mkdtempSync(join(tmpdir(), 'plein-sw-'));
  try {
    const source = join(work, 'sw.js');
    await bundleWorker(source);
    const result = await injectManifest({
      swSrc: source,
      swDest: join(outDir, 'sw.js'),
      globDirectory: outDir,
      globPatterns: PRECACHE_GLOBS,
      globIgnores: PRECACHE_IGNORES,
      // Hashed assets need no revision: their name changes with their content.
      dontCacheBustURLsMatching: /^_astro\//,
      maximumFileSizeToCacheInBytes: 2 * 1024 * 1024,
      manifestTransforms: [
        (entries) => {
          const plan = planPrecache(entries, latestNews);
          skipped = plan.skipped;
          return { manifest: plan.keep.map((e) => ({ ...e, url: e.url.startsWith('_astro/') ? `/${e.url}` : toPageUrl(e.url) })), warnings: [] };
        },
      ],
    });
    for (const warning of result.warnings) logger.warn(warning);
    const workerBytes = statSync(join(outDir, 'sw.js')).size;
    writeFileSync(join(outDir, SW_STATS_FILE), JSON.stringify({ precacheBytes: result.size, precacheFiles: result.count, skippedFiles: skipped.length, workerBytes, seconds: (performance.now() - started) / 1000 }));
    const kb = (n: number) => `${(n / 1024).toFixed(0)} kB`;
    logger.info(`service worker ${kb(workerBytes)}, precache ${result.count} bestanden (${kb(result.size)})${skipped.length ? `; ${skipped.length} bestanden pas bij bezoek bewaard` : ''}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
