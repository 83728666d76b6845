import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStateStore } from '../state/open.ts';
import type { StateStore } from '../state/store.ts';
import { makeTestApi } from '../../tests/support/posting-api.ts';
import { expectRefusals } from '../../tests/support/refusals.ts';
import { makeTempRepo } from '../../tests/support/temp-repo.ts';

const dirs: string[] = [];
const stores: StateStore[] = [];
afterAll(async () => {
  await Promise.all(stores.map((s) => s.close()));
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

async function setUp() {
  const dir = mkdtempSync(join(tmpdir(), 'plein-groepsleden-'));
  dirs.push(dir);
  const state = await openStateStore({ PLEIN_STATE_DIR: dir });
  stores.push(state);
  const repo = makeTempRepo(
    {
      'content/groepen/koffietijd.md': '---\nname: Koffietijd\ndescription: Gezellige dingen delen.\nmoderators: [mod-koffie]\n---\n',
      'content/groepen/projecten.md': '---\nname: Projecten\ndescription: Samenwerken aan het omgevingsplan.\nmoderators: [mod-koffie]\njoinPolicy: op-aanvraag\n---\n',
    },
    'plein-groepen-',
  );
  return { state, api: makeTestApi({ state }, repo) };
}
type Api = Awaited<ReturnType<typeof setUp>>['api'];
const join_ = (api: Api, as: string, group: string) => api.request(`/api/groepen/${group}/lidmaatschap`, { method: 'POST', as });
const leave = (api: Api, as: string, group: string) => api.request(`/api/groepen/${group}/lidmaatschap`, { method: 'DELETE', as });
const decide = (api: Api, as: string, group: string, person: string, besluit: unknown) => api.request(`/api/groepen/${group}/aanvragen/${person}`, { method: 'POST', as, json: { besluit } });
const status = async (api: Api, as: string, group: string) => (await api.request(`/api/groepen/${group}/lidmaatschap`, { as })).json() as Promise<Record<string, any>>;

describe('group membership (/api/groepen/:id/lidmaatschap)', () => {
  it('joins an open group at once and leaves it; asks to join a group op aanvraag, which a moderator decides', async () => {
    const { api } = await setUp();
    const joined = await join_(api, 'anouk-de-vries', 'koffietijd');
    expect(joined.status).toBe(201);
    expect(joined.headers.get('cache-control')).toContain('no-store');
    expect(await joined.json()).toMatchObject({ beleid: 'open', leden: 1, mijn: 'lid', moderator: false });
    expect((await join_(api, 'anouk-de-vries', 'koffietijd')).status).toBe(200);
    await join_(api, 'bas-bakker', 'koffietijd');
    expect(await (await api.request('/api/groepen/koffietijd/leden', { as: 'eva-editor' })).json()).toEqual({ groep: 'koffietijd', leden: [{ id: 'anouk-de-vries', naam: 'Anouk de Vries' }, { id: 'bas-bakker', naam: 'Bas Bakker' }] });

    expect(await (await join_(api, 'anouk-de-vries', 'projecten')).json()).toMatchObject({ beleid: 'op-aanvraag', leden: 0, mijn: 'aangevraagd' });
    await join_(api, 'bas-bakker', 'projecten');
    // The moderator sees the requests by name; a colleague does not.
    expect(await status(api, 'mod-koffie', 'projecten')).toMatchObject({ moderator: true, aanvragen: [{ id: 'anouk-de-vries', naam: 'Anouk de Vries' }, { id: 'bas-bakker', naam: 'Bas Bakker' }] });
    expect(await status(api, 'bas-bakker', 'projecten')).not.toHaveProperty('aanvragen');
    expect(await (await decide(api, 'mod-koffie', 'projecten', 'anouk-de-vries', 'toelaten')).json()).toMatchObject({ leden: 1, aanvragen: [{ id: 'bas-bakker' }] });
    expect((await decide(api, 'eva-editor', 'projecten', 'bas-bakker', 'afwijzen')).status).toBe(200);
    expect(await status(api, 'anouk-de-vries', 'projecten')).toMatchObject({ mijn: 'lid' });
    expect(await status(api, 'bas-bakker', 'projecten')).toMatchObject({ mijn: null });
    expect(await (await api.request('/api/mijn-groepen', { as: 'anouk-de-vries' })).json()).toEqual({ groepen: [{ id: 'koffietijd', naam: 'Koffietijd', status: 'lid', url: '/groepen/koffietijd/' }, { id: 'projecten', naam: 'Projecten', status: 'lid', url: '/groepen/projecten/' }] });

    // A moderator takes a member out; a colleague cannot, and nobody is taken out twice.
    await expectRefusals([
      [await api.request('/api/groepen/projecten/leden/anouk-de-vries', { method: 'DELETE', as: 'bas-bakker' }), 403, 'niet_toegestaan'],
      [await api.request('/api/groepen/projecten/leden/bas-bakker', { method: 'DELETE', as: 'mod-koffie' }), 404, 'geen_lid'],
    ]);
    expect(await (await api.request('/api/groepen/projecten/leden/anouk-de-vries', { method: 'DELETE', as: 'mod-koffie' })).json()).toMatchObject({ leden: 0 });
    expect(await status(api, 'anouk-de-vries', 'projecten')).toMatchObject({ mijn: null });

    expect(await (await leave(api, 'anouk-de-vries', 'koffietijd')).json()).toMatchObject({ verlaten: true, leden: 1, mijn: null });
    expect(await (await leave(api, 'anouk-de-vries', 'koffietijd')).json()).toMatchObject({ verlaten: false });
  });

  it('refuses unknown groups, others deciding, decisions without a request and bad input, writing nothing', async () => {
    const { api, state } = await setUp();
    await join_(api, 'anouk-de-vries', 'projecten');
    const rows = async () => JSON.stringify(await state.db.selectFrom('group_members').selectAll().execute());
    const before = await rows();
    await expectRefusals([
      [await join_(api, 'anouk-de-vries', 'bestaat-niet'), 404, 'groep_onbekend'],
      [await join_(api, 'anouk-de-vries', '..%2Fnieuws'), 404, 'groep_onbekend'],
      [await decide(api, 'bas-bakker', 'projecten', 'anouk-de-vries', 'toelaten'), 403, 'niet_toegestaan'],
      [await decide(api, 'anouk-de-vries', 'projecten', 'anouk-de-vries', 'toelaten'), 403, 'niet_toegestaan'],
      [await decide(api, 'mod-koffie', 'projecten', 'bas-bakker', 'toelaten'), 404, 'geen_aanvraag'],
      [await decide(api, 'mod-koffie', 'projecten', 'anouk-de-vries', 'misschien'), 422, 'ongeldige_invoer'],
      [await join_(api, '', 'koffietijd'), 401, 'niet_ingelogd'],
      [await api.request('/api/groepen/koffietijd/leden'), 401, 'niet_ingelogd'],
      [await api.request('/api/mijn-groepen'), 401, 'niet_ingelogd'],
    ]);
    expect(await rows()).toBe(before);
    const without = makeTestApi({}, api.repo);
    expect((await join_(without, 'anouk-de-vries', 'koffietijd')).status).toBe(503);
  });
});
