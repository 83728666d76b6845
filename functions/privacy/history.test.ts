// The history rewrite on real temporary repositories with git-filter-repo: the person's files, name, e-mail and id
// leave every commit, message, header and tag, the verification and an independent search agree, the printed push
// commands really replace a remote's history, and refusals change nothing.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync, mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { rewriteHistory, HistoryError, NEUTRAL_IDENTITY } from './history.ts';
import { verifyHistory } from './history-verify.ts';
import { describePushCommands } from './history-steps.ts';

const PERSON = { id: 'pjansen', name: 'Piet Jansen', email: 'piet.jansen@gemeente.example' };
const NEEDLES = [PERSON.id, PERSON.name, PERSON.email];
const THEIR_FILES = ['content/posts/2026-01-05-pjansen-fietsen.md', 'content/fotos/pjansen'];
const ANN = { GIT_AUTHOR_NAME: 'Ann de Vries', GIT_AUTHOR_EMAIL: 'ann@gemeente.example', GIT_COMMITTER_NAME: 'Plein', GIT_COMMITTER_EMAIL: 'plein@gemeente.example' };
const PIET = { ...ANN, GIT_AUTHOR_NAME: PERSON.name, GIT_AUTHOR_EMAIL: PERSON.email };

const roots: string[] = [];
afterAll(() => roots.forEach((root) => rmSync(root, { recursive: true, force: true })));

function git(cwd: string, args: string[], env: Record<string, string> = ANN): string {
  return execFileSync('git', args, { cwd, env: { ...process.env, ...env }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

function write(repo: string, path: string, text: string) {
  mkdirSync(dirname(join(repo, path)), { recursive: true });
  writeFileSync(join(repo, path), text);
}

function commit(repo: string, message: string, env: Record<string, string> = ANN) {
  git(repo, ['add', '-A'], env);
  git(repo, ['commit', '-q', '-m', message], env);
}

/** A content repository whose history names Piet Jansen everywhere: as author, in messages, trailers, files and a tag. */
function makeRepository(): { root: string; repo: string } {
  const root = mkdtempSync(join(tmpdir(), 'plein-history-test-'));
  roots.push(root);
  const repo = join(root, 'work');
  execFileSync('git', ['init', '-q', '-b', 'main', repo]);
  write(repo, 'content/nieuws/welkom.md', '# Welkom\n\nHet nieuwe intranet.\n');
  commit(repo, 'Nieuws: welkom');
  write(repo, THEIR_FILES[0], '---\nauteur: pjansen\n---\nWie fietst er mee naar het werk?\n');
  write(repo, `${THEIR_FILES[1]}/fiets.jpg`, 'JPEG bytes van Piet Jansen');
  write(repo, 'content/groepen/fietsclub.md', '# Fietsclub\n\nOpgericht door Piet Jansen.\n');
  commit(repo, 'Bericht op de tijdlijn', PIET);
  write(repo, 'content/posts/2026-01-06-reactie.md', `---\nauteur: ann\n---\nGoed plan @pjansen! Mail ${PERSON.email}.\n`);
  commit(repo, `Bericht van Piet Jansen\n\nCo-authored-by: ${PERSON.name} <${PERSON.email}>`);
  git(repo, ['tag', '-a', 'v1', '-m', 'Uitgave met de fietsclub van Piet Jansen'], { ...ANN, GIT_COMMITTER_NAME: PERSON.name, GIT_COMMITTER_EMAIL: PERSON.email });
  git(repo, ['checkout', '-q', '-b', 'voorstel/01J0ABC']);
  write(repo, 'content/groepen/fietsclub.md', '# Fietsclub\n\nOpgericht door PIET JANSEN, zie ook pjansen.\n');
  commit(repo, 'Voorstel: fietsclub');
  git(repo, ['checkout', '-q', 'main']);
  // The erase commit: their files gone, mentions replaced — the old versions are still in history.
  rmSync(join(repo, THEIR_FILES[0]));
  rmSync(join(repo, THEIR_FILES[1]), { recursive: true });
  write(repo, 'content/groepen/fietsclub.md', '# Fietsclub\n\nOpgericht door een oud-collega.\n');
  write(repo, 'content/posts/2026-01-06-reactie.md', '---\nauteur: ann\n---\nGoed plan een oud-collega!\n');
  commit(repo, 'Verwijderd op verzoek (AVG)');
  return { root, repo };
}

/** An independent search: every commit with its patch on every ref, every object in the store, every ref name. */
function findNeedles(repo: string): string[] {
  const text = [
    git(repo, ['log', '--all', '--reflog', '-p', '--format=fuller']),
    git(repo, ['cat-file', '--batch-all-objects', '--batch']),
    git(repo, ['for-each-ref', '--format=%(refname) %(taggername) %(taggeremail) %(contents)']),
  ].join('\n').toLowerCase();
  return NEEDLES.filter((needle) => text.includes(needle.toLowerCase()));
}

const options = (repo: string, extra: { force?: boolean } = {}) => ({
  repo,
  paths: THEIR_FILES,
  needles: NEEDLES,
  mailmap: [{ name: PERSON.name, email: PERSON.email }],
  ...extra,
});

describe('rewriteHistory', () => {
  it('erases a person from a fresh clone, verifies it, and its push commands replace the remote history', async () => {
    const { root, repo } = makeRepository();
    const origin = join(root, 'origin.git');
    execFileSync('git', ['clone', '-q', '--bare', repo, origin]);
    const clone = join(root, 'clone');
    execFileSync('git', ['clone', '-q', '--no-local', origin, clone]);
    expect(findNeedles(clone)).toEqual(NEEDLES);

    const result = await rewriteHistory(options(clone));

    expect(result.verification).toMatchObject({ ok: true, findings: [] });
    expect(result.verification.objectsChecked).toBeGreaterThan(10);
    expect(findNeedles(clone)).toEqual([]);
    // What stays reads naturally, and the identities are neutral.
    const log = git(clone, ['log', '--all', '--format=%an <%ae>|%s|%b']);
    expect(log).toContain('Bericht van een oud-collega');
    expect(log).toContain(`Co-authored-by: een oud-collega <${NEUTRAL_IDENTITY.email}>`);
    expect(log).toContain(`${NEUTRAL_IDENTITY.name} <${NEUTRAL_IDENTITY.email}>|Bericht op de tijdlijn`);
    expect(git(clone, ['cat-file', '-p', 'v1'])).toContain(`tagger ${NEUTRAL_IDENTITY.name} <${NEUTRAL_IDENTITY.email}>`);
    expect(git(clone, ['log', '--all', '--format=%H', '--', THEIR_FILES[0], THEIR_FILES[1]])).toBe('');
    // git-filter-repo removed origin; it is back, and the printed commands push the new history over the old.
    expect(result.remoteRestored).toBe(origin);
    expect(git(clone, ['remote', 'get-url', 'origin']).trim()).toBe(origin);
    expect(git(clone, ['config', '--get-all', 'branch.main.merge']).trim()).toBe('refs/heads/main');
    const pushes = result.nextSteps.split('\n').map((line) => line.trim()).filter((line) => line.startsWith('git push origin'));
    expect(pushes.join('\n')).toMatch(/--force-with-lease=refs\/heads\/main:[0-9a-f]{40}/);
    for (const push of pushes) git(clone, push.split(' ').slice(1));
    expect(git(origin, ['log', '--all', '-p', '--format=fuller']).toLowerCase()).not.toContain('jansen');
    expect(git(origin, ['rev-parse', 'voorstel/01J0ABC'])).toBe(git(clone, ['rev-parse', 'voorstel/01J0ABC']));
    // The old ids the steps tell GitHub Support about are there; the marker that would skip the fresh-clone check is not.
    expect(readFileSync(join(clone, '.git/filter-repo/commit-map'), 'utf8')).toMatch(/^[0-9a-f]{40} [0-9a-f]{40}$/m);
    expect(existsSync(join(clone, '.git/filter-repo/already_ran'))).toBe(false);
    expect(result.nextSteps).toMatch(/branchbeveiliging/);
    expect(result.nextSteps).toMatch(/GitHub Support/);
    expect(result.nextSteps).toMatch(/Cloudflare Pages/);
    expect(result.nextSteps).toMatch(/opnieuw clonen/);
  });

  it('outside a fresh clone explains that --force is needed and changes nothing; with force it rewrites', async () => {
    const { repo } = makeRepository();
    const refs = git(repo, ['for-each-ref']);

    const refused = await rewriteHistory(options(repo)).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(HistoryError);
    expect(refused).toMatchObject({ code: 'force-nodig', message: expect.stringContaining('--force') });
    expect(git(repo, ['for-each-ref'])).toBe(refs);

    const result = await rewriteHistory(options(repo, { force: true }));
    expect(result.verification.ok).toBe(true);
    expect(findNeedles(repo)).toEqual([]);
    expect(result.remoteRestored).toBeNull();
    expect(result.nextSteps).toContain('git ls-remote origin');
  });

  it('refuses a working tree with uncommitted changes and leaves HEAD and the change alone', async () => {
    const { repo } = makeRepository();
    const head = git(repo, ['rev-parse', 'HEAD']);
    write(repo, 'content/nieuws/welkom.md', 'half af\n');

    await expect(rewriteHistory(options(repo, { force: true }))).rejects.toMatchObject({ code: 'werkmap-niet-schoon', message: expect.stringContaining('niet zijn vastgelegd') });
    expect(git(repo, ['rev-parse', 'HEAD'])).toBe(head);
    expect(readFileSync(join(repo, 'content/nieuws/welkom.md'), 'utf8')).toBe('half af\n');
  });

  it('throws with the findings when something still names the person, such as a file name left out of the paths', async () => {
    const { repo } = makeRepository();
    expect((await verifyHistory(repo, NEEDLES)).findings.map((finding) => finding.type).sort()).toEqual(expect.arrayContaining(['blob', 'commit', 'tag', 'tree']));

    const error = await rewriteHistory({ ...options(repo, { force: true }), paths: [THEIR_FILES[0]] }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'verificatie-mislukt' });
    expect((error as HistoryError).verification?.findings).toEqual([expect.objectContaining({ type: 'tree', needleIndex: 0 })]);
  });

  it('refuses needles that would rewrite everything and paths outside the repository', async () => {
    const { repo } = makeRepository();
    await expect(rewriteHistory({ ...options(repo), needles: ['pj'] })).rejects.toMatchObject({ code: 'ongeldige-invoer' });
    await expect(rewriteHistory({ ...options(repo), paths: ['../elders'] })).rejects.toMatchObject({ code: 'ongeldige-invoer' });
  });

  it('says how to install git-filter-repo when it is missing', async () => {
    const { root, repo } = makeRepository();
    const bin = join(root, 'bin');
    mkdirSync(bin);
    execFileSync('ln', ['-s', execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim(), join(bin, 'git')]);
    const path = process.env.PATH;
    process.env.PATH = bin;
    try {
      await expect(rewriteHistory(options(repo))).rejects.toMatchObject({ code: 'filter-repo-ontbreekt', message: expect.stringContaining('apt-get install git-filter-repo') });
    } finally {
      process.env.PATH = path;
    }
  });

  it('leases each push on the id the remote had and deletes a branch the rewrite emptied', () => {
    const [old, local, tag] = ['a', 'b', 'c'].map((c) => c.repeat(40));
    const commands = describePushCommands({
      remoteUrl: 'git@github.com:gemeente/intranet.git',
      remoteBranchesBefore: new Map([['main', old], ['voorstel/01J', local]]),
      tagsBefore: new Map([['v1', tag]]),
      branchesAfter: new Set(['main', 'lokaal']),
      tagsAfter: new Set(),
    });
    expect(commands).toEqual([
      `git push origin --all --force-with-lease=refs/heads/main:${old}`,
      `git push origin --force-with-lease=refs/heads/voorstel/01J:${local} :refs/heads/voorstel/01J`,
      'git push origin --tags',
      `git push origin --force-with-lease=refs/tags/v1:${tag} :refs/tags/v1`,
    ]);
  });
});
