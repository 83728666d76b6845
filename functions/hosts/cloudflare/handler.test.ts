// The Cloudflare Pages Function as Cloudflare runs it: the entry bundled for the Workers runtime and run in workerd by
// Miniflare (nodejs_compat, a local D1 bound as DB), driven over HTTP against the GitHub stand-in, behind a Cloudflare
// Access-style JWT signed by a JWKS on loopback. The OpenID Connect login is in multi-isolate.test.ts.
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Miniflare } from 'miniflare';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, startPagesFixture, TOKEN, type CallInit } from '../../../tests/support/pages-fixture.ts';
import { buildPagesBundle, startPagesWorker, type PagesBundle } from '../../../tests/support/pages-worker.ts';
import { includes, SECRET_EXIF, SECRET_STRINGS, SECRET_XMP, solid } from '../../../tests/support/photo-samples.ts';
import { bundleSizes } from '../../../tests/support/worker-bundle.ts';
import { createUlid } from '../../lib/ulid.ts';

const out = join(resolve(import.meta.dirname, '../../..'), '.plein', `pages-function-${process.pid}`);
let bundle: PagesBundle;
let fx: Awaited<ReturnType<typeof startPagesFixture>>;
let proxy: Miniflare;
let partial: Miniflare;
let noLogin: Miniflare;

beforeAll(async () => {
  [bundle, fx] = await Promise.all([buildPagesBundle(out), startPagesFixture()]);
  const { PLEIN_GITHUB_REPO: _r, PLEIN_PROXY_AUDIENCE: _a, ...partialVars } = fx.proxyVars;
  const { PLEIN_PROXY_JWKS_URL: _j, PLEIN_PROXY_ISSUER: _i, PLEIN_PROXY_AUDIENCE: _b, NODE_ENV: _n, ...noLoginVars } = fx.proxyVars;
  [proxy, partial, noLogin] = await Promise.all([
    startPagesWorker(bundle, { vars: fx.proxyVars }),
    startPagesWorker(bundle, { vars: partialVars }),
    startPagesWorker(bundle, { vars: noLoginVars, noDatabase: true }),
  ]);
}, 120_000);

afterAll(async () => {
  await Promise.allSettled([proxy, partial, noLogin].map((mf) => mf?.dispose()));
  await fx?.close();
  rmSync(out, { recursive: true, force: true });
});

const post = (init: CallInit) => call(proxy, '/api/berichten', { method: 'POST', ...init });

/** Posts a message with one photo as the composer does (multipart; Miniflare's fetch has its own FormData class, so the encoded body). */
async function postPhoto(bytes: Uint8Array, name: string, more: Uint8Array[] = []) {
  const form = new FormData();
  form.set('tekst', 'Met foto');
  for (const [i, photo] of [bytes, ...more].entries()) {
    form.append('foto', new File([new Uint8Array(photo)], i ? `${i}-${name}` : name));
    form.append('alt', 'Een foto');
  }
  const encoded = new Response(form);
  return post({ jwt: await fx.accessToken('ahmet.demir@wadvoort.nl'), headers: { 'content-type': encoded.headers.get('content-type')! }, body: new Uint8Array(await encoded.arrayBuffer()) });
}

describe('the Pages Function bundle', () => {
  it('holds the API and nothing Node-only (sharp, satteri, child processes, the local git store)', () => {
    const inputs = Object.keys(bundle.metafile.inputs);
    expect(inputs.filter((path) => /node_modules\/(sharp|@img|satteri|@bruits)\/|child_process|local-git-store|people-directory\.ts|process-photo|state\/open\.ts|node:sqlite/.test(path))).toEqual([]);
    for (const part of ['functions/posts/routes.ts', 'functions/feed/routes.ts', 'functions/proposals/routes.ts', 'functions/store/github/github-store.ts', 'functions/state/open-d1.ts']) expect(inputs).toContain(part);
  });

  it('ships the photo codecs as six compiled WebAssembly modules beside the script, within the Workers size limit', () => {
    expect(bundle.wasm.map((file) => file.name.replace(/-[A-Z0-9]+\.wasm$/, '')).sort()).toEqual(['mozjpeg_dec', 'mozjpeg_enc', 'squoosh_png_bg', 'squoosh_resize_bg', 'webp_dec', 'webp_enc_simd']);
    for (const file of bundle.wasm) expect(bundle.script).toContain(`"./${file.name}"`);
    const sizes = bundleSizes(bundle);
    expect(sizes.script + sizes.wasm).toBeLessThan(10_000_000);
  });
});

const landed = (suffix: string) => fx.landed(suffix);
const pendingRows = async (mf: Miniflare) => ((await (await mf.getD1Database('DB')).prepare(`select count(*) as n from outbox where state = 'pending'`).first()) as { n: number }).n;

describe('the API on Cloudflare Pages in workerd (GitHub stand-in, Access JWT, D1)', () => {
  it('answers a post from the D1 outbox, the feed returns it at once, and waitUntil commits it as the employee; a comment too', async () => {
    const before = await fx.head();
    const jwt = await fx.accessToken('ahmet.demir@wadvoort.nl');
    expect(await (await call(proxy, '/api/auth/me', { jwt })).json()).toMatchObject({ personId: 'ahmet-demir', mode: 'proxy' });

    const posted = await post({ jwt, json: { tekst: 'Gepost via **Cloudflare Pages**' } });
    expect(posted.status).toBe(201);
    const { bericht } = (await posted.json()) as { bericht: { id: string } };
    // Read-your-writes from the outbox, whether or not the flush has reached GitHub yet.
    const feed = await call(proxy, `/api/feed?sinds=${before}`, { jwt });
    expect(feed.status).toBe(200);
    expect(((await feed.json()) as { items: { id: string }[] }).items.map((item) => item.id)).toEqual([bericht.id]);

    const outboxRows = await (await proxy.getD1Database('DB')).prepare(`select count(*) as n from outbox where instr(change, ?) > 0`).bind(bericht.id).first('n');
    expect(outboxRows).toBe(1);
    const afterPost = await landed(`${bericht.id}.md`);
    expect((await fx.gh.git.readCommit(afterPost)).author).toMatchObject({ name: 'Ahmet Demir', email: 'ahmet.demir@wadvoort.nl' });
    expect(await pendingRows(proxy)).toBe(0);

    const commented = await call(proxy, '/api/reacties', { method: 'POST', jwt: await fx.accessToken('Bas.vanLeeuwen@wadvoort.nl'), json: { doel: { type: 'bericht', id: bericht.id }, tekst: 'Werkt!' } });
    expect(commented.status).toBe(201);
    const { reactie } = (await commented.json()) as { reactie: { id: string } };
    expect((await fx.gh.git.readCommit(await landed(`${reactie.id}.md`))).author).toMatchObject({ name: 'Bas van Leeuwen' });
    // The post's author is notified from the same waitUntil (the fan-out runs in workerd too), and the bell knows.
    const db = await proxy.getD1Database('DB');
    await expect.poll(async () => db.prepare(`select kind from notifications where person = 'ahmet-demir' and url like ?`).bind(`%${reactie.id}`).first('kind'), { timeout: 10_000 }).toBe('reactie-op-bericht');
    expect(await (await call(proxy, '/api/auth/me', { jwt })).json()).toMatchObject({ personId: 'ahmet-demir', meldingen: 1 });
  });

  it('an editor erases one post on request: gone from the branch in one commit by Plein, and its D1 rows with it', async () => {
    const jwt = await fx.accessToken('ahmet.demir@wadvoort.nl');
    const posted = await post({ jwt, json: { tekst: 'Dit bericht wil ik kwijt' } });
    const { bericht } = (await posted.json()) as { bericht: { id: string } };
    await landed(`${bericht.id}.md`);
    const db = await proxy.getD1Database('DB');
    await db.prepare(`insert into appreciations (target_type, target_id, person, kind, created_at) values ('bericht', ?, 'bas-van-leeuwen', 'duim', 1)`).bind(bericht.id).run();
    const erase = (who: string) => fx.accessToken(who).then((token) => call(proxy, '/api/beheer/wissen', { method: 'POST', jwt: token, json: { bericht: bericht.id } }));
    expect((await erase('ahmet.demir@wadvoort.nl')).status).toBe(403);
    const res = await erase('iris.kuipers@wadvoort.nl');
    expect(res.status).toBe(200);
    // The waardering, and the author's own follow of the post once the fan-out has made it.
    const { statusopslag } = (await res.json()) as { statusopslag: number };
    expect(statusopslag).toBeGreaterThanOrEqual(1);
    for (const table of ['appreciations', 'follows']) expect(await db.prepare(`select count(*) as n from ${table} where target_id = ?`).bind(bericht.id).first('n')).toBe(0);
    await expect.poll(async () => (await fx.gh.git.git(['log', '-1', '--format=%an|%s', await fx.head()])).trim(), { timeout: 10_000 }).toBe('Plein|Een bericht verwijderd op verzoek (AVG art. 17)');
    expect(await fx.gh.git.git(['ls-tree', '-r', '--name-only', await fx.head()])).not.toContain(bericht.id);
  });

  it('has run the day’s retention of the D1 rows after a request (pages-retention.ts): the lease marks it for 24 hours', async () => {
    const db = await proxy.getD1Database('DB');
    await expect.poll(async () => Number(await db.prepare(`select expires_at from outbox_lease where name = 'bewaartermijn'`).first('expires_at')), { timeout: 10_000 }).toBeGreaterThan(Date.now() + 23 * 60 * 60_000);
  });

  it('knows the deploy’s news: the must-read banner rides on /api/auth/me, Gelezen is stored in D1 and then gone from it', async () => {
    const jwt = await fx.accessToken('bas.vanleeuwen@wadvoort.nl');
    const me = async () => ((await (await call(proxy, '/api/auth/me', { jwt })).json()) as { verplichtLezen?: { id: string }[] }).verplichtLezen?.map((n) => n.id);
    expect(await me()).toContain('mfa-verplicht-voor-alle-accounts');
    const read = await call(proxy, '/api/gelezen/mfa-verplicht-voor-alle-accounts', { method: 'POST', jwt });
    expect(read.status).toBe(201);
    expect(await me()).not.toContain('mfa-verplicht-voor-alle-accounts');
    const db = await proxy.getD1Database('DB');
    expect(await db.prepare(`select person from read_confirmations where news_id = 'mfa-verplicht-voor-alle-accounts'`).first('person')).toBe('bas-van-leeuwen');
    expect((await call(proxy, '/api/gelezen/bestaat-niet', { method: 'POST', jwt })).status).toBe(404);
  });

  it('waits for a flush lease held by an isolate that died, and commits once the lease runs out', async () => {
    const db = await proxy.getD1Database('DB');
    await db.prepare(`insert into outbox_lease (name, holder, expires_at) values ('outbox', 'dood', ?) on conflict (name) do update set holder = 'dood', expires_at = excluded.expires_at`).bind(Date.now() + 2000).run();
    const res = await post({ jwt: await fx.accessToken('ahmet.demir@wadvoort.nl'), json: { tekst: 'Wacht op de lease' } });
    expect(res.status).toBe(201);
    const { bericht } = (await res.json()) as { bericht: { id: string } };
    expect(await pendingRows(proxy)).toBe(1);
    const head = await landed(`${bericht.id}.md`);
    expect((await fx.filesAt(head)).filter((path) => path.endsWith(`${bericht.id}.md`))).toHaveLength(1);
    expect(await pendingRows(proxy)).toBe(0);
  }, 60_000);

  it('a change an isolate acknowledged but never flushed (it was stopped) is committed by a later reader that finds it stuck', async () => {
    const db = await proxy.getD1Database('DB');
    const head = await fx.head();
    const model = (await fx.filesAt(head)).find((path) => /berichten\/.+\.md$/.test(path))!;
    const text = new TextDecoder().decode(await fx.gh.git.readBlob((await fx.gh.git.blobAt(head, model))!));
    const id = createUlid(Date.now() - 60_000);
    const path = model.replace(/[^/]+\.md$/, `${id}.md`);
    const change = { writes: [{ path, text }], message: 'Bericht van een gestopt isolate', author: { name: 'Ahmet Demir', email: 'ahmet.demir@wadvoort.nl' } };
    await db.prepare(`insert into outbox (id, acknowledged_at, change, state) values (?, ?, ?, 'pending')`).bind(id, Date.now() - 60_000, JSON.stringify(change)).run();
    const feed = await call(proxy, `/api/feed?sinds=${head}`, { jwt: await fx.accessToken('anouk.devries@wadvoort.nl') });
    expect(((await feed.json()) as { items: { id: string }[] }).items.map((item) => item.id)).toContain(id);
    await landed(`${id}.md`);
    expect(await pendingRows(proxy)).toBe(0);
  }, 60_000);

  it('commits two colleagues’ posts sent at the same moment (each request has its own GitHub client), both on the branch once', async () => {
    const before = await fx.head();
    // Each answer is read as it arrives (two responses left unread side by side have tripped Miniflare's fetch).
    const send = async (email: string, tekst: string) => {
      const res = await post({ jwt: await fx.accessToken(email), json: { tekst } });
      return { status: res.status, text: await res.text() };
    };
    const [one, two] = await Promise.all([send('ahmet.demir@wadvoort.nl', 'Tegelijk één'), send('anouk.devries@wadvoort.nl', 'Tegelijk twee')]);
    expect([one.status, two.status], `${one.text} ${two.text}`).toEqual([201, 201]);
    const ids = [one, two].map((res) => (JSON.parse(res.text) as { bericht: { id: string } }).bericht.id);
    for (const id of ids) await landed(`${id}.md`);
    const files = await fx.filesAt(await fx.head());
    for (const id of ids) expect(files.filter((path) => path.endsWith(`${id}.md`))).toHaveLength(1);
    // One commit each, or one commit for both (one flush took both rows): both colleagues are named as authors.
    const log = await fx.gh.git.git(['log', '--format=%an%n%b', `${before}..${await fx.head()}`]);
    expect(log).toContain('Ahmet Demir');
    expect(log).toContain('Anouk de Vries');
  }, 120_000);

  it('reuses a feed answer for a few seconds without asking GitHub, still only for a logged-in colleague', async () => {
    const since = (await fx.gh.git.git(['rev-parse', `${await fx.head()}~2`])).trim();
    const jwt = await fx.accessToken('ahmet.demir@wadvoort.nl');
    const first = await call(proxy, `/api/feed?sinds=${since}`, { jwt });
    expect(first.status).toBe(200);
    const asked = fx.gh.stats.requests;
    expect(await (await call(proxy, `/api/feed?sinds=${since}`, { jwt })).json()).toEqual(await first.json());
    expect(fx.gh.stats.requests).toBe(asked);
    expect((await call(proxy, `/api/feed?sinds=${since}`)).status).toBe(401);
    expect((await call(proxy, `/api/feed?sinds=${since}`, { jwt: await fx.accessToken('anouk.devries@wadvoort.nl', true) })).status).toBe(401);
  });

  it('stores a photo re-encoded by the WebAssembly codecs: EXIF with GPS, XMP and ICC gone, scaled to 2048 px', async () => {
    const input = await solid(2560, 1280).withExif(SECRET_EXIF).withXmp(SECRET_XMP).withIccProfile('p3').jpeg().toBuffer();
    expect(includes(input, 'WGS-84')).toBe(true);
    const res = await postPhoto(input, 'vakantie.jpg');
    expect(res.status).toBe(201);
    const { bericht } = (await res.json()) as { bericht: { id: string } };
    const head = await landed(`${bericht.id}.md`);
    const stored = (await fx.filesAt(head)).filter((path) => path.includes(bericht.id) && path.endsWith('.jpg'));
    expect(stored).toHaveLength(1);
    const bytes = await fx.gh.git.readBlob((await fx.gh.git.blobAt(head, stored[0]!))!);
    const meta = await sharp(bytes).metadata();
    expect(meta).toMatchObject({ format: 'jpeg', width: 2048, height: 1024 });
    expect(meta.exif ?? meta.xmp ?? meta.icc).toBeUndefined();
    for (const secret of SECRET_STRINGS) expect(includes(bytes, secret), secret).toBe(false);
  });

  it('commits a post too big for a D1 row (two noisy photos) before answering, without the outbox', async () => {
    const noisy = (seed: number) => {
      const pixels = Buffer.alloc(2048 * 1536 * 3);
      let x = seed;
      for (let i = 0; i < pixels.length; i++) pixels[i] = (x = (x * 1103515245 + 12345) >>> 0) >>> 24;
      return sharp(pixels, { raw: { width: 2048, height: 1536, channels: 3 } }).jpeg({ quality: 90 }).toBuffer();
    };
    const res = await postPhoto(await noisy(1), 'ruis.jpg', [await noisy(2)]);
    expect(res.status, await res.clone().text()).toBe(201);
    const { bericht } = (await res.json()) as { bericht: { id: string } };
    // Answered after the commit: on the branch at once, nothing waiting in D1.
    const files = await fx.filesAt(await fx.head());
    expect(files.filter((path) => path.endsWith(`${bericht.id}.md`))).toHaveLength(1);
    expect(files.filter((path) => path.includes(bericht.id) && path.endsWith('.jpg'))).toHaveLength(2);
    const db = await proxy.getD1Database('DB');
    expect(await db.prepare(`select count(*) as n from outbox where instr(change, ?) > 0`).bind(bericht.id).first('n')).toBe(0);
  }, 120_000);

  it('refuses a corrupt photo (422) and a HEIC (415) with their Dutch messages, and writes nothing', async () => {
    const before = await fx.head();
    const corrupt = await postPhoto(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]), 'foto.jpg');
    expect(corrupt.status).toBe(422);
    expect(await corrupt.json()).toMatchObject({ error: { code: 'foto_onleesbaar', message: expect.stringMatching(/beschadigd of onvolledig/) } });
    const heic = await postPhoto(new Uint8Array([0, 0, 0, 24, ...Buffer.from('ftypheic'), 0, 0, 0, 0, ...Buffer.from('mif1heic')]), 'IMG_0001.HEIC');
    expect(heic.status).toBe(415);
    expect(await heic.json()).toMatchObject({ error: { code: 'heic_niet_ondersteund', message: expect.stringMatching(/Meest compatibel/) } });
    expect(await fx.head()).toBe(before);
  });

  it('serves a knowledge page’s source for a suggested edit, and refuses the edit itself with 501: no branch, no pull request', async () => {
    const jwt = await fx.accessToken('ahmet.demir@wadvoort.nl');
    const source = await call(proxy, '/api/voorstellen/bron?pagina=hr/verlof-aanvragen', { jwt });
    expect(source.status).toBe(200);
    const { tekst } = (await source.json()) as { tekst: string };
    expect(tekst).toContain('Verlof vraag je aan in het portaal.');
    const res = await call(proxy, '/api/voorstellen', { method: 'POST', jwt, json: { pagina: 'hr/verlof-aanvragen', tekst: tekst.replace('portaal', 'personeelsportaal'), toelichting: 'Het heet nu het personeelsportaal.' } });
    expect(res.status).toBe(501);
    expect(await res.json()).toMatchObject({ error: { code: 'voorstellen_niet_beschikbaar' } });
    expect((await fx.gh.git.git(['for-each-ref', 'refs/heads/voorstel/'])).trim()).toBe('');
    expect(fx.gh.pulls()).toEqual([]);
  });

  it('answers 401 to a forged or missing Access token and writes nothing', async () => {
    const before = await fx.head();
    for (const jwt of [await fx.accessToken('anouk.devries@wadvoort.nl', true), undefined]) {
      const res = await post({ jwt, json: { tekst: 'Namens een ander' } });
      expect(res.status).toBe(401);
      expect(await res.json()).toMatchObject({ error: { code: 'niet_ingelogd' } });
    }
    expect(await fx.head()).toBe(before);
  });

  it('answers 503 naming every missing variable (never a value) when the project is not configured', async () => {
    const res = await call(partial, '/api/health');
    expect(res.status).toBe(503);
    const { error } = (await res.json()) as { error: { code: string; message: string } };
    expect(error.code).toBe('api_niet_ingesteld');
    expect(error.message).toMatch(/PLEIN_PROXY_AUDIENCE/);
    expect(error.message).toMatch(/PLEIN_GITHUB_REPO/);
    expect(error.message).not.toContain(TOKEN);
    // No login at all: refused too, even though the demo login would "work".
    const demo = await call(noLogin, '/api/health');
    expect(demo.status).toBe(503);
    expect(((await demo.json()) as { error: { message: string } }).error.message).toMatch(/PLEIN_PROXY_JWKS_URL.*PLEIN_OIDC_ISSUER/);
    expect((await call(proxy, '/api/health')).status).toBe(200);
  });
});
