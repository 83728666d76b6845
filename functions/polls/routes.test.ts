import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseFrontMatter } from '../../src/lib/front-matter.ts';
import { getPostPath } from '../content/paths.ts';
import { createRateLimiter } from '../lib/rate-limit.ts';
import { openStateStore } from '../state/open.ts';
import type { StateStore } from '../state/store.ts';
import { makeTestApi } from '../../tests/support/posting-api.ts';
import { expectRefusals } from '../../tests/support/refusals.ts';

const dirs: string[] = [];
const stores: StateStore[] = [];
afterAll(async () => {
  await Promise.all(stores.map((s) => s.close()));
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

async function setUp(options: { limiter?: ReturnType<typeof createRateLimiter> } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'plein-peilingen-'));
  dirs.push(dir);
  const state = await openStateStore({ PLEIN_STATE_DIR: dir });
  stores.push(state);
  let now = new Date('2027-01-10T12:00:00+01:00');
  const api = makeTestApi({ state, now: () => now, ...(options.limiter ? { limiter: options.limiter } : {}) });
  return { state, api, setNow: (iso: string) => (now = new Date(iso)) };
}

type Api = ReturnType<typeof makeTestApi>;
const post = async (api: Api, peiling: unknown, tekst = 'Waar gaan we lunchen?') => {
  const res = await api.request('/api/berichten', { method: 'POST', as: 'anouk-de-vries', json: { tekst, groep: 'koffietijd', peiling } });
  return { res, id: res.status === 201 ? ((await res.json()) as { bericht: { id: string } }).bericht.id : '' };
};
const vote = (api: Api, as: string, id: string, keuzes: unknown) => api.request(`/api/peilingen/${id}/stem`, { method: 'POST', as, json: { keuzes } });
const results = async (api: Api, as: string, ids: string[]) =>
  ((await (await api.request(`/api/peilingen?berichten=${ids.join(',')}`, { as })).json()) as { peilingen: Record<string, { stemmers: number; mijn: number[]; gesloten: boolean; uitslag: number[] | null }> }).peilingen;

describe('peilingen (/api/peilingen)', () => {
  it('stores the poll with the post; one vote per person, changeable; counts after voting; the feed carries the poll but never votes', async () => {
    const { api } = await setUp();
    const { res, id } = await post(api, { opties: ['Pizza', 'Soep', 'Broodjes'] });
    expect(res.status).toBe(201);
    const file = parseFrontMatter(readFileSync(join(api.repo, getPostPath(id)), 'utf8')).data as Record<string, unknown>;
    expect(file.poll).toEqual({ options: ['Pizza', 'Soep', 'Broodjes'], multiple: false, results: 'na-stemmen' });

    // Before voting: how many voted, not the counts.
    expect((await results(api, 'bas-bakker', [id]))[id]).toEqual({ stemmers: 0, mijn: [], gesloten: false, uitslag: null });
    const first = await vote(api, 'bas-bakker', id, [1]);
    expect(first.status).toBe(200);
    expect(first.headers.get('cache-control')).toContain('no-store');
    expect(await first.json()).toMatchObject({ stemmers: 1, mijn: [1], uitslag: [0, 1, 0] });
    await vote(api, 'mod-koffie', id, [1]);
    expect((await results(api, 'anouk-de-vries', [id]))[id]).toEqual({ stemmers: 2, mijn: [], gesloten: false, uitslag: null });
    // Changing one's mind replaces the vote: still two voters.
    expect(await (await vote(api, 'bas-bakker', id, [0])).json()).toMatchObject({ stemmers: 2, mijn: [0], uitslag: [1, 1, 0] });
    // Taking it back.
    expect(await (await vote(api, 'bas-bakker', id, [])).json()).toMatchObject({ stemmers: 1, mijn: [], uitslag: null });

    const feed = (await (await api.request('/api/feed')).json()) as { items: { id: string; poll?: unknown }[] };
    const item = feed.items.find((i) => i.id === id)!;
    expect(item.poll).toEqual({ options: ['Pizza', 'Soep', 'Broodjes'], multiple: false, results: 'na-stemmen' });
    expect(JSON.stringify(feed)).not.toMatch(/stemmers|mijn|uitslag/);
  });

  it('multiple choice, results only after closing, closed polls refuse votes', async () => {
    const { api, setNow } = await setUp();
    const { id } = await post(api, { opties: ['Maandag', 'Dinsdag', 'Woensdag', 'Donderdag'], meerdere: true, uitslag: 'na-sluiten', sluit: '2027-01-12T17:00:00+01:00' });
    expect(await (await vote(api, 'bas-bakker', id, [0, 2])).json()).toMatchObject({ stemmers: 1, mijn: [0, 2], uitslag: null });
    await vote(api, 'mod-koffie', id, [2, 3]);
    setNow('2027-01-12T17:00:00+01:00');
    expect((await results(api, 'eva-editor', [id]))[id]).toEqual({ stemmers: 2, mijn: [], gesloten: true, uitslag: [1, 0, 2, 1] });
    const late = await vote(api, 'eva-editor', id, [1]);
    expect(late.status).toBe(409);
    expect(await late.json()).toMatchObject({ error: { code: 'peiling_gesloten' } });
  });

  it('refuses bad input with a Dutch 4xx and writes nothing', async () => {
    const { api, state } = await setUp();
    const rows = async () => (await state.db.selectFrom('poll_votes').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
    const commits = () => readFileSync(join(api.repo, '.git', 'HEAD'), 'utf8') + readFileSync(join(api.repo, '.git', 'logs', 'HEAD'), 'utf8').split('\n').length;
    const { id } = await post(api, { opties: ['Ja', 'Nee'] });
    const { id: plain } = await post(api, undefined, 'Gewoon een bericht');
    const before = commits();
    const refusals: [Response, number, string][] = [
      // Posts with a bad poll are not posted at all.
      [(await post(api, { opties: ['Alleen'] })).res, 422, 'ongeldige_invoer'],
      [(await post(api, { opties: Array.from({ length: 11 }, (_, i) => `Keuze ${i}`) })).res, 422, 'ongeldige_invoer'],
      [(await post(api, { opties: ['Ja', 'ja'] })).res, 422, 'ongeldige_invoer'],
      [(await post(api, { opties: ['Ja', ''] })).res, 422, 'ongeldige_invoer'],
      [(await post(api, { opties: ['Ja', 'Nee\nen toch'] })).res, 422, 'ongeldige_invoer'],
      [(await post(api, { opties: ['Ja', 'Nee'], sluit: '2020-01-01T00:00:00+01:00' })).res, 422, 'ongeldige_invoer'],
      [(await post(api, { opties: ['Ja', 'Nee'], sluit: 'morgen' })).res, 422, 'ongeldige_invoer'],
      [(await post(api, { opties: ['Ja', 'Nee'], uitslag: 'nooit' })).res, 422, 'ongeldige_invoer'],
      [(await post(api, { opties: ['Ja', 'Nee'], extra: 1 })).res, 422, 'ongeldige_invoer'],
      // Votes.
      [await vote(api, 'bas-bakker', id, [2]), 422, 'ongeldige_invoer'],
      [await vote(api, 'bas-bakker', id, [0, 1]), 422, 'ongeldige_invoer'],
      [await vote(api, 'bas-bakker', id, [0, 0]), 422, 'ongeldige_invoer'],
      [await vote(api, 'bas-bakker', id, ['ja']), 422, 'ongeldige_invoer'],
      [await vote(api, 'bas-bakker', id, -1), 422, 'ongeldige_invoer'],
      [await vote(api, 'bas-bakker', plain, [0]), 404, 'peiling_onbekend'],
      [await vote(api, 'bas-bakker', 'geen-bericht', [0]), 404, 'peiling_onbekend'],
      [await api.request(`/api/peilingen/${id}/stem`, { method: 'POST', json: { keuzes: [0] } }), 401, 'niet_ingelogd'],
      [await api.request(`/api/peilingen?berichten=${id}`), 401, 'niet_ingelogd'],
      [await api.request('/api/peilingen?berichten=../../x', { as: 'bas-bakker' }), 422, 'ongeldige_invoer'],
    ];
    await expectRefusals(refusals);
    expect(await rows()).toBe(0);
    expect(commits()).toBe(before);
    // A post without a poll is not listed; a hidden post's poll takes no votes.
    expect(await results(api, 'bas-bakker', [plain])).toEqual({});
    expect((await vote(api, 'bas-bakker', id, [0])).status).toBe(200);
    expect((await api.request(`/api/berichten/${id}/verbergen`, { method: 'POST', as: 'mod-koffie', json: {} })).status).toBe(200);
    const hidden = await vote(api, 'mod-koffie', id, [1]);
    expect(hidden.status).toBe(409);
    expect(await results(api, 'bas-bakker', [id])).toEqual({});
    expect(await rows()).toBe(1);
  });

  it('holds the per-person limit and answers 503 without a state store', async () => {
    const { api } = await setUp({ limiter: createRateLimiter({ stem: [{ max: 2, windowMs: 60_000 }] }) });
    const { id } = await post(api, { opties: ['Ja', 'Nee'] });
    expect((await vote(api, 'bas-bakker', id, [0])).status).toBe(200);
    expect((await vote(api, 'bas-bakker', id, [1])).status).toBe(200);
    const third = await vote(api, 'bas-bakker', id, [0]);
    expect(third.status).toBe(429);
    expect((await results(api, 'bas-bakker', [id]))[id].mijn).toEqual([1]);
    const without = makeTestApi({}, api.repo);
    const res = await vote(without, 'bas-bakker', id, [0]);
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ error: { code: 'peilingen_niet_beschikbaar' } });
  });
});
