// Two Node APIs on one state store, as two servers behind a load balancer: a logout on one ends the session on the
// other (and after a restart), a per-person limit holds across both, and an Idempotency-Key answered by one is
// replayed by the other — on SQLite (one file) and on a throwaway PostgreSQL cluster.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withLocalFallback } from '../../auth/session-cookie.ts';
import { createIdentity } from '../../auth/session.ts';
import { hashRequestKey } from '../../lib/idempotency.ts';
import { createRateLimiter, createSharedCounter } from '../../lib/rate-limit.ts';
import { openStateStore } from '../../state/open.ts';
import type { StateStore } from '../../state/store.ts';
import { createLocalGitStore } from '../../store/local-git-store.ts';
import { postgresSkipReason, startTestPostgres, type TestPostgres } from '../../../tests/support/postgres.ts';
import { createSecurityPeople, makeSecurityRepo, sameOriginHeaders, SESSION_SECRET, SITE } from '../../../tests/support/security-api.ts';
import { createNodeApi } from './api.ts';

const folders: string[] = [];
afterAll(() => folders.forEach((f) => rmSync(f, { recursive: true, force: true })));

/** One "server": the whole API over a state store opened from `env`, on the shared content repository. */
async function startServer(env: Record<string, string>, repo: string, limits = { bericht: [{ max: 3, windowMs: 60_000 }] }) {
  const state = await openStateStore(env);
  const people = createSecurityPeople();
  const identity = createIdentity({ PLEIN_SITE_URL: SITE, PLEIN_SESSION_SECRET: SESSION_SECRET }, people, { revocations: withLocalFallback(state.revocations) });
  const app = createNodeApi({
    identity,
    store: createLocalGitStore({ repoDir: repo }),
    people,
    limiter: createRateLimiter(limits, Date.now, createSharedCounter(state.rateLimits)),
    sharedAnswers: state.idempotency,
  });
  return { app, state };
}

type Server = Awaited<ReturnType<typeof startServer>>;

async function login(server: Server, personId: string): Promise<string> {
  const res = await server.app.request(`${SITE}/api/auth/demo`, { method: 'POST', headers: { ...sameOriginHeaders(), 'content-type': 'application/x-www-form-urlencoded' }, body: `persoon=${personId}` });
  const cookie = res.headers.get('set-cookie');
  expect(cookie, `inloggen als ${personId}: ${res.status}`).toBeTruthy();
  return cookie!.split(';')[0];
}

const me = (server: Server, cookie: string) => server.app.request(`${SITE}/api/auth/me`, { headers: { cookie } });
const post = (server: Server, cookie: string, tekst: string, key?: string) =>
  server.app.request(`${SITE}/api/berichten`, { method: 'POST', headers: sameOriginHeaders({ cookie, ...(key ? { 'idempotency-key': key } : {}) }), body: JSON.stringify({ tekst }) });
const postFiles = (repo: string) => execFileSync('git', ['ls-files', 'content/berichten'], { cwd: repo, encoding: 'utf8' }).split('\n').filter(Boolean);

function describeTwoServers(engine: string, envFor: () => Promise<Record<string, string>>) {
  describe(`two servers on one state store (${engine})`, () => {
    let env: Record<string, string>;
    let a: Server;
    let b: Server;
    let repo: string;
    beforeAll(async () => {
      env = await envFor();
      repo = makeSecurityRepo();
      a = await startServer(env, repo);
      b = await startServer(env, repo);
    });
    afterAll(async () => {
      await a?.state.close();
      await b?.state.close();
    });

    it('a logout on one server ends the session on the other, also after a restart', async () => {
      const cookie = await login(a, 'bas-van-leeuwen');
      expect((await me(b, cookie)).status).toBe(200);
      const out = await a.app.request(`${SITE}/api/auth/logout`, { method: 'POST', headers: sameOriginHeaders({ cookie, 'content-type': 'application/x-www-form-urlencoded' }) });
      expect(out.status).toBeLessThan(400);
      expect((await me(b, cookie)).status).toBe(401);
      const restarted = await startServer(env, repo);
      expect((await me(restarted, cookie)).status).toBe(401);
      await restarted.state.close();
    });

    it('the per-minute post limit holds across both servers', async () => {
      const cookie = await login(a, 'ahmet-demir');
      // The limit counts per fixed minute: start the four posts well inside one (it once straddled a minute's end).
      const into = Date.now() % 60_000;
      if (into > 50_000) await new Promise((r) => setTimeout(r, 60_000 - into + 100));
      const statuses = [];
      for (const server of [a, b, a, b]) statuses.push((await post(server, cookie, `Bericht ${statuses.length} via ${engine}`)).status);
      expect(statuses).toEqual([201, 201, 201, 429]);
    });

    it('an Idempotency-Key answered by one server is replayed by the other, and stored once', async () => {
      const cookie = await login(b, 'mo-koffie');
      const before = postFiles(repo).length;
      const first = await post(a, cookie, 'Eén keer, ook bij opnieuw sturen', `sleutel-${engine}`);
      expect(first.status).toBe(201);
      const again = await post(b, cookie, 'Eén keer, ook bij opnieuw sturen', `sleutel-${engine}`);
      expect(again.status).toBe(201);
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      expect(await again.json()).toEqual(await first.json());
      expect(postFiles(repo).length).toBe(before + 1);
      const stored = await b.state.idempotency.recall(hashRequestKey('mo-koffie', `sleutel-${engine}`));
      expect(stored?.answer).toMatchObject({ status: 201 });
    });

    it('the same key sent to both servers at once creates one post', async () => {
      const cookie = await login(a, 'sam-sport');
      const before = postFiles(repo).length;
      const answers = await Promise.all([a, b].map((server) => post(server, cookie, 'Tegelijk verstuurd', `tegelijk-${engine}`)));
      expect(answers.map((r) => r.status)).toEqual([201, 201]);
      expect(answers.filter((r) => r.headers.get('idempotent-replayed') === 'true')).toHaveLength(1);
      expect(postFiles(repo).length).toBe(before + 1);
    });
  });
}

describeTwoServers('SQLite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'plein-state-'));
  folders.push(dir);
  return { PLEIN_STATE_DIR: dir };
});

const skip = postgresSkipReason();
if (skip) {
  it.skip(`two servers on PostgreSQL: ${skip}`, () => {});
} else {
  let cluster: TestPostgres;
  beforeAll(async () => {
    cluster = await startTestPostgres();
  });
  afterAll(async () => cluster?.stop());
  describeTwoServers('PostgreSQL', async () => ({ PLEIN_DATABASE_URL: cluster.url }));

  it('with the database down, writes answer 503 opslag_onbeschikbaar and write nothing, reading and logins go on; then it reconnects', async () => {
    const repo = makeSecurityRepo();
    const server = await startServer({ PLEIN_DATABASE_URL: cluster.url }, repo);
    const cookie = await login(server, 'bas-van-leeuwen');
    const before = postFiles(repo).length;
    await cluster.kill();
    try {
      const refused = await post(server, cookie, 'Terwijl de database weg is');
      expect(refused.status, await refused.clone().text()).toBe(503);
      expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('opslag_onbeschikbaar');
      expect(postFiles(repo).length).toBe(before);
      expect((await me(server, cookie)).status).toBe(200);
      expect((await server.app.request(`${SITE}/api/feed`, { headers: { cookie } })).status).toBe(200);
    } finally {
      await cluster.restart();
    }
    expect((await post(server, cookie, 'Weer terug')).status).toBe(201);
    await server.state.close();
  });
}
