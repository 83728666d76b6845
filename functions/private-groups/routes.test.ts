import { execFileSync } from 'node:child_process';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { processPhoto } from '../photos/process-photo.ts';
import { stateApiFixture } from '../../tests/support/state.ts';
import { expectRefusals } from '../../tests/support/refusals.ts';
import { groupSlug } from './routes.ts';

/** A file at the repository's HEAD, or undefined. */
function repoFile(repo: string, path: string): string | undefined {
  try {
    return execFileSync('git', ['show', `HEAD:${path}`], { cwd: repo, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    return undefined;
  }
}

const fixture = stateApiFixture('plein-privegroepen-repo-', { processPhoto });
afterAll(fixture.cleanUp);
const setUp = fixture.setUp;
type Api = Awaited<ReturnType<typeof setUp>>['api'];
const json = async (res: Response | Promise<Response>) => (await res).json() as Promise<Record<string, any>>;
const propose = (api: Api, as: string, body: unknown) => api.request('/api/groepsvoorstellen', { method: 'POST', as, json: body });
const decide = (api: Api, as: string, id: string, body: unknown) => api.request(`/api/groepsvoorstellen/${id}/besluit`, { method: 'POST', as, json: body });

/** A private group proposed by Anouk and approved by the editor; gives its id. */
async function privateGroup(api: Api): Promise<string> {
  const { voorstel } = await json(propose(api, 'anouk-de-vries', { naam: 'Vertrouwenspersonen', omschrijving: 'Overleg tussen de vertrouwenspersonen.', soort: 'prive' }));
  const decided = await json(decide(api, 'eva-editor', voorstel.id, { besluit: 'goedkeuren' }));
  return decided.voorstel.groep;
}

describe('group proposals (/api/groepsvoorstellen)', () => {
  it('an open group proposed and approved becomes a group file with the proposer as moderator and member', async () => {
    const { api, state } = await setUp();
    const res = await propose(api, 'bas-bakker', { naam: 'Hardlopen na het werk', omschrijving: 'Samen een rondje om het stadhuis.', soort: 'open', toelichting: 'Elke donderdag om half zes.' });
    expect(res.status).toBe(201);
    const { voorstel } = await res.json() as Record<string, any>;
    expect(voorstel).toMatchObject({ naam: 'Hardlopen na het werk', soort: 'open', status: 'ingediend', voorgesteldDoor: { id: 'bas-bakker', naam: 'Bas Bakker' } });
    // The editor sees it waiting; a colleague sees only their own.
    expect((await json(api.request('/api/groepsvoorstellen', { as: 'eva-editor' }))).wachtend.map((p: { id: string }) => p.id)).toEqual([voorstel.id]);
    expect(await json(api.request('/api/groepsvoorstellen', { as: 'anouk-de-vries' }))).toEqual({ eigen: [] });

    const approved = await json(decide(api, 'eva-editor', voorstel.id, { besluit: 'goedkeuren' }));
    expect(approved.voorstel).toMatchObject({ status: 'goedgekeurd', groep: 'hardlopen-na-het-werk', url: '/groepen/hardlopen-na-het-werk/', besluit: { door: { id: 'eva-editor' } } });
    const file = repoFile(api.repo, 'content/groepen/hardlopen-na-het-werk.md');
    expect(file).toContain('name: Hardlopen na het werk');
    expect(file).toMatch(/moderators:\n\s+- bas-bakker/);
    expect(file).toContain('joinPolicy: open');
    expect(file).toContain('Elke donderdag om half zes.');
    expect(await state.memberships.status('hardlopen-na-het-werk', 'bas-bakker')).toBe('lid');
    expect((await decide(api, 'eva-editor', voorstel.id, { besluit: 'afwijzen' })).status).toBe(409);
  });

  it('an approved group named like a page of the site gets another id (/groepen/prive/ is the private groups\' page)', async () => {
    const { api } = await setUp();
    const { voorstel } = await json(propose(api, 'bas-bakker', { naam: 'Privé', omschrijving: 'Een open groep met een ongelukkige naam.', soort: 'open' }));
    const approved = await json(decide(api, 'eva-editor', voorstel.id, { besluit: 'goedkeuren' }));
    expect(approved.voorstel).toMatchObject({ groep: 'prive-2', url: '/groepen/prive-2/' });
    expect(repoFile(api.repo, 'content/groepen/prive.md')).toBeUndefined();
  });

  it('a declined proposal tells the proposer why; limits, names and bad input are refused, writing nothing', async () => {
    const { api, state } = await setUp();
    const { voorstel } = await json(propose(api, 'bas-bakker', { naam: 'Schaakclub', omschrijving: 'Een potje schaak in de pauze.', soort: 'op-aanvraag' }));
    await decide(api, 'eva-editor', voorstel.id, { besluit: 'afwijzen', reden: 'Er is al een spellengroep.' });
    expect((await json(api.request('/api/groepsvoorstellen', { as: 'bas-bakker' }))).eigen[0]).toMatchObject({ status: 'afgewezen', besluit: { reden: 'Er is al een spellengroep.' } });
    for (const naam of ['Eén', 'Twee', 'Drie']) expect((await propose(api, 'anouk-de-vries', { naam: `Groep ${naam}`, omschrijving: 'Een groep om te testen.', soort: 'open' })).status).toBe(201);
    const rows = async () => JSON.stringify(await state.db.selectFrom('group_proposals').selectAll().orderBy('id').execute());
    const before = await rows();
    await expectRefusals([
      [await propose(api, 'anouk-de-vries', { naam: 'Groep Vier', omschrijving: 'Een groep om te testen.', soort: 'open' }), 409, 'te_veel_voorstellen'],
      [await propose(api, 'bas-bakker', { naam: 'GROEP EEN', omschrijving: 'Dezelfde naam als een voorstel.', soort: 'open' }), 409, 'naam_bestaat'],
      [await propose(api, 'bas-bakker', { naam: 'Koffietijd', omschrijving: 'Die bestaat al als groep.', soort: 'prive' }), 409, 'naam_bestaat'],
      [await propose(api, 'bas-bakker', { naam: 'Geheim', omschrijving: 'kort', soort: 'prive' }), 422, 'ongeldige_invoer'],
      [await propose(api, 'bas-bakker', { naam: 'Geheim', omschrijving: 'Een groep van een soort die niet bestaat.', soort: 'geheim' }), 422, 'ongeldige_invoer'],
      [await propose(api, 'bas-bakker', { naam: '!!', omschrijving: 'Een naam zonder letters of cijfers.', soort: 'open' }), 422, 'ongeldige_invoer'],
      [await propose(api, '', { naam: 'Anoniem', omschrijving: 'Zonder inloggen geen voorstel.', soort: 'open' }), 401, 'niet_ingelogd'],
      [await decide(api, 'bas-bakker', voorstel.id, { besluit: 'goedkeuren' }), 403, 'niet_toegestaan'],
      [await decide(api, 'eva-editor', voorstel.id, { besluit: 'goedkeuren' }), 409, 'al_besloten'],
      [await decide(api, 'eva-editor', '01JZZZZZZZZZZZZZZZZZZZZZZZ', { besluit: 'goedkeuren' }), 404, 'voorstel_onbekend'],
      [await decide(api, 'eva-editor', voorstel.id, { besluit: 'misschien' }), 422, 'ongeldige_invoer'],
    ]);
    expect(await rows()).toBe(before);
    expect(groupSlug('Één café, twee ‘thee’s’!')).toBe('een-cafe-twee-thee-s');
  });
});

describe('private groups (/api/privegroepen)', () => {
  it('exist only for members and the invited: others get the same 404 as for a group that does not exist', async () => {
    const { api, state } = await setUp();
    const id = await privateGroup(api);
    expect(id).toMatch(/^p-[0-9a-z]{26}$/);
    expect(await json(api.request(`/api/privegroepen/${id}`, { as: 'anouk-de-vries' }))).toMatchObject({ naam: 'Vertrouwenspersonen', mijn: 'lid', moderator: true, leden: [{ id: 'anouk-de-vries', moderator: true }], uitnodigingen: [] });
    // Not in the content, not in the feed.
    expect(repoFile(api.repo, `content/groepen/${id}.md`)).toBeUndefined();
    expect(JSON.stringify(await json(api.request('/api/feed', { as: 'anouk-de-vries' })))).not.toContain('Vertrouwenspersonen');

    const posted = await api.request(`/api/privegroepen/${id}/berichten`, { method: 'POST', as: 'anouk-de-vries', json: { tekst: 'Vertrouwelijk: **overleg** op dinsdag.' } });
    expect(posted.status).toBe(201);
    const post = (await posted.json() as Record<string, any>).bericht;
    const rows = async () => JSON.stringify([await state.db.selectFrom('group_members').selectAll().execute(), await state.db.selectFrom('private_posts').selectAll().execute(), await state.db.selectFrom('private_comments').selectAll().execute()]);
    const before = await rows();
    await expectRefusals([
      [await api.request(`/api/privegroepen/${id}`, { as: 'bas-bakker' }), 404, 'groep_onbekend'],
      [await api.request('/api/privegroepen/p-01jzzzzzzzzzzzzzzzzzzzzzzz', { as: 'bas-bakker' }), 404, 'groep_onbekend'],
      [await api.request(`/api/privegroepen/${id}/berichten`, { as: 'bas-bakker' }), 404, 'groep_onbekend'],
      [await api.request(`/api/privegroepen/${id}/berichten`, { method: 'POST', as: 'bas-bakker', json: { tekst: 'Ik kom binnen' } }), 404, 'groep_onbekend'],
      [await api.request(`/api/privegroepen/${id}/berichten/${post.id}/reacties`, { method: 'POST', as: 'bas-bakker', json: { tekst: 'Hoi' } }), 404, 'groep_onbekend'],
      [await api.request(`/api/privegroepen/${id}/berichten/${post.id}`, { method: 'DELETE', as: 'eva-editor' }), 404, 'groep_onbekend'],
      [await api.request(`/api/privegroepen/${id}/lidmaatschap`, { method: 'POST', as: 'bas-bakker' }), 404, 'groep_onbekend'],
      [await api.request(`/api/privegroepen/${id}/uitnodigingen`, { method: 'POST', as: 'bas-bakker', json: { persoon: 'bas-bakker' } }), 404, 'groep_onbekend'],
      [await api.request(`/api/groepen/${id}/lidmaatschap`, { method: 'POST', as: 'bas-bakker' }), 404, 'groep_onbekend'],
      [await api.request(`/api/privegroepen/${id}`), 401, 'niet_ingelogd'],
    ]);
    expect(await rows()).toBe(before);
    // Nor is it in anyone else's "Mijn groepen".
    expect(await json(api.request('/api/mijn-groepen', { as: 'bas-bakker' }))).toEqual({ groepen: [] });
  });

  it('a moderator invites; the invited sees the name only, accepts, posts with a photo, comments; moderators delete', async () => {
    const { api, state } = await setUp();
    const id = await privateGroup(api);
    const invite = await api.request(`/api/privegroepen/${id}/uitnodigingen`, { method: 'POST', as: 'anouk-de-vries', json: { persoon: 'bas-bakker' } });
    expect(invite.status).toBe(201);
    // The invited colleague is told, by name of the group only; the proposer was told of the approval.
    expect((await state.notifications.inbox('bas-bakker')).map((n) => [n.kind, n.title, n.url])).toEqual([['uitnodiging', 'Vertrouwenspersonen', `/groepen/prive/?id=${id}`]]);
    expect((await state.notifications.inbox('anouk-de-vries')).map((n) => [n.kind, n.text])).toEqual([['groepsvoorstel', 'Je voorstel voor de groep ‘Vertrouwenspersonen’ is goedgekeurd.']]);
    expect(await json(api.request('/api/mijn-groepen', { as: 'bas-bakker' }))).toEqual({ groepen: [{ id, naam: 'Vertrouwenspersonen', status: 'uitgenodigd', url: `/groepen/prive/?id=${id}`, prive: true }] });
    const invited = await json(api.request(`/api/privegroepen/${id}`, { as: 'bas-bakker' }));
    expect(invited).toMatchObject({ naam: 'Vertrouwenspersonen', mijn: 'uitgenodigd' });
    expect(invited).not.toHaveProperty('leden');
    expect((await api.request(`/api/privegroepen/${id}/berichten`, { as: 'bas-bakker' })).status).toBe(404);
    expect(await json(api.request(`/api/privegroepen/${id}/lidmaatschap`, { method: 'POST', as: 'bas-bakker' }))).toMatchObject({ mijn: 'lid' });

    const png = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#3366cc' } }).png().toBuffer();
    const form = new FormData();
    form.set('tekst', 'De agenda voor dinsdag');
    form.append('foto', new File([png], 'agenda.png', { type: 'image/png' }));
    form.append('alt', 'Een blauw vlak');
    const posted = await api.request(`/api/privegroepen/${id}/berichten`, { method: 'POST', as: 'bas-bakker', body: form });
    expect(posted.status).toBe(201);
    const post = (await posted.json() as Record<string, any>).bericht;
    expect(post.fotos).toEqual([{ src: `/api/privegroepen/${id}/fotos/${post.id}-1`, alt: 'Een blauw vlak', breedte: 40, hoogte: 30 }]);
    const photo = await api.request(post.fotos[0].src, { as: 'anouk-de-vries' });
    expect(photo.status).toBe(200);
    expect(photo.headers.get('cache-control')).toContain('no-store');
    expect((await sharp(new Uint8Array(await photo.arrayBuffer())).metadata()).width).toBe(40);
    expect((await api.request(post.fotos[0].src, { as: 'mod-koffie' })).status).toBe(404);

    const comment = await json(api.request(`/api/privegroepen/${id}/berichten/${post.id}/reacties`, { method: 'POST', as: 'anouk-de-vries', json: { tekst: 'Dank je, @bas-bakker' } }));
    const list = await json(api.request(`/api/privegroepen/${id}/berichten`, { as: 'bas-bakker' }));
    expect(list.berichten).toHaveLength(1);
    expect(list.berichten[0]).toMatchObject({ id: post.id, auteur: { id: 'bas-bakker' }, verwijderbaar: true, reacties: [{ id: comment.reactie.id, verwijderbaar: false }] });
    expect(list.berichten[0].html).toContain('De agenda voor dinsdag');
    // A member deletes only their own; the moderator deletes anything in the group.
    await expectRefusals([[await api.request(`/api/privegroepen/${id}/reacties/${comment.reactie.id}`, { method: 'DELETE', as: 'bas-bakker' }), 403, 'niet_toegestaan']]);
    expect((await api.request(`/api/privegroepen/${id}/berichten/${post.id}`, { method: 'DELETE', as: 'anouk-de-vries' })).status).toBe(204);
    expect((await json(api.request(`/api/privegroepen/${id}/berichten`, { as: 'bas-bakker' }))).berichten).toEqual([]);
    expect((await api.request(post.fotos[0].src, { as: 'anouk-de-vries' })).status).toBe(404);

    // The last moderator cannot leave members behind without one; after naming another, they can.
    await expectRefusals([[await api.request(`/api/privegroepen/${id}/lidmaatschap`, { method: 'DELETE', as: 'anouk-de-vries' }), 409, 'laatste_moderator']]);
    expect((await api.request(`/api/privegroepen/${id}/moderatoren`, { method: 'POST', as: 'anouk-de-vries', json: { persoon: 'bas-bakker' } })).status).toBe(200);
    expect((await api.request(`/api/privegroepen/${id}/lidmaatschap`, { method: 'DELETE', as: 'anouk-de-vries' })).status).toBe(200);
    expect((await api.request(`/api/privegroepen/${id}`, { as: 'anouk-de-vries' })).status).toBe(404);
    // The last member cannot leave (nobody could get in again); a moderator dissolves the group instead, with all of it.
    await api.request(`/api/privegroepen/${id}/berichten`, { method: 'POST', as: 'bas-bakker', json: { tekst: 'Laatste bericht' } });
    await expectRefusals([
      [await api.request(`/api/privegroepen/${id}/lidmaatschap`, { method: 'DELETE', as: 'bas-bakker' }), 409, 'laatste_lid'],
      [await api.request(`/api/privegroepen/${id}`, { method: 'DELETE', as: 'anouk-de-vries' }), 404, 'groep_onbekend'],
    ]);
    expect((await api.request(`/api/privegroepen/${id}`, { method: 'DELETE', as: 'bas-bakker' })).status).toBe(204);
    expect((await api.request(`/api/privegroepen/${id}`, { as: 'bas-bakker' })).status).toBe(404);
    const left = await Promise.all((['private_groups', 'private_posts', 'private_comments', 'private_photos'] as const).map((t) => state.db.selectFrom(t).selectAll().execute()));
    expect(left.flat()).toEqual([]);
    expect(await state.db.selectFrom('group_members').selectAll().where('group_id', '=', id).execute()).toEqual([]);
  });
});
