import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApp } from '../app.ts';
import { STATE_COOKIE } from './github-oauth.ts';
import { getDefaultIdentity } from '../hosts/node/default-identity.ts';

// A stand-in for GitHub's token endpoint on loopback: code "goed" gets a token, anything else an error.
let github: Server;
let githubUrl = '';
const seen: Record<string, unknown>[] = [];
const TOKEN = 'gho_test_token_1234567890';

beforeAll(async () => {
  github = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      const data = JSON.parse(body || '{}');
      seen.push({ path: req.url, method: req.method, accept: req.headers.accept, ...data });
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(data.code === 'goed' ? { access_token: TOKEN, token_type: 'bearer', scope: 'repo' } : { error: 'bad_verification_code' }));
    });
  });
  await new Promise<void>((ok) => github.listen(0, '127.0.0.1', ok));
  githubUrl = `http://127.0.0.1:${(github.address() as { port: number }).port}`;
});
afterAll(() => github.close());

const env = () => ({ GITHUB_OAUTH_CLIENT_ID: 'client-123', GITHUB_OAUTH_CLIENT_SECRET: 'secret-456', PLEIN_GITHUB_OAUTH_URL: githubUrl, PLEIN_SITE_URL: 'https://intranet.wadvoort.nl' });
const BASE = 'https://intranet.wadvoort.nl';

/** Starts a login and returns the state and the cookie the browser would keep. */
async function start(app = createApp({ identity: getDefaultIdentity() })) {
  const res = await app.request(`${BASE}/api/auth?provider=github&site_id=intranet.wadvoort.nl&scope=repo`, {}, env());
  const location = new URL(res.headers.get('location')!);
  const cookie = res.headers.get('set-cookie')!;
  return { res, location, state: location.searchParams.get('state')!, cookie: cookie.split(';')[0] };
}

describe('GitHub OAuth for the CMS', () => {
  it('redirects to GitHub with a random state bound to an HttpOnly cookie', async () => {
    const { res, location, state, cookie } = await start();
    expect(res.status).toBe(302);
    expect(location.origin + location.pathname).toBe(`${githubUrl}/login/oauth/authorize`);
    expect(location.searchParams.get('client_id')).toBe('client-123');
    expect(location.searchParams.get('redirect_uri')).toBe(`${BASE}/api/auth/callback`);
    expect(location.searchParams.get('scope')).toBe('repo');
    expect(state).toMatch(/^[\w-]{40,}$/);
    expect(cookie).toBe(`${STATE_COOKIE}=${state}`);
    expect(res.headers.get('set-cookie')).toMatch(/HttpOnly/i);
    expect(res.headers.get('set-cookie')).toMatch(/Secure/i);
    expect(res.headers.get('set-cookie')).toMatch(/SameSite=Lax/i);
    expect((await start()).state).not.toBe(state);
  });

  it('exchanges the code and hands the token over with the postMessage protocol, to allowed origins only', async () => {
    const log = vi.spyOn(console, 'log');
    const error = vi.spyOn(console, 'error');
    const app = createApp({ identity: getDefaultIdentity() });
    const { state, cookie } = await start(app);
    const res = await app.request(`${BASE}/api/auth/callback?code=goed&state=${state}`, { headers: { cookie } }, env());
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain(`authorization:github:success:{\\"token\\":\\"${TOKEN}\\",\\"provider\\":\\"github\\"}`);
    expect(html).toContain('authorizing:github');
    expect(html).toContain('["https://intranet.wadvoort.nl"]');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('content-security-policy')).toMatch(/script-src 'nonce-[^']+'/);
    expect(res.headers.get('cross-origin-opener-policy')).toBe('unsafe-none');
    expect(res.headers.get('set-cookie')).toMatch(new RegExp(`${STATE_COOKIE}=;.*Max-Age=0`, 'i'));
    expect(seen.at(-1)).toMatchObject({ path: '/login/oauth/access_token', method: 'POST', accept: 'application/json', client_id: 'client-123', client_secret: 'secret-456', code: 'goed' });
    // The token never reaches a log.
    for (const call of [...log.mock.calls, ...error.mock.calls]) expect(JSON.stringify(call)).not.toContain(TOKEN);
  });

  it('uses a state only once', async () => {
    const app = createApp({ identity: getDefaultIdentity() });
    const { state, cookie } = await start(app);
    const first = await app.request(`${BASE}/api/auth/callback?code=goed&state=${state}`, { headers: { cookie } }, env());
    expect(first.status).toBe(200);
    // The browser dropped the cookie; a replay without it is refused.
    const replay = await app.request(`${BASE}/api/auth/callback?code=goed&state=${state}`, {}, env());
    expect(replay.status).toBe(400);
    expect(await replay.text()).toContain('verlopen of niet in deze browser begonnen');
  });

  it.each([
    ['no cookie', (s: string) => [`state=${s}`, '']],
    ['another state', () => ['state=iets-anders', 'cookie']],
    ['no state', () => ['', 'cookie']],
  ])('refuses a callback with %s and never contacts GitHub', async (_, make) => {
    const app = createApp({ identity: getDefaultIdentity() });
    const { state, cookie } = await start(app);
    const before = seen.length;
    const [query, withCookie] = make(state);
    const res = await app.request(`${BASE}/api/auth/callback?code=goed&${query}`, { headers: withCookie ? { cookie } : {} }, env());
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).not.toContain(TOKEN);
    expect(html).toContain('authorization:github:error:');
    expect(seen.length).toBe(before);
  });

  it('shows a Dutch error page when GitHub refuses the code', async () => {
    const app = createApp({ identity: getDefaultIdentity() });
    const { state, cookie } = await start(app);
    const res = await app.request(`${BASE}/api/auth/callback?code=fout&state=${state}`, { headers: { cookie } }, env());
    expect(res.status).toBe(502);
    expect(await res.text()).toContain('GitHub gaf geen toegang (bad_verification_code)');
  });

  it('shows a Dutch error page when GitHub cannot be reached', async () => {
    const app = createApp({ identity: getDefaultIdentity() });
    const { state, cookie } = await start(app);
    const res = await app.request(`${BASE}/api/auth/callback?code=goed&state=${state}`, { headers: { cookie } }, { ...env(), PLEIN_GITHUB_OAUTH_URL: 'http://127.0.0.1:9' });
    expect(res.status).toBe(502);
    expect(await res.text()).toContain('GitHub is niet bereikbaar');
  });

  it('explains in Dutch which setting is missing, without leaking values', async () => {
    const res = await createApp({ identity: getDefaultIdentity() }).request(`${BASE}/api/auth?provider=github`, {}, { GITHUB_OAUTH_CLIENT_ID: 'client-123' });
    expect(res.status).toBe(503);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    const html = await res.text();
    expect(html).toContain('<html lang="nl">');
    expect(html).toContain('Inloggen met GitHub is nog niet ingesteld: GITHUB_OAUTH_CLIENT_SECRET ontbreekt');
    expect(html).not.toContain('client-123');
  });

  it('refuses other providers and scopes', async () => {
    expect((await createApp({ identity: getDefaultIdentity() }).request(`${BASE}/api/auth?provider=gitlab`, {}, env())).status).toBe(400);
    expect((await createApp({ identity: getDefaultIdentity() }).request(`${BASE}/api/auth?provider=github&scope=admin:org`, {}, env())).status).toBe(400);
  });
});
