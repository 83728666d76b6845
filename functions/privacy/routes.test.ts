// POST /api/beheer/wissen (issue 19): editors erase a colleague or one post on the server's own store, with the same
// plan as `npm run erase`; every refusal writes nothing.
import { execFileSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { getCommentPath, getPostPath } from '../content/paths.ts';
import { createUlid } from '../lib/ulid.ts';
import { createLocalProposals } from '../store/local-proposals.ts';
import { makeTestApi } from '../../tests/support/posting-api.ts';
import { openTempState } from '../../tests/support/state.ts';
import { makeTempRepo } from '../../tests/support/temp-repo.ts';
import { stateErasure } from './erase-state.ts';

const stores: { remove(): Promise<void> }[] = [];
afterAll(() => Promise.all(stores.splice(0).map((x) => x.remove())));

const POST = createUlid(Date.UTC(2026, 10, 2, 9));
const COMMENT = createUlid(Date.UTC(2026, 10, 2, 10));
const person = (name: string, email: string) => `name: ${name}\njobTitle: Adviseur\ndepartment: ict\nemail: ${email}\nstartDate: 2020-01-01\n`;

async function setUp() {
  const repo = makeTempRepo({
    'content/collegas/bas-bakker.yml': person('Bas Bakker', 'bas@wadvoort.nl'),
    'content/collegas/mod-koffie.yml': person('Mo de Moderator', 'mo@wadvoort.nl'),
    'content/collegas/eva-editor.yml': person('Eva Redacteur', 'eva@wadvoort.nl'),
    'content/groepen/koffietijd.md': '---\nname: Koffietijd\ndescription: Gezellige dingen delen.\nmoderators: [mod-koffie, bas-bakker]\n---\nWelkom, vraag het Bas Bakker.\n',
    [getPostPath(POST)]: '---\nauthor: bas-bakker\ncreated: 2026-11-02T09:00:00.000Z\n---\nTaart!\n',
    [getCommentPath(COMMENT)]: `---\nauthor: mod-koffie\ncreated: 2026-11-02T10:00:00.000Z\non:\n  type: bericht\n  id: ${POST}\n---\nLekker.\n`,
  });
  const proposals = createLocalProposals({ repoDir: repo });
  const state = await openTempState();
  stores.push(state);
  const api = makeTestApi({ proposals, ...stateErasure(state) }, repo);
  const erase = (as: string | undefined, json: unknown) => api.request('/api/beheer/wissen', { method: 'POST', ...(as ? { as } : {}), json });
  const head = () => execFileSync('git', ['rev-parse', 'HEAD'], { cwd: repo, encoding: 'utf8' }).trim();
  const tree = () => execFileSync('git', ['ls-tree', '-r', '--name-only', 'HEAD'], { cwd: repo, encoding: 'utf8' });
  return { repo, api, erase, head, tree, proposals, state };
}

describe('POST /api/beheer/wissen', () => {
  it('refuses without login, for a non-editor, bad input, an unknown colleague, oneself and missing hand-over, writing nothing', async () => {
    const s = await setUp();
    const before = s.head();
    const answers = await Promise.all([
      s.erase(undefined, { collega: 'bas-bakker' }),
      s.erase('anouk-de-vries', { collega: 'bas-bakker', overdragenAan: 'mod-koffie' }),
      s.erase('eva-editor', { collega: '../etc' }),
      s.erase('eva-editor', { collega: 'nina-niemand' }),
      s.erase('eva-editor', { collega: 'eva-editor' }),
      s.erase('eva-editor', { collega: 'bas-bakker', overdragenAan: 'nina-niemand' }),
    ]);
    const bodies = await Promise.all(answers.map(async (r) => [r.status, ((await r.json()) as { error: { code: string } }).error.code]));
    expect(bodies).toEqual([[401, expect.any(String)], [403, 'niet_toegestaan'], [422, 'ongeldige_invoer'], [404, 'onbekende_collega'], [422, 'zelf_wissen'], [422, 'ongeldige_opvolger']]);
    const refused = await s.erase('eva-editor', { collega: 'bas-bakker' });
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({ error: { code: 'overdracht_nodig' }, verwijzingen: [{ bestand: 'content/groepen/koffietijd.md', veld: 'moderators.1' }] });
    expect(s.head()).toBe(before);
  });

  it('erases a colleague for an editor in one commit by Plein, hands over their references and deletes their proposals', async () => {
    const s = await setUp();
    await s.proposals.propose({ path: 'content/groepen/koffietijd.md', content: 'x\n', title: 'Voorstel', body: 'Tekst', proposer: { name: 'Bas Bakker', email: 'bas@wadvoort.nl' } });
    await s.state.memberships.join('koffietijd', 'bas-bakker', 'lid');
    await s.state.memberships.join('koffietijd', 'mod-koffie', 'lid');
    // A queued mail to someone else that names them only by name and address (found through the people file), and
    // another colleague's waardering on the comment under their post (which goes with the post).
    const mail = (id: string, text: string) => ({ id, person: 'mod-koffie', kind: 'overzicht', message_id: `<${id}@plein>`, subject: 'Deze week op Plein', html: `<p>${text}</p>`, text, headers: '{}', created_at: 1, attempts: 0, next_attempt_at: 1, sent_at: null, last_error: null });
    await s.state.db.insertInto('mail_queue').values([mail('m1', 'Nieuw van Bas Bakker (bas@wadvoort.nl)'), mail('m2', 'Nieuw van Eva Redacteur')]).execute();
    await s.state.db.insertInto('appreciations').values([{ target_type: 'reactie', target_id: COMMENT, person: 'eva-editor', kind: 'duim', created_at: 1 }]).execute();
    const res = await s.erase('eva-editor', { collega: 'bas-bakker', overdragenAan: 'eva-editor' });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ gewist: true, aantallen: { berichten: 1, reactiesVanAnderen: 1, overgedragenVerwijzingen: 1, vermeldingen: 1, voorstellen: 1 }, statusopslag: 3 });
    expect((await s.state.memberships.list('koffietijd')).map((m) => m.person)).toEqual(['mod-koffie']);
    expect((await s.state.db.selectFrom('mail_queue').select('id').execute()).map((r) => r.id)).toEqual(['m2']);
    expect(await s.state.db.selectFrom('appreciations').selectAll().execute()).toEqual([]);
    expect(execFileSync('git', ['log', '-1', '--format=%an|%s'], { cwd: s.repo, encoding: 'utf8' })).toBe('Plein|Gegevens van een oud-collega verwijderd (AVG art. 17)\n');
    expect(s.tree()).not.toMatch(/bas-bakker|\/berichten\/|\/reacties\//);
    const group = execFileSync('git', ['show', 'HEAD:content/groepen/koffietijd.md'], { cwd: s.repo, encoding: 'utf8' });
    expect(group).toContain('moderators: [ mod-koffie, eva-editor ]');
    expect(group).toContain('Welkom, vraag het een oud-collega.');
    expect(execFileSync('git', ['for-each-ref', 'refs/heads/voorstel/'], { cwd: s.repo, encoding: 'utf8' })).toBe('');
  });

  it('erases one post with the comments under it', async () => {
    const s = await setUp();
    await s.state.db.insertInto('follows').values([{ person: 'mod-koffie', target_type: 'bericht', target_id: POST, state: 1, auto: 1, created_at: 1 }]).execute();
    const res = await s.erase('eva-editor', { bericht: POST });
    expect(await res.json()).toMatchObject({ gewist: true, aantallen: { berichten: 1, reactiesVanAnderen: 1 }, statusopslag: 1 });
    expect(await s.state.db.selectFrom('follows').selectAll().execute()).toEqual([]);
    expect(s.tree()).toContain('content/collegas/bas-bakker.yml');
    expect(s.tree()).not.toMatch(/\/berichten\/|\/reacties\//);
    expect((await s.erase('eva-editor', { bericht: POST })).status).toBe(404);
  });
});
