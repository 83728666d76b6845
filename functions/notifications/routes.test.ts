import { Hono } from 'hono';
import { afterAll, describe, expect, it } from 'vitest';
import type { NewNotification } from '../state/notifications.ts';
import { expectRefusals } from '../../tests/support/refusals.ts';
import { stateApiFixture } from '../../tests/support/state.ts';
import { withUnreadCount } from './routes.ts';

const fixture = stateApiFixture('plein-meldingen-');
afterAll(fixture.cleanUp);
const setUp = fixture.setUp;
const json = async (res: Response | Promise<Response>) => (await res).json() as Promise<Record<string, any>>;

const note = (over: Partial<NewNotification> & { source: string }): NewNotification => ({
  person: 'anouk-de-vries', kind: 'reactie-op-bericht', actor: 'bas-bakker', target: { type: 'bericht', id: '01JAAAAAAAAAAAAAAAAAAAAAAA' }, title: 'Taart bij de koffie', text: 'Lekker',
  url: '/berichten/01JAAAAAAAAAAAAAAAAAAAAAAA/#reactie-1', groupKey: 'reacties:bericht:01JAAAAAAAAAAAAAAAAAAAAAAA', inApp: true, email: false, push: false, ...over,
});

describe('notifications (/api/meldingen)', () => {
  it('lists them newest first, grouped per thing with a Dutch sentence; marks read one group, all, or by the plain page', async () => {
    const { state, api } = await setUp();
    await state.notifications.notify([note({ source: 'a' }), note({ source: 'b', actor: 'mod-koffie' })], 1000);
    await state.notifications.notify([note({ source: 'c', actor: 'eva-editor' })], 2000);
    await state.notifications.notify([note({ source: 'd', kind: 'vermelding', groupKey: 'vermelding:reactie:2', url: '/nieuws/x/#reactie-2', target: { type: 'nieuws', id: 'x' }, title: 'Nieuwe koffieautomaat' })], 3000);
    await state.notifications.notify([note({ source: 'e', person: 'bas-bakker' })], 3000);
    const list = await json(api.request('/api/meldingen', { as: 'anouk-de-vries' }));
    expect(list.ongelezen).toBe(4);
    expect(list.meldingen.map((m: { tekst: string; aantal: number }) => [m.tekst, m.aantal])).toEqual([
      ['Bas Bakker noemde je in een reactie ‘Nieuwe koffieautomaat’', 1],
      ['3 reacties op je bericht ‘Taart bij de koffie’ (van Eva Redacteur en 2 anderen)', 3],
    ]);
    expect(list.meldingen[1]).toMatchObject({ url: '/berichten/01JAAAAAAAAAAAAAAAAAAAAAAA/#reactie-1', gelezen: false, actor: { id: 'eva-editor', naam: 'Eva Redacteur' } });

    // Bas cannot mark Anouk's read; Anouk marks the group read, then everything.
    await api.request('/api/meldingen/gelezen', { method: 'POST', as: 'bas-bakker', json: { ids: list.meldingen[1].ids } });
    expect(await json(api.request('/api/meldingen/aantal', { as: 'anouk-de-vries' }))).toEqual({ ongelezen: 4 });
    expect(await json(api.request('/api/meldingen/gelezen', { method: 'POST', as: 'anouk-de-vries', json: { ids: list.meldingen[1].ids } }))).toEqual({ ongelezen: 1 });
    const html = await api.request('/api/meldingen?formaat=html', { as: 'anouk-de-vries' });
    expect(html.headers.get('content-type')).toContain('text/html');
    const page = await html.text();
    expect(page).toContain('1 ongelezen.');
    expect(page).toContain('<a href="/nieuws/x/#reactie-2">Bas Bakker noemde je in een reactie ‘Nieuwe koffieautomaat’</a>');
    const form = await api.request('/api/meldingen/gelezen', { method: 'POST', as: 'anouk-de-vries', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'alles=1' });
    expect(form.status).toBe(303);
    expect(form.headers.get('location')).toBe('/api/meldingen?formaat=html');
    expect(await json(api.request('/api/meldingen/aantal', { as: 'anouk-de-vries' }))).toEqual({ ongelezen: 0 });
    expect(await json(api.request('/api/meldingen/aantal', { as: 'bas-bakker' }))).toEqual({ ongelezen: 1 });
    expect((await api.request('/api/meldingen?formaat=html')).status).toBe(401);
  });

  it('keeps settings per kind and channel; refuses unknown kinds, channels and times, writing nothing', async () => {
    const { state, api } = await setUp();
    const settings = await json(api.request('/api/meldingen/instellingen', { as: 'anouk-de-vries' }));
    expect(settings.soorten.vermelding).toEqual({ plein: true, email: true, push: false });
    expect(settings.soorten['nieuw-in-groep']).toEqual({ plein: true, email: false, push: false });
    expect(settings).toMatchObject({ overzicht: 'wekelijks', stil: null, labels: { vermelding: 'Iemand noemt je (@)' } });
    // The kinds a build announces are on the settings page too, in Plein by default and nowhere else.
    for (const kind of ['pagina-gewijzigd', 'voorstel-besloten', 'nieuws-melding']) {
      expect(settings.soorten[kind]).toEqual({ plein: true, email: false, push: false });
      expect(settings.labels[kind]).toMatch(/^[A-Z]/);
    }
    const saved = await json(api.request('/api/meldingen/instellingen', { method: 'PUT', as: 'anouk-de-vries', json: { soorten: { vermelding: { plein: true, email: false, push: true } }, overzicht: 'dagelijks', stil: { van: '22:00', tot: '07:00' } } }));
    expect(saved).toMatchObject({ overzicht: 'dagelijks', stil: { van: '22:00', tot: '07:00' }, soorten: { vermelding: { email: false, push: true }, wachtlijst: { plein: true } } });
    const rows = async () => JSON.stringify(await state.db.selectFrom('notification_prefs').selectAll().execute());
    const before = await rows();
    await expectRefusals([
      [await api.request('/api/meldingen/instellingen', { method: 'PUT', as: 'anouk-de-vries', json: { soorten: { roddel: { plein: true, email: true, push: true } }, overzicht: 'geen', stil: null } }), 422, 'ongeldige_invoer'],
      [await api.request('/api/meldingen/instellingen', { method: 'PUT', as: 'anouk-de-vries', json: { soorten: { vermelding: { plein: true, email: true, push: true, sms: true } }, overzicht: 'geen', stil: null } }), 422, 'ongeldige_invoer'],
      [await api.request('/api/meldingen/instellingen', { method: 'PUT', as: 'anouk-de-vries', json: { soorten: {}, overzicht: 'maandelijks', stil: null } }), 422, 'ongeldige_invoer'],
      [await api.request('/api/meldingen/instellingen', { method: 'PUT', as: 'anouk-de-vries', json: { soorten: {}, overzicht: 'geen', stil: { van: '25:00', tot: '07:00' } } }), 422, 'ongeldige_invoer'],
      [await api.request('/api/meldingen/instellingen', { method: 'PUT', json: { soorten: {}, overzicht: 'geen', stil: null } }), 401, 'niet_ingelogd'],
    ]);
    expect(await rows()).toBe(before);
    const unknownKind = await json(api.request('/api/meldingen/instellingen', { method: 'PUT', as: 'anouk-de-vries', json: { soorten: { roddel: { plein: true, email: true, push: true } }, overzicht: 'geen', stil: null } }));
    expect(unknownKind.error.message).toContain('roddel');
  });
});

describe('following (/api/volgen)', () => {
  it('members follow their group until they stop; colleagues are followed on request; what does not exist cannot be', async () => {
    const { state, api } = await setUp();
    await state.memberships.join('koffietijd', 'anouk-de-vries', 'lid');
    const get = (as: string) => json(api.request('/api/volgen?doelen=groep:koffietijd,collega:bas-bakker', { as }));
    expect(await get('anouk-de-vries')).toEqual({ volgt: { 'groep:koffietijd': true, 'collega:bas-bakker': false } });
    expect(await get('bas-bakker')).toEqual({ volgt: { 'groep:koffietijd': false, 'collega:bas-bakker': false } });
    await api.request('/api/volgen', { method: 'PUT', as: 'anouk-de-vries', json: { doel: { type: 'groep', id: 'koffietijd' }, volgen: false } });
    await api.request('/api/volgen', { method: 'PUT', as: 'anouk-de-vries', json: { doel: { type: 'collega', id: 'bas-bakker' }, volgen: true } });
    expect(await get('anouk-de-vries')).toEqual({ volgt: { 'groep:koffietijd': false, 'collega:bas-bakker': true } });
    expect(await state.notifications.followers({ type: 'groep', id: 'koffietijd' })).toEqual([]);
    const rows = async () => JSON.stringify(await state.db.selectFrom('follows').selectAll().execute());
    const before = await rows();
    await expectRefusals([
      [await api.request('/api/volgen', { method: 'PUT', as: 'anouk-de-vries', json: { doel: { type: 'bericht', id: '01JZZZZZZZZZZZZZZZZZZZZZZZ' }, volgen: true } }), 404, 'doel_onbekend'],
      [await api.request('/api/volgen', { method: 'PUT', as: 'anouk-de-vries', json: { doel: { type: 'groep', id: 'p-01jzzzzzzzzzzzzzzzzzzzzzzz' }, volgen: true } }), 404, 'doel_onbekend'],
      [await api.request('/api/volgen', { method: 'PUT', as: 'anouk-de-vries', json: { doel: { type: 'kennis', id: 'bestaat/niet' }, volgen: true } }), 404, 'doel_onbekend'],
      [await api.request('/api/volgen', { method: 'PUT', as: 'anouk-de-vries', json: { doel: { type: 'taart', id: 'x' }, volgen: true } }), 422, 'ongeldige_invoer'],
      [await api.request('/api/volgen?doelen=taart:x', { as: 'anouk-de-vries' }), 422, 'ongeldige_invoer'],
      [await api.request('/api/volgen', { method: 'PUT', json: { doel: { type: 'collega', id: 'bas-bakker' }, volgen: true } }), 401, 'niet_ingelogd'],
    ]);
    expect(await rows()).toBe(before);
  });

  it('/api/auth/me carries the unread count (the bell asks nothing else)', async () => {
    const { state } = await setUp();
    await state.notifications.notify([note({ source: 'x' }), note({ source: 'y' })]);
    const app = new Hono();
    app.use('/api/auth/me', withUnreadCount(state.notifications));
    app.get('/api/auth/me', (c) => c.json({ personId: c.req.header('x-persoon'), name: 'Iemand' }));
    expect(await json(app.request('/api/auth/me', { headers: { 'x-persoon': 'anouk-de-vries' } }))).toEqual({ personId: 'anouk-de-vries', name: 'Iemand', meldingen: 2 });
    expect(await json(app.request('/api/auth/me', { headers: { 'x-persoon': 'bas-bakker' } }))).toMatchObject({ meldingen: 0 });
  });
});
