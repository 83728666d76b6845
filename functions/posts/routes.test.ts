import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFrontMatter } from '../../src/lib/front-matter.ts';
import { commentSchema } from '../../src/schemas/comment.ts';
import { postSchema } from '../../src/schemas/post.ts';
import { getCommentPath, getPostPath } from '../content/paths.ts';
import { createRateLimiter } from '../lib/rate-limit.ts';
import { createLocalGitStore } from '../store/local-git-store.ts';
import type { ContentStore } from '../store/types.ts';
import { commitCount, makeContentRepo, makeTestApi } from '../../tests/support/posting-api.ts';

describe('POST /api/berichten', () => {
  it('stores a post as Markdown with YAML front matter, authored by the logged-in person', async () => {
    const { request, repo } = makeTestApi();
    const res = await request('/api/berichten', { method: 'POST', as: 'anouk-de-vries', json: { tekst: 'Hallo **allemaal**, groet aan @bas-bakker', groep: 'koffietijd' } });
    expect(res.status).toBe(201);
    const { bericht } = (await res.json()) as { bericht: { id: string; html: string; author: { name: string } } };
    expect(bericht.author.name).toBe('Anouk de Vries');
    expect(bericht.html).toContain('<a href="/collegas/bas-bakker/" class="mention">@bas-bakker</a>');
    const file = readFileSync(join(repo, getPostPath(bericht.id)), 'utf8');
    const { data, body } = parseFrontMatter(file);
    expect(postSchema.parse(data)).toMatchObject({ author: 'anouk-de-vries', group: 'koffietijd' });
    expect(body).toBe('Hallo **allemaal**, groet aan @bas-bakker\n');
  });

  it('ignores an author field in the request: identity comes from the login only', async () => {
    const { request } = makeTestApi();
    const res = await request('/api/berichten', { method: 'POST', as: 'bas-bakker', json: { tekst: 'x', author: 'anouk-de-vries' } });
    expect(res.status).toBe(422);
  });

  it.each([
    ['empty text', { tekst: '' }, 422],
    ['5,001 characters', { tekst: 'x'.repeat(5001) }, 422],
    ['a path as group', { tekst: 'hoi', groep: '../../etc' }, 422],
    ['an unknown group', { tekst: 'hoi', groep: 'bestaat-niet' }, 404],
    ['an RTL override', { tekst: 'hoi\u202Eevil' }, 422],
    ['an array', [], 422],
    ['null', null, 422],
  ])('refuses %s with %i and writes nothing', async (_name, json, status) => {
    const { request, repo } = makeTestApi();
    const before = commitCount(repo);
    const res = await request('/api/berichten', { method: 'POST', as: 'anouk-de-vries', json });
    expect(res.status).toBe(status);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toMatch(/^[a-z_]+$/);
    expect(body.error.message.length).toBeGreaterThan(5);
    expect(commitCount(repo)).toBe(before);
  });

  it('needs a login (401), JSON (415) and a sane size (413)', async () => {
    const { request } = makeTestApi();
    expect((await request('/api/berichten', { method: 'POST', json: { tekst: 'x' } })).status).toBe(401);
    expect((await request('/api/berichten', { method: 'POST', as: 'bas-bakker', body: 'tekst=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } })).status).toBe(415);
    expect((await request('/api/berichten', { method: 'POST', as: 'bas-bakker', json: { tekst: 'x'.repeat(70_000) } })).status).toBe(413);
    expect((await request('/api/berichten', { method: 'POST', as: 'bas-bakker', body: '{kapot', headers: { 'content-type': 'application/json' } })).status).toBe(400);
  });

  it('lets only moderators post in a closed group', async () => {
    const { request } = makeTestApi();
    expect((await request('/api/berichten', { method: 'POST', as: 'bas-bakker', json: { tekst: 'x', groep: 'bestuur' } })).status).toBe(403);
    expect((await request('/api/berichten', { method: 'POST', as: 'mod-koffie', json: { tekst: 'x', groep: 'bestuur' } })).status).toBe(201);
  });

  it('answers 429 with Retry-After past the per-person limit, and writes nothing', async () => {
    const { request, repo } = makeTestApi({ limiter: createRateLimiter({ bericht: [{ max: 1, windowMs: 60_000 }] }) });
    expect((await request('/api/berichten', { method: 'POST', as: 'bas-bakker', json: { tekst: 'een' } })).status).toBe(201);
    const before = commitCount(repo);
    const res = await request('/api/berichten', { method: 'POST', as: 'bas-bakker', json: { tekst: 'twee' } });
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('te_vaak');
    expect(commitCount(repo)).toBe(before);
    expect((await request('/api/berichten', { method: 'POST', as: 'anouk-de-vries', json: { tekst: 'ander' } })).status).toBe(201);
  });

  it('returns the first answer for a retried Idempotency-Key instead of a second post', async () => {
    const { request, repo } = makeTestApi();
    const send = () => request('/api/berichten', { method: 'POST', as: 'anouk-de-vries', json: { tekst: 'één keer' }, headers: { 'idempotency-key': 'k-1' } });
    const [a, b] = await Promise.all([send(), send()]);
    const c = await send();
    const ids = await Promise.all([a, b, c].map(async (r) => ((await r.json()) as { bericht: { id: string } }).bericht.id));
    expect(new Set(ids).size).toBe(1);
    expect(commitCount(repo)).toBe(2);
  });
});

describe('editing, deleting and hiding', () => {
  async function post(api: ReturnType<typeof makeTestApi>, as: string, groep?: string) {
    const res = await api.request('/api/berichten', { method: 'POST', as, json: { tekst: 'origineel', ...(groep ? { groep } : {}) } });
    return ((await res.json()) as { bericht: { id: string } }).bericht.id;
  }

  it('lets the author edit and delete, nobody else', async () => {
    const api = makeTestApi();
    const id = await post(api, 'anouk-de-vries');
    expect((await api.request(`/api/berichten/${id}`, { method: 'PATCH', as: 'bas-bakker', json: { tekst: 'gekaapt' } })).status).toBe(403);
    const edited = await api.request(`/api/berichten/${id}`, { method: 'PATCH', as: 'anouk-de-vries', json: { tekst: 'verbeterd' } });
    expect(edited.status).toBe(200);
    expect(readFileSync(join(api.repo, getPostPath(id)), 'utf8')).toContain('verbeterd');
    expect((await api.request(`/api/berichten/${id}`, { method: 'DELETE', as: 'bas-bakker' })).status).toBe(403);
    expect((await api.request(`/api/berichten/${id}`, { method: 'DELETE', as: 'anouk-de-vries' })).status).toBe(204);
    expect((await api.request(`/api/berichten/${id}`, { method: 'DELETE', as: 'anouk-de-vries' })).status).toBe(404);
  });

  it('lets the author of a comment edit it, marked edited in the file and the answer; nobody else, not once hidden', async () => {
    const api = makeTestApi();
    const postId = await post(api, 'anouk-de-vries', 'koffietijd');
    const made = await api.request('/api/reacties', { method: 'POST', as: 'bas-bakker', json: { doel: { type: 'bericht', id: postId }, tekst: 'Eerste versie' } });
    const id = ((await made.json()) as { reactie: { id: string } }).reactie.id;
    const file = () => readFileSync(join(api.repo, getCommentPath(id)), 'utf8');
    const patch = (as: string | undefined, json: unknown) => api.request(`/api/reacties/${id}`, { method: 'PATCH', ...(as ? { as } : {}), json });
    const before = file();
    const refused: [Response, number, string][] = [
      [await patch('anouk-de-vries', { tekst: 'gekaapt' }), 403, 'niet_toegestaan'],
      [await patch(undefined, { tekst: 'anoniem' }), 401, 'niet_ingelogd'],
      [await patch('bas-bakker', { tekst: '' }), 422, 'ongeldige_invoer'],
      [await patch('bas-bakker', { tekst: 'x', doel: 'y' }), 422, 'ongeldige_invoer'],
      [await api.request('/api/reacties/01jd0000000000000000000000', { method: 'PATCH', as: 'bas-bakker', json: { tekst: 'x' } }), 404, 'niet_gevonden'],
    ];
    for (const [res, status, code] of refused) {
      expect(res.status).toBe(status);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe(code);
    }
    expect(file()).toBe(before);
    const edited = await patch('bas-bakker', { tekst: 'Verbeterde versie' });
    expect(edited.status).toBe(200);
    const { reactie } = (await edited.json()) as { reactie: { html: string; edited?: string } };
    expect(reactie.html).toContain('Verbeterde versie');
    expect(reactie.edited).toMatch(/^\d{4}-/);
    const { data, body } = parseFrontMatter(file()) as { data: Record<string, unknown>; body: string };
    expect(body).toContain('Verbeterde versie');
    expect(data).toMatchObject({ author: 'bas-bakker', on: { type: 'bericht', id: postId } });
    expect(commentSchema.safeParse(data).success).toBe(true);
    expect((await api.request(`/api/reacties/${id}/verbergen`, { method: 'POST', as: 'mod-koffie', json: {} })).status).toBe(200);
    const hidden = await patch('bas-bakker', { tekst: 'Toch weer' });
    expect(hidden.status).toBe(409);
    expect(file()).not.toContain('Toch weer');
  });

  it('lets group moderators and editors hide, with who and when; not others', async () => {
    const api = makeTestApi();
    const id = await post(api, 'anouk-de-vries', 'koffietijd');
    expect((await api.request(`/api/berichten/${id}/verbergen`, { method: 'POST', as: 'bas-bakker', json: {} })).status).toBe(403);
    const res = await api.request(`/api/berichten/${id}/verbergen`, { method: 'POST', as: 'mod-koffie', json: { reden: 'reclame' } });
    expect(res.status).toBe(200);
    const { data } = parseFrontMatter(readFileSync(join(api.repo, getPostPath(id)), 'utf8')) as { data: { hidden: { by: string; reason: string } } };
    expect(data.hidden).toMatchObject({ by: 'mod-koffie', reason: 'reclame' });
    const timeline = await post(api, 'anouk-de-vries');
    expect((await api.request(`/api/berichten/${timeline}/verbergen`, { method: 'POST', as: 'mod-koffie', json: {} })).status).toBe(403);
    expect((await api.request(`/api/berichten/${timeline}/verbergen`, { method: 'POST', as: 'eva-editor', json: {} })).status).toBe(200);
  });

  it('closes the conversation under a hidden post: a new comment is refused and nothing is written', async () => {
    const api = makeTestApi();
    const id = await post(api, 'anouk-de-vries', 'koffietijd');
    const comment = () => api.request('/api/reacties', { method: 'POST', as: 'bas-bakker', json: { doel: { type: 'bericht', id }, tekst: 'Nog één ding' } });
    expect((await comment()).status).toBe(201);
    expect((await api.request(`/api/berichten/${id}/verbergen`, { method: 'POST', as: 'mod-koffie', json: {} })).status).toBe(200);
    const head = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: api.repo, encoding: 'utf8' });
    const refused = await comment();
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('verborgen');
    expect(execFileSync('git', ['rev-parse', 'HEAD'], { cwd: api.repo, encoding: 'utf8' })).toBe(head);
  });

  it('refuses ids that are not ULIDs as 404, never as a path', async () => {
    const api = makeTestApi();
    for (const id of ['..%2F..%2Fetc%2Fpasswd', 'abc', '01ARZ3NDEKTSV4RRFFQ69G5FAV']) {
      expect((await api.request(`/api/berichten/${id}`, { method: 'DELETE', as: 'anouk-de-vries' })).status).toBe(404);
    }
  });
});

describe('comments', () => {
  it('comments on news, a post; refuses unknown targets; author deletes', async () => {
    const api = makeTestApi();
    const onNews = await api.request('/api/reacties', { method: 'POST', as: 'bas-bakker', json: { doel: { type: 'nieuws', id: 'fietsplan' }, tekst: 'Mooi!' } });
    expect(onNews.status).toBe(201);
    const { reactie } = (await onNews.json()) as { reactie: { id: string } };
    expect((await api.request('/api/reacties', { method: 'POST', as: 'bas-bakker', json: { doel: { type: 'nieuws', id: 'bestaat-niet' }, tekst: 'x' } })).status).toBe(404);
    expect((await api.request('/api/reacties', { method: 'POST', as: 'bas-bakker', json: { doel: { type: 'nieuws', id: '../groepen/koffietijd' }, tekst: 'x' } })).status).toBe(404);
    expect((await api.request('/api/reacties', { method: 'POST', as: 'bas-bakker', json: { doel: { type: 'script', id: 'x' }, tekst: 'x' } })).status).toBe(422);
    expect((await api.request(`/api/reacties/${reactie.id}`, { method: 'DELETE', as: 'anouk-de-vries' })).status).toBe(403);
    expect((await api.request(`/api/reacties/${reactie.id}`, { method: 'DELETE', as: 'bas-bakker' })).status).toBe(204);
  });
});

describe('GET /api/feed', () => {
  it('returns posts and comments newer than a commit, rendered safely, and deletions of older ones', async () => {
    const api = makeTestApi();
    const old = await api.request('/api/berichten', { method: 'POST', as: 'bas-bakker', json: { tekst: 'al in de build' } });
    const oldId = ((await old.json()) as { bericht: { id: string } }).bericht.id;
    const since = await api.store.head();
    const a = await api.request('/api/berichten', { method: 'POST', as: 'anouk-de-vries', json: { tekst: 'Nieuw <script>alert(1)</script> [x](javascript:alert(1))' } });
    const { bericht } = (await a.json()) as { bericht: { id: string } };
    const feed = (await (await api.request(`/api/feed?sinds=${since}`)).json()) as { head: string; items: { id: string; html?: string; deleted?: boolean }[] };
    expect(feed.head).toBe(await api.store.head());
    const item = feed.items.find((i) => i.id === bericht.id)!;
    expect(item.html).toContain('Nieuw');
    expect(item.html).not.toMatch(/<script|javascript:/);
    expect(feed.items.some((i) => i.id === oldId)).toBe(false);
    await api.request(`/api/berichten/${oldId}`, { method: 'DELETE', as: 'bas-bakker' });
    // At once, within the feed cache's half second: a write made on this server ends the cached answer.
    const after = (await (await api.request(`/api/feed?sinds=${since}`)).json()) as { items: { id: string; deleted?: boolean }[] };
    expect(after.items.find((i) => i.id === oldId)?.deleted).toBe(true);
    expect((await api.request('/api/feed?sinds=../../x')).status).toBe(400);
  });

  it('reads a committed post once while its content stays the same, and again once it is edited', async () => {
    const repo = makeContentRepo();
    const store = createLocalGitStore({ repoDir: repo });
    const reads = new Map<string, number>();
    const counting: ContentStore = {
      ...store,
      read: (path) => {
        reads.set(path, (reads.get(path) ?? 0) + 1);
        return store.read(path);
      },
    };
    const api = makeTestApi({ store: counting }, repo);
    const since = await store.head();
    const send = async (tekst: string) => ((await (await api.request('/api/berichten', { method: 'POST', as: 'anouk-de-vries', json: { tekst } })).json()) as { bericht: { id: string } }).bericht.id;
    const feed = async () => ((await (await api.request(`/api/feed?sinds=${since}`)).json()) as { items: { id: string; html?: string }[] }).items;
    const first = await send('eerste versie');
    expect((await feed()).find((i) => i.id === first)?.html).toContain('eerste versie');
    const firstPath = [...reads.keys()].find((p) => p.endsWith(`/${first}.md`))!;
    expect(firstPath).toBeDefined();
    const readsBefore = reads.get(firstPath)!;
    // Another post (a new head, the cached answer ended): the first one's blob is the same, so no read of it.
    const second = await send('tweede');
    const items = await feed();
    expect(items.map((i) => i.id)).toEqual([first, second]);
    expect(reads.get(firstPath)).toBe(readsBefore);
    // Edited: a new blob, read again, the new text in the feed.
    expect((await api.request(`/api/berichten/${first}`, { method: 'PATCH', as: 'anouk-de-vries', json: { tekst: 'bijgewerkte versie' } })).status).toBe(200);
    expect((await feed()).find((i) => i.id === first)?.html).toContain('bijgewerkte versie');
    expect(reads.get(firstPath)).toBeGreaterThan(readsBefore);
  });
});
