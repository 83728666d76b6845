// Per-person write limits through the whole API (createNodeApi with the limiter the server builds from the
// environment): posts per minute and per day, comments per minute. Past a limit: 429, a Retry-After that says when
// it opens again, a Dutch message, and nothing written; another colleague is never held back by it.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startPleinServer, tempRepoDir } from '../../functions/hosts/node/plein-server.ts';
import { createRateLimiter, readLimits } from '../../functions/lib/rate-limit.ts';
import { makeSecurityApi, repoState, sameOriginHeaders, sessionCookieFor, SITE } from '../support/security-api.ts';

const COOKIES = { ahmet: await sessionCookieFor('ahmet-demir'), bas: await sessionCookieFor('bas-van-leeuwen') };
const MINUTE = 60_000;
const DAY = 86_400_000;

/** An API whose limits come from these environment variables, on a clock the test moves. */
function limitedApi(env: Record<string, string>) {
  let t = Date.UTC(2026, 10, 23, 8, 0, 0);
  const api = makeSecurityApi({ limiter: createRateLimiter(readLimits(env), () => t) });
  const send = (who: keyof typeof COOKIES, path: string, json: unknown, headers: Record<string, string> = {}) =>
    api.app.request(`${SITE}${path}`, { method: 'POST', headers: sameOriginHeaders({ cookie: COOKIES[who], ...headers }), body: JSON.stringify(json) });
  const post = (who: keyof typeof COOKIES, tekst = 'Bericht', headers?: Record<string, string>) => send(who, '/api/berichten', { tekst }, headers);
  return { ...api, send, post, advance: (ms: number) => (t += ms) };
}

/** Asserts a 429 the way a client needs it, and that the repository did not change. */
async function expectLimited(res: Response, repo: string, before: string, retryBetween: [number, number]) {
  expect(res.status).toBe(429);
  const retry = Number(res.headers.get('retry-after'));
  expect(Number.isInteger(retry)).toBe(true);
  expect(retry).toBeGreaterThanOrEqual(retryBetween[0]);
  expect(retry).toBeLessThanOrEqual(retryBetween[1]);
  const { error } = (await res.json()) as { error: { code: string; message: string } };
  expect(error.code).toBe('te_vaak');
  expect(error.message).toContain(`over ${retry} seconden`);
  expect(repoState(repo)).toBe(before);
}

describe('posts per minute', () => {
  it('allows the limit, answers 429 with Retry-After past it, holds back no one else, and opens again after the window', async () => {
    const api = limitedApi({ PLEIN_LIMIT_POSTS_PER_MINUTE: '3' });
    for (let i = 0; i < 3; i++) {
      expect((await api.post('ahmet')).status).toBe(201);
      api.advance(5_000);
    }
    const before = repoState(api.repo);
    await expectLimited(await api.post('ahmet'), api.repo, before, [40, 45]);
    expect((await api.post('bas')).status).toBe(201);
    api.advance(45_001);
    expect((await api.post('ahmet')).status).toBe(201);
  });

  it('does not count a refused post (bad input) or the replay of an Idempotency-Key against the limit', async () => {
    const api = limitedApi({ PLEIN_LIMIT_POSTS_PER_MINUTE: '1' });
    expect((await api.post('ahmet', '')).status).toBe(422);
    const first = await api.post('ahmet', 'Eén keer', { 'idempotency-key': 'sleutel-1' });
    expect(first.status).toBe(201);
    const replay = await api.post('ahmet', 'Eén keer', { 'idempotency-key': 'sleutel-1' });
    expect(replay.status).toBe(201);
    expect(await replay.json()).toEqual(await first.json());
    const before = repoState(api.repo);
    await expectLimited(await api.post('ahmet', 'Nog een'), api.repo, before, [59, 60]);
  });
});

describe('posts per day', () => {
  it('stops the sixth post of a day even when they are spread out, until the first is a day old', async () => {
    const api = limitedApi({ PLEIN_LIMIT_POSTS_PER_MINUTE: '10', PLEIN_LIMIT_POSTS_PER_DAY: '5' });
    for (let i = 0; i < 5; i++) {
      expect((await api.post('ahmet')).status).toBe(201);
      api.advance(10 * MINUTE);
    }
    const before = repoState(api.repo);
    // The first post was 50 minutes ago: the window opens again 23 h 10 min from now.
    await expectLimited(await api.post('ahmet'), api.repo, before, [(DAY - 50 * MINUTE) / 1000, (DAY - 50 * MINUTE) / 1000]);
    expect((await api.post('bas')).status).toBe(201);
    api.advance(DAY - 50 * MINUTE);
    expect((await api.post('ahmet')).status).toBe(201);
  });
});

describe('comments per minute', () => {
  it('limits comments on their own: posts stay possible, and another colleague can still comment', async () => {
    const api = limitedApi({ PLEIN_LIMIT_COMMENTS_PER_MINUTE: '2' });
    const target = ((await (await api.post('bas', 'Waar reageren we op?')).json()) as { bericht: { id: string } }).bericht.id;
    const comment = (who: keyof typeof COOKIES) => api.send(who, '/api/reacties', { tekst: 'Reactie', doel: { type: 'bericht', id: target } });
    expect((await comment('ahmet')).status).toBe(201);
    expect((await comment('ahmet')).status).toBe(201);
    const before = repoState(api.repo);
    await expectLimited(await comment('ahmet'), api.repo, before, [59, 60]);
    expect((await comment('bas')).status).toBe(201);
    expect((await api.post('ahmet', 'Een bericht mag nog wel')).status).toBe(201);
    api.advance(MINUTE);
    expect((await comment('ahmet')).status).toBe(201);
  });
});

describe('the defaults', () => {
  it('are on without configuration: 10 posts a minute, 200 a day, 30 comments a minute', () => {
    expect(readLimits({})).toMatchObject({
      bericht: [
        { max: 10, windowMs: MINUTE },
        { max: 200, windowMs: DAY },
      ],
      reactie: [{ max: 30, windowMs: MINUTE }],
    });
  });
});

describe('the Node server (startPleinServer)', () => {
  it('reads the limits from its environment and answers 429 with Retry-After over HTTP, writing nothing', async () => {
    const repo = tempRepoDir('rate-limits');
    execFileSync('git', ['clone', '--quiet', resolve(import.meta.dirname, '../..'), repo]);
    const dist = join(repo, '.plein', 'leeg');
    mkdirSync(dist, { recursive: true });
    const { server } = await startPleinServer({ repoDir: repo, distDir: dist, port: 0, rebuild: false, env: { PLEIN_SITE_URL: 'http://127.0.0.1', PLEIN_LIMIT_POSTS_PER_MINUTE: '1' } });
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const own = { origin: base, 'sec-fetch-site': 'same-origin' };
      const login = await fetch(`${base}/api/auth/demo`, { method: 'POST', redirect: 'manual', headers: { ...own, 'content-type': 'application/x-www-form-urlencoded' }, body: 'persoon=ahmet-demir' });
      const cookie = login.headers.getSetCookie()[0].split(';')[0];
      const post = () => fetch(`${base}/api/berichten`, { method: 'POST', headers: { ...own, cookie, 'content-type': 'application/json' }, body: JSON.stringify({ tekst: 'Via de server' }) });
      const initial = repoState(repo);
      expect((await post()).status).toBe(201);
      // Answered from the outbox: the snapshot waits until the flusher has committed that post (a new HEAD, a clean tree).
      await expect.poll(() => { const now = repoState(repo); return now !== initial && now.endsWith('\n'); }, { timeout: 10_000 }).toBe(true);
      const before = repoState(repo);
      const res = await post();
      expect(res.status).toBe(429);
      // The server counts in the state store's fixed one-minute windows: the wait runs to the window's end.
      const wait = Number(res.headers.get('retry-after'));
      expect(wait).toBeGreaterThanOrEqual(1);
      expect(wait).toBeLessThanOrEqual(60);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('te_vaak');
      expect(repoState(repo)).toBe(before);
    } finally {
      await new Promise((ok) => server.close(ok));
      rmSync(repo, { recursive: true, force: true });
    }
  });
});

describe('edits, deletions and hiding per minute', () => {
  it('share one window per colleague: past it 429 with Retry-After and nothing written; another colleague goes on', async () => {
    const api = limitedApi({ PLEIN_LIMIT_CHANGES_PER_MINUTE: '2', PLEIN_LIMIT_POSTS_PER_MINUTE: '0' });
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push(((await (await api.post('ahmet', `Bericht ${i}`)).json()) as { bericht: { id: string } }).bericht.id);
    const edit = (id: string) =>
      api.app.request(`${SITE}/api/berichten/${id}`, { method: 'PATCH', headers: sameOriginHeaders({ cookie: COOKIES.ahmet }), body: JSON.stringify({ tekst: 'Bewerkt' }) });
    const remove = (id: string) => api.app.request(`${SITE}/api/berichten/${id}`, { method: 'DELETE', headers: sameOriginHeaders({ cookie: COOKIES.ahmet }) });
    expect((await edit(ids[0])).status).toBe(200);
    api.advance(1_000);
    expect((await remove(ids[1])).status).toBe(204);
    const before = repoState(api.repo);
    await expectLimited(await edit(ids[2]), api.repo, before, [58, 60]);
    await expectLimited(await remove(ids[2]), api.repo, before, [58, 60]);
    const own = ((await (await api.post('bas', 'Van Bas')).json()) as { bericht: { id: string } }).bericht.id;
    const basEdit = await api.app.request(`${SITE}/api/berichten/${own}`, { method: 'PATCH', headers: sameOriginHeaders({ cookie: COOKIES.bas }), body: JSON.stringify({ tekst: 'Bewerkt' }) });
    expect(basEdit.status).toBe(200);
    api.advance(60_000);
    expect((await edit(ids[2])).status).toBe(200);
  });
});
