// Forged identity, refused everywhere a token is accepted: the identity-aware proxy's JWT, the OIDC ID token at the
// callback (the token endpoint's answer forged), the login-state cookie the callback reads, and the session cookie. Every forgery is built from a real OpenID
// provider's keys (oidc-provider on loopback); each must give 401 and write nothing. A genuine token per place shows
// the refusals are not vacuous.
import { decodeJwt, exportSPKI, importJWK, SignJWT, UnsecuredJWT, generateKeyPair, type CryptoKey, type JWTPayload } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPageGate } from '../../functions/auth/page-gate.ts';
import { loginAtProvider, startOidcProvider, type TestProvider } from '../support/oidc-provider.ts';
import { makeSecurityApi, repoState, SESSION_SECRET, SITE, sameOriginHeaders } from '../support/security-api.ts';

const CALLBACK = `${SITE}/api/auth/oidc/callback`;
const PROXY_AUDIENCE = 'plein-toegangspoort';
const SESSION_COOKIE = '__Host-plein-sessie';
const now = () => Math.floor(Date.now() / 1000);

let idp: TestProvider;
let otherKey: CryptoKey;
let publicPem: Uint8Array;

beforeAll(async () => {
  idp = await startOidcProvider({ redirectUris: [CALLBACK] });
  otherKey = (await generateKeyPair('RS256')).privateKey;
  // The provider's public key, as anyone can fetch it: the material of the HS256 key-confusion attack.
  const { keys } = (await (await fetch(`${idp.issuer}/jwks`)).json()) as { keys: JsonWebKey[] };
  publicPem = new TextEncoder().encode(await exportSPKI((await importJWK(keys[0], 'RS256', { extractable: true })) as CryptoKey));
});
afterAll(() => idp.close());

/** How a token is made: the claims a genuine one would have, and where it is expected to be valid. */
interface Genuine {
  claims: JWTPayload;
  issuer: string;
  audience: string;
}

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Signs claims as the provider does (RS256, its key and kid), with header overrides. */
function signAsProvider(claims: JWTPayload, header: Record<string, unknown> = {}, key: CryptoKey | Uint8Array = idp.signingKey) {
  return new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: 'test-sleutel', ...header } as { alg: string }).sign(key);
}

/** The forgeries, each from a genuine token's claims; `expected` is the answer when it is not 401. */
const FORGERIES: { name: string; make: (g: Genuine) => Promise<string> }[] = [
  { name: 'alg none', make: async ({ claims }) => new UnsecuredJWT(claims).encode() },
  { name: 'signed with another key (same kid)', make: ({ claims }) => signAsProvider(claims, {}, otherKey) },
  { name: "HS256 signed with the provider's public key", make: ({ claims }) => signAsProvider(claims, { alg: 'HS256' }, publicPem) },
  { name: 'expired', make: ({ claims }) => signAsProvider({ ...claims, iat: now() - 7200, exp: now() - 3600 }) },
  { name: 'not yet valid (nbf in the future)', make: ({ claims }) => signAsProvider({ ...claims, nbf: now() + 3600, exp: now() + 7200 }) },
  { name: 'issued in the future (iat)', make: ({ claims }) => signAsProvider({ ...claims, iat: now() + 3600, exp: now() + 7200 }) },
  { name: 'wrong issuer', make: ({ claims }) => signAsProvider({ ...claims, iss: 'https://nep-inlogdienst.example' }) },
  { name: 'wrong audience', make: ({ claims }) => signAsProvider({ ...claims, aud: 'een-andere-applicatie' }) },
  { name: 'unknown kid', make: ({ claims }) => signAsProvider(claims, { kid: 'onbekende-sleutel' }) },
  {
    name: 'tampered payload (e-mail of the editor, original signature)',
    make: async ({ claims }) => {
      const [header, , signature] = (await signAsProvider(claims)).split('.');
      return `${header}.${b64url({ ...claims, email: 'Anouk.de.Vries@wadvoort.nl', sub: 'anouk' })}.${signature}`;
    },
  },
  {
    name: 'missing sub',
    make: ({ claims }) => {
      const { sub: _sub, ...rest } = claims;
      return signAsProvider(rest);
    },
  },
  { name: 'not a JWT at all', make: async () => 'geen.jwt.token' },
];

/** The genuine claims of a proxy token for Ahmet. */
const proxyClaims = (): Genuine => ({
  claims: { iss: idp.issuer, aud: PROXY_AUDIENCE, sub: 'ahmet', email: 'ahmet.demir@wadvoort.nl', iat: now(), exp: now() + 300 },
  issuer: idp.issuer,
  audience: PROXY_AUDIENCE,
});

describe('the identity-aware proxy JWT (JWKS of a real OpenID provider)', () => {
  const env = () => ({ PLEIN_PROXY_JWKS_URL: `${idp.issuer}/jwks`, PLEIN_PROXY_ISSUER: idp.issuer, PLEIN_PROXY_AUDIENCE: PROXY_AUDIENCE });
  const post = (app: ReturnType<typeof makeSecurityApi>['app'], jwt: string) =>
    app.request(`${SITE}/api/berichten`, { method: 'POST', headers: sameOriginHeaders({ 'cf-access-jwt-assertion': jwt }), body: JSON.stringify({ tekst: 'Vervalst bericht' }) });

  it('accepts a genuine token signed with the provider key: a post is written', async () => {
    const { app, repo } = makeSecurityApi({ env: env() });
    const before = repoState(repo);
    const res = await post(app, await signAsProvider(proxyClaims().claims));
    expect(res.status).toBe(201);
    expect(repoState(repo)).not.toBe(before);
  });

  it.each(FORGERIES.map((f) => [f.name, f] as const))('refuses %s: 401 on a write, on /api/auth/me and at the page gate; nothing written', async (_name, forgery) => {
    const { app, repo, identity } = makeSecurityApi({ env: env() });
    const before = repoState(repo);
    const jwt = await forgery.make(proxyClaims());
    const res = await post(app, jwt);
    expect(res.status).toBe(401);
    expect((await res.json()).error.code).toBe('niet_ingelogd');
    const me = await app.request(`${SITE}/api/auth/me`, { headers: { 'cf-access-jwt-assertion': jwt } });
    expect(me.status).toBe(401);
    const page = await createPageGate(identity)(new Request(`${SITE}/nieuws/`, { headers: { 'cf-access-jwt-assertion': jwt } }));
    expect(page?.status).toBe(401);
    expect(repoState(repo)).toBe(before);
  });

  it('refuses a genuine token without an e-mail claim with 403 geen_email (no colleague to match), and writes nothing', async () => {
    const { app, repo } = makeSecurityApi({ env: env() });
    const before = repoState(repo);
    const { email: _email, ...claims } = proxyClaims().claims;
    const res = await post(app, await signAsProvider(claims));
    expect(res.status).toBe(403);
    expect((await res.json()).error.code).toBe('geen_email');
    expect(repoState(repo)).toBe(before);
  });
});

describe('the OIDC ID token at the callback (the token endpoint answer forged)', () => {
  /** What the provider's token endpoint answers in place of its own ID token; undefined leaves it alone. */
  let replaceIdToken: ((genuine: Genuine) => Promise<string>) | undefined;
  /** How many token endpoint answers were rewritten: each test checks its forgery really went out. */
  let replaced = 0;

  beforeAll(() => {
    // A Koa middleware on the real provider rewrites the token endpoint's JSON, as a forger on the back channel would.
    idp.provider.middleware.unshift(async (ctx, next) => {
      await next();
      const body = ctx.body as { id_token?: string } | undefined;
      if (ctx.path === '/token' && replaceIdToken && body?.id_token) {
        const claims = decodeJwt(body.id_token);
        ctx.body = { ...body, id_token: await replaceIdToken({ claims, issuer: idp.issuer, audience: idp.clientId }) };
        replaced++;
      }
    });
  });
  afterAll(() => {
    replaceIdToken = undefined;
  });

  const env = () => ({ PLEIN_OIDC_ISSUER: idp.issuer, PLEIN_OIDC_CLIENT_ID: idp.clientId, PLEIN_OIDC_CLIENT_SECRET: idp.clientSecret });

  /** A full login as Ahmet through the provider's pages; returns Plein's answer to the callback. */
  async function login(app: ReturnType<typeof makeSecurityApi>['app']) {
    const start = await app.request(`${SITE}/api/auth/login`);
    const loginCookie = start.headers.getSetCookie().find((c) => c.startsWith('__Host-plein-login='))!.split(';')[0];
    const back = await loginAtProvider(start.headers.get('location')!, 'ahmet.demir@wadvoort.nl');
    return app.request(back.href, { headers: { cookie: loginCookie } });
  }
  const sessionSet = (res: Response) => res.headers.getSetCookie().some((c) => c.startsWith(`${SESSION_COOKIE}=`) && !/Max-Age=0/.test(c));

  it('logs in with an ID token re-signed by the provider key with its own claims (the forging path itself is sound)', async () => {
    const { app } = makeSecurityApi({ env: env() });
    replaceIdToken = ({ claims }) => signAsProvider(claims);
    const res = await login(app);
    expect(replaced).toBe(1);
    expect(res.status).toBe(303);
    expect(sessionSet(res)).toBe(true);
  });

  it.each(FORGERIES.map((f) => [f.name, f] as const))('refuses %s with 401 and sets no session', async (_name, forgery) => {
    const { app, repo } = makeSecurityApi({ env: env() });
    const before = repoState(repo);
    replaceIdToken = forgery.make;
    const count = replaced;
    const res = await login(app);
    expect(replaced).toBe(count + 1);
    expect(res.status).toBe(401);
    expect((await res.json()).error.code).toBe('id_token_ongeldig');
    expect(sessionSet(res)).toBe(false);
    expect(repoState(repo)).toBe(before);
  });
});

describe('the session cookie', () => {
  const env = () => ({ PLEIN_OIDC_ISSUER: idp.issuer, PLEIN_OIDC_CLIENT_ID: idp.clientId, PLEIN_OIDC_CLIENT_SECRET: idp.clientSecret });
  const secret = new TextEncoder().encode(SESSION_SECRET);
  const claims = (extra: JWTPayload = {}): JWTPayload => ({ iss: 'plein', aud: 'plein-sessie', sub: 'ahmet-demir', iat: now(), exp: now() + 3600, ...extra });
  const hs256 = (payload: JWTPayload, key: Uint8Array = secret, alg = 'HS256') => new SignJWT(payload).setProtectedHeader({ alg }).sign(key);

  const COOKIES: { name: string; make: () => Promise<string> }[] = [
    { name: 'alg none', make: async () => new UnsecuredJWT(claims()).encode() },
    { name: 'signed with another secret (a cookie of another Plein)', make: () => hs256(claims(), new TextEncoder().encode('een-andere-sleutel-die-ook-lang-genoeg-is!!')) },
    { name: "RS256 signed with the OpenID provider's key", make: () => signAsProvider(claims()) },
    { name: 'HS512 with the right secret (algorithm not allowed)', make: () => hs256(claims(), secret, 'HS512') },
    { name: 'expired', make: () => hs256(claims({ iat: now() - 7200, exp: now() - 60 })) },
    { name: 'issued in the future (iat)', make: () => hs256(claims({ iat: now() + 3600, exp: now() + 7200 })) },
    { name: 'not yet valid (nbf in the future)', make: () => hs256(claims({ nbf: now() + 3600 })) },
    { name: 'wrong issuer', make: () => hs256(claims({ iss: 'iemand-anders' })) },
    { name: 'the login-state cookie as a session (wrong audience)', make: () => hs256(claims({ aud: 'plein-login' })) },
    { name: 'missing sub', make: () => hs256(claims({ sub: undefined })) },
    { name: 'a person who is not in the directory', make: () => hs256(claims({ sub: 'oud-collega' })) },
    {
      name: 'tampered payload (sub of the editor, original signature)',
      make: async () => {
        const [header, , signature] = (await hs256(claims())).split('.');
        return `${header}.${b64url(claims({ sub: 'anouk-de-vries' }))}.${signature}`;
      },
    },
  ];

  it('accepts a genuine session cookie: a post is written', async () => {
    const { app, repo } = makeSecurityApi({ env: env() });
    const before = repoState(repo);
    const res = await app.request(`${SITE}/api/berichten`, { method: 'POST', headers: sameOriginHeaders({ cookie: `${SESSION_COOKIE}=${await hs256(claims())}` }), body: JSON.stringify({ tekst: 'Echt bericht' }) });
    expect(res.status).toBe(201);
    expect(repoState(repo)).not.toBe(before);
  });

  it.each(COOKIES.map((f) => [f.name, f] as const))('refuses %s: 401 on a write and on /api/auth/me, login at the page gate; nothing written', async (_name, forgery) => {
    const { app, repo, identity } = makeSecurityApi({ env: env() });
    const before = repoState(repo);
    const cookie = `${SESSION_COOKIE}=${await forgery.make()}`;
    const res = await app.request(`${SITE}/api/berichten`, { method: 'POST', headers: sameOriginHeaders({ cookie }), body: JSON.stringify({ tekst: 'Vervalst bericht' }) });
    expect(res.status).toBe(401);
    expect((await res.json()).error.code).toBe('niet_ingelogd');
    expect((await app.request(`${SITE}/api/auth/me`, { headers: { cookie } })).status).toBe(401);
    const page = await createPageGate(identity)(new Request(`${SITE}/tijdlijn/`, { headers: { cookie } }));
    expect(page?.status).toBe(302);
    expect(page?.headers.get('location')).toBe('/api/auth/login?terug=%2Ftijdlijn%2F');
    expect(repoState(repo)).toBe(before);
  });
});

describe('the login-state cookie at the OIDC callback', () => {
  const env = () => ({ PLEIN_OIDC_ISSUER: idp.issuer, PLEIN_OIDC_CLIENT_ID: idp.clientId, PLEIN_OIDC_CLIENT_SECRET: idp.clientSecret });
  const secret = new TextEncoder().encode(SESSION_SECRET);
  const hs256 = (payload: JWTPayload, key: Uint8Array = secret, alg = 'HS256') => new SignJWT(payload).setProtectedHeader({ alg }).sign(key);

  /** Forgeries of the login state, each keeping the genuine state, nonce and PKCE verifier of this login attempt. */
  const STATES: { name: string; make: (genuine: JWTPayload) => Promise<string> }[] = [
    { name: 'alg none', make: async (g) => new UnsecuredJWT(g).encode() },
    { name: 'signed with another secret', make: (g) => hs256(g, new TextEncoder().encode('een-andere-sleutel-die-ook-lang-genoeg-is!!')) },
    { name: "RS256 signed with the OpenID provider's key", make: (g) => signAsProvider(g) },
    { name: 'expired', make: (g) => hs256({ ...g, iat: now() - 3600, exp: now() - 60 }) },
    { name: 'issued in the future (iat)', make: (g) => hs256({ ...g, iat: now() + 3600, exp: now() + 4000 }) },
    { name: 'a session cookie as login state (wrong audience)', make: (g) => hs256({ ...g, aud: 'plein-sessie' }) },
    {
      name: 'tampered payload (another return path, original signature)',
      make: async (g) => {
        const [header, , signature] = (await hs256(g)).split('.');
        return `${header}.${b64url({ ...g, returnTo: '/beheer/' })}.${signature}`;
      },
    },
  ];

  /** Starts a login, logs in at the provider, and answers the callback with `state` made from the genuine login cookie. */
  async function callbackWith(app: ReturnType<typeof makeSecurityApi>['app'], state: (genuine: JWTPayload) => Promise<string>) {
    const start = await app.request(`${SITE}/api/auth/login?terug=/tijdlijn/`);
    const genuine = decodeJwt(start.headers.getSetCookie().find((c) => c.startsWith('__Host-plein-login='))!.split(';')[0].split('=')[1]);
    expect(genuine).toMatchObject({ aud: 'plein-login', returnTo: '/tijdlijn/' });
    const back = await loginAtProvider(start.headers.get('location')!, 'ahmet.demir@wadvoort.nl');
    return app.request(back.href, { headers: { cookie: `__Host-plein-login=${await state(genuine)}` } });
  }
  const sessionSet = (res: Response) => res.headers.getSetCookie().some((c) => c.startsWith(`${SESSION_COOKIE}=`) && !/Max-Age=0/.test(c));

  it('logs in with the genuine state re-signed with the server secret (the forging path itself is sound)', async () => {
    const { app } = makeSecurityApi({ env: env() });
    const res = await callbackWith(app, (g) => hs256(g));
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/tijdlijn/');
    expect(sessionSet(res)).toBe(true);
  });

  it.each(STATES.map((f) => [f.name, f] as const))('refuses %s with 400 inlogpoging_verlopen and sets no session', async (_name, forgery) => {
    const { app, repo } = makeSecurityApi({ env: env() });
    const before = repoState(repo);
    const res = await callbackWith(app, forgery.make);
    expect(res.status).toBe(400);
    expect((await res.json()).error.code).toBe('inlogpoging_verlopen');
    expect(sessionSet(res)).toBe(false);
    expect(repoState(repo)).toBe(before);
  });
});
