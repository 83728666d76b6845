// Which files of the build the service worker stores at install, in priority order and within a byte budget,
// so the precache stays small for a large organisation (the rest is cached when a page is visited).

/** One file of dist/ as @serwist/build lists it: a URL relative to dist/, its revision and its size in bytes. */
export interface PrecacheFile { url: string; revision?: string | null; size: number; integrity?: string }

/** The precache budget: what an installed Plein stores at most before anyone opens a page (uncompressed bytes). */
export const PRECACHE_BUDGET_BYTES = 5 * 1024 * 1024;

/** Glob patterns (relative to dist/) of what may be precached; everything else is cached on visit or never. */
export const PRECACHE_GLOBS = [
  '_astro/**/*.{js,css}',
  'icons/*.png',
  'manifest.webmanifest',
  'offline/index.html',
  'index.html',
  'tijdlijn/index.html',
  'collegas/index.html',
  'nieuws/index.html',
  'nieuws/*/index.html',
  'weten-en-regelen/**/index.html',
];

/** Never precached: the CMS, the search index (large, loaded on demand), editor dashboards, maps and the worker itself. */
export const PRECACHE_IGNORES = ['admin/**', 'pagefind/**', 'pagefind-*/**', 'beheer/**', '**/*.map', 'sw.js', '_headers'];

/** The priority of a file: 0 is the app shell, then timeline/colleagues/news, then the knowledge pages. */
function getTier(url: string, latestNews: ReadonlySet<string>): number {
  if (url.startsWith('_astro/') || url.startsWith('icons/') || url === 'manifest.webmanifest' || url === 'offline/index.html' || url === 'index.html') return 0;
  if (url === 'tijdlijn/index.html' || url === 'collegas/index.html' || url === 'nieuws/index.html') return 1;
  if (url.startsWith('nieuws/')) return latestNews.has(url) ? 2 : 9;
  if (url === 'weten-en-regelen/index.html') return 2;
  // Section overviews before their pages; shallower paths first.
  if (url.startsWith('weten-en-regelen/')) return 3 + Math.min(url.split('/').length, 5) / 10;
  return 9;
}

/** The result of planning: what goes into the precache and what was left for runtime caching. */
export interface PrecachePlan { keep: PrecacheFile[]; skipped: PrecacheFile[]; bytes: number }

/**
 * Orders the candidate files by tier (stable within a tier) and keeps them while they fit in the budget. News
 * articles count only when `latestNews` names them (the ones on the first news page); older ones are cached on visit.
 */
export function planPrecache(files: PrecacheFile[], latestNews: ReadonlySet<string>, budget = PRECACHE_BUDGET_BYTES): PrecachePlan {
  const ranked = files
    .map((file, index) => ({ file, index, tier: getTier(file.url, latestNews) }))
    .sort((a, b) => a.tier - b.tier || a.index - b.index);
  const keep: PrecacheFile[] = [];
  const skipped: PrecacheFile[] = [];
  let bytes = 0;
  for (const { file, tier } of ranked) {
    // The shell is always kept: without it no page works offline at all.
    if (tier < 9 && (tier === 0 || bytes + file.size <= budget)) {
      keep.push(file);
      bytes += file.size;
    } else skipped.push(file);
  }
  return { keep, skipped, bytes };
}

/** Turns a dist-relative file into the URL a browser asks for: `a/b/index.html` becomes `/a/b/`. */
export function toPageUrl(url: string): string {
  if (url === 'index.html') return '/';
  return '/' + url.replace(/(^|\/)index\.html$/, '$1');
}

/** The news articles linked from the first news page (`/nieuws/<slug>/`), as dist-relative files. */
export function findLatestNews(newsIndexHtml: string): Set<string> {
  const found = new Set<string>();
  for (const match of newsIndexHtml.matchAll(/href="\/nieuws\/([a-z0-9][a-z0-9-]*)\/"/g)) {
    if (match[1] !== 'categorie' && match[1] !== 'pagina') found.add(`nieuws/${match[1]}/index.html`);
  }
  return found;
}
