// OIDC login against a real OpenID provider (oidc-provider on loopback), driven over HTTP through its own pages.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loginAtProvider, startOidcProvider, type TestProvider } from '../../tests/support/oidc-provider.ts';
import { createTestPeople } from '../../tests/support/people.ts';
import { createApp } from '../app.ts';
import { createIdentity } from './session.ts';

const SITE = 'https://intranet.wadvoort.nl';
const CALLBACK = `${SITE}/api/auth/oidc/callback`;
const SECRET = 'een-geheime-sleutel-van-minstens-32-tekens-lang';
let idp: TestProvider;

beforeAll(async () => {
  idp = await startOidcProvider({ redirectUris: [CALLBACK], postLogoutRedirectUris: [`${SITE}/api/auth/uitgelogd`] });
});
afterAll(() => idp.close());

const env = () => ({ PLEIN_SITE_URL: SITE, PLEIN_OIDC_ISSUER: idp.issuer, PLEIN_OIDC_CLIENT_ID: idp.clientId, PLEIN_OIDC_CLIENT_SECRET: idp.clientSecret, PLEIN_SESSION_SECRET: SECRET });
const makeApp = (extra: Record<string, string> = {}) => createApp({ identity: createIdentity({ ...env(), ...extra }, createTestPeople()) });
const cookieOf = (res: Response, name: string) => res.headers.getSetCookie().find((c) => c.startsWith(`${name}=`));
const pair = (setCookie: string | undefined) => setCookie!.split(';')[0];

/** Starts a login at Plein, logs in at the provider's pages and returns Plein's answer to the callback. */
async function login(app: ReturnType<typeof makeApp>, email: string, terug = '/nieuws/') {
  const start = await app.request(`${SITE}/api/auth/login?terug=${encodeURIComponent(terug)}`);
  expect(start.status).toBe(302);
  const loginCookie = pair(cookieOf(start, '__Host-plein-login'));
  const back = await loginAtProvider(start.headers.get('location')!, email);
  expect(back.origin + back.pathname).toBe(CALLBACK);
  const res = await app.request(back.href, { headers: { cookie: loginCookie } });
  return { start, back, loginCookie, res };
}

describe('OIDC login (authorization code + PKCE) against oidc-provider', () => {
  it('sends the browser to the provider with PKCE S256, state and nonce in a signed, HttpOnly login cookie', async () => {
    const res = await makeApp().request(`${SITE}/api/auth/login?terug=/tijdlijn/`);
    const target = new URL(res.headers.get('location')!);
    expect(target.origin).toBe(idp.issuer);
    expect(target.searchParams.get('client_id')).toBe(idp.clientId);
    expect(target.searchParams.get('redirect_uri')).toBe(CALLBACK);
    expect(target.searchParams.get('response_type')).toBe('code');
    expect(target.searchParams.get('scope')).toBe('openid email profile');
    expect(target.searchParams.get('code_challenge_method')).toBe('S256');
    expect(target.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(target.searchParams.get('state')).toMatch(/^[\w-]{20,}$/);
    expect(target.searchParams.get('nonce')).toMatch(/^[\w-]{20,}$/);
    const cookie = cookieOf(res, '__Host-plein-login')!;
    expect(cookie).toMatch(/; Path=\/;/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/Secure/);
    expect(cookie).toMatch(/SameSite=Lax/);
    // The verifier never travels to the provider.
    expect(res.headers.get('location')).not.toContain('code_verifier');
  });

  it('logs in through the provider, matches the colleague by e-mail (any case) and sets a __Host- session cookie for 8 hours', async () => {
    const app = makeApp();
    const { res } = await login(app, 'ANOUK.de.vries@wadvoort.nl');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/nieuws/');
    const session = cookieOf(res, '__Host-plein-sessie')!;
    expect(session).toMatch(/Max-Age=28800/);
    expect(session).toMatch(/; Path=\/;/);
    expect(session).toMatch(/HttpOnly/);
    expect(session).toMatch(/Secure/);
    expect(session).toMatch(/SameSite=Lax/);
    expect(cookieOf(res, '__Host-plein-login')).toMatch(/Max-Age=0/);
    const me = await app.request(`${SITE}/api/auth/me`, { headers: { cookie: pair(session) } });
    expect(me.status).toBe(200);
    expect(me.headers.get('cache-control')).toBe('no-store');
    expect(await me.json()).toEqual({ personId: 'anouk-de-vries', name: 'Anouk de Vries', email: 'Anouk.de.Vries@wadvoort.nl', editor: true, mode: 'oidc' });
  });

  it('uses a login attempt once: replaying the callback fails and sets no session', async () => {
    const app = makeApp();
    const { back, loginCookie } = await login(app, 'ahmet.demir@wadvoort.nl');
    const replay = await app.request(back.href, { headers: { cookie: loginCookie, accept: 'text/html' } });
    expect(replay.status).toBe(400);
    expect(cookieOf(replay, '__Host-plein-sessie')).toBeUndefined();
    expect(await replay.text()).toContain('Log opnieuw in');
  });

  it('refuses a callback without the login cookie, with another state, or from another login attempt', async () => {
    const app = makeApp();
    const first = await app.request(`${SITE}/api/auth/login`);
    const otherCookie = pair(cookieOf(first, '__Host-plein-login'));
    const start = await app.request(`${SITE}/api/auth/login`);
    const back = await loginAtProvider(start.headers.get('location')!, 'ahmet.demir@wadvoort.nl');

    const noCookie = await app.request(back.href);
    expect(noCookie.status).toBe(400);
    expect((await noCookie.json()).error.code).toBe('inlogpoging_verlopen');

    const wrongState = new URL(back);
    wrongState.searchParams.set('state', 'iets-anders');
    const tampered = await app.request(wrongState.href, { headers: { cookie: pair(cookieOf(start, '__Host-plein-login')) } });
    expect(tampered.status).toBe(400);
    expect((await tampered.json()).error.code).toBe('inloggen_mislukt');

    const crossed = await app.request(back.href, { headers: { cookie: otherCookie } });
    expect(crossed.status).toBe(400);
    expect(cookieOf(crossed, '__Host-plein-sessie')).toBeUndefined();
  });

  it('refuses a login cookie that was not signed by this server', async () => {
    const app = makeApp();
    const start = await app.request(`${SITE}/api/auth/login`);
    const back = await loginAtProvider(start.headers.get('location')!, 'ahmet.demir@wadvoort.nl');
    const forgedBy = makeApp({ PLEIN_SESSION_SECRET: 'een-andere-sleutel-die-ook-lang-genoeg-is!!' });
    const forged = await forgedBy.request(`${SITE}/api/auth/login`);
    const res = await app.request(back.href, { headers: { cookie: pair(cookieOf(forged, '__Host-plein-login')) } });
    expect(res.status).toBe(400);
    expect((await res.json()).error.code).toBe('inlogpoging_verlopen');
  });

  it('gives someone without a colleague profile a clear 403 page, not a session', async () => {
    const app = makeApp();
    const start = await app.request(`${SITE}/api/auth/login`);
    const back = await loginAtProvider(start.headers.get('location')!, 'stagiair@wadvoort.nl');
    const res = await app.request(back.href, { headers: { cookie: pair(cookieOf(start, '__Host-plein-login')), accept: 'text/html' } });
    expect(res.status).toBe(403);
    expect(cookieOf(res, '__Host-plein-sessie')).toBeUndefined();
    const html = await res.text();
    expect(html).toContain('<html lang="nl">');
    expect(html).toContain('Geen collega-profiel gevonden');
    expect(html).toContain('Je bent ingelogd als stagiair@wadvoort.nl');
  });

  it('refuses an e-mail address the provider marks as unverified', async () => {
    const app = makeApp();
    const start = await app.request(`${SITE}/api/auth/login`);
    const back = await loginAtProvider(start.headers.get('location')!, 'ahmet.demir+onbevestigd@wadvoort.nl');
    const res = await app.request(back.href, { headers: { cookie: pair(cookieOf(start, '__Host-plein-login')) } });
    expect(res.status).toBe(403);
    expect((await res.json()).error.code).toBe('email_niet_bevestigd');
  });

  it('says so when the employee cancels at the provider', async () => {
    const app = makeApp();
    const start = await app.request(`${SITE}/api/auth/login`);
    const back = await loginAtProvider(start.headers.get('location')!, '', { abort: true });
    expect(back.searchParams.get('error')).toBe('access_denied');
    const res = await app.request(back.href, { headers: { cookie: pair(cookieOf(start, '__Host-plein-login')) } });
    expect(res.status).toBe(403);
    expect((await res.json()).error.code).toBe('toegang_geweigerd');
  });

  it('never sends a colleague elsewhere after login: the return path stays on the site', async () => {
    const { res } = await login(makeApp(), 'ahmet.demir@wadvoort.nl', '//evil.example/nieuws');
    expect(res.headers.get('location')).toBe('/');
  });

  it('makes every API route private, except the login itself and the health check', async () => {
    const app = makeApp();
    const me = await app.request(`${SITE}/api/auth/me`);
    expect(me.status).toBe(401);
    expect(await me.json()).toEqual({ error: { code: 'niet_ingelogd', message: 'Je bent niet ingelogd. Log in om verder te gaan.' } });
    expect((await app.request(`${SITE}/api/feed`)).status).toBe(401);
    expect((await app.request(`${SITE}/api/auth?provider=github`)).status).toBe(401);
    expect((await app.request(`${SITE}/api/health`)).status).toBe(200);
    expect((await app.request(`${SITE}/api/auth/demo`)).status).toBe(401);
  });

  it('ends a session after 8 hours and refuses a session signed with another secret', async () => {
    const app = makeApp();
    const { res } = await login(app, 'ahmet.demir@wadvoort.nl');
    const cookie = pair(cookieOf(res, '__Host-plein-sessie'));
    expect((await app.request(`${SITE}/api/auth/me`, { headers: { cookie } })).status).toBe(200);
    const other = makeApp({ PLEIN_SESSION_SECRET: 'een-andere-sleutel-die-ook-lang-genoeg-is!!' });
    expect((await other.request(`${SITE}/api/auth/me`, { headers: { cookie } })).status).toBe(401);
    vi.useFakeTimers({ now: Date.now() + 8 * 3600_000 + 5_000, toFake: ['Date'] });
    try {
      expect((await app.request(`${SITE}/api/auth/me`, { headers: { cookie } })).status).toBe(401);
    } finally {
      vi.useRealTimers();
    }
  });

  it('logs out with a same-origin POST and offers the provider logout', async () => {
    const app = makeApp();
    const { res } = await login(app, 'ahmet.demir@wadvoort.nl');
    const cookie = pair(cookieOf(res, '__Host-plein-sessie'));
    const crossSite = await app.request(`${SITE}/api/auth/logout`, { method: 'POST', headers: { cookie, origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' } });
    expect(crossSite.status).toBe(403);
    const out = await app.request(`${SITE}/api/auth/logout`, { method: 'POST', headers: { cookie, origin: SITE } });
    expect(out.status).toBe(303);
    expect(out.headers.get('location')).toBe('/api/auth/uitgelogd');
    expect(cookieOf(out, '__Host-plein-sessie')).toMatch(/Max-Age=0/);
    // A copy of the old cookie (another tab, a shared phone) no longer logs anyone in.
    expect((await app.request(`${SITE}/api/auth/me`, { headers: { cookie } })).status).toBe(401);
    const page = await (await app.request(`${SITE}/api/auth/uitgelogd`)).text();
    expect(page).toContain('Je bent uitgelogd');
    expect(page).toContain(`${idp.issuer}/session/end?client_id=${idp.clientId}`);
  });

  it('shows a Dutch error page when the provider cannot be reached', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const app = makeApp({ PLEIN_OIDC_ISSUER: 'http://127.0.0.1:9' });
    const res = await app.request(`${SITE}/api/auth/login`, { headers: { accept: 'text/html' } });
    expect(res.status).toBe(502);
    expect(await res.text()).toContain('De inlogdienst van je organisatie is niet bereikbaar');
    // The client secret never reaches a log.
    for (const call of error.mock.calls) expect(JSON.stringify(call)).not.toContain(idp.clientSecret);
    error.mockRestore();
  });
});
