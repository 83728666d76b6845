import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRateLimiter } from '../lib/rate-limit.ts';
import { makeLocalProposalApi, makeProposalApi, PAGE_BODY, PAGE_HEAD, REPO_FILES } from '../../tests/support/proposal-api.ts';
import { createLocalProposals } from '../store/local-proposals.ts';

const PAGE = 'content/weten-en-regelen/hr/verlof-aanvragen.mdx';
const git = (repo: string, ...args: string[]) => execFileSync('git', args, { cwd: repo, encoding: 'utf8' });
const newBody = PAGE_BODY.replace('twee weken', 'drie weken');
const proposal = { pagina: 'hr/verlof-aanvragen', tekst: newBody, toelichting: 'De cao zegt sinds 1 juli drie weken.' };

/** Everything a proposal could disturb: refs, the checked-out branch, the index and the working tree. */
function snapshot(repo: string) {
  return {
    refs: git(repo, 'for-each-ref', '--format=%(refname) %(objectname)'),
    head: git(repo, 'symbolic-ref', 'HEAD'),
    index: readFileSync(join(repo, '.git', 'index')).toString('base64'),
    status: git(repo, 'status', '--porcelain', '--untracked-files=all'),
    page: readFileSync(join(repo, PAGE), 'utf8'),
  };
}

describe('GET /api/voorstellen/bron', () => {
  it('returns the current body and title of a page, and who owns it', async () => {
    const { request } = makeLocalProposalApi();
    const res = await request('/api/voorstellen/bron?pagina=hr/verlof-aanvragen', { as: 'bas-bakker' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ pagina: 'hr/verlof-aanvragen', titel: 'Verlof aanvragen', tekst: PAGE_BODY, eigenaar: { naam: 'HR', email: 'hr@wadvoort.nl' } });
  });

  it('reads the store, so a change committed after the build is what the employee edits', async () => {
    const { request, store } = makeLocalProposalApi();
    await store.commit({ writes: [{ path: PAGE, content: PAGE_HEAD + 'Nieuw.\n' }], message: 'x', author: { name: 'E', email: 'e@x.nl' } });
    const res = await request('/api/voorstellen/bron?pagina=hr/verlof-aanvragen', { as: 'bas-bakker' });
    expect(((await res.json()) as { tekst: string }).tekst).toBe('Nieuw.\n');
  });

  it.each([
    ['no login', 'hr/verlof-aanvragen', undefined, 401],
    ['an unknown page', 'hr/bestaat-niet', 'bas-bakker', 404],
    ['a path', '../../etc/passwd', 'bas-bakker', 422],
    ['no page', '', 'bas-bakker', 422],
  ])('refuses %s', async (_name, pagina, as, status) => {
    const { request } = makeLocalProposalApi();
    const res = await request(`/api/voorstellen/bron?pagina=${encodeURIComponent(pagina)}`, { as });
    expect(res.status).toBe(status);
    expect(((await res.json()) as { error: { message: string } }).error.message.length).toBeGreaterThan(10);
  });
});

describe('POST /api/voorstellen on the local git store', () => {
  it('creates branch voorstel/<ulid> with one commit; main, the index and the working tree stay as they were', async () => {
    const { request, repo } = makeLocalProposalApi();
    const before = snapshot(repo);
    const main = git(repo, 'rev-parse', 'main').trim();
    const res = await request('/api/voorstellen', { method: 'POST', as: 'anouk-de-vries', json: proposal });
    expect(res.status).toBe(201);
    const { voorstel } = (await res.json()) as { voorstel: { branch: string; commit: string; url?: string } };
    expect(voorstel.branch).toMatch(/^voorstel\/[0-9a-hjkmnp-tv-z]{26}$/);
    expect(voorstel.url).toBeUndefined();
    const after = snapshot(repo);
    // The branch, and the ref that remembers the proposal until the post-build check sees it decided.
    expect(after.refs).toBe(before.refs + `refs/heads/${voorstel.branch} ${voorstel.commit}\nrefs/plein/${voorstel.branch} ${voorstel.commit}\n`);
    expect({ ...after, refs: '' }).toEqual({ ...before, refs: '' });
    expect(git(repo, 'rev-parse', `${voorstel.branch}^`).trim()).toBe(main);
    expect(git(repo, 'diff', '--name-only', main, voorstel.branch)).toBe(`${PAGE}\n`);
    // Front matter byte for byte, only the body replaced.
    expect(git(repo, 'show', `${voorstel.branch}:${PAGE}`)).toBe(PAGE_HEAD + newBody);
    const message = git(repo, 'log', '-1', '--format=%an <%ae>%n%B', voorstel.branch);
    expect(message).toMatch(/^Plein <plein@intranet\.invalid>\nVoorstel: Verlof aanvragen\n/);
    expect(message).toContain('De cao zegt sinds 1 juli drie weken.');
    expect(message).toContain('Pagina: [Verlof aanvragen](https://plein.wadvoort.nl/weten-en-regelen/hr/verlof-aanvragen/)');
    expect(message).toContain('Eigenaar: HR <hr@wadvoort.nl> (@wadvoort/hr)');
    expect(git(repo, 'log', '-1', '--format=%(trailers:key=Co-authored-by,valueonly)', voorstel.branch).trim()).toBe('Anouk de Vries <anouk@wadvoort.nl>');
    expect(git(repo, 'log', '-1', '--format=%(trailers:key=Plein-Voorstel,valueonly)', voorstel.branch).trim()).toBe(`${voorstel.branch} ${PAGE}`);
    expect(git(repo, 'fsck', '--no-progress', '--strict')).toBe('');
  });

  it('runs beside the store’s own commits without disturbing them', async () => {
    const { request, repo, store } = makeLocalProposalApi();
    const posts = Array.from({ length: 5 }, (_, i) => store.commit({ writes: [{ path: `content/berichten/${i}.md`, content: `bericht ${i}\n` }], message: `b${i}`, author: { name: 'E', email: 'e@x.nl' } }));
    const proposals = Array.from({ length: 3 }, () => request('/api/voorstellen', { method: 'POST', as: 'bas-bakker', json: proposal }));
    await Promise.all(posts);
    expect((await Promise.all(proposals)).map((r) => r.status)).toEqual([201, 201, 201]);
    expect(git(repo, 'status', '--porcelain', '--untracked-files=all')).toBe('');
    expect(git(repo, 'ls-tree', '-r', '--name-only', 'main', 'content/berichten').trim().split('\n')).toHaveLength(5);
    expect(git(repo, 'branch', '--list', 'voorstel/*').trim().split('\n')).toHaveLength(3);
    expect(git(repo, 'fsck', '--no-progress', '--strict')).toBe('');
  });

  it('keeps the body’s leading blank line and ends it with one newline; CRLF becomes LF', async () => {
    const { request, repo } = makeLocalProposalApi();
    const res = await request('/api/voorstellen', { method: 'POST', as: 'bas-bakker', json: { ...proposal, tekst: newBody.replace(/\n/g, '\r\n') + '\r\n\r\n' } });
    const { voorstel } = (await res.json()) as { voorstel: { branch: string } };
    expect(git(repo, 'show', `${voorstel.branch}:${PAGE}`)).toBe(PAGE_HEAD + newBody);
  });

  it('works for a .md page owned by a colleague, and gives each proposal its own branch', async () => {
    const { request, repo } = makeLocalProposalApi();
    const send = () => request('/api/voorstellen', { method: 'POST', as: 'bas-bakker', json: { pagina: 'hr/ziek-melden', tekst: 'Bel voor half negen.\n', toelichting: 'Tijd klopt niet.' } });
    const [a, b] = await Promise.all([send(), send()]);
    const branches = await Promise.all([a, b].map(async (r) => ((await r.json()) as { voorstel: { branch: string } }).voorstel.branch));
    expect(new Set(branches).size).toBe(2);
    for (const branch of branches) {
      expect(git(repo, 'show', `${branch}:content/weten-en-regelen/hr/ziek-melden.md`)).toBe(REPO_FILES['content/weten-en-regelen/hr/ziek-melden.md'].replace('Bel voor negen uur.', 'Bel voor half negen.'));
      expect(git(repo, 'log', '-1', '--format=%B', branch)).toContain('Eigenaar: Anouk de Vries <anouk@wadvoort.nl> (@wadvoort/hr)');
    }
  });

  it('accepts a component the page renders, and names the line of a syntax error', async () => {
    const { request } = makeLocalProposalApi();
    const ok = await request('/api/voorstellen', { method: 'POST', as: 'bas-bakker', json: { ...proposal, tekst: `${newBody}\n<ContactCard person="anouk-de-vries" />\n` } });
    expect(ok.status).toBe(201);
    const bad = await request('/api/voorstellen', { method: 'POST', as: 'bas-bakker', json: { ...proposal, tekst: 'Regel een.\n\nRegel twee <Callout>\n' } });
    expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(/^De opmaak klopt niet op regel 3, teken \d+:/);
  });

  it('answers a retried Idempotency-Key with the first proposal instead of a second branch', async () => {
    const { request, repo } = makeLocalProposalApi();
    const send = () => request('/api/voorstellen', { method: 'POST', as: 'bas-bakker', json: proposal, headers: { 'idempotency-key': 'v-1' } });
    const answers = await Promise.all([send(), send()]);
    const third = await send();
    const branches = await Promise.all([...answers, third].map(async (r) => (expect(r.status).toBe(201), ((await r.json()) as { voorstel: { branch: string } }).voorstel.branch)));
    expect(new Set(branches).size).toBe(1);
    expect(git(repo, 'branch', '--list', 'voorstel/*').trim().split('\n')).toHaveLength(1);
  });

  it('finds the first proposal after a restart too: the key names the branch, so no second one is made', async () => {
    const first = makeLocalProposalApi();
    const send = (api: typeof first, as = 'bas-bakker') => api.request('/api/voorstellen', { method: 'POST', as, json: proposal, headers: { 'idempotency-key': 'na-herstart' } });
    const before = (await (await send(first)).json()) as { voorstel: { branch: string; commit: string } };
    // A new API over the same repository has an empty memory, like a restarted server.
    const restarted = { ...first, ...makeProposalApi(first.store, createLocalProposals({ repoDir: first.repo })) };
    const again = await send(restarted);
    expect(again.status).toBe(201);
    expect(((await again.json()) as { voorstel: unknown }).voorstel).toEqual(before.voorstel);
    expect(git(first.repo, 'branch', '--list', 'voorstel/*').trim().split('\n')).toHaveLength(1);
    // The same key from another colleague is another request.
    const other = (await (await send(restarted, 'anouk-de-vries')).json()) as { voorstel: { branch: string } };
    expect(other.voorstel.branch).not.toBe(before.voorstel.branch);
  });

  it('answers 429 with Retry-After past the per-person limit, and makes no branch', async () => {
    const { request, repo } = makeLocalProposalApi({ limiter: createRateLimiter({ voorstel: [{ max: 1, windowMs: 3_600_000 }] }) });
    expect((await request('/api/voorstellen', { method: 'POST', as: 'bas-bakker', json: proposal })).status).toBe(201);
    const before = snapshot(repo);
    const res = await request('/api/voorstellen', { method: 'POST', as: 'bas-bakker', json: proposal });
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(3000);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/te veel wijzigingen voor/);
    expect(snapshot(repo)).toEqual(before);
    expect((await request('/api/voorstellen', { method: 'POST', as: 'anouk-de-vries', json: proposal })).status).toBe(201);
  });

  it.each([
    ['no login', undefined, proposal, 401, 'niet_ingelogd'],
    ['unchanged text', 'bas-bakker', { ...proposal, tekst: PAGE_BODY }, 422, 'ongewijzigd'],
    ['unchanged text but for trailing space', 'bas-bakker', { ...proposal, tekst: PAGE_BODY + '  \n\n' }, 422, 'ongewijzigd'],
    ['an empty explanation', 'bas-bakker', { ...proposal, toelichting: '   ' }, 422, 'ongeldige_invoer'],
    ['no explanation', 'bas-bakker', { pagina: proposal.pagina, tekst: newBody }, 422, 'ongeldige_invoer'],
    ['an empty text', 'bas-bakker', { ...proposal, tekst: '\n \n' }, 422, 'ongeldige_invoer'],
    ['an unknown page', 'bas-bakker', { ...proposal, pagina: 'hr/bestaat-niet' }, 404, 'pagina_onbekend'],
    ['a path as page', 'bas-bakker', { ...proposal, pagina: '../../.git/config' }, 422, 'ongeldige_invoer'],
    ['a file name as page', 'bas-bakker', { ...proposal, pagina: 'hr/verlof-aanvragen.mdx' }, 422, 'ongeldige_invoer'],
    ['an extra field', 'bas-bakker', { ...proposal, pad: 'README.md' }, 422, 'ongeldige_invoer'],
    ['a page whose front matter is broken', 'bas-bakker', { ...proposal, pagina: 'hr/kapot' }, 409, 'onleesbaar'],
    ['a text past 100,000 characters', 'bas-bakker', { ...proposal, tekst: 'x'.repeat(100_001) }, 422, 'ongeldige_invoer'],
    ['an explanation past 2,000 characters', 'bas-bakker', { ...proposal, toelichting: 'x'.repeat(2001) }, 422, 'ongeldige_invoer'],
    ['a bidi override', 'bas-bakker', { ...proposal, tekst: newBody + '\u202E' }, 422, 'ongeldige_invoer'],
    ['an MDX expression', 'bas-bakker', { ...proposal, tekst: newBody + '{process.exit(1)}\n' }, 422, 'code_niet_toegestaan'],
    ['an MDX import', 'bas-bakker', { ...proposal, tekst: 'import x from "node:fs"\n' + newBody }, 422, 'code_niet_toegestaan'],
    ['a script element', 'bas-bakker', { ...proposal, tekst: newBody + '<script src="/x.js" />\n' }, 422, 'code_niet_toegestaan'],
    ['an event attribute', 'bas-bakker', { ...proposal, tekst: newBody.replace('<Callout type="info"', '<Callout onClick="x" type="info"') }, 422, 'code_niet_toegestaan'],
    ['an unclosed component', 'bas-bakker', { ...proposal, tekst: newBody.replace('</Callout>', '') }, 422, 'opmaak_fout'],
    ['raw HTML in a Markdown page', 'bas-bakker', { pagina: 'hr/ziek-melden', tekst: 'Bel <img src=x onerror=alert(1)> voor negen uur.\n', toelichting: 'x' }, 422, 'code_niet_toegestaan'],
    ['an array', 'bas-bakker', [], 422, 'ongeldige_invoer'],
  ])('refuses %s and writes nothing', async (_name, as, json, status, code) => {
    const { request, repo } = makeLocalProposalApi();
    const before = snapshot(repo);
    const objects = git(repo, 'count-objects');
    const res = await request('/api/voorstellen', { method: 'POST', as, json });
    expect(res.status).toBe(status);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe(code);
    expect(body.error.message.length).toBeGreaterThan(10);
    expect(snapshot(repo)).toEqual(before);
    expect(git(repo, 'count-objects')).toBe(objects);
  });

  it('needs JSON (415), a sane size (413) and valid JSON (400)', async () => {
    const { request, repo } = makeLocalProposalApi();
    const before = snapshot(repo);
    expect((await request('/api/voorstellen', { method: 'POST', as: 'bas-bakker', body: 'tekst=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } })).status).toBe(415);
    expect((await request('/api/voorstellen', { method: 'POST', as: 'bas-bakker', json: { ...proposal, tekst: 'x'.repeat(300_000) } })).status).toBe(413);
    expect((await request('/api/voorstellen', { method: 'POST', as: 'bas-bakker', body: '{kapot', headers: { 'content-type': 'application/json' } })).status).toBe(400);
    expect(snapshot(repo)).toEqual(before);
  });

  it('answers 503 where the store cannot make branches', async () => {
    const { request, repo } = makeLocalProposalApi({ proposals: undefined });
    const before = snapshot(repo);
    const res = await request('/api/voorstellen', { method: 'POST', as: 'bas-bakker', json: proposal });
    expect(res.status).toBe(503);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('voorstellen_onbeschikbaar');
    expect(snapshot(repo)).toEqual(before);
  });
});
