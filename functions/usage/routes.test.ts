import { afterAll, describe, expect, it } from 'vitest';
import { createRateLimiter, readLimits } from '../lib/rate-limit.ts';
import { makeTestApi } from '../../tests/support/posting-api.ts';
import { openTempState } from '../../tests/support/state.ts';
import { makeTempRepo } from '../../tests/support/temp-repo.ts';

const stores: { remove(): Promise<void> }[] = [];
afterAll(() => Promise.all(stores.map((s) => s.remove())));

/** The API over a temp state store and a repository with one knowledge page; `clock` is the API's now. */
async function setUp(parts: Parameters<typeof makeTestApi>[0] = {}) {
  const state = await openTempState();
  stores.push(state);
  const clock = { now: new Date('2026-12-02T10:00:00Z') };
  const repo = makeTempRepo({ 'content/weten-en-regelen/hr/verlof-aanvragen.md': '---\ntitle: Verlof aanvragen\n---\nZo vraag je verlof aan.\n' }, 'plein-gebruik-');
  const api = makeTestApi({ state, now: () => clock.now, ...parts }, repo);
  const search = (term: unknown, as = 'anouk-de-vries') => api.request('/api/zoekstatistiek/zoekterm', { method: 'POST', as, json: { term } });
  const click = (term: string, pagina: string, as = 'anouk-de-vries') => api.request('/api/zoekstatistiek/klik', { method: 'POST', as, json: { term, pagina } });
  const times = async (n: number, f: () => Response | Promise<Response>) => {
    for (let i = 0; i < n; i++) expect((await f()).status).toBe(204);
  };
  return { api, state, clock, search, click, times };
}

describe('search statistics and the usage figures (/api/zoekstatistiek, /api/beheer/gebruik)', () => {
  it('gives the figures to editors only: 401 without login, 403 for a colleague', async () => {
    const { api } = await setUp();
    expect((await api.request('/api/beheer/gebruik')).status).toBe(401);
    const refused = await api.request('/api/beheer/gebruik', { as: 'anouk-de-vries' });
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ error: { code: 'niet_toegestaan' } });
    const ok = await api.request('/api/beheer/gebruik', { as: 'eva-editor' });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('cache-control')).toBe('private, no-store');
    const body = (await ok.json()) as { weken: string[]; minimum: number; zoektermen: unknown[] };
    expect(body.weken).toHaveLength(12);
    expect(body.weken.at(-1)).toBe('2026-11-30');
    expect(body).toMatchObject({ minimum: 5, zoektermen: [] });
  });

  it('keeps the search weeks for the site setting bewaartermijn.zoektermen (issue 19), pruning older ones when the figures are read', async () => {
    const state = await openTempState();
    stores.push(state);
    const repo = makeTempRepo({ 'content/instellingen/site.yml': 'name: Plein\nbewaartermijn:\n  zoektermen: 2\n' }, 'plein-gebruik-');
    const api = makeTestApi({ state, now: () => new Date('2026-12-02T10:00:00Z') }, repo);
    await state.db.insertInto('search_terms').values([{ week: '2026-09-21', term: 'verlof', searches: 5 }, { week: '2026-11-23', term: 'verlof', searches: 5 }]).execute();
    expect((await api.request('/api/beheer/gebruik', { as: 'eva-editor' })).status).toBe(200);
    expect((await state.db.selectFrom('search_terms').select('week').execute()).map((r) => r.week)).toEqual(['2026-11-23']);
  });

  it('gives weekly active readers from the reach counters for the 12 weeks, a week below 5 as "< 5"', async () => {
    const { api, state } = await setUp();
    const read = (n: number, day: string, week: string, department: string) =>
      Promise.all(Array.from({ length: n }, () => state.reach.record({ item: 'kennis:hr/verlof-aanvragen', day, department, week })));
    await read(4, '2026-11-24', '2026-11-23', 'hr');
    await read(3, '2026-11-25', '2026-11-23', 'ict');
    await read(3, '2026-12-01', '2026-11-30', 'hr');
    const { lezers } = (await (await api.request('/api/beheer/gebruik', { as: 'eva-editor' })).json()) as { lezers: { week: string; lezers: unknown }[] };
    expect(lezers).toHaveLength(12);
    expect(lezers.slice(-2)).toEqual([{ week: '2026-11-23', lezers: 7 }, { week: '2026-11-30', lezers: '< 5' }]);
    expect(lezers[0]).toEqual({ week: '2026-09-14', lezers: '< 5' });
  });

  it('a term searched by 4 never leaves the API, in one week or spread over two; one searched by 5 in a week does', async () => {
    const { api, clock, search, times } = await setUp();
    await times(4, () => search('Thuiswerken'));
    await times(5, () => search('  VERLOF  aanvragen '));
    clock.now = new Date('2026-12-09T10:00:00Z');
    await times(4, () => search('thuiswerken'));
    const res = await api.request('/api/beheer/gebruik', { as: 'eva-editor' });
    const text = await res.text();
    expect(text).not.toContain('thuiswerken');
    expect(JSON.parse(text).zoektermen).toEqual([{ term: 'verlof aanvragen', zoekopdrachten: 5, kliks: 0, paginas: [] }]);
  });

  it('counts clicks on existing knowledge pages only, and shows a click count below 5 as null', async () => {
    const { api, state, search, click, times } = await setUp();
    await times(6, () => search('verlof'));
    await times(5, () => search('parkeren'));
    await times(3, () => click('verlof', 'hr/verlof-aanvragen'));
    await times(2, () => click('verlof', 'hr/bestaat-niet'));
    await times(1, () => click('verlof', '../../etc/passwd'));
    await times(5, () => click('Parkeren', 'hr/verlof-aanvragen'));
    const figures = (await (await api.request('/api/beheer/gebruik', { as: 'eva-editor' })).json()) as { zoektermen: unknown[] };
    expect(figures.zoektermen).toEqual([
      { term: 'verlof', zoekopdrachten: 6, kliks: null, paginas: [] },
      { term: 'parkeren', zoekopdrachten: 5, kliks: 5, paginas: [{ pagina: 'hr/verlof-aanvragen', kliks: 5 }] },
    ]);
    // Nothing of the unknown pages was stored.
    expect((await state.searchStats.terms('2026-01-05', 1)).flatMap((t) => t.pages.map((p) => p.page))).toEqual(['hr/verlof-aanvragen', 'hr/verlof-aanvragen']);
  });

  it('ignores a beacon without login, an empty term and one past the per-person limit with 204; a malformed body is 422', async () => {
    const limiter = createRateLimiter(readLimits({ PLEIN_LIMIT_SEARCH_COUNTS_PER_MINUTE: '3' }));
    const { api, state, search } = await setUp({ limiter });
    expect((await api.request('/api/zoekstatistiek/zoekterm', { method: 'POST', json: { term: 'anoniem' } })).status).toBe(204);
    expect((await search(' \u0007 ')).status).toBe(204);
    for (const term of ['een', 'twee', 'drie', 'vier', 'vijf']) expect((await search(term)).status).toBe(204);
    const bad = await api.request('/api/zoekstatistiek/zoekterm', { method: 'POST', as: 'anouk-de-vries', json: { term: 42, wie: 'anouk' } });
    expect(bad.status).toBe(422);
    expect(await bad.json()).toMatchObject({ error: { code: 'ongeldige_invoer' } });
    expect((await state.searchStats.terms('2026-01-05', 1)).map((t) => t.term).sort()).toEqual(['drie', 'een', 'twee']);
  });
});
