// Test support for the must-read tests: a news catalog over a few items and the test people.
import { makePeople } from '../../tests/support/posting-api.ts';
import { createNewsCatalog, type CatalogNews } from './catalog.ts';

const DAY = 24 * 60 * 60 * 1000;
/** When the test items appear. */
export const PUBLISHED = Date.UTC(2026, 11, 1, 8);

/** A news item: must-read for HR (anouk-de-vries, mod-koffie) unless told otherwise. */
export function newsItem(id: string, extra: Partial<CatalogNews> = {}): CatalogNews {
  return {
    id, title: `Titel van ${id}`, url: `/nieuws/${id}/`, publishedAt: PUBLISHED, draft: false, mustRead: true, deadline: null,
    audience: { afdelingen: ['hr'] }, ...extra,
  };
}

/** The test catalog: must-read for HR with a deadline in 5 days, one for everyone, one ordinary item, a draft and one not yet published. */
export function testCatalog(items: CatalogNews[] = [
  newsItem('mfa-verplicht', { deadline: PUBLISHED + 5 * DAY }),
  newsItem('nieuw-rooster', { audience: 'iedereen' }),
  newsItem('fietsplan', { mustRead: false }),
  newsItem('concept', { draft: true }),
  newsItem('later', { publishDate: new Date(PUBLISHED + 30 * DAY), publishedAt: PUBLISHED + 30 * DAY }),
]) {
  return createNewsCatalog(() => items, makePeople());
}
