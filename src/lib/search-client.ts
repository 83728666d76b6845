// Browser side of search: loads Pagefind lazily from /pagefind/ and turns results into safe DOM.
import type { SearchState } from './search-types.ts';
import { toPagefindOptions } from './search-types.ts';
import { installFragmentBatching } from './fragment-batch.ts';

/** One result as Pagefind returns it from `result.data()`. */
export interface PagefindResultData {
  url: string;
  excerpt: string;
  meta: Record<string, string>;
  filters: Record<string, string[]>;
  sub_results?: { title: string; url: string; excerpt: string }[];
}

interface PagefindModule {
  options(o: Record<string, unknown>): Promise<void>;
  init(): Promise<void>;
  mergeIndex(path: string, o?: Record<string, unknown>): Promise<void>;
  search(q: string | null, o?: Record<string, unknown>): Promise<{ results: { data(): Promise<PagefindResultData> }[] }>;
  preload(q: string, o?: Record<string, unknown>): Promise<void>;
  filters(): Promise<Record<string, Record<string, number>>>;
}

let loading: Promise<PagefindModule> | undefined;
/** Failed loads so far: a retry imports under another URL, as the browser keeps a failed module import's result. */
let failures = 0;
/**
 * Requests for Pagefind's files that failed (no connection, or an error status). Pagefind itself skips an index
 * part it could not load, so offline a search would say "Niets gevonden" instead of failing.
 */
let failedFetches = 0;
let counting = false;

/** Counts the page's failed requests for Pagefind's files (once, around the batching fetch). */
function countFailedFetches(): void {
  if (counting) return;
  counting = true;
  const inner = globalThis.fetch;
  globalThis.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (!url.includes('/pagefind')) return inner(input, init);
    try {
      const response = await inner(input, init);
      if (!response.ok) failedFetches++;
      return response;
    } catch (err) {
      failedFetches++;
      throw err;
    }
  };
}

const EXTRA_BUNDLE = '/pagefind-en/';

/** Whether a Pagefind bundle indexed any page: its entry file lists a language per indexed page language. */
async function hasPages(bundle: string): Promise<boolean> {
  try {
    const response = await fetch(`${bundle}pagefind-entry.json`);
    if (!response.ok) return false;
    const entry = (await response.json()) as { languages?: Record<string, { page_count?: number }> };
    return Object.values(entry.languages ?? {}).some((l) => (l.page_count ?? 0) > 0);
  } catch {
    return false;
  }
}

/** Loads the Pagefind bundle once (same origin, no CDN), tuned for Plein's ranking rules. */
export function loadPagefind(): Promise<PagefindModule> {
  loading ??= (async () => {
    // A page of results' fragments in one request instead of one each.
    installFragmentBatching();
    countFailedFetches();
    const url = new URL('/pagefind/pagefind.js', location.origin);
    if (failures) url.searchParams.set('poging', String(failures));
    const pf = (await import(/* @vite-ignore */ url.href)) as PagefindModule;
    // Titles weigh heavily: a colleague's name is the title of their profile. No worker: each query and each
    // result's data would make a round trip through it, which cost more than the search itself at 10k pages.
    await pf.options({ excerptLength: 24, noWorker: true, ranking: { metaWeights: { title: 8 }, termSimilarity: 4 } });
    const dutch = document.documentElement.lang === 'nl';
    const [, english] = await Promise.all([pf.init(), dutch ? hasPages(EXTRA_BUNDLE) : false]);
    // Dutch pages also search the English pages, which Pagefind keeps in a bundle of their own. A bundle without
    // pages is left out: merged, it made every search fail ("No language indexes found") and cost a request per query.
    if (english) await pf.mergeIndex(EXTRA_BUNDLE, { language: 'en', noWorker: true }).catch(() => undefined);
    return pf;
  })().catch((err: unknown) => {
    // Offline, or the server did not answer: the next search tries again instead of failing for good.
    loading = undefined;
    failures++;
    throw err;
  });
  return loading;
}

/** What a search that could not load says: offline (it runs again once back online), or it failed. */
export function searchFailedText(labels: { offline: string; failed: string }): string {
  return navigator.onLine ? labels.failed : labels.offline;
}

/** A search's hits; their data (title, excerpt, meta: one fragment request each) loads in slices when asked for. */
export interface SearchHits {
  total: number;
  /** The data of hits from..from+count-1 (fewer at the end). */
  load(from: number, count: number): Promise<PagefindResultData[]>;
}

/**
 * Loads the index chunks a query will need while the colleague is still typing (the search itself waits for a
 * pause), so the search that follows needs one round trip fewer: its result data. Failures are left to the search.
 */
export function preloadSearch(state: SearchState): void {
  if (!state.q.trim()) return;
  loadPagefind().then((pf) => pf.preload(state.q, toPagefindOptions(state))).catch(() => undefined);
}

/** Runs a search for a state; an empty query with filters lists everything that matches them. */
export async function openSearch(state: SearchState): Promise<SearchHits> {
  const pf = await loadPagefind();
  const hasFilters = Object.keys(state.filters).length > 0;
  if (!state.q && !hasFilters) return { total: 0, load: async () => [] };
  const failedBefore = failedFetches;
  const search = await pf.search(state.q || null, toPagefindOptions(state));
  // A part of the index did not load: the hits would be incomplete (offline: none at all).
  if (failedFetches > failedBefore) throw new Error('De zoekindex kon niet worden geladen.');
  return { total: search.results.length, load: (from, count) => Promise.all(search.results.slice(from, from + count).map((r) => r.data())) };
}

/** Runs a search and loads the data of its first `limit` hits. */
export async function runSearch(state: SearchState, limit = 20): Promise<{ total: number; results: PagefindResultData[] }> {
  const hits = await openSearch(state);
  return { total: hits.total, results: await hits.load(0, limit) };
}

/** Copies a Pagefind excerpt into `target`, keeping only text and <mark>: nothing else can get in. */
export function appendExcerpt(target: HTMLElement, excerpt: string): void {
  const template = document.createElement('template');
  template.innerHTML = excerpt;
  for (const node of Array.from(template.content.childNodes)) {
    if (node.nodeType === Node.TEXT_NODE) target.append(node.textContent ?? '');
    else if (node.nodeName === 'MARK') {
      const mark = document.createElement('mark');
      mark.textContent = node.textContent;
      target.append(mark);
    } else target.append(node.textContent ?? '');
  }
}
