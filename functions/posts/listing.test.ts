import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFrontMatter } from '../../src/lib/front-matter.ts';
import { getPostPath } from '../content/paths.ts';
import { makeTestApi } from '../../tests/support/posting-api.ts';
import { expectRefusals } from '../../tests/support/refusals.ts';
import { makeTempRepo } from '../../tests/support/temp-repo.ts';

function setUp() {
  const repo = makeTempRepo(
    {
      'content/groepen/koffietijd.md': '---\nname: Koffietijd\ndescription: Gezellige dingen delen.\nmoderators: [mod-koffie]\nmarket: true\nmarketDays: 14\n---\n',
      'content/groepen/sport.md': '---\nname: Sport\ndescription: Samen sporten na het werk.\nmoderators: [mod-koffie]\n---\n',
    },
    'plein-markt-',
  );
  return makeTestApi({}, repo);
}
type Api = ReturnType<typeof setUp>;
const post = (api: Api, json: Record<string, unknown>) => api.request('/api/berichten', { method: 'POST', as: 'anouk-de-vries', json: { tekst: 'Te koop: mijn fiets', groep: 'koffietijd', ...json } });
const setStatus = (api: Api, as: string, id: string, status: unknown) => api.request(`/api/berichten/${id}/aanbod`, { method: 'PATCH', as, json: { status } });
const stored = (api: Api, id: string) => parseFrontMatter(readFileSync(join(api.repo, getPostPath(id)), 'utf8')).data as Record<string, any>;

describe('listings in a market group (Koffietijd)', () => {
  it('posts te koop with a price, gezocht and gratis; only the author sets gereserveerd or verkocht; the feed carries it', async () => {
    const api = setUp();
    const sale = await post(api, { aanbod: { soort: 'te-koop', prijs: 45.5 } });
    expect(sale.status).toBe(201);
    const { bericht } = (await sale.json()) as { bericht: { id: string; listing: unknown } };
    expect(bericht.listing).toEqual({ kind: 'te-koop', price: 45.5, status: 'beschikbaar' });
    expect(stored(api, bericht.id).listing).toEqual({ kind: 'te-koop', price: 45.5, status: 'beschikbaar' });
    expect((await post(api, { tekst: 'Gezocht: een kinderzitje', aanbod: { soort: 'gezocht' } })).status).toBe(201);
    const free = await post(api, { tekst: 'Gratis af te halen: bureaulamp', aanbod: { soort: 'gratis' } });
    expect(((await free.json()) as { bericht: { listing: unknown } }).bericht.listing).toEqual({ kind: 'gratis', status: 'beschikbaar' });

    const reserved = await setStatus(api, 'anouk-de-vries', bericht.id, 'gereserveerd');
    expect(reserved.status).toBe(200);
    expect(((await reserved.json()) as { bericht: { listing: unknown } }).bericht.listing).toEqual({ kind: 'te-koop', price: 45.5, status: 'gereserveerd' });
    expect(stored(api, bericht.id)).toMatchObject({ author: 'anouk-de-vries', group: 'koffietijd', listing: { status: 'gereserveerd' } });
    await setStatus(api, 'anouk-de-vries', bericht.id, 'verkocht');
    const feed = (await (await api.request('/api/feed')).json()) as { items: { id: string; listing?: { status: string; days?: number } }[] };
    expect(feed.items.find((i) => i.id === bericht.id)?.listing?.status).toBe('verkocht');
    // The feed adds the group's market days, so a live listing can say until when it is listed.
    expect(feed.items.find((i) => i.id === bericht.id)?.listing?.days).toBe(14);
  });

  it('refuses a listing outside a market, bad prices and others setting the status, writing nothing', async () => {
    const api = setUp();
    const { bericht } = (await (await post(api, { aanbod: { soort: 'te-koop', prijs: 10 } })).json()) as { bericht: { id: string } };
    const { bericht: plain } = (await (await post(api, { tekst: 'Gewoon een bericht' })).json()) as { bericht: { id: string } };
    const head = () => readFileSync(join(api.repo, '.git', 'logs', 'HEAD'), 'utf8');
    const before = head();
    await expectRefusals([
      [await post(api, { groep: 'sport', aanbod: { soort: 'te-koop' } }), 422, 'geen_markt'],
      [await post(api, { groep: undefined, aanbod: { soort: 'gezocht' } }), 422, 'geen_markt'],
      [await post(api, { aanbod: { soort: 'gratis', prijs: 5 } }), 422, 'ongeldige_invoer'],
      [await post(api, { aanbod: { soort: 'te-koop', prijs: -1 } }), 422, 'ongeldige_invoer'],
      [await post(api, { aanbod: { soort: 'te-koop', prijs: 12.345 } }), 422, 'ongeldige_invoer'],
      [await post(api, { aanbod: { soort: 'te-koop', prijs: 100_001 } }), 422, 'ongeldige_invoer'],
      [await post(api, { aanbod: { soort: 'te-koop', prijs: '45' } }), 422, 'ongeldige_invoer'],
      [await post(api, { aanbod: { soort: 'ruilen' } }), 422, 'ongeldige_invoer'],
      [await setStatus(api, 'bas-bakker', bericht.id, 'verkocht'), 403, 'niet_toegestaan'],
      [await setStatus(api, 'mod-koffie', bericht.id, 'verkocht'), 403, 'niet_toegestaan'],
      [await setStatus(api, 'anouk-de-vries', bericht.id, 'weg'), 422, 'ongeldige_invoer'],
      [await setStatus(api, 'anouk-de-vries', plain.id, 'verkocht'), 404, 'geen_aanbod'],
      [await setStatus(api, 'anouk-de-vries', 'geen-bericht', 'verkocht'), 404, 'niet_gevonden'],
      [await setStatus(api, '', bericht.id, 'verkocht'), 401, 'niet_ingelogd'],
    ]);
    expect(head()).toBe(before);
    // The same status again writes nothing; a hidden listing cannot be changed.
    await setStatus(api, 'anouk-de-vries', bericht.id, 'beschikbaar');
    expect(head()).toBe(before);
    expect((await api.request(`/api/berichten/${bericht.id}/verbergen`, { method: 'POST', as: 'mod-koffie', json: {} })).status).toBe(200);
    expect((await setStatus(api, 'anouk-de-vries', bericht.id, 'verkocht')).status).toBe(409);
  });
});
