// Search terms and clicks from the search results, aggregated by construction (issue 17): a counter per term × ISO week
// and per term × knowledge page × ISO week, and no column for a colleague or a device — a row cannot say who searched.
// The browser counts one device once per term per week (localStorage); the server only adds one. Read back per term over
// a period, keeping only the terms that at least `minimum` devices searched in one week (the dashboard's cell rule).
import { chunk } from './outbox.ts';
import type { StateContext } from './types.ts';

/** One term over a period: searches summed over the weeks, and its clicks per knowledge page. */
export interface SearchTermFigures {
  term: string;
  searches: number;
  /** The most devices that searched it in one week (at least the minimum). */
  peakWeek: number;
  clicks: number;
  pages: { page: string; clicks: number }[];
}

/** D1 binds at most 100 parameters per statement. */
const termsPerQuery = (ctx: StateContext) => (ctx.engine === 'd1' ? 90 : 500);

/** The search-statistics repository over a state context. */
export function createSearchStats(ctx: StateContext) {
  const { db } = ctx;
  return {
    /** One device searched `term` in the week of `week` (its Monday) for the first time. */
    async recordSearch(term: string, week: string): Promise<void> {
      await db
        .insertInto('search_terms')
        .values({ week, term, searches: 1 })
        .onConflict((oc) => oc.columns(['week', 'term']).doUpdateSet((eb) => ({ searches: eb('search_terms.searches', '+', 1) })))
        .execute();
    },

    /** One device opened knowledge page `page` from the results of `term` in the week of `week`. */
    async recordClick(term: string, page: string, week: string): Promise<void> {
      await db
        .insertInto('search_clicks')
        .values({ week, term, page, clicks: 1 })
        .onConflict((oc) => oc.columns(['week', 'term', 'page']).doUpdateSet((eb) => ({ clicks: eb('search_clicks.clicks', '+', 1) })))
        .execute();
    },

    /**
     * The terms of the weeks from `fromWeek` on that at least `minimum` devices searched in one week, most searched first
     * (at most `limit`), with their clicks per page; terms below the minimum are never read out of the database.
     */
    async terms(fromWeek: string, minimum: number, limit = 50): Promise<SearchTermFigures[]> {
      const rows = await db
        .selectFrom('search_terms')
        .select(['term', (eb) => eb.fn.sum<number | string>('searches').as('searches'), (eb) => eb.fn.max<number | string>('searches').as('peak')])
        .where('week', '>=', fromWeek)
        .groupBy('term')
        .having((eb) => eb.fn.max('searches'), '>=', minimum)
        .orderBy('searches', 'desc')
        .orderBy('term')
        .limit(limit)
        .execute();
      const figures = new Map(rows.map((r) => [r.term, { term: r.term, searches: Number(r.searches), peakWeek: Number(r.peak), clicks: 0, pages: [] as { page: string; clicks: number }[] }]));
      for (const part of chunk([...figures.keys()], termsPerQuery(ctx))) {
        const clicks = await db
          .selectFrom('search_clicks')
          .select(['term', 'page', (eb) => eb.fn.sum<number | string>('clicks').as('clicks')])
          .where('week', '>=', fromWeek)
          .where('term', 'in', part)
          .groupBy(['term', 'page'])
          .execute();
        for (const c of clicks) {
          const f = figures.get(c.term)!;
          f.clicks += Number(c.clicks);
          f.pages.push({ page: c.page, clicks: Number(c.clicks) });
        }
      }
      for (const f of figures.values()) f.pages.sort((a, b) => b.clicks - a.clicks || a.page.localeCompare(b.page));
      return [...figures.values()];
    },

    /** Removes the weeks before `beforeWeek` (the retention); gives how many rows went. */
    async prune(beforeWeek: string): Promise<number> {
      const [terms, clicks] = await ctx.batch([db.deleteFrom('search_terms').where('week', '<', beforeWeek), db.deleteFrom('search_clicks').where('week', '<', beforeWeek)]);
      return Number(terms.numAffectedRows ?? 0) + Number(clicks.numAffectedRows ?? 0);
    },
  };
}

/** The search-statistics repository's functions. */
export type SearchStats = ReturnType<typeof createSearchStats>;
