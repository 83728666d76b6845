// Identity-aware proxy: the proxy's JWT verified against its JWKS, served on loopback like Cloudflare Access's certs.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, UnsecuredJWT, type CryptoKey } from 'jose';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestPeople } from '../../tests/support/people.ts';
import { createApp } from '../app.ts';
import { createIdentity } from './session.ts';

const SITE = 'https://intranet.wadvoort.nl';
const ISSUER = 'https://wadvoort.cloudflareaccess.com';
const AUDIENCE = 'a1b2c3-aud-tag';
let jwks: Server;
let jwksUrl = '';
let key: CryptoKey;
let otherKey: CryptoKey;

beforeAll(async () => {
  const pair = await generateKeyPair('RS256', { extractable: true });
  key = pair.privateKey;
  otherKey = (await generateKeyPair('RS256')).privateKey;
  const body = JSON.stringify({ keys: [{ ...(await exportJWK(pair.publicKey)), kid: 'sleutel-1', alg: 'RS256', use: 'sig' }] });
  jwks = createServer((_req, res) => res.writeHead(200, { 'Content-Type': 'application/json' }).end(body));
  await new Promise<void>((ok) => jwks.listen(0, '127.0.0.1', ok));
  jwksUrl = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/cdn-cgi/access/certs`;
});
afterAll(() => jwks.close());

const makeApp = (extra: Record<string, string> = {}) =>
  createApp({ identity: createIdentity({ PLEIN_PROXY_JWKS_URL: jwksUrl, PLEIN_PROXY_ISSUER: ISSUER, PLEIN_PROXY_AUDIENCE: AUDIENCE, PLEIN_SITE_URL: SITE, ...extra }, createTestPeople()) });

async function token(claims: Record<string, unknown> = {}, options: { key?: CryptoKey; exp?: number; iss?: string; aud?: string } = {}) {
  return new SignJWT({ email: 'ahmet.demir@wadvoort.nl', ...claims })
    .setProtectedHeader({ alg: 'RS256', kid: 'sleutel-1' })
    .setIssuer(options.iss ?? ISSUER)
    .setAudience(options.aud ?? AUDIENCE)
    .setSubject('6f0a1c2e-ahmet')
    .setIssuedAt()
    .setExpirationTime(options.exp ?? Math.floor(Date.now() / 1000) + 300)
    .sign(options.key ?? key);
}
const me = (app: ReturnType<typeof makeApp>, jwt?: string, header = 'Cf-Access-Jwt-Assertion') =>
  app.request(`${SITE}/api/auth/me`, { headers: jwt ? { [header]: jwt } : {} });

describe('identity-aware proxy (Cloudflare Access style JWT)', () => {
  it('identifies the colleague from a valid JWT', async () => {
    const res = await me(makeApp(), await token());
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ personId: 'ahmet-demir', name: 'Ahmet Demir', email: 'ahmet.demir@wadvoort.nl', editor: false, mode: 'proxy' });
  });

  it.each([
    ['no token', async () => undefined],
    ['another audience', () => token({}, { aud: 'iemand-anders' })],
    ['another issuer', () => token({}, { iss: 'https://evil.cloudflareaccess.com' })],
    ['a key not in the JWKS', () => token({}, { key: otherKey })],
    ['an expired token (beyond the 30 s tolerance)', () => token({}, { exp: Math.floor(Date.now() / 1000) - 60 })],
    ['alg none', async () => new UnsecuredJWT({ email: 'ahmet.demir@wadvoort.nl' }).setIssuer(ISSUER).setAudience(AUDIENCE).setExpirationTime('5m').encode()],
    ['HS256 signed with a guessable secret', async () => new SignJWT({ email: 'ahmet.demir@wadvoort.nl' }).setProtectedHeader({ alg: 'HS256' }).setIssuer(ISSUER).setAudience(AUDIENCE).setExpirationTime('5m').sign(new TextEncoder().encode('x'.repeat(32)))],
    ['garbage', async () => 'geen.jwt.token'],
  ])('refuses %s with 401 niet_ingelogd', async (_, make) => {
    const res = await me(makeApp(), await make());
    expect(res.status).toBe(401);
    expect((await res.json()).error.code).toBe('niet_ingelogd');
  });

  it('accepts a token that expired within the clock tolerance', async () => {
    expect((await me(makeApp(), await token({}, { exp: Math.floor(Date.now() / 1000) - 10 }))).status).toBe(200);
  });

  it('gives a verified login without a colleague profile a 403, and one without e-mail too', async () => {
    const unknown = await me(makeApp(), await token({ email: 'extern@leverancier.nl' }));
    expect(unknown.status).toBe(403);
    expect((await unknown.json()).error).toMatchObject({ code: 'onbekende_collega' });
    const noEmail = await me(makeApp(), await token({ email: undefined }));
    expect(noEmail.status).toBe(403);
    expect((await noEmail.json()).error.code).toBe('geen_email');
  });

  it('reads the configured header only', async () => {
    const app = makeApp({ PLEIN_PROXY_HEADER: 'X-Pomerium-Jwt-Assertion' });
    expect((await me(app, await token(), 'X-Pomerium-Jwt-Assertion')).status).toBe(200);
    expect((await me(app, await token())).status).toBe(401);
  });

  it('keeps every API route private and answers 503 when the JWKS cannot be fetched', async () => {
    expect((await makeApp().request(`${SITE}/api/feed`)).status).toBe(401);
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const res = await me(makeApp({ PLEIN_PROXY_JWKS_URL: 'http://127.0.0.1:9/certs' }), await token());
    expect(res.status).toBe(503);
    expect((await res.json()).error.code).toBe('toegangspoort_onbereikbaar');
    error.mockRestore();
  });
});
