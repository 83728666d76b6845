// Which URLs the site builds: entry pages by collection, and every route file under src/pages.
import { readdirSync } from 'node:fs';
import { NEWS_PAGE_SIZE, TIMELINE_PAGE_SIZE } from '../config.ts';
import { NEWS_CATEGORIES } from '../schemas/news.ts';
import { getEntryPath, type PagedCollection } from './entry-paths.ts';

/** An entry the build turns into pages (drafts, scheduled, expired and hidden items left out). */
export interface RouteEntry {
  id: string;
  data: Record<string, unknown>;
  /** The file it came from, to name both files when two entries claim one URL. */
  file?: string;
}

/** The built entries per collection. */
export type RouteContent = { [K in PagedCollection]: RouteEntry[] };

/** One URL a route produces, and the entry it belongs to (if any). */
export interface RoutePath {
  path: string;
  entry?: RouteEntry;
}

/** /base/, /base/2/, … for `count` items paginated by `size` (one page even when empty). */
function paginated(base: string, count: number, size: number): RoutePath[] {
  const pages = Math.max(1, Math.ceil(count / size));
  return Array.from({ length: pages }, (_, i) => ({ path: i === 0 ? base : `${base}${i + 1}/` }));
}

const entryPages = (c: RouteContent, collection: PagedCollection): RoutePath[] =>
  c[collection].map((entry) => ({ path: getEntryPath(collection, entry.id), entry }));

/**
 * The paths of each dynamic route file (relative to src/pages), as its getStaticPaths computes them.
 * A route file missing here is still honoured: any URL matching its pattern counts as existing.
 */
export const DYNAMIC_ROUTES: Record<string, (c: RouteContent) => RoutePath[]> = {
  'nieuws/[slug].astro': (c) => entryPages(c, 'nieuws'),
  'nieuws/[...page].astro': (c) => paginated('/nieuws/', c.nieuws.length, NEWS_PAGE_SIZE),
  'nieuws/categorie/[category]/[...page].astro': (c) =>
    NEWS_CATEGORIES.flatMap((cat) => paginated(`/nieuws/categorie/${cat}/`, c.nieuws.filter((n) => n.data.category === cat).length, NEWS_PAGE_SIZE)),
  'weten-en-regelen/[...path].astro': (c) => [...entryPages(c, 'secties'), ...entryPages(c, 'kennis')],
  'groepen/[id].astro': (c) => entryPages(c, 'groepen'),
  'berichten/[id].astro': (c) => entryPages(c, 'berichten'),
  'tijdlijn/[...page].astro': (c) => paginated('/tijdlijn/', c.berichten.length, TIMELINE_PAGE_SIZE),
  'collegas/[id].astro': (c) => entryPages(c, 'collegas'),
  'collegas/afdeling/[department].astro': (c) => c.afdelingen.map((d) => ({ path: `/collegas/afdeling/${d.id}/` })),
  'afdelingen/[id].astro': (c) => entryPages(c, 'afdelingen'),
  'agenda/[id].astro': (c) => entryPages(c, 'agenda'),
  'agenda/[id].ics.ts': (c) => c.agenda.map((e) => ({ path: `/agenda/${e.id}.ics` })),
};

/** The route files below a pages folder, relative and with forward slashes; `_` folders and files are private. */
export function listRouteFiles(pagesDir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(pagesDir, { recursive: true }) as string[];
  } catch {
    return [];
  }
  return names
    .map((n) => n.replace(/\\/g, '/'))
    .filter((n) => /\.(astro|md|mdx|html|ts|js)$/.test(n) && !n.split('/').some((part) => part.startsWith('_')) && !/\.test\.ts$/.test(n))
    .sort();
}

/** The URL of a route file without parameters: index.astro → /, zoeken/index.astro → /zoeken/, rss.xml.ts → /nieuws/rss.xml. */
function staticPathOf(file: string): string {
  if (/\.(ts|js)$/.test(file)) return `/${file.replace(/\.(ts|js)$/, '')}`;
  const noExt = file.replace(/\.(astro|md|mdx|html)$/, '');
  return noExt === 'index' || noExt.endsWith('/index') ? `/${noExt.replace(/\/?index$/, '')}/`.replace(/^\/\/$/, '/') : `/${noExt}/`;
}

/** A pattern for a route file with parameters: [id] is one segment, [...rest] any number (or none). */
function patternOf(file: string): RegExp {
  const source = normalisePath(staticPathOf(file))
    .split(/(\/\[\.\.\.[^\]]+\]|\[[^\]]+\])/)
    .map((part) => (part.startsWith('/[...') ? '(?:/.*)?' : part.startsWith('[') ? '[^/]+' : part.replace(/[.*+?^${}()|\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`);
}

/** A path as the site compares it: no trailing slash (the site ignores it), no /index.html. */
export function normalisePath(path: string): string {
  const p = path.replace(/\/index\.html$/, '/').replace(/\/+$/, '');
  return p === '' ? '/' : p;
}

/** Every URL of the site for the given content: exact paths (with the entry that claims each) and route patterns. */
export interface SitePaths {
  /** Normalised path → every source that produces it (more than one is a collision). */
  paths: Map<string, RoutePath[]>;
  /** Route files without rules in DYNAMIC_ROUTES: any URL matching them is accepted. */
  patterns: RegExp[];
}

/** Lists the site's URLs from the route files in `pagesDir` and the built content. */
export function getSitePaths(pagesDir: string, content: RouteContent): SitePaths {
  const paths = new Map<string, RoutePath[]>();
  const patterns: RegExp[] = [];
  const add = (p: RoutePath) => {
    const key = normalisePath(p.path);
    paths.set(key, [...(paths.get(key) ?? []), p]);
  };
  for (const file of listRouteFiles(pagesDir)) {
    if (!file.includes('[')) add({ path: staticPathOf(file) });
    else if (DYNAMIC_ROUTES[file]) DYNAMIC_ROUTES[file](content).forEach(add);
    else patterns.push(patternOf(file));
  }
  return { paths, patterns };
}

/** Whether a site path (no query or fragment) is a page of the site. */
export function isSitePath(site: SitePaths, path: string): boolean {
  const key = normalisePath(path);
  return site.paths.has(key) || site.patterns.some((p) => p.test(key));
}
