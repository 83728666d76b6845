// Reports and the moderation queue (issue 19) against a real git repository and state store: every bad input
// answers with its status and a Dutch message and writes nothing; the queue per moderator; decisions close the
// reports and tell each reporter; the log; the automatic hide after reports (off by default, on by the setting).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { getPostPath } from '../content/paths.ts';
import { parseFrontMatter } from '../../src/lib/front-matter.ts';
import { makeTestApi } from '../../tests/support/posting-api.ts';
import { openTempState } from '../../tests/support/state.ts';
import { makeTempRepo } from '../../tests/support/temp-repo.ts';

const stores: { remove(): Promise<void> }[] = [];
afterAll(() => Promise.all(stores.splice(0).map((s) => s.remove())));

const GROUP = '---\nname: Koffietijd\ndescription: Gezellige dingen delen.\nmoderators: [mod-koffie]\n---\n';

async function setUp(settings?: string) {
  const state = await openTempState();
  stores.push(state);
  const repo = makeTempRepo(
    {
      'content/groepen/koffietijd.md': GROUP,
      'content/groepen/fietsclub.md': '---\nname: Fietsclub\ndescription: Samen fietsen.\nmoderators: [bas-bakker]\n---\n',
      'content/nieuws/fietsplan.md': '---\ntitle: Fietsplan\n---\nTekst.\n',
      ...(settings ? { 'content/instellingen/site.yml': settings } : {}),
    },
    'plein-melden-',
  );
  const api = makeTestApi({ state }, repo);
  const make = async (as: string, json: unknown, path = '/api/berichten') => {
    const res = await api.request(path, { method: 'POST', as, json });
    expect(res.status).toBe(201);
    const body = (await res.json()) as { bericht?: { id: string }; reactie?: { id: string } };
    return (body.bericht ?? body.reactie)!.id;
  };
  const groupPost = await make('anouk-de-vries', { tekst: 'Wie lust er taart? Bel 06-12345678', groep: 'koffietijd' });
  const timelinePost = await make('anouk-de-vries', { tekst: 'Op de tijdlijn' });
  const comment = await make('anouk-de-vries', { doel: { type: 'bericht', id: groupPost }, tekst: 'Nog een reactie' }, '/api/reacties');
  const report = (as: string | undefined, json: unknown) => api.request('/api/moderatie/meldingen', { method: 'POST', ...(as ? { as } : {}), json });
  const decide = (as: string, json: unknown) => api.request('/api/moderatie/besluit', { method: 'POST', as, json });
  const queue = async (as: string) => (await api.request('/api/moderatie/wachtrij', { as })).json() as Promise<{ items: { doel: { id: string }; meldingen: number; redenen: Record<string, number>; toelichtingen: string[]; auteur: { id: string; email: string }; groep: { naam: string } | null; verborgen: unknown }[] }>;
  const head = () => execFileSync('git', ['rev-parse', 'HEAD'], { cwd: repo, encoding: 'utf8' });
  const hiddenOf = (id: string) => (parseFrontMatter(readFileSync(join(repo, getPostPath(id)), 'utf8')).data as { hidden?: { by: string; reason?: string } }).hidden;
  return { state, api, repo, groupPost, timelinePost, comment, report, decide, queue, head, hiddenOf };
}

const errorOf = async (res: Response) => ((await res.json()) as { error: { code: string; message: string } }).error;
const rows = async (s: Awaited<ReturnType<typeof setUp>>) => JSON.stringify([await s.state.db.selectFrom('reports').selectAll().execute(), await s.state.db.selectFrom('moderation_log').selectAll().execute()]);

describe('Melden (POST /api/moderatie/meldingen)', () => {
  it('records one report per colleague and item: a second is idempotent, and the item waits in the queue', async () => {
    const s = await setUp();
    const first = await s.report('bas-bakker', { doel: { type: 'bericht', id: s.groupPost }, reden: 'persoonsgegevens' });
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ gemeld: true, nieuw: true, verborgen: false });
    const again = await s.report('bas-bakker', { doel: { type: 'bericht', id: s.groupPost }, reden: 'spam' });
    expect(await again.json()).toMatchObject({ gemeld: true, nieuw: false });
    expect(await s.state.db.selectFrom('reports').select(['person', 'reason']).execute()).toEqual([{ person: 'bas-bakker', reason: 'persoonsgegevens' }]);
    expect((await s.report('eva-editor', { doel: { type: 'reactie', id: s.comment }, reden: 'anders', toelichting: 'Hoort niet in deze groep' })).status).toBe(200);
    const { items } = await s.queue('eva-editor');
    expect(items.map((i) => [i.doel.id, i.meldingen, i.redenen])).toEqual([[s.groupPost, 1, { persoonsgegevens: 1 }], [s.comment, 1, { anders: 1 }]]);
    expect(items[1].toelichtingen).toEqual(['Hoort niet in deze groep']);
    expect(items[0]).toMatchObject({ auteur: { id: 'anouk-de-vries', email: 'anouk@wadvoort.nl' }, groep: { naam: 'Koffietijd' }, verborgen: null });
    // Reporters are not named to moderators.
    expect(JSON.stringify(items)).not.toMatch(/bas-bakker|eva-editor/);
  });

  it('refuses bad input with a status and a Dutch message, and writes nothing', async () => {
    const s = await setUp();
    const before = await rows(s);
    const post = { type: 'bericht', id: s.groupPost };
    const cases: [string | undefined, unknown, number, string][] = [
      [undefined, { doel: post, reden: 'spam' }, 401, 'niet_ingelogd'],
      ['bas-bakker', { doel: post, reden: 'vervelend' }, 422, 'ongeldige_invoer'],
      ['bas-bakker', { doel: post, reden: 'anders' }, 422, 'ongeldige_invoer'],
      ['bas-bakker', { doel: post, reden: 'anders', toelichting: '   ' }, 422, 'ongeldige_invoer'],
      ['bas-bakker', { doel: post, reden: 'spam', extra: 1 }, 422, 'ongeldige_invoer'],
      ['bas-bakker', { doel: { type: 'nieuws', id: 'fietsplan' }, reden: 'spam' }, 422, 'ongeldige_invoer'],
      ['bas-bakker', { doel: { type: 'bericht', id: '01ARZ3NDEKTSV4RRFFQ69G5FAV' }, reden: 'spam' }, 404, 'niet_gevonden'],
      ['bas-bakker', { doel: { type: 'bericht', id: '../../etc/passwd' }, reden: 'spam' }, 404, 'niet_gevonden'],
      ['anouk-de-vries', { doel: post, reden: 'spam' }, 409, 'eigen_item'],
    ];
    for (const [as, json, status, code] of cases) {
      const res = await s.report(as, json);
      expect([res.status, (await errorOf(res)).code], JSON.stringify(json)).toEqual([status, code]);
    }
    const vague = await errorOf(await s.report('bas-bakker', { doel: post, reden: 'anders' }));
    expect(vague.message).toMatch(/toelichting/);
    // A deleted item: 404; a hidden one: 409.
    expect((await s.api.request(`/api/berichten/${s.timelinePost}`, { method: 'DELETE', as: 'anouk-de-vries' })).status).toBe(204);
    const gone = await s.report('bas-bakker', { doel: { type: 'bericht', id: s.timelinePost }, reden: 'spam' });
    expect([gone.status, (await errorOf(gone)).message]).toEqual([404, 'Dit bericht bestaat niet (meer); er valt niets te melden.']);
    expect((await s.api.request(`/api/berichten/${s.groupPost}/verbergen`, { method: 'POST', as: 'mod-koffie', json: { reden: 'Telefoonnummer' } })).status).toBe(200);
    const afterHide = await rows(s);
    const hidden = await s.report('bas-bakker', { doel: post, reden: 'spam' });
    expect([hidden.status, (await errorOf(hidden)).code]).toEqual([409, 'verborgen']);
    expect(await rows(s)).toBe(afterHide);
    expect(JSON.parse(before)[0]).toEqual([]);
  });
});

describe('the moderation queue and decisions (/api/moderatie/*)', () => {
  it('shows group moderators their groups only and editors everything; a non-moderator may not decide (403)', async () => {
    const s = await setUp();
    await s.report('bas-bakker', { doel: { type: 'bericht', id: s.groupPost }, reden: 'spam' });
    await s.report('bas-bakker', { doel: { type: 'bericht', id: s.timelinePost }, reden: 'onjuist' });
    await s.report('eva-editor', { doel: { type: 'reactie', id: s.comment }, reden: 'ongepast' });
    expect((await s.queue('mod-koffie')).items.map((i) => i.doel.id).sort()).toEqual([s.groupPost, s.comment].sort());
    expect((await s.queue('eva-editor')).items).toHaveLength(3);
    // bas moderates Fietsclub, not Koffietijd; anouk moderates nothing.
    expect((await s.queue('bas-bakker')).items).toEqual([]);
    expect((await s.queue('anouk-de-vries')).items).toEqual([]);
    expect((await s.api.request('/api/moderatie/wachtrij')).status).toBe(401);
    const head = s.head();
    const before = await rows(s);
    for (const [as, doel] of [['bas-bakker', { type: 'bericht', id: s.groupPost }], ['anouk-de-vries', { type: 'reactie', id: s.comment }], ['mod-koffie', { type: 'bericht', id: s.timelinePost }]] as const) {
      for (const besluit of ['verbergen', 'laten-staan']) {
        const res = await s.decide(as, { doel, besluit, reden: 'Mag niet' });
        expect([res.status, (await errorOf(res)).code]).toEqual([403, 'niet_toegestaan']);
      }
    }
    expect(s.head()).toBe(head);
    expect(await rows(s)).toBe(before);
    // Bad decisions: 422 without writing.
    for (const json of [{ doel: { type: 'bericht', id: s.groupPost }, besluit: 'verbergen' }, { doel: { type: 'bericht', id: s.groupPost }, besluit: 'wegdoen', reden: 'x' }]) {
      expect((await s.decide('mod-koffie', json)).status).toBe(422);
    }
    expect(s.head()).toBe(head);
  });

  it('verbergen hides with the reason, closes the reports, tells the reporter and logs it; laten staan keeps it', async () => {
    const s = await setUp();
    await s.report('bas-bakker', { doel: { type: 'bericht', id: s.groupPost }, reden: 'persoonsgegevens' });
    await s.report('eva-editor', { doel: { type: 'bericht', id: s.groupPost }, reden: 'persoonsgegevens' });
    await s.report('bas-bakker', { doel: { type: 'reactie', id: s.comment }, reden: 'spam' });
    const hid = await s.decide('mod-koffie', { doel: { type: 'bericht', id: s.groupPost }, besluit: 'verbergen', reden: 'Er stond een telefoonnummer in' });
    expect(hid.status).toBe(200);
    expect(s.hiddenOf(s.groupPost)).toMatchObject({ by: 'mod-koffie', reason: 'Er stond een telefoonnummer in' });
    const again = await s.decide('mod-koffie', { doel: { type: 'bericht', id: s.groupPost }, besluit: 'verbergen', reden: 'Nog eens' });
    expect([again.status, (await errorOf(again)).code]).toEqual([409, 'geen_meldingen']);
    expect((await s.decide('mod-koffie', { doel: { type: 'reactie', id: s.comment }, besluit: 'laten-staan' })).status).toBe(200);
    expect((await s.queue('eva-editor')).items).toEqual([]);
    const told = await s.state.db.selectFrom('notifications').select(['person', 'kind', 'text']).where('kind', '=', 'melding-beoordeeld').orderBy('person').orderBy('text').execute();
    expect(told).toEqual([
      { person: 'bas-bakker', kind: 'melding-beoordeeld', text: 'laten-staan' },
      { person: 'bas-bakker', kind: 'melding-beoordeeld', text: 'verborgen' },
      { person: 'eva-editor', kind: 'melding-beoordeeld', text: 'verborgen' },
    ]);
    const log = (await (await s.api.request('/api/moderatie/logboek', { as: 'eva-editor' })).json()) as { regels: { actie: string; moderator: { naam: string }; reden: string | null; auteur: { id: string } }[] };
    expect(log.regels.map((r) => [r.actie, r.moderator.naam, r.reden, r.auteur.id])).toEqual([
      ['laten-staan', 'Mo de Moderator', null, 'anouk-de-vries'],
      ['verbergen', 'Mo de Moderator', 'Er stond een telefoonnummer in', 'anouk-de-vries'],
    ]);
    const refused = await s.api.request('/api/moderatie/logboek', { as: 'mod-koffie' });
    expect([refused.status, (await errorOf(refused)).code]).toEqual([403, 'niet_toegestaan']);
  });

  it('hiding through the old hide route also closes the reports and logs it', async () => {
    const s = await setUp();
    await s.report('bas-bakker', { doel: { type: 'bericht', id: s.timelinePost }, reden: 'onjuist' });
    expect((await s.api.request(`/api/berichten/${s.timelinePost}/verbergen`, { method: 'POST', as: 'eva-editor', json: {} })).status).toBe(200);
    expect(await s.state.moderation.open()).toEqual([]);
    expect((await s.state.moderation.entries()).map((e) => [e.action, e.moderator])).toEqual([['verbergen', 'eva-editor']]);
  });
});

describe('automatic hide after reports', () => {
  const three = async (s: Awaited<ReturnType<typeof setUp>>) => {
    const answers = [];
    for (const who of ['bas-bakker', 'mod-koffie', 'eva-editor']) answers.push(await (await s.report(who, { doel: { type: 'bericht', id: s.groupPost }, reden: 'ongepast' })).json());
    return answers as { verborgen: boolean }[];
  };

  it('is off by default: three reports leave the item visible', async () => {
    const s = await setUp();
    expect((await three(s)).map((a) => a.verborgen)).toEqual([false, false, false]);
    expect(s.hiddenOf(s.groupPost)).toBeUndefined();
  });

  it('hides at the set number of reports from different colleagues, pending review; laten staan shows it again', async () => {
    const s = await setUp('name: Plein\nautoHideReports: 3\n');
    // The same colleague twice counts once.
    await s.report('bas-bakker', { doel: { type: 'bericht', id: s.groupPost }, reden: 'spam' });
    expect((await three(s)).map((a) => a.verborgen)).toEqual([false, false, true]);
    expect(s.hiddenOf(s.groupPost)).toMatchObject({ by: 'plein' });
    const message = execFileSync('git', ['log', '-1', '--format=%an%n%B'], { cwd: s.repo, encoding: 'utf8' });
    // The commit names Plein, never a reporter.
    expect(message).toMatch(/^Plein\n/);
    expect(message).not.toMatch(/Bas|Mo de|Eva/);
    const [item] = (await s.queue('mod-koffie')).items;
    expect(item).toMatchObject({ meldingen: 3, verborgen: { automatisch: true } });
    expect((await s.decide('mod-koffie', { doel: { type: 'bericht', id: s.groupPost }, besluit: 'laten-staan', reden: 'Valt mee' })).status).toBe(200);
    expect(s.hiddenOf(s.groupPost)).toBeUndefined();
    expect((await s.state.moderation.entries()).map((e) => e.action)).toEqual(['laten-staan', 'zichtbaar-maken', 'automatisch-verbergen']);
  });

  it('ignores a setting below three (too easy to silence someone)', async () => {
    const s = await setUp('name: Plein\nautoHideReports: 1\n');
    expect((await three(s)).map((a) => a.verborgen)).toEqual([false, false, false]);
  });
});
