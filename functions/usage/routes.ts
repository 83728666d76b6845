// The "klad erin" API (issue 17): two beacons the search page sends — a term searched (once per term per week per
// device, decided in the browser) and a knowledge page opened from its results — counted aggregated per ISO week, and
// the editors' figures for /beheer/gebruik/: weekly active readers (the reach counters, small cells protected there),
// and the terms at least MIN_CELL devices searched in one week, with their clicks, never a smaller count. A beacon never fails the page: anything that cannot be counted is ignored with 204.
import { Hono } from 'hono';
import { USAGE_WEEKS } from '../../src/lib/dashboard-activity.ts';
import { getLocalDay, getRecentWeeks, getWeekMonday } from '../../src/lib/weeks.ts';
import { RETENTION_DEFAULTS } from '../../src/schemas/settings.ts';
import { identityOf, requireLogin } from '../auth/require-identity.ts';
import { JSON_LIMIT } from '../content/items.ts';
import type { ContentDeps } from '../content/types.ts';
import type { AppEnv } from '../env.ts';
import { ApiError } from '../lib/api-error.ts';
import { validJson } from '../lib/validate.ts';
import { retentionStart } from '../reach/routes.ts';
import { MIN_CELL } from '../reach/small-cells.ts';
import { readRetentionTerms } from '../retention/terms.ts';
import type { SearchStats, SearchTermFigures } from '../state/search-stats.ts';
import { normaliseTerm } from '../../src/lib/search-terms.ts';
import { clickInput, searchInput } from './input.ts';


const NO_STORE = { 'Cache-Control': 'private, no-store' };

/** A count as the dashboard may show it: 0, or at least MIN_CELL, else null ("< 5"). */
const cell = (n: number) => (n === 0 || n >= MIN_CELL ? n : null);

/** A term's figures as the API gives them: small click counts hidden, pages below the minimum left out. */
function termView(t: SearchTermFigures) {
  return { term: t.term, zoekopdrachten: t.searches, kliks: cell(t.clicks), paginas: t.pages.filter((p) => p.clicks >= MIN_CELL).map((p) => ({ pagina: p.page, kliks: p.clicks })) };
}

/** Builds the search beacons under /api/zoekstatistiek and the editors' figures at /api/beheer/gebruik. */
export function createUsageRoutes(deps: ContentDeps) {
  const app = new Hono<AppEnv>();
  const stats = (): SearchStats => {
    if (!deps.state?.searchStats) throw new ApiError(503, 'statistiek_niet_beschikbaar', 'De gebruikscijfers zijn op deze server niet ingesteld (er is geen statusopslag).');
    return deps.state.searchStats;
  };
  /** Counts one beacon when it comes from a colleague within their limit; never an error for the page. */
  async function count(c: { get(key: 'identity'): { personId: string } | undefined }, write: () => Promise<void>) {
    const who = c.get('identity');
    if (!who || !deps.state?.searchStats) return;
    try {
      await deps.limiter?.take(who.personId, 'zoekterm');
    } catch {
      return;
    }
    await write();
  }

  app.post('/api/zoekstatistiek/zoekterm', validJson(searchInput, JSON_LIMIT), async (c) => {
    const term = normaliseTerm(c.req.valid('json').term);
    if (term.length >= 2) await count(c, () => stats().recordSearch(term, getWeekMonday(deps.now())));
    return c.body(null, 204);
  });

  app.post('/api/zoekstatistiek/klik', validJson(clickInput, JSON_LIMIT), async (c) => {
    const { term: raw, pagina } = c.req.valid('json');
    const term = normaliseTerm(raw);
    // Only a knowledge page that exists: a made-up page id would be a row nobody can read.
    const files = term.length >= 2 ? deps.paths.entryFiles('kennis', pagina) : undefined;
    let known = false;
    for (const path of files ?? []) if (!known) known = (await deps.store.read(path).catch(() => undefined)) !== undefined;
    if (known) await count(c, () => stats().recordClick(term, pagina, getWeekMonday(deps.now())));
    return c.body(null, 204);
  });

  app.get('/api/beheer/gebruik', requireLogin('Log in om de gebruikscijfers te zien.'), async (c) => {
    const who = identityOf(c);
    if (!who.editor) throw new ApiError(403, 'niet_toegestaan', 'Alleen redacteuren zien de gebruikscijfers.');
    const now = deps.now();
    const weeks = getRecentWeeks(now, USAGE_WEEKS);
    // The site setting bewaartermijn.zoektermen (13 months by default); the daily retention job prunes the same weeks.
    const months = (await readRetentionTerms(deps.store, deps.paths.prefix).catch(() => RETENTION_DEFAULTS)).zoektermen;
    await stats().prune(retentionStart(getLocalDay(now), months));
    const terms = (await stats().terms(weeks[0].monday, MIN_CELL, 50)).map(termView);
    // Weekly active readers come from the reach beacon (functions/reach); null where this server has no reach counters.
    const readers = deps.state?.reach ? await deps.state.reach.weeklyActiveReaders(weeks[0].monday, weeks.at(-1)!.monday) : undefined;
    const lezers = readers ? readers.map((w) => ({ week: w.week, lezers: w.readers })) : null;
    return c.json({ weken: weeks.map((w) => w.monday), minimum: MIN_CELL, lezers, zoektermen: terms }, 200, NO_STORE);
  });

  return app;
}
