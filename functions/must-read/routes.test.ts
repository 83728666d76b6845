import { Hono } from 'hono';
import { afterAll, describe, expect, it } from 'vitest';
import type { AppEnv } from '../env.ts';
import { makeTestApi } from '../../tests/support/posting-api.ts';
import { openTempState } from '../../tests/support/state.ts';
import { makeTempRepo } from '../../tests/support/temp-repo.ts';
import { withMustRead } from './routes.ts';
import { PUBLISHED, testCatalog } from './test-catalog.ts';

const stores: { remove(): Promise<void> }[] = [];
afterAll(() => Promise.all(stores.map((s) => s.remove())));

async function setUp() {
  const state = await openTempState();
  stores.push(state);
  const clock = { now: new Date(PUBLISHED + 60 * 60 * 1000) };
  const repo = makeTempRepo({ 'content/afdelingen/hr.yml': 'name: HR en organisatie\ndescription: Personeel en organisatie.\n', 'content/afdelingen/ict.yml': 'name: ICT\ndescription: Informatievoorziening.\n' }, 'plein-gelezen-');
  const news = testCatalog();
  const api = makeTestApi({ state, news, now: () => clock.now }, repo);
  const gelezen = (id: string, as?: string) => api.request(`/api/gelezen/${id}`, { method: 'POST', as });
  return { api, state, clock, news, gelezen };
}

describe('must-read: Gelezen and the editor’s figures', () => {
  it('stores Gelezen once with its time (201, then 200 with the first time); 401 without login, 404 unknown, 409 not must-read', async () => {
    const { gelezen, state, clock } = await setUp();
    expect((await gelezen('mfa-verplicht')).status).toBe(401);
    const unknown = await gelezen('bestaat-niet', 'anouk-de-vries');
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: { code: 'nieuws_onbekend' } });
    for (const id of ['concept', 'later']) expect((await gelezen(id, 'anouk-de-vries')).status).toBe(404);
    const ordinary = await gelezen('fietsplan', 'anouk-de-vries');
    expect(ordinary.status).toBe(409);
    expect(await ordinary.json()).toMatchObject({ error: { code: 'niet_verplicht', message: expect.stringMatching(/niet als verplicht lezen/) } });

    const first = await gelezen('mfa-verplicht', 'anouk-de-vries');
    expect(first.status).toBe(201);
    expect(await first.json()).toEqual({ nieuws: 'mfa-verplicht', gelezen: clock.now.toISOString(), nieuw: true });
    const firstAt = clock.now.toISOString();
    clock.now = new Date(clock.now.getTime() + 60_000);
    const again = await gelezen('mfa-verplicht', 'anouk-de-vries');
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ nieuws: 'mfa-verplicht', gelezen: firstAt, nieuw: false });
    expect([...(await state.readConfirmations.confirmedOf('mfa-verplicht')).keys()]).toEqual(['anouk-de-vries']);
    expect(await state.readConfirmations.confirmedOf('fietsplan')).toEqual(new Map());
  });

  it('gives the rate per department to editors only (401, 403), and lists who in the audience has not confirmed as CSV', async () => {
    const { api, gelezen } = await setUp();
    expect((await api.request('/api/verplicht-lezen/nieuw-rooster')).status).toBe(401);
    for (const path of ['/api/verplicht-lezen', '/api/verplicht-lezen/nieuw-rooster', '/api/verplicht-lezen/nieuw-rooster/niet-gelezen']) {
      const refused = await api.request(path, { as: 'anouk-de-vries' });
      expect(refused.status).toBe(403);
      expect(await refused.json()).toMatchObject({ error: { code: 'niet_toegestaan' } });
    }
    expect((await api.request('/api/verplicht-lezen/fietsplan', { as: 'eva-editor' })).status).toBe(409);
    expect((await api.request('/api/verplicht-lezen/onbekend', { as: 'eva-editor' })).status).toBe(404);

    await gelezen('nieuw-rooster', 'anouk-de-vries');
    await gelezen('nieuw-rooster', 'bas-bakker');
    // Someone outside the audience may confirm too; it does not count for the HR item's rate.
    await gelezen('mfa-verplicht', 'bas-bakker');
    const rate = await api.request('/api/verplicht-lezen/nieuw-rooster', { as: 'eva-editor' });
    expect(rate.status).toBe(200);
    expect(rate.headers.get('cache-control')).toBe('private, no-store');
    expect(await rate.json()).toMatchObject({
      id: 'nieuw-rooster', doelgroep: 4, gelezen: 2, percentage: 50,
      afdelingen: [
        { id: 'communicatie', naam: 'communicatie', doelgroep: 1, gelezen: 0, percentage: 0 },
        { id: 'hr', naam: 'HR en organisatie', doelgroep: 2, gelezen: 1, percentage: 50 },
        { id: 'ict', naam: 'ICT', doelgroep: 1, gelezen: 1, percentage: 100 },
      ],
    });
    const mfa = (await (await api.request('/api/verplicht-lezen/mfa-verplicht', { as: 'eva-editor' })).json()) as { doelgroep: number; gelezen: number; afdelingen: { id: string }[] };
    expect([mfa.doelgroep, mfa.gelezen, mfa.afdelingen.map((a) => a.id)]).toEqual([2, 0, ['hr']]);
    const list = (await (await api.request('/api/verplicht-lezen', { as: 'eva-editor' })).json()) as { nieuws: { id: string; gelezen: number; doelgroep: number }[] };
    expect(list.nieuws.map((n) => [n.id, n.gelezen, n.doelgroep]).sort()).toEqual([['mfa-verplicht', 0, 2], ['nieuw-rooster', 2, 4]]);

    const csv = await api.request('/api/verplicht-lezen/nieuw-rooster/niet-gelezen', { as: 'eva-editor' });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toMatch(/^attachment; filename="niet-gelezen-nieuw-rooster-\d{4}-\d{2}-\d{2}\.csv"$/);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await csv.arrayBuffer());
    expect(text).toBe('\uFEFF"Naam";"Afdeling";"E-mail"\r\n"Eva Redacteur";"communicatie";"eva@wadvoort.nl"\r\n"Mo de Moderator";"hr";"mo@wadvoort.nl"\r\n');
  });

  it('adds what a colleague still has to confirm to /api/auth/me: only their audience’s items, until they press Gelezen', async () => {
    const { state, news, gelezen, clock } = await setUp();
    const app = new Hono<AppEnv>();
    app.use('/api/auth/me', withMustRead(news, state.readConfirmations, () => clock.now.getTime()));
    app.get('/api/auth/me', (c) => c.json(c.req.header('x-persoon') ? { personId: c.req.header('x-persoon') } : { personId: null }));
    const me = async (person: string) => (await (await app.request('/api/auth/me', { headers: { 'x-persoon': person } })).json()) as { verplichtLezen?: { id: string; voor: string | null }[] };
    expect((await me('anouk-de-vries')).verplichtLezen).toEqual([
      { id: 'mfa-verplicht', titel: 'Titel van mfa-verplicht', url: '/nieuws/mfa-verplicht/', voor: new Date(PUBLISHED + 5 * 86_400_000).toISOString() },
      { id: 'nieuw-rooster', titel: 'Titel van nieuw-rooster', url: '/nieuws/nieuw-rooster/', voor: null },
    ]);
    expect((await me('bas-bakker')).verplichtLezen?.map((n) => n.id)).toEqual(['nieuw-rooster']);
    await gelezen('mfa-verplicht', 'anouk-de-vries');
    expect((await me('anouk-de-vries')).verplichtLezen?.map((n) => n.id)).toEqual(['nieuw-rooster']);
    expect(await (await app.request('/api/auth/me')).json()).toEqual({ personId: null });
  });
});
