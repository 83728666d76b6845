// The kinds of result search knows, their filter ids and the URL parameters of /zoeken.

/** Result types, as stored in the `type` filter of the index. */
export const SEARCH_TYPES = ['kennis', 'nieuws', 'collega', 'bericht', 'groep', 'agenda', 'afdeling'] as const;
/** A result type. */
export type SearchType = (typeof SEARCH_TYPES)[number];

/** URL parameter → index filter name; the search page keeps its state in these. */
export const FILTER_PARAMS = { type: 'type', afdeling: 'department', groep: 'group', categorie: 'category', tag: 'tag' } as const;
/** A URL parameter of /zoeken that is a filter. */
export type FilterParam = keyof typeof FILTER_PARAMS;

/** The state of a search as it lives in the URL. */
export interface SearchState {
  q: string;
  filters: Partial<Record<FilterParam, string>>;
  sort: 'relevantie' | 'datum';
}

/** Reads a search state from URL search parameters, ignoring unknown or empty ones. */
export function readSearchState(params: URLSearchParams): SearchState {
  const filters: SearchState['filters'] = {};
  for (const key of Object.keys(FILTER_PARAMS) as FilterParam[]) {
    const value = params.get(key)?.trim();
    if (value) filters[key] = value.slice(0, 100);
  }
  return { q: (params.get('q') ?? '').trim().slice(0, 200), filters, sort: params.get('sort') === 'datum' ? 'datum' : 'relevantie' };
}

/** Writes a search state back to URL search parameters (only what is set). */
export function writeSearchState(state: SearchState): URLSearchParams {
  const params = new URLSearchParams();
  if (state.q) params.set('q', state.q);
  for (const [key, value] of Object.entries(state.filters)) if (value) params.set(key, value);
  if (state.sort === 'datum') params.set('sort', 'datum');
  return params;
}

/** The Pagefind search options for a state: filters by index name, and sort by date when asked. */
export function toPagefindOptions(state: SearchState): { filters: Record<string, string>; sort?: Record<string, 'asc' | 'desc'> } {
  const filters: Record<string, string> = {};
  for (const [key, value] of Object.entries(state.filters)) if (value) filters[FILTER_PARAMS[key as FilterParam]] = value;
  return state.sort === 'datum' ? { filters, sort: { date: 'desc' } } : { filters };
}
