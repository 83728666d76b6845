import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createRateLimiter } from '../lib/rate-limit.ts';
import { createUlid } from '../lib/ulid.ts';
import { openStateStore } from '../state/open.ts';
import type { StateStore } from '../state/store.ts';
import { makeTestApi } from '../../tests/support/posting-api.ts';

const dirs: string[] = [];
const stores: StateStore[] = [];
afterAll(async () => {
  await Promise.all(stores.map((s) => s.close()));
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

async function openState(): Promise<StateStore> {
  const dir = mkdtempSync(join(tmpdir(), 'plein-waarderingen-'));
  dirs.push(dir);
  const store = await openStateStore({ PLEIN_STATE_DIR: dir });
  stores.push(store);
  return store;
}

type Api = ReturnType<typeof makeTestApi>;
const give = (api: Api, as: string, doel: { type: string; id: string }, soort: string, aan = true) => api.request('/api/waarderingen', { method: 'POST', as, json: { doel, soort, aan } });
const counts = async (api: Api, as: string, doelen: string) => (await api.request(`/api/waarderingen?doelen=${encodeURIComponent(doelen)}`, { as })).json() as Promise<{ aantallen: Record<string, Record<string, number>>; mijn: Record<string, string[]> }>;

async function setUp(limiter?: ReturnType<typeof createRateLimiter>) {
  const state = await openState();
  const api = makeTestApi({ state, ...(limiter ? { limiter } : {}) });
  const posted = await api.request('/api/berichten', { method: 'POST', as: 'anouk-de-vries', json: { tekst: 'Wie lust er taart?', groep: 'koffietijd' } });
  const post = { type: 'bericht', id: ((await posted.json()) as { bericht: { id: string } }).bericht.id };
  const commented = await api.request('/api/reacties', { method: 'POST', as: 'bas-bakker', json: { doel: { type: 'bericht', id: post.id }, tekst: 'Ik!' } });
  const comment = { type: 'reactie', id: ((await commented.json()) as { reactie: { id: string } }).reactie.id };
  return { state, api, post, comment, news: { type: 'nieuws', id: 'fietsplan' } };
}

describe('waarderingen (/api/waarderingen)', () => {
  it('gives one of each kind per person, idempotently; counts and one’s own for a page in one request; who, by name', async () => {
    const { api, post, comment, news } = await setUp();
    const first = await give(api, 'anouk-de-vries', post, 'duim');
    expect(first.status).toBe(200);
    expect(first.headers.get('cache-control')).toContain('no-store');
    expect(await first.json()).toMatchObject({ aan: true, aantallen: { duim: 1 } });
    // The same again (a resend) changes nothing.
    expect(await (await give(api, 'anouk-de-vries', post, 'duim')).json()).toMatchObject({ aantallen: { duim: 1 } });
    await give(api, 'bas-bakker', post, 'duim');
    await give(api, 'bas-bakker', post, 'feest');
    await give(api, 'anouk-de-vries', comment, 'idee');
    await give(api, 'bas-bakker', news, 'hart');

    const doelen = `bericht:${post.id},reactie:${comment.id},nieuws:fietsplan,bericht:${createUlid(Date.now())}`;
    const seenByAnouk = await counts(api, 'anouk-de-vries', doelen);
    expect(seenByAnouk.aantallen).toEqual({ [`bericht:${post.id}`]: { duim: 2, feest: 1 }, [`reactie:${comment.id}`]: { idee: 1 }, 'nieuws:fietsplan': { hart: 1 } });
    expect(seenByAnouk.mijn).toEqual({ [`bericht:${post.id}`]: ['duim'], [`reactie:${comment.id}`]: ['idee'] });
    // Someone else sees the same counts and only their own.
    const seenByMo = await counts(api, 'mod-koffie', doelen);
    expect(seenByMo.aantallen).toEqual(seenByAnouk.aantallen);
    expect(seenByMo.mijn).toEqual({});

    const wie = (await (await api.request(`/api/waarderingen/wie?doel=bericht:${post.id}`, { as: 'mod-koffie' })).json()) as { wie: { naam: string; soort: string }[] };
    expect(wie.wie.map((w) => `${w.naam}/${w.soort}`).sort()).toEqual(['Anouk de Vries/duim', 'Bas Bakker/duim', 'Bas Bakker/feest']);

    // Taking back: once or twice, the same.
    await give(api, 'bas-bakker', post, 'duim', false);
    expect(await (await give(api, 'bas-bakker', post, 'duim', false)).json()).toMatchObject({ aan: false, aantallen: { duim: 1, feest: 1 } });
  });

  it('refuses bad input with a Dutch 4xx and writes nothing; needs a login; a hidden post cannot be appreciated', async () => {
    const { api, state, post } = await setUp();
    const rows = async () => (await state.db.selectFrom('appreciations').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
    const refusals: [Response, number, string][] = [
      [await give(api, 'anouk-de-vries', post, 'boos'), 422, 'ongeldige_invoer'],
      [await api.request('/api/waarderingen', { method: 'POST', as: 'anouk-de-vries', json: { doel: post, soort: 'duim' } }), 422, 'ongeldige_invoer'],
      [await api.request('/api/waarderingen', { method: 'POST', as: 'anouk-de-vries', json: { doel: post, soort: 'duim', aan: true, extra: 1 } }), 422, 'ongeldige_invoer'],
      [await give(api, 'anouk-de-vries', { type: 'kennis', id: 'verlof' }, 'duim'), 422, 'ongeldige_invoer'],
      [await give(api, 'anouk-de-vries', { type: 'bericht', id: createUlid(Date.now()) }, 'duim'), 404, 'doel_onbekend'],
      [await give(api, 'anouk-de-vries', { type: 'bericht', id: 'geen-ulid' }, 'duim'), 404, 'doel_onbekend'],
      [await give(api, 'anouk-de-vries', { type: 'nieuws', id: 'bestaat-niet' }, 'duim'), 404, 'doel_onbekend'],
      [await give(api, 'anouk-de-vries', { type: 'nieuws', id: '../../etc/passwd' }, 'duim'), 404, 'doel_onbekend'],
      [await api.request('/api/waarderingen', { method: 'POST', json: { doel: post, soort: 'duim', aan: true } }), 401, 'niet_ingelogd'],
      [await api.request(`/api/waarderingen?doelen=bericht:${post.id}`), 401, 'niet_ingelogd'],
      [await api.request('/api/waarderingen?doelen=kennis:verlof', { as: 'anouk-de-vries' }), 422, 'ongeldige_invoer'],
      [await api.request('/api/waarderingen', { as: 'anouk-de-vries' }), 422, 'ongeldige_invoer'],
      [await api.request(`/api/waarderingen?doelen=${Array.from({ length: 201 }, (_, i) => `bericht:x${i}`).join(',')}`, { as: 'anouk-de-vries' }), 422, 'ongeldige_invoer'],
      [await api.request('/api/waarderingen/wie?doel=bericht', { as: 'anouk-de-vries' }), 422, 'ongeldige_invoer'],
    ];
    for (const [res, status, code] of refusals) {
      expect(res.status).toBe(status);
      const { error } = (await res.json()) as { error: { code: string; message: string } };
      expect(error.code).toBe(code);
      expect(error.message).toMatch(/[a-z]/);
    }
    expect(await rows()).toBe(0);

    // Appreciated just before a moderator hides it (so the server knows the post as visible): refused right after.
    expect((await give(api, 'anouk-de-vries', post, 'hart')).status).toBe(200);
    expect((await api.request(`/api/berichten/${post.id}/verbergen`, { method: 'POST', as: 'mod-koffie', json: {} })).status).toBe(200);
    const hidden = await give(api, 'bas-bakker', post, 'duim');
    expect(hidden.status).toBe(409);
    expect(await rows()).toBe(1);
  });

  it('holds the per-person limit (429 with Retry-After, nothing written) and answers 503 without a state store', async () => {
    const { api, post, state } = await setUp(createRateLimiter({ waardering: [{ max: 2, windowMs: 60_000 }] }));
    expect((await give(api, 'anouk-de-vries', post, 'duim')).status).toBe(200);
    expect((await give(api, 'anouk-de-vries', post, 'hart')).status).toBe(200);
    const third = await give(api, 'anouk-de-vries', post, 'lach');
    expect(third.status).toBe(429);
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Object.fromEntries(await state.appreciations.counts([post]))).toEqual({ [`bericht:${post.id}`]: { duim: 1, hart: 1 } });
    expect((await give(api, 'bas-bakker', post, 'lach')).status).toBe(200);

    const without = makeTestApi({}, api.repo);
    const res = await give(without, 'anouk-de-vries', post, 'duim');
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ error: { code: 'waarderingen_niet_beschikbaar' } });
  });
});
