// The news a Pages Function knows (must-read, "Gelezen", "Voor jou"; issue 17): a list generated at build time with the
// colleagues (scripts/build-functions.ts), since a Function has no disk to read content/nieuws from. A deploy carries
// both the site and this list, so what the API knows is what the site shows.
import type { CatalogNews } from '../../must-read/catalog.ts';

/** A news item as the generated module lists one: CatalogNews with its dates as ISO strings. */
export type PagesNews = Omit<CatalogNews, 'publishDate' | 'expiryDate'> & { publishDate?: string; expiryDate?: string };

/** For the generated module: the dates as text. */
export function toPagesNews(item: CatalogNews): PagesNews {
  const { publishDate, expiryDate, ...rest } = item;
  return { ...rest, ...(publishDate ? { publishDate: publishDate.toISOString() } : {}), ...(expiryDate ? { expiryDate: expiryDate.toISOString() } : {}) };
}

/** From the generated module: the dates as dates again. */
export function fromPagesNews(item: PagesNews): CatalogNews {
  const { publishDate, expiryDate, ...rest } = item;
  return { ...rest, ...(publishDate ? { publishDate: new Date(publishDate) } : {}), ...(expiryDate ? { expiryDate: new Date(expiryDate) } : {}) };
}
