import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createRateLimiter } from '../lib/rate-limit.ts';
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

const event = (organiser: string, signup: string) =>
  `---\ntitle: Activiteit\nsummary: Een activiteit om je voor aan te melden.\nstart: 2027-01-20T16:00:00+01:00\nend: 2027-01-20T18:00:00+01:00\nlocation: Stadhuis\norganiser: ${organiser}\n${signup}---\nWelkom.\n`;
const repo = () =>
  makeTempRepo(
    {
      // Two places, a question and a deadline; organised by a colleague.
      'content/agenda/feest.md': event('bas-bakker', 'signup:\n  capacity: 2\n  deadline: 2027-01-15T17:00:00+01:00\n  question: Heb je dieetwensen?\n'),
      // Organised by a department: its manager sees the list.
      'content/agenda/workshop.md': event('hr', 'signup:\n  capacity: 10\n'),
      'content/agenda/lezing.md': event('bas-bakker', ''),
      'content/afdelingen/hr.yml': 'name: HR\ndescription: Personeelszaken van de gemeente.\nmanager: mod-koffie\n',
      'content/groepen/koffietijd.md': '---\nname: Koffietijd\ndescription: Gezellige dingen delen.\nmoderators: [mod-koffie]\n---\n',
    },
    'plein-aanmelden-',
  );

async function setUp(options: { now?: string; limiter?: ReturnType<typeof createRateLimiter> } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'plein-aanmeldingen-'));
  dirs.push(dir);
  const state = await openStateStore({ PLEIN_STATE_DIR: dir });
  stores.push(state);
  let now = new Date(options.now ?? '2027-01-10T12:00:00+01:00');
  const api = makeTestApi({ state, now: () => now, ...(options.limiter ? { limiter: options.limiter } : {}) }, repo());
  // Each sign-up a minute after the one before: the waiting list is in the order people signed up.
  const tick = () => (now = new Date(now.getTime() + 60_000));
  return { state, api, setNow: (iso: string) => (now = new Date(iso)), tick };
}

type Api = ReturnType<typeof makeTestApi>;
const signUp = (api: Api, as: string, json: unknown = {}, id = 'feest') => api.request(`/api/aanmeldingen/${id}`, { method: 'POST', as, json });
const cancel = (api: Api, as: string, id = 'feest') => api.request(`/api/aanmeldingen/${id}`, { method: 'DELETE', as });
const status = async (api: Api, as: string, id = 'feest') => (await api.request(`/api/aanmeldingen/${id}`, { as })).json() as Promise<Record<string, any>>;

describe('aanmeldingen (/api/aanmeldingen)', () => {
  it('gives places until full, then the waiting list; a second sign-up only changes the answer; cancelling moves the first waiting up', async () => {
    const { api, tick, state } = await setUp();
    const first = await signUp(api, 'anouk-de-vries', { antwoord: 'vegetarisch' });
    expect(first.status).toBe(201);
    expect(first.headers.get('cache-control')).toContain('no-store');
    expect(await first.json()).toMatchObject({ plaatsen: 2, bevestigd: 1, wachtlijst: 0, vrij: 1, vraag: 'Heb je dieetwensen?', open: true, mijn: { status: 'bevestigd', antwoord: 'vegetarisch' }, organisator: false });
    const again = await signUp(api, 'anouk-de-vries', { antwoord: 'veganistisch' });
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ bevestigd: 1, mijn: { status: 'bevestigd', antwoord: 'veganistisch' } });
    tick();
    expect((await signUp(api, 'bas-bakker')).status).toBe(201);
    tick();
    const full = await signUp(api, 'mod-koffie', { antwoord: '  ' });
    expect(full.status).toBe(201);
    expect(await full.json()).toMatchObject({ bevestigd: 2, wachtlijst: 1, vrij: 0, mijn: { status: 'wachtlijst', positie: 1, antwoord: null } });
    tick();
    expect((await signUp(api, 'eva-editor')).status).toBe(201);
    expect(await status(api, 'eva-editor')).toMatchObject({ mijn: { status: 'wachtlijst', positie: 2 }, organisator: true });

    const gone = await cancel(api, 'anouk-de-vries');
    expect(await gone.json()).toMatchObject({ afgemeld: true, bevestigd: 2, wachtlijst: 1, mijn: null });
    expect(await status(api, 'mod-koffie')).toMatchObject({ mijn: { status: 'bevestigd' } });
    expect(await status(api, 'eva-editor')).toMatchObject({ mijn: { status: 'wachtlijst', positie: 1 } });
    // Whoever moved up is told (once); nobody else is.
    expect((await state.notifications.inbox('mod-koffie')).map((n) => [n.kind, n.url])).toEqual([['wachtlijst', '/agenda/feest/']]);
    expect(await state.notifications.inbox('eva-editor')).toEqual([]);
    // Cancelling twice is the same as once.
    expect(await (await cancel(api, 'anouk-de-vries')).json()).toMatchObject({ afgemeld: false, bevestigd: 2, wachtlijst: 1 });
    // Signing up anew goes to the back of the line.
    tick();
    expect(await (await signUp(api, 'anouk-de-vries')).json()).toMatchObject({ mijn: { status: 'wachtlijst', positie: 2 } });
  });

  it('refuses bad input with a Dutch 4xx and writes nothing', async () => {
    const { api, state, setNow } = await setUp();
    const rows = async () => (await state.db.selectFrom('signups').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
    const refusals: [Response, number, string][] = [
      [await signUp(api, 'anouk-de-vries', {}, 'bestaat-niet'), 404, 'activiteit_onbekend'],
      [await signUp(api, 'anouk-de-vries', {}, '..%2F..%2Fetc'), 404, 'activiteit_onbekend'],
      [await signUp(api, 'anouk-de-vries', {}, 'lezing'), 404, 'geen_aanmelding'],
      [await signUp(api, 'anouk-de-vries', { antwoord: 'x'.repeat(501) }), 422, 'ongeldige_invoer'],
      [await signUp(api, 'anouk-de-vries', { antwoord: 5 }), 422, 'ongeldige_invoer'],
      [await signUp(api, 'anouk-de-vries', { antwoord: 'ja', extra: 1 }), 422, 'ongeldige_invoer'],
      [await signUp(api, 'anouk-de-vries', { antwoord: 'geen vraag gesteld' }, 'workshop'), 422, 'ongeldige_invoer'],
      [await signUp(api, '', {}), 401, 'niet_ingelogd'],
      [await api.request('/api/aanmeldingen/feest'), 401, 'niet_ingelogd'],
      [await api.request('/api/aanmeldingen/feest/deelnemers', { as: 'anouk-de-vries' }), 403, 'niet_toegestaan'],
      [await api.request('/api/aanmeldingen/feest/deelnemers?formaat=xls', { as: 'bas-bakker' }), 422, 'ongeldige_invoer'],
    ];
    await expectRefusals(refusals);
    expect(await rows()).toBe(0);

    // After the deadline: closed (409), and the page says why; cancelling still works until the start.
    expect((await signUp(api, 'bas-bakker')).status).toBe(201);
    setNow('2027-01-15T17:01:00+01:00');
    const late = await signUp(api, 'anouk-de-vries');
    expect(late.status).toBe(409);
    expect(await late.json()).toMatchObject({ error: { code: 'aanmelden_gesloten' } });
    expect(await status(api, 'anouk-de-vries')).toMatchObject({ open: false, gesloten: expect.stringMatching(/sluitingsdatum/), mijn: null });
    setNow('2027-01-20T16:00:00+01:00');
    const begun = await cancel(api, 'bas-bakker');
    expect(begun.status).toBe(409);
    expect(await begun.json()).toMatchObject({ error: { code: 'activiteit_begonnen' } });
    expect(await rows()).toBe(1);
  });

  it('shows the list to the organiser, their department’s manager and editors, and exports it for Excel', async () => {
    const { api } = await setUp();
    await signUp(api, 'anouk-de-vries', { antwoord: '=HYPERLINK("http://evil","klik")' });
    await signUp(api, 'eva-editor', { antwoord: 'Geen "pinda\'s"; wel koffie' });
    await signUp(api, 'mod-koffie');
    const list = (await (await api.request('/api/aanmeldingen/feest/deelnemers', { as: 'bas-bakker' })).json()) as { deelnemers: { naam: string; status: string; antwoord: string | null }[] };
    expect(list.deelnemers.map((d) => `${d.naam}/${d.status}`)).toEqual(['Anouk de Vries/bevestigd', 'Eva Redacteur/bevestigd', 'Mo de Moderator/wachtlijst']);
    expect((await api.request('/api/aanmeldingen/feest/deelnemers', { as: 'eva-editor' })).status).toBe(200);
    expect((await api.request('/api/aanmeldingen/feest/deelnemers', { as: 'mod-koffie' })).status).toBe(403);
    // A department organises the workshop: its manager may see the list, a colleague of another department not.
    expect((await api.request('/api/aanmeldingen/workshop/deelnemers', { as: 'mod-koffie' })).status).toBe(200);
    expect((await api.request('/api/aanmeldingen/workshop/deelnemers', { as: 'bas-bakker' })).status).toBe(403);
    expect(await status(api, 'mod-koffie', 'workshop')).toMatchObject({ organisator: true });

    const csv = await api.request('/api/aanmeldingen/feest/deelnemers?formaat=csv', { as: 'bas-bakker' });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toBe('attachment; filename="aanmeldingen-feest.csv"');
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes.slice(3)).split('\r\n');
    expect(lines[0]).toBe('"Naam";"Afdeling";"E-mail";"Status";"Aangemeld op";"Heb je dieetwensen?"');
    expect(lines[1]).toMatch(/^"Anouk de Vries";"hr";"anouk@wadvoort.nl";"Bevestigd";"2027-01-10 12:00";"'=HYPERLINK\(""http:\/\/evil"",""klik""\)"$/);
    expect(lines[2]).toContain(`"Geen ""pinda's""; wel koffie"`);
    expect(lines[3]).toContain('"Wachtlijst"');
    expect(lines).toHaveLength(5);
    expect(lines[4]).toBe('');
  });

  it('holds the per-person limit and answers 503 without a state store', async () => {
    const { api, state } = await setUp({ limiter: createRateLimiter({ aanmelding: [{ max: 2, windowMs: 60_000 }] }) });
    expect((await signUp(api, 'anouk-de-vries')).status).toBe(201);
    expect((await cancel(api, 'anouk-de-vries')).status).toBe(200);
    const third = await signUp(api, 'anouk-de-vries');
    expect(third.status).toBe(429);
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await state.signups.counts('feest')).toEqual({ confirmed: 0, waiting: 0 });

    // At setUp's clock, while the sign-up is open (at the real clock it closed on 2027-01-15 and the answer was 409).
    const without = makeTestApi({ now: () => new Date('2027-01-10T12:00:00+01:00') }, api.repo);
    const res = await signUp(without, 'anouk-de-vries');
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ error: { code: 'aanmelden_niet_beschikbaar' } });
  });
});
