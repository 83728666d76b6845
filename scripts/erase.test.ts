// `npm run erase` (issue 19) on a temp git repository built from a few fixture files: the CLI itself runs, as an
// operator would run it, so refusals, exit codes and the one commit are what is tested.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { getCommentPath, getPostPath } from '../functions/content/paths.ts';
import { createUlid } from '../functions/lib/ulid.ts';
import { openStateStore } from '../functions/state/open.ts';
import { createLocalProposals } from '../functions/store/local-proposals.ts';
import { makeTempRepo } from '../tests/support/temp-repo.ts';

const ROOT = resolve(import.meta.dirname, '..');
const T = Date.UTC(2026, 10, 20, 9);
const POST_JAN = createUlid(T);
const POST_PIET = createUlid(T + 1000);
const C_PIET_ON_JAN = createUlid(T + 2000);
const C_JAN_ON_PIET = createUlid(T + 3000);
const C_ANOUK_ON_PIET = createUlid(T + 4000);
const photo = (post: string, n: number) => `public/media/berichten/2026/11/${post}-${n}.webp`;

const person = (name: string, email: string, extra = '') => `name: ${name}\njobTitle: Beleidsmedewerker\ndepartment: ict\nemail: ${email}\nstartDate: 2020-01-01\n${extra}`;
const post = (author: string, body: string, extra = '') => `---\nauthor: ${author}\ncreated: 2026-11-20T09:00:00.000Z\n${extra}---\n${body}\n`;
const comment = (author: string, on: string, body: string, extra = '') => `---\nauthor: ${author}\ncreated: 2026-11-20T10:00:00.000Z\non:\n  type: bericht\n  id: ${on}\n${extra}---\n${body}\n`;

function fixture(): string {
  return makeTempRepo({
    'content/collegas/jan-de-vries.yml': person('Jan de Vries', 'jan.devries@wadvoort.nl', 'photo:\n  src: /media/collegas/jan-de-vries.jpg\n  alt: Jan\nphotoConsent: true\n'),
    'content/collegas/piet-bakker.yml': person('Piet Bakker', 'piet@wadvoort.nl'),
    'content/collegas/anouk-smit.yml': person('Anouk Smit', 'anouk@wadvoort.nl'),
    'public/media/collegas/jan-de-vries.jpg': 'jpg',
    'content/afdelingen/ict.yml': 'name: ICT\ndescription: De afdeling ICT en informatievoorziening\nmanager: jan-de-vries\n',
    'content/groepen/koffietijd.md': '---\nname: Koffietijd\ndescription: Alles over koffie en taart\nmoderators:\n  - piet-bakker\n  - jan-de-vries\n---\nGezellig.\n',
    'content/weten-en-regelen/ict/wachtwoord.md': '---\ntitle: Wachtwoord wijzigen\nsummary: Zo wijzig je je wachtwoord veilig.\nowner: jan-de-vries # eigenaar\nreviewedAt: 2026-01-01\n---\nVragen? Mail [Jan de Vries](/collegas/jan-de-vries/) of jan.devries@wadvoort.nl.\n',
    'content/agenda/borrel.md': '---\ntitle: Eindejaarsborrel\nsummary: Samen het jaar afsluiten in de kantine.\nstart: 2026-12-18T16:00:00.000Z\nend: 2026-12-18T19:00:00.000Z\nlocation: Kantine\norganiser: jan-de-vries\n---\nTot dan.\n',
    'content/nieuws/afscheid.md': '---\ntitle: Afscheid van Jan de Vries\nsummary: Na twintig jaar neemt hij afscheid.\ndate: 2026-11-01\nauthor: jan-de-vries\ncategory: personeel\n---\nWe danken JAN DE VRIES voor alles.\n',
    'content/instellingen/site.yml': 'name: Plein\norganisation: Wadvoort\nlogo:\n  src: /media/logo.svg\n  alt: Logo\nnewsTipEmail: nieuws@wadvoort.nl\ngithubTeams:\n  - owner: jan-de-vries\n    team: "@wadvoort/ict"\n',
    [getPostPath(POST_JAN)]: post('jan-de-vries', 'Mijn laatste dag!', `photos:\n  - src: /${photo(POST_JAN, 1).slice('public/'.length)}\n    alt: Taart\n`),
    [photo(POST_JAN, 1)]: 'webp',
    [photo(POST_JAN, 2)]: 'webp',
    [getPostPath(POST_PIET)]: post('piet-bakker', 'Dank @jan-de-vries, en ook Jan de Vries zelf: succes jan-de-vries!'),
    [getCommentPath(C_PIET_ON_JAN)]: comment('piet-bakker', POST_JAN, 'We gaan je missen.'),
    [getCommentPath(C_JAN_ON_PIET)]: comment('jan-de-vries', POST_PIET, 'Dank jullie!'),
    [getCommentPath(C_ANOUK_ON_PIET)]: comment('anouk-smit', POST_PIET, 'Mee eens.', 'hidden:\n  by: jan-de-vries\n  at: 2026-11-21T08:00:00.000Z\n'),
  });
}

/** The state store of each fixture repository: SQLite outside the working tree. */
const stateDirs = new Map<string, string>();
const stateDirOf = (repo: string) => stateDirs.get(repo) ?? stateDirs.set(repo, mkdtempSync(join(tmpdir(), 'plein-erase-state-'))).get(repo)!;

function erase(repo: string, ...args: string[]) {
  const { PLEIN_DATABASE_URL: _ignored, ...rest } = process.env;
  const env = { ...rest, PLEIN_STATE_DIR: stateDirOf(repo) };
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts/erase.ts'), '--repo', repo, ...args], { encoding: 'utf8', env });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
const git = (repo: string, ...args: string[]) => execFileSync('git', args, { cwd: repo, encoding: 'utf8' });
const head = (repo: string) => git(repo, 'rev-parse', 'HEAD').trim();
const files = (repo: string) => git(repo, 'ls-tree', '-r', '--name-only', 'HEAD').split('\n').filter(Boolean);
const show = (repo: string, path: string) => git(repo, 'show', `HEAD:${path}`);

describe('npm run erase', () => {
  it('refuses without --hand-over-to, lists every editorial reference (file: field) and changes nothing', () => {
    const repo = fixture();
    const before = head(repo);
    const r = erase(repo, '--colleague', 'jan-de-vries');
    expect(r.code).toBe(1);
    for (const ref of ['content/afdelingen/ict.yml: manager', 'content/groepen/koffietijd.md: moderators.1', 'content/weten-en-regelen/ict/wachtwoord.md: owner', 'content/agenda/borrel.md: organiser', 'content/nieuws/afscheid.md: author', 'content/instellingen/site.yml: githubTeams.0.owner', `${getCommentPath(C_ANOUK_ON_PIET)}: hidden.by`]) {
      expect(r.err).toContain(ref);
    }
    expect(head(repo)).toBe(before);
    expect(git(repo, 'status', '--porcelain')).toBe('');
  });

  it('refuses an unknown colleague by its id, a successor who is not a colleague, and a tree with uncommitted content', () => {
    const repo = fixture();
    const before = head(repo);
    const unknown = erase(repo, '--colleague', 'niet-bestaand');
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('"niet-bestaand"');
    const successor = erase(repo, '--colleague', 'jan-de-vries', '--hand-over-to', 'jan-de-vries');
    expect(successor.code).toBe(1);
    writeFileSync(join(repo, 'content/groepen/koffietijd.md'), 'half werk\n');
    const dirty = erase(repo, '--colleague', 'jan-de-vries', '--hand-over-to', 'anouk-smit');
    expect(dirty.code).toBe(1);
    expect(dirty.err).toMatch(/niet-vastgelegde wijzigingen/);
    expect(head(repo)).toBe(before);
  });

  it('erases a colleague in one commit by Plein: no file names them, references go to the successor, their proposals go', async () => {
    const repo = fixture();
    const proposal = await createLocalProposals({ repoDir: repo }).propose({ path: 'content/weten-en-regelen/ict/wachtwoord.md', content: 'x\n', title: 'Voorstel', body: 'Tekst', proposer: { name: 'Jan de Vries', email: 'jan.devries@wadvoort.nl' } });
    const other = await createLocalProposals({ repoDir: repo }).propose({ path: 'content/agenda/borrel.md', content: 'y\n', title: 'Ander voorstel', body: 'Tekst', proposer: { name: 'Piet Bakker', email: 'piet@wadvoort.nl' } });
    const state = await openStateStore({ PLEIN_STATE_DIR: stateDirOf(repo) });
    await state.memberships.join('koffietijd', 'jan-de-vries', 'lid');
    await state.memberships.join('koffietijd', 'piet-bakker', 'lid');
    await state.close();
    const before = head(repo);
    const r = erase(repo, '--colleague', 'jan-de-vries', '--hand-over-to', 'anouk-smit', '--json');
    expect(r.code).toBe(0);
    const counts = JSON.parse(r.out);
    expect(counts).toMatchObject({ personFiles: 1, posts: 1, photos: 3, comments: 1, commentsOfOthers: 1, referencesHandedOver: 7, proposalBranches: 1, state: { group_members: 1 }, history: null });
    const after = await openStateStore({ PLEIN_STATE_DIR: stateDirOf(repo) });
    expect((await after.memberships.list('koffietijd')).map((m) => m.person)).toEqual(['piet-bakker']);
    await after.close();

    // One commit on top, by Plein, whose message names nobody.
    expect(git(repo, 'rev-parse', 'HEAD~1').trim()).toBe(before);
    const meta = git(repo, 'log', '-1', '--format=%an <%ae>|%cn|%B');
    expect(meta).toMatch(/^Plein <plein@intranet\.invalid>\|Plein\|/);
    expect(meta).not.toMatch(/jan|vries/i);

    // Their files are gone; others' comments under their post went with it.
    const tree = files(repo);
    for (const gone of ['content/collegas/jan-de-vries.yml', 'public/media/collegas/jan-de-vries.jpg', getPostPath(POST_JAN), photo(POST_JAN, 1), photo(POST_JAN, 2), getCommentPath(C_PIET_ON_JAN), getCommentPath(C_JAN_ON_PIET)]) expect(tree).not.toContain(gone);
    expect(tree).toContain(getPostPath(POST_PIET));
    expect(tree).toContain(getCommentPath(C_ANOUK_ON_PIET));
    // No file in the tree holds the id, the name or the e-mail.
    const grep = (rev: string) => spawnSync('git', ['grep', '-i', '-I', '-E', 'jan-de-vries|jan de vries|jan\\.devries@', rev], { cwd: repo, encoding: 'utf8' });
    expect(grep(before).status).toBe(0);
    expect(grep('HEAD')).toMatchObject({ status: 1, stdout: '' });

    // Mentions became plain words; editorial references went to the successor (a YAML comment survives).
    expect(show(repo, getPostPath(POST_PIET))).toContain('Dank een oud-collega, en ook een oud-collega zelf: succes een oud-collega!');
    expect(show(repo, 'content/weten-en-regelen/ict/wachtwoord.md')).toContain('owner: anouk-smit # eigenaar');
    expect(show(repo, 'content/weten-en-regelen/ict/wachtwoord.md')).toContain('Vragen? Mail een oud-collega of een oud-collega.');
    expect(show(repo, 'content/groepen/koffietijd.md')).toMatch(/moderators:\n {2}- piet-bakker\n {2}- anouk-smit\n/);
    expect(show(repo, 'content/afdelingen/ict.yml')).toContain('manager: anouk-smit');
    expect(show(repo, 'content/agenda/borrel.md')).toContain('organiser: anouk-smit');
    expect(show(repo, 'content/nieuws/afscheid.md')).toMatch(/title: Afscheid van een oud-collega\n[\s\S]*author: anouk-smit[\s\S]*We danken een oud-collega voor alles/);
    expect(show(repo, 'content/instellingen/site.yml')).toContain('- owner: anouk-smit');
    expect(show(repo, getCommentPath(C_ANOUK_ON_PIET))).toContain('by: anouk-smit');

    // Their suggested edit is gone (branch and tracking ref), another's stays.
    const refs = git(repo, 'for-each-ref', '--format=%(refname)');
    expect(refs).not.toContain(proposal.branch);
    expect(refs).toContain(`refs/heads/${other.branch}`);
    expect(refs).toContain(`refs/plein/${other.branch}`);
  });

  it('with --history refuses a dirty tree before anything changes, and otherwise leaves no trace in any reachable object', () => {
    const repo = fixture();
    const before = head(repo);
    writeFileSync(join(repo, 'notities.txt'), 'los bestand\n');
    const dirty = erase(repo, '--colleague', 'jan-de-vries', '--hand-over-to', 'anouk-smit', '--history');
    expect(dirty.code).toBe(1);
    expect(dirty.err).toMatch(/niet zijn vastgelegd/);
    expect(head(repo)).toBe(before);
    execFileSync('rm', [join(repo, 'notities.txt')]);
    const r = erase(repo, '--colleague', 'jan-de-vries', '--hand-over-to', 'anouk-smit', '--history', '--force');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Geschiedenis herschreven en gecontroleerd/);
    const everything = git(repo, 'log', '--all', '-p', '--format=%an %ae %cn %ce %B');
    expect(everything).not.toMatch(/jan-de-vries|jan de vries|jan\.devries@|Mijn laatste dag/i);
  });

  it('erases one post on request: the post, its photos and the comments under it, nothing else', async () => {
    const repo = fixture();
    // Others' rows about the post and its comment (and about a post that stays).
    const seeded = await openStateStore({ PLEIN_STATE_DIR: stateDirOf(repo) });
    const at = T + 5000;
    const note = (id: string, targetId: string, source: string) => ({
      id, person: 'jan-de-vries', kind: 'reactie-op-bericht', actor: 'piet-bakker', target_type: 'bericht', target_id: targetId, title: 'Mijn laatste dag!', text: 'We gaan je missen.',
      url: '/', group_key: id, source, created_at: at, read_at: null, in_app: 1, email: 0, push: 0, mailed_at: null, pushed_at: null,
    });
    await seeded.db.insertInto('appreciations').values([
      { target_type: 'bericht', target_id: POST_JAN, person: 'piet-bakker', kind: 'duim', created_at: at },
      { target_type: 'reactie', target_id: C_PIET_ON_JAN, person: 'anouk-smit', kind: 'hart', created_at: at },
      { target_type: 'bericht', target_id: POST_PIET, person: 'anouk-smit', kind: 'duim', created_at: at },
    ]).execute();
    await seeded.db.insertInto('poll_votes').values([{ post_id: POST_JAN, person: 'anouk-smit', option: 0, created_at: at }]).execute();
    await seeded.db.insertInto('follows').values([{ person: 'piet-bakker', target_type: 'bericht', target_id: POST_JAN, state: 1, auto: 1, created_at: at }]).execute();
    await seeded.db.insertInto('reports').values([{ target_type: 'reactie', target_id: C_PIET_ON_JAN, person: 'anouk-smit', reason: 'spam', note: null, group_id: null, created_at: at, outcome: null, decided_at: null }]).execute();
    await seeded.db.insertInto('notifications').values([note('n1', POST_JAN, `nieuw:reactie:${C_PIET_ON_JAN}`), note('n2', POST_PIET, `nieuw:reactie:${C_JAN_ON_PIET}`)]).execute();
    await seeded.close();

    const r = erase(repo, '--post', POST_JAN, '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ posts: 1, photos: 2, commentsOfOthers: 1 });
    // Every row about the post or its comment went (none points at an item that is gone, none quotes it); the rest stays.
    const after = await openStateStore({ PLEIN_STATE_DIR: stateDirOf(repo) });
    const ids = async (table: 'appreciations' | 'poll_votes' | 'follows' | 'reports' | 'notifications', column: string) => (await after.db.selectFrom(table).select(column as never).execute()).map((row) => Object.values(row)[0]);
    expect(await ids('appreciations', 'target_id')).toEqual([POST_PIET]);
    expect(await ids('poll_votes', 'post_id')).toEqual([]);
    expect(await ids('follows', 'target_id')).toEqual([]);
    expect(await ids('reports', 'target_id')).toEqual([]);
    expect(await ids('notifications', 'id')).toEqual(['n2']);
    await after.close();
    const tree = files(repo);
    for (const gone of [getPostPath(POST_JAN), photo(POST_JAN, 1), photo(POST_JAN, 2), getCommentPath(C_PIET_ON_JAN)]) expect(tree).not.toContain(gone);
    for (const kept of ['content/collegas/jan-de-vries.yml', getPostPath(POST_PIET), getCommentPath(C_JAN_ON_PIET)]) expect(tree).toContain(kept);
    expect(git(repo, 'log', '-1', '--format=%an|%s')).toBe('Plein|Een bericht verwijderd op verzoek (AVG art. 17)\n');
    const unknown = erase(repo, '--post', POST_JAN);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain(POST_JAN);
  });
});
