// The URL of each entry's own page: the one rule pages, components, the live feed and the content check share.

/** Where each collection with its own pages lives; the pages in src/pages follow these bases. */
export const ENTRY_BASE = {
  nieuws: '/nieuws/',
  kennis: '/weten-en-regelen/',
  secties: '/weten-en-regelen/',
  groepen: '/groepen/',
  berichten: '/berichten/',
  collegas: '/collegas/',
  afdelingen: '/afdelingen/',
  agenda: '/agenda/',
} as const;

/** A collection whose entries have a page. */
export type PagedCollection = keyof typeof ENTRY_BASE;

/** The URL of an entry's own page, e.g. /weten-en-regelen/hr/verlof-aanvragen/. */
export function getEntryPath(collection: PagedCollection, id: string): string {
  return `${ENTRY_BASE[collection]}${id}/`;
}
