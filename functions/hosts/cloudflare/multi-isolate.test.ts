// Two isolates, one D1 database: the Pages bundle twice side by side in workerd (two workers, each its own isolate,
// one D1 database persisted to a temporary folder), as two of Cloudflare's isolates share the project's database. A
// logout, a rate limit and an Idempotency-Key answer given by one hold on the other, and after a restart.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Miniflare } from 'miniflare';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, startPagesFixture, type Target } from '../../../tests/support/pages-fixture.ts';
import { buildPagesBundle, isolateOf, startPagesWorker, type PagesBundle } from '../../../tests/support/pages-worker.ts';

const out = join(resolve(import.meta.dirname, '../../..'), '.plein', `pages-multi-${process.pid}`);
const persist = mkdtempSync(join(tmpdir(), 'plein-d1-'));
let bundle: PagesBundle;
let fx: Awaited<ReturnType<typeof startPagesFixture>>;
let vars: Record<string, string>;
let mf: Miniflare | undefined;
let a: Target;
let b: Target;

/** (Re)starts workerd with two isolates on the persisted database. */
async function startIsolates() {
  await mf?.dispose();
  mf = await startPagesWorker(bundle, { vars, d1Persist: persist, isolates: 2 });
  [a, b] = [isolateOf(mf, 0), isolateOf(mf, 1)];
}

beforeAll(async () => {
  [bundle, fx] = await Promise.all([buildPagesBundle(out), startPagesFixture()]);
  // One post a day: the day's window cannot end during the test the way a minute's can.
  vars = { ...fx.oidcVars, PLEIN_LIMIT_POSTS_PER_MINUTE: '0', PLEIN_LIMIT_POSTS_PER_DAY: '1' };
  await startIsolates();
}, 120_000);

afterAll(async () => {
  await mf?.dispose();
  await fx?.close();
  rmSync(out, { recursive: true, force: true });
  rmSync(persist, { recursive: true, force: true });
});

const postAt = (mf: Target, cookie: string, tekst: string, key?: string) => call(mf, '/api/berichten', { method: 'POST', cookie, json: { tekst }, headers: key ? { 'idempotency-key': key } : {} });
const idOf = async (res: Response) => ((await res.json()) as { bericht: { id: string } }).bericht.id;

describe('the Pages Function on two isolates sharing one D1 database', () => {
  it('ends a session everywhere when its colleague logs out on one isolate, also after a restart', async () => {
    const cookie = await fx.oidcLogin(a, 'ahmet.demir@wadvoort.nl');
    expect((await call(b, '/api/auth/me', { cookie })).status).toBe(200);
    const out = await call(a, '/api/auth/logout', { method: 'POST', cookie });
    expect(out.status).toBe(303);
    const refused = async () => {
      for (const isolate of [b, a]) {
        const me = await call(isolate, '/api/auth/me', { cookie });
        expect(me.status).toBe(401);
        expect(await me.json()).toMatchObject({ error: { code: 'niet_ingelogd' } });
      }
    };
    await refused();
    await startIsolates();
    await refused();
    // Another session of the same colleague is not affected.
    expect((await call(b, '/api/auth/me', { cookie: await fx.oidcLogin(b, 'ahmet.demir@wadvoort.nl') })).status).toBe(200);
  });

  it('posts with an OpenID Connect session and holds the per-person limit across isolates: the second post of the day is refused on either', async () => {
    const cookie = await fx.oidcLogin(a, 'anouk.devries@wadvoort.nl');
    const first = await postAt(b, cookie, 'Eerste van vandaag');
    expect(first.status).toBe(201);
    // Answered from the D1 outbox; waitUntil commits it.
    const before = await fx.landed(`${await idOf(first)}.md`);
    expect((await fx.gh.git.readCommit(before)).author).toMatchObject({ name: 'Anouk de Vries' });
    for (const isolate of [a, b]) {
      const refused = await postAt(isolate, cookie, 'Eén te veel');
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(await refused.json()).toMatchObject({ error: { code: 'te_vaak', message: expect.stringMatching(/te veel berichten/) } });
    }
    expect(await fx.head()).toBe(before);
    expect((await postAt(a, '', 'Zonder sessie')).status).toBe(401);
  });

  it('gives one Idempotency-Key sent to both isolates at once one post, and the same answer to a resend later', async () => {
    const cookie = await fx.oidcLogin(b, 'bas.vanleeuwen@wadvoort.nl');
    const both = await Promise.all([postAt(a, cookie, 'Met een sleutel', 'sleutel-1'), postAt(b, cookie, 'Met een sleutel', 'sleutel-1')]);
    expect(both.map((res) => res.status)).toEqual([201, 201]);
    expect(both.filter((res) => res.headers.get('idempotent-replayed') === 'true')).toHaveLength(1);
    const [one, two] = await Promise.all(both.map(idOf));
    expect(two).toBe(one);
    const again = await postAt(a, cookie, 'Met een sleutel', 'sleutel-1');
    expect(again.status).toBe(201);
    expect(await idOf(again)).toBe(one);
    expect((await fx.filesAt(await fx.landed(`${one}.md`))).filter((path) => path.endsWith(`${one}.md`))).toHaveLength(1);
    // The answer is a row in the shared database (7 days), not only a trailer in the branch's history.
    const d1 = await mf!.getD1Database('DB', 'isolate-0');
    expect((await d1.prepare('select count(*) as n from idempotency').first<{ n: number }>())!.n).toBe(1);
  }, 120_000);
});
