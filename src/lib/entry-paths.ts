// The URL of each entry's own page: the one rule pages, components, the live feed and the content check share.
import { CONTENT_TYPES } from '../schemas/index.ts';

type Types = typeof CONTENT_TYPES;
/** A collection whose entries have a page (its registry entry has a `urlBase`). */
export type PagedCollection = { [K in keyof Types]: Types[K] extends { urlBase: string } ? K : never }[keyof Types];

/** Where each collection with its own pages lives, from the registry; the pages in src/pages follow these bases. */
export const ENTRY_BASE = Object.fromEntries(
  Object.entries(CONTENT_TYPES).flatMap(([name, type]) => ('urlBase' in type ? [[name, type.urlBase]] : [])),
) as { [K in PagedCollection]: Types[K]['urlBase'] };

/** The URL of an entry's own page, e.g. /weten-en-regelen/hr/verlof-aanvragen/. */
export function getEntryPath(collection: PagedCollection, id: string): string {
  return `${ENTRY_BASE[collection]}${id}/`;
}
