import { afterAll, describe, expect, it } from 'vitest';
import { makeProposalApi, PAGE_BODY, PAGE_HEAD, REPO_FILES } from '../../../tests/support/proposal-api.ts';
import { startGithubStandin, type GithubStandin, type StandinFaults } from '../../../tests/support/github-standin/server.ts';
import { createGithubClient } from './github-config.ts';
import { createGithubProposals, ERASED_PROPOSAL_BODY } from './github-proposals.ts';
import { createGithubStore } from './github-store.ts';

const standins: GithubStandin[] = [];
afterAll(async () => {
  await Promise.all(standins.map((s) => s.close()));
});

const PAGE = 'content/weten-en-regelen/hr/verlof-aanvragen.mdx';
const proposal = { pagina: 'hr/verlof-aanvragen', tekst: PAGE_BODY.replace('twee weken', 'drie weken'), toelichting: 'De cao zegt sinds 1 juli drie weken.' };

/** The proposal API over the GitHub store and GitHub proposals sharing one client, against a fresh stand-in. */
async function setup(faults: StandinFaults = {}, teams?: string[]) {
  const token = 'ghp_testtoken0123456789';
  const gh = await startGithubStandin({ tokens: [token], files: REPO_FILES, faults, teams });
  standins.push(gh);
  const config = { owner: gh.owner, repo: gh.repo, branch: gh.branch, baseUrl: gh.baseUrl, auth: { token } };
  const warnings: string[] = [];
  const client = createGithubClient(config, { minWriteIntervalMs: 0, retryAfterBaseMs: 20, warn: (m) => warnings.push(m) });
  const store = createGithubStore({ config, client, batchWindowMs: 0, headTtlMs: 0 });
  const proposals = createGithubProposals({ config, client, warn: (m) => warnings.push(m) });
  return { gh: Object.assign(gh, { config, client }), warnings, ...makeProposalApi(store, proposals) };
}

describe('suggest an edit on GitHub (stand-in)', () => {
  it('makes a branch with one commit and a pull request naming the page, the proposer and the owners', async () => {
    const { gh, request } = await setup();
    const main = await gh.git.getRef('main');
    const res = await request('/api/voorstellen', { method: 'POST', as: 'anouk-de-vries', json: proposal });
    expect(res.status).toBe(201);
    const { voorstel } = (await res.json()) as { voorstel: { branch: string; commit: string; url: string; nummer: number } };
    expect(voorstel.url).toBe(`https://github.invalid/${gh.owner}/${gh.repo}/pull/${voorstel.nummer}`);
    // The branch is a real ref in the bare repository, one commit on top of main, which did not move.
    expect(await gh.git.getRef(voorstel.branch)).toBe(voorstel.commit);
    expect(await gh.git.getRef('main')).toBe(main);
    const commit = await gh.git.readCommit(voorstel.commit);
    expect(commit.parents).toEqual([main]);
    expect(commit.author).toMatchObject({ name: 'Plein', email: 'plein@intranet.invalid' });
    expect(commit.message).toMatch(/^Voorstel: Verlof aanvragen\n\nDe cao zegt sinds 1 juli drie weken\.\n/);
    expect(commit.message.trimEnd().endsWith(`\n\nPlein-Voorstel: ${voorstel.branch} ${PAGE}\nCo-authored-by: Anouk de Vries <anouk@wadvoort.nl>`)).toBe(true);
    expect((await gh.git.diff(main!, voorstel.commit)).map((f) => f.path)).toEqual([PAGE]);
    expect((await gh.git.readBlob((await gh.git.blobAt(voorstel.commit, PAGE))!)).toString('utf8')).toBe(PAGE_HEAD + proposal.tekst);
    const [pull] = gh.pulls();
    expect(pull).toMatchObject({ number: voorstel.nummer, title: 'Voorstel: Verlof aanvragen', head: voorstel.branch, base: 'main', state: 'open', teamReviewers: ['hr'] });
    expect(pull.body).toContain('De cao zegt sinds 1 juli drie weken.');
    expect(pull.body).toContain('Voorgesteld door Anouk de Vries <anouk@wadvoort.nl>');
    expect(pull.body).toContain('(`hr/verlof-aanvragen`)');
    expect(pull.body).toContain('Eigenaar: HR <hr@wadvoort.nl> (@wadvoort/hr)');
    expect(await gh.git.fsck()).toBe('');
  });

  it('ends with exactly one branch and one pull request through 502s and secondary rate limits', async () => {
    const { gh, request } = await setup({ badGatewayEvery: 3, secondaryLimitEvery: 2, retryAfter: 0 });
    const res = await request('/api/voorstellen', { method: 'POST', as: 'bas-bakker', json: proposal, headers: { 'idempotency-key': 'k' } });
    expect(res.status).toBe(201);
    expect(gh.stats.faultsInjected).toBeGreaterThan(0);
    expect(gh.pulls()).toHaveLength(1);
    expect((await gh.git.git(['for-each-ref', '--format=%(refname)', 'refs/heads/voorstel/'])).trim().split('\n')).toHaveLength(1);
    expect(await gh.git.fsck()).toBe('');
  });

  it('finds the branch and pull request of a keyed request after a restart instead of opening a second one', async () => {
    const { gh, request } = await setup();
    const send = (r: typeof request) => r('/api/voorstellen', { method: 'POST', as: 'bas-bakker', json: proposal, headers: { 'idempotency-key': 'herstart' } });
    const first = (await (await send(request)).json()) as { voorstel: object };
    const store = createGithubStore({ config: gh.config, client: gh.client, batchWindowMs: 0, headTtlMs: 0 });
    const restarted = makeProposalApi(store, createGithubProposals({ config: gh.config, client: gh.client }));
    const again = await send(restarted.request);
    expect(again.status).toBe(201);
    expect(((await again.json()) as { voorstel: object }).voorstel).toEqual(first.voorstel);
    expect(gh.pulls()).toHaveLength(1);
    expect((await gh.git.git(['for-each-ref', '--format=%(refname)', 'refs/heads/voorstel/'])).trim().split('\n')).toHaveLength(1);
  });

  it('asks the team of a colleague-owned page’s department, skips other organisations’ teams, and keeps the pull request when a team cannot be asked', async () => {
    const { gh, request, warnings } = await setup({}, ['communicatie']);
    const res = await request('/api/voorstellen', { method: 'POST', as: 'bas-bakker', json: { pagina: 'hr/ziek-melden', tekst: 'Bel voor half negen.\n', toelichting: 'Tijd klopt niet.' } });
    // Anouk de Vries owns the page; her department HR has the team @wadvoort/hr, which this repository does not know.
    expect(res.status).toBe(201);
    expect(gh.pulls()).toHaveLength(1);
    expect(gh.pulls()[0].teamReviewers).toEqual([]);
    expect(gh.pulls()[0].body).toContain('Eigenaar: Anouk de Vries <anouk@wadvoort.nl> (@wadvoort/hr)');
    expect(warnings.join('\n')).toMatch(/Reviewers \(hr\) konden niet worden gevraagd voor voorstel #1/);
    const proposals = createGithubProposals({ config: gh.config, client: gh.client, warn: (m) => warnings.push(m) });
    await proposals.propose({ path: PAGE, content: 'x\n', title: 't', body: 'b', proposer: { name: 'A', email: 'a@x.nl' }, reviewers: { teams: ['@andere-org/communicatie', '@wadvoort/communicatie'] } });
    expect(gh.pulls()[1].teamReviewers).toEqual(['communicatie']);
  });

  it('names the proposals whose pull request was closed unmerged since a moment, by their commit (for the post-build check)', async () => {
    const { gh, request } = await setup();
    const make = async (as: string) => ((await (await request('/api/voorstellen', { method: 'POST', as, json: proposal })).json()) as { voorstel: { branch: string; nummer: number } }).voorstel;
    const [early, closed, merged, open] = [await make('anouk-de-vries'), await make('anouk-de-vries'), await make('bas-bakker'), await make('bas-bakker')];
    const t = Date.UTC(2026, 11, 7, 9);
    await gh.closePull(early.nummer, { at: new Date(t - 60_000) });
    await gh.closePull(closed.nummer, { at: new Date(t + 60_000) });
    await gh.closePull(merged.nummer, { merged: true, at: new Date(t + 120_000) });
    const proposals = createGithubProposals({ config: gh.config, client: gh.client });
    const found = await proposals.closedSince!(t);
    expect(found).toHaveLength(1);
    expect(found[0].message).toContain(`Plein-Voorstel: ${closed.branch} ${PAGE}\nCo-authored-by: Anouk de Vries <anouk@wadvoort.nl>`);
    expect(open.branch).toMatch(/^voorstel\//);
    const bad = createGithubProposals({ config: { ...gh.config, auth: { token: 'ghp_wrongtoken0000000000' } }, client: createGithubClient({ ...gh.config, auth: { token: 'ghp_wrongtoken0000000000' } }, { retries: 0, warn: () => {} }) });
    await expect(bad.closedSince!(t)).rejects.toThrow(/\(401\)/);
  });

  it('reads back page by page to the moment asked: a closing behind a page of newer closed pull requests is still found', async () => {
    const { gh } = await setup();
    // Pages of 2 instead of GitHub's 50: the closing asked for is on the third page.
    const proposals = createGithubProposals({ config: gh.config, client: gh.client, closedPageSize: 2 });
    const make = (email: string) => proposals.propose({ path: PAGE, content: `${PAGE_HEAD}${PAGE_BODY}\n`, title: 'Voorstel', body: 'Tekst', proposer: { name: 'Iemand', email } });
    const t = Date.UTC(2026, 11, 7, 9);
    const [old, target, ...newer] = [await make('oud@wadvoort.nl'), await make('anouk@wadvoort.nl'), await make('bas@wadvoort.nl'), await make('bas@wadvoort.nl'), await make('bas@wadvoort.nl'), await make('bas@wadvoort.nl')];
    await gh.closePull(old.number!, { at: new Date(t - 1000) });
    await gh.closePull(target.number!, { at: new Date(t + 1000) });
    for (const [i, p] of newer.entries()) await gh.closePull(p.number!, { at: new Date(t + 2000 + i) });
    const found = await proposals.closedSince!(t);
    expect(found).toHaveLength(5);
    expect(found.filter((f) => f.message.includes('<anouk@wadvoort.nl>'))).toHaveLength(1);
    expect(found.some((f) => f.message.includes('<oud@wadvoort.nl>'))).toBe(false);
  });

  it('erases a colleague’s proposals (issue 19): their branches go, their pull requests are closed without their text; another’s stay', async () => {
    const { gh, request } = await setup();
    const make = async (as: string) => ((await (await request('/api/voorstellen', { method: 'POST', as, json: proposal })).json()) as { voorstel: { branch: string; nummer: number } }).voorstel;
    const [open, closed, other] = [await make('anouk-de-vries'), await make('anouk-de-vries'), await make('bas-bakker')];
    await gh.closePull(closed.nummer);
    // A closed pull request whose branch GitHub kept: restore the branch at its head.
    await gh.git.updateRef(closed.branch, gh.pulls()[closed.nummer - 1].headSha, '0'.repeat(40));
    const proposals = createGithubProposals({ config: gh.config, client: gh.client });
    expect(await proposals.eraseProposer!('ANOUK@wadvoort.nl')).toBe(2);
    expect(await gh.git.getRef(open.branch)).toBeUndefined();
    expect(await gh.git.getRef(closed.branch)).toBeUndefined();
    expect(await gh.git.getRef(other.branch)).toBeDefined();
    const pulls = gh.pulls();
    for (const mine of [open, closed]) expect(pulls[mine.nummer - 1]).toMatchObject({ state: 'closed', body: ERASED_PROPOSAL_BODY });
    expect(pulls[other.nummer - 1]).toMatchObject({ state: 'open', body: expect.stringContaining('Voorgesteld door Bas Bakker') });
    expect(JSON.stringify(pulls)).not.toMatch(/anouk/i);
    expect(await proposals.eraseProposer!('anouk@wadvoort.nl')).toBe(0);
  });

  it('writes nothing when GitHub refuses the login', async () => {
    const { gh } = await setup();
    const config = { ...gh.config, auth: { token: 'ghp_wrongtoken0000000000' } };
    const bad = createGithubProposals({ config, client: createGithubClient(config, { retries: 0, warn: () => {} }), warn: () => {} });
    const refs = await gh.git.git(['for-each-ref']);
    await expect(bad.propose({ path: PAGE, content: 'x\n', title: 't', body: 'b', proposer: { name: 'A', email: 'a@x.nl' } })).rejects.toThrow(/mislukt \(401\)/);
    expect(await gh.git.git(['for-each-ref'])).toBe(refs);
    expect(gh.pulls()).toHaveLength(0);
  });
});
