// The Cloudflare Pages Function as Cloudflare would run it: the entry bundled for the Workers runtime (esbuild with
// the workerd/worker/browser conditions, only the node: builtins nodejs_compat provides left external), then the
// bundle's onRequest called with a Pages-like context against the GitHub stand-in, behind a Cloudflare Access-style
// JWT signed by a JWKS on loopback.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type Metafile } from 'esbuild';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderPeopleModule } from '../../../scripts/lib/pages-people-module.ts';
import { loginAtProvider, startOidcProvider, type TestProvider } from '../../../tests/support/oidc-provider.ts';
import { CONTENT_DIR } from '../../../src/config.ts';
import { REPO_FILES } from '../../../tests/support/proposal-api.ts';
import { startGithubStandin, type GithubStandin } from '../../../tests/support/github-standin/server.ts';
import type { PagesContext } from './handler.ts';

const root = resolve(import.meta.dirname, '../../..');
const SITE = 'https://intranet.wadvoort.nl';
const ISSUER = 'https://wadvoort.cloudflareaccess.com';
const AUDIENCE = 'aud-tag-plein';
const TOKEN = 'ghp_pagesfunction0123456789';
/** The node: modules Cloudflare's nodejs_compat provides (a subset; enough for Plein). Anything else must not be imported. */
const NODEJS_COMPAT = new Set(['node:crypto', 'node:buffer', 'node:events', 'node:stream', 'node:util', 'node:async_hooks', 'node:path', 'node:url', 'node:assert', 'node:string_decoder', 'node:process', 'node:diagnostics_channel', 'node:zlib', 'node:timers']);

let metafile: Metafile;
let bundleBytes = 0;
let onRequest: (context: PagesContext) => Promise<Response>;
let gh: GithubStandin;
let jwks: Server;
let idp: TestProvider;
let env: Record<string, unknown>;
let key: CryptoKey;
let otherKey: CryptoKey;
const waiting: Promise<unknown>[] = [];
const out = join(root, '.plein', `pages-function-${process.pid}`);

beforeAll(async () => {
  mkdirSync(out, { recursive: true });
  // The colleagues module as `npm run build:functions` writes it, from the real content folder.
  const peopleModule = join(out, 'people.generated.ts');
  writeFileSync(peopleModule, renderPeopleModule(resolve(root, CONTENT_DIR)).source.replace("from '../hosts/cloudflare/people.ts'", `from ${JSON.stringify(join(root, 'functions/hosts/cloudflare/people.ts'))}`));
  const result = await build({
    entryPoints: [join(root, 'functions/api/[[path]].ts')],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    conditions: ['workerd', 'worker', 'browser'],
    external: ['node:*'],
    metafile: true,
    logLevel: 'silent',
    plugins: [{ name: 'generated-people', setup: (b) => b.onResolve({ filter: /people\.generated\.ts$/ }, () => ({ path: peopleModule })) }],
  });
  metafile = result.metafile;
  bundleBytes = result.outputFiles[0].contents.length;
  const file = join(out, 'worker.mjs');
  writeFileSync(file, result.outputFiles[0].contents);
  ({ onRequest } = await import(pathToFileURL(file).href));

  const pair = await generateKeyPair('RS256', { extractable: true });
  key = pair.privateKey;
  otherKey = (await generateKeyPair('RS256')).privateKey;
  const body = JSON.stringify({ keys: [{ ...(await exportJWK(pair.publicKey)), kid: 'access-1', alg: 'RS256', use: 'sig' }] });
  jwks = createServer((_req, res) => res.writeHead(200, { 'Content-Type': 'application/json' }).end(body));
  await new Promise<void>((ok) => jwks.listen(0, '127.0.0.1', ok));
  gh = await startGithubStandin({ tokens: [TOKEN], files: REPO_FILES });
  idp = await startOidcProvider({ redirectUris: [`${SITE}/api/auth/oidc/callback`] });
  env = {
    NODE_ENV: 'production',
    PLEIN_SITE_URL: SITE,
    PLEIN_PROXY_JWKS_URL: `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/cdn-cgi/access/certs`,
    PLEIN_PROXY_ISSUER: ISSUER,
    PLEIN_PROXY_AUDIENCE: AUDIENCE,
    PLEIN_GITHUB_REPO: `${gh.owner}/${gh.repo}`,
    PLEIN_GITHUB_TOKEN: TOKEN,
    PLEIN_GITHUB_API_URL: gh.baseUrl,
    // Pages puts bindings next to the variables; they are not settings.
    ASSETS: { fetch: () => new Response('static') },
  };
}, 120_000);

afterAll(async () => {
  await Promise.allSettled(waiting);
  jwks?.close();
  await idp?.close();
  await gh?.close();
  rmSync(out, { recursive: true, force: true });
});

/** A Cloudflare Access JWT for a colleague's e-mail. */
function accessToken(email: string, signWith = key) {
  return new SignJWT({ email })
    .setProtectedHeader({ alg: 'RS256', kid: 'access-1' })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setSubject(`sub-${email}`)
    .setIssuedAt()
    .setExpirationTime('5m')
    .sign(signWith);
}

/** Calls the bundled onRequest as Pages does. */
async function call(path: string, init: RequestInit & { jwt?: string; json?: unknown } = {}, withEnv = env) {
  const headers = new Headers(init.headers);
  if (init.jwt) headers.set('cf-access-jwt-assertion', init.jwt);
  if (init.method && init.method !== 'GET') headers.set('origin', SITE);
  let body = init.body;
  if (init.json !== undefined) {
    headers.set('content-type', 'application/json');
    body = JSON.stringify(init.json);
  }
  const request = new Request(`${SITE}${path}`, { ...init, headers, body });
  return onRequest({ request, env: withEnv, waitUntil: (p) => void waiting.push(p) });
}

const head = async () => (await gh.git.getRef(gh.branch))!;
const filesAt = async (commit: string) => (await gh.git.git(['ls-tree', '-r', '--name-only', commit])).trim().split('\n');

describe('the Pages Function bundle', () => {
  it('bundles for the Workers runtime with no Node-only module: only node: builtins of nodejs_compat stay external', () => {
    const external = new Set(Object.values(metafile.outputs).flatMap((o) => o.imports.filter((i) => i.external).map((i) => i.path)));
    expect([...external].filter((path) => !NODEJS_COMPAT.has(path))).toEqual([]);
    const inputs = Object.keys(metafile.inputs);
    expect(inputs.filter((path) => /node_modules\/(sharp|@img|satteri|@bruits)\/|child_process|local-git-store|journal\.ts|people-directory\.ts|process-photo/.test(path))).toEqual([]);
    // The API really is in it (not only the login routes).
    for (const part of ['functions/posts/routes.ts', 'functions/feed/routes.ts', 'functions/proposals/routes.ts', 'functions/store/github/github-store-base.ts']) expect(inputs).toContain(part);
    console.log(`Pages-bundel: ${(bundleBytes / 1024).toFixed(0)} KiB, ${inputs.length} modules, extern: ${[...external].join(', ')}`);
  });
});

describe('the API on Cloudflare Pages (bundle, GitHub stand-in, Access JWT or OIDC)', () => {
  it('commits a post to the branch as the employee before answering, the feed returns it, and a comment lands too', async () => {
    const before = await head();
    const jwt = await accessToken('ahmet.demir@wadvoort.nl');
    expect(await (await call('/api/auth/me', { jwt })).json()).toMatchObject({ personId: 'ahmet-demir', mode: 'proxy' });

    const posted = await call('/api/berichten', { method: 'POST', jwt, json: { tekst: 'Gepost via **Cloudflare Pages**' } });
    expect(posted.status).toBe(201);
    const { bericht } = (await posted.json()) as { bericht: { id: string } };
    // No journal: the answer came after the commit, so the branch holds it now.
    const afterPost = await head();
    expect(afterPost).not.toBe(before);
    expect((await filesAt(afterPost)).some((path) => path.endsWith(`${bericht.id}.md`))).toBe(true);
    const commit = await gh.git.readCommit(afterPost);
    expect(commit.author).toMatchObject({ name: 'Ahmet Demir', email: 'ahmet.demir@wadvoort.nl' });

    const feed = await call(`/api/feed?sinds=${before}`, { jwt });
    expect(feed.status).toBe(200);
    const items = ((await feed.json()) as { items: { id: string; html?: string }[] }).items;
    expect(items.map((item) => item.id)).toEqual([bericht.id]);

    const commented = await call('/api/reacties', { method: 'POST', jwt: await accessToken('Bas.vanLeeuwen@wadvoort.nl'), json: { doel: { type: 'bericht', id: bericht.id }, tekst: 'Werkt!' } });
    expect(commented.status).toBe(201);
    const afterComment = await head();
    expect(afterComment).not.toBe(afterPost);
    expect((await gh.git.readCommit(afterComment)).author).toMatchObject({ name: 'Bas van Leeuwen' });
  });

  it('commits two colleagues’ posts sent at the same moment (each request has its own GitHub client), both on the branch once', async () => {
    const before = await head();
    const [one, two] = await Promise.all([
      call('/api/berichten', { method: 'POST', jwt: await accessToken('ahmet.demir@wadvoort.nl'), json: { tekst: 'Tegelijk één' } }),
      call('/api/berichten', { method: 'POST', jwt: await accessToken('anouk.devries@wadvoort.nl'), json: { tekst: 'Tegelijk twee' } }),
    ]);
    expect([one.status, two.status]).toEqual([201, 201]);
    const ids = await Promise.all([one, two].map(async (res) => ((await res.json()) as { bericht: { id: string } }).bericht.id));
    const files = await filesAt(await head());
    for (const id of ids) expect(files.filter((path) => path.endsWith(`${id}.md`))).toHaveLength(1);
    const log = (await gh.git.git(['log', '--format=%an', `${before}..${await head()}`])).trim().split('\n').sort();
    expect(log).toEqual(['Ahmet Demir', 'Anouk de Vries']);
  });

  it('reuses a feed answer for a few seconds without asking GitHub, still only for a logged-in colleague, and shows a post made since', async () => {
    const since = (await gh.git.git(['rev-parse', `${await head()}~2`])).trim();
    const jwt = await accessToken('ahmet.demir@wadvoort.nl');
    const start = gh.stats.requests;
    const first = await call(`/api/feed?sinds=${since}`, { jwt });
    expect(first.status).toBe(200);
    const asked = gh.stats.requests;
    console.log(`Feed zonder cache, 2 nieuwe berichten: ${asked - start} GitHub-verzoeken`);
    const second = await call(`/api/feed?sinds=${since}`, { jwt });
    expect(await second.json()).toEqual(await first.json());
    expect(gh.stats.requests).toBe(asked);
    expect((await call(`/api/feed?sinds=${since}`)).status).toBe(401);
    expect((await call(`/api/feed?sinds=${since}`, { jwt: await accessToken('anouk.devries@wadvoort.nl', otherKey) })).status).toBe(401);

    const posted = await call('/api/berichten', { method: 'POST', jwt, json: { tekst: 'Na de cache' } });
    const { bericht } = (await posted.json()) as { bericht: { id: string } };
    const after = (await (await call(`/api/feed?sinds=${since}`, { jwt })).json()) as { items: { id: string }[] };
    expect(after.items.map((item) => item.id)).toContain(bericht.id);
  });

  it('refuses a photo with 501 fotos_niet_beschikbaar and writes nothing (sharp cannot run on Workers)', async () => {
    const before = await head();
    const form = new FormData();
    form.set('tekst', 'Met foto');
    form.append('foto', new File([new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3])], 'foto.jpg', { type: 'image/jpeg' }));
    form.append('alt', 'Een foto');
    const res = await call('/api/berichten', { method: 'POST', jwt: await accessToken('ahmet.demir@wadvoort.nl'), body: form });
    expect(res.status).toBe(501);
    expect(await res.json()).toMatchObject({ error: { code: 'fotos_niet_beschikbaar', message: expect.stringMatching(/zonder foto/) } });
    expect(await head()).toBe(before);
  });

  it('serves a knowledge page’s source for a suggested edit, and refuses the edit itself with 501 (the body guard needs a native parser): no branch, no pull request', async () => {
    const jwt = await accessToken('ahmet.demir@wadvoort.nl');
    const source = await call('/api/voorstellen/bron?pagina=hr/verlof-aanvragen', { jwt });
    expect(source.status).toBe(200);
    const { tekst } = (await source.json()) as { tekst: string };
    expect(tekst).toContain('Verlof vraag je aan in het portaal.');
    const res = await call('/api/voorstellen', { method: 'POST', jwt, json: { pagina: 'hr/verlof-aanvragen', tekst: tekst.replace('portaal', 'personeelsportaal'), toelichting: 'Het heet nu het personeelsportaal.' } });
    expect(res.status).toBe(501);
    expect(await res.json()).toMatchObject({ error: { code: 'voorstellen_niet_beschikbaar' } });
    expect((await gh.git.git(['for-each-ref', 'refs/heads/voorstel/'])).trim()).toBe('');
    expect(gh.pulls()).toEqual([]);
  });

  it('answers 401 to a forged or missing Access token and writes nothing', async () => {
    const before = await head();
    const forged = await accessToken('anouk.devries@wadvoort.nl', otherKey);
    for (const jwt of [forged, undefined]) {
      const res = await call('/api/berichten', { method: 'POST', jwt, json: { tekst: 'Namens een ander' } });
      expect(res.status).toBe(401);
      expect(await res.json()).toMatchObject({ error: { code: 'niet_ingelogd' } });
    }
    expect(await head()).toBe(before);
  });

  it('logs in with OpenID Connect instead (a session cookie signed with PLEIN_SESSION_SECRET) and posts with it', async () => {
    const { PLEIN_PROXY_JWKS_URL: _u, PLEIN_PROXY_ISSUER: _i, PLEIN_PROXY_AUDIENCE: _a, ...rest } = env;
    const oidcEnv = { ...rest, PLEIN_OIDC_ISSUER: idp.issuer, PLEIN_OIDC_CLIENT_ID: idp.clientId, PLEIN_OIDC_CLIENT_SECRET: idp.clientSecret, PLEIN_SESSION_SECRET: 'een-geheime-sleutel-van-minstens-32-tekens-lang' };
    const start = await call('/api/auth/login?terug=/tijdlijn/', {}, oidcEnv);
    expect(start.status).toBe(302);
    const loginCookie = start.headers.getSetCookie().find((c) => c.startsWith('__Host-plein-login='))!.split(';')[0];
    const back = await loginAtProvider(start.headers.get('location')!, 'ahmet.demir@wadvoort.nl');
    const callback = await onRequest({ request: new Request(back.href, { headers: { cookie: loginCookie } }), env: oidcEnv });
    expect(callback.status).toBe(303);
    const session = callback.headers.getSetCookie().find((c) => c.startsWith('__Host-plein-sessie='))!.split(';')[0];
    const before = await head();
    const posted = await call('/api/berichten', { method: 'POST', headers: { cookie: session }, json: { tekst: 'Via OpenID Connect' } }, oidcEnv);
    expect(posted.status).toBe(201);
    expect((await gh.git.readCommit(await head())).author).toMatchObject({ name: 'Ahmet Demir' });
    expect(await head()).not.toBe(before);
    expect((await call('/api/berichten', { method: 'POST', json: { tekst: 'Zonder sessie' } }, oidcEnv)).status).toBe(401);
  });

  it('answers 503 naming every missing variable (never a value) when the project is not configured, then works once it is', async () => {
    const { PLEIN_GITHUB_REPO: _repo, PLEIN_PROXY_AUDIENCE: _aud, ...partial } = env;
    const res = await call('/api/health', {}, partial);
    expect(res.status).toBe(503);
    const { error } = (await res.json()) as { error: { code: string; message: string } };
    expect(error.code).toBe('api_niet_ingesteld');
    expect(error.message).toMatch(/PLEIN_PROXY_AUDIENCE/);
    expect(error.message).toMatch(/PLEIN_GITHUB_REPO/);
    expect(error.message).not.toContain(TOKEN);

    // No login at all: refused too, even though the demo login would "work".
    const { PLEIN_PROXY_JWKS_URL: _u, PLEIN_PROXY_ISSUER: _i, PLEIN_PROXY_AUDIENCE: _a, NODE_ENV: _n, ...noLogin } = env;
    const demo = await call('/api/health', {}, noLogin);
    expect(demo.status).toBe(503);
    expect(((await demo.json()) as { error: { message: string } }).error.message).toMatch(/PLEIN_PROXY_JWKS_URL.*PLEIN_OIDC_ISSUER/);

    expect((await call('/api/health', {}, env)).status).toBe(200);
  });
});
