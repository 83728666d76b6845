// The Node server with real identity: OIDC against oidc-provider on loopback gates every page; a proxy gives 401 pages.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPageGate } from '../../auth/page-gate.ts';
import { createIdentity } from '../../auth/session.ts';
import { startOidcSite, type OidcSite } from '../../../tests/support/oidc-site.ts';
import { createTestPeople } from '../../../tests/support/people.ts';
import { startServer } from './server.ts';

const root = mkdtempSync(join(tmpdir(), 'plein-dist-auth-'));
let site: OidcSite;
let base = '';

beforeAll(async () => {
  mkdirSync(join(root, '_astro'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<h1>Welkom op het intranet</h1>');
  writeFileSync(join(root, '_astro', 'site.css'), 'body{}');
  site = await startOidcSite(root);
  base = site.base;
});
afterAll(() => site.close());

describe('Node server with OIDC', () => {
  it('sends every page and asset without a session to the login, remembering where to return', async () => {
    const home = await fetch(`${base}/`, { redirect: 'manual' });
    expect(home.status).toBe(302);
    expect(home.headers.get('location')).toBe('/api/auth/login?terug=%2F');
    const page = await fetch(`${base}/nieuws/?pagina=2`, { redirect: 'manual' });
    expect(page.headers.get('location')).toBe('/api/auth/login?terug=%2Fnieuws%2F%3Fpagina%3D2');
    expect((await fetch(`${base}/_astro/site.css`, { redirect: 'manual' })).status).toBe(302);
    expect((await fetch(`${base}/api/health`)).status).toBe(200);
    expect((await fetch(`${base}/api/auth/me`)).status).toBe(401);
  });

  it('serves the site after logging in at the provider, with a plain-named cookie on http', async () => {
    const callback = await site.login('bas.van.leeuwen@wadvoort.nl');
    expect(callback.status).toBe(303);
    const session = callback.headers.getSetCookie().find((c) => c.startsWith('plein-sessie='))!;
    expect(session).not.toMatch(/Secure/);
    const home = await fetch(`${base}/`, { headers: { cookie: session.split(';')[0] } });
    expect(home.status).toBe(200);
    expect(await home.text()).toContain('Welkom op het intranet');
    expect(home.headers.get('content-security-policy')).toContain("default-src 'self'");
  });
});

describe('page gate', () => {
  it('survives a browser that leaves while its login is being checked', async () => {
    // A slow check (think: a proxy's JWKS being fetched) and a client that gives up before it ends.
    const slow = createIdentity({}, createTestPeople());
    const identity = { ...slow, mode: 'oidc' as const, authenticate: async () => (await new Promise((r) => setTimeout(r, 150)), { personId: 'ahmet-demir', name: 'Ahmet Demir', email: 'ahmet.demir@wadvoort.nl', editor: false }) };
    const gated = await startServer({ distDir: root, port: 0, identity });
    const url = `http://127.0.0.1:${(gated.address() as { port: number }).port}/`;
    try {
      await expect(fetch(url, { signal: AbortSignal.timeout(30), headers: { 'accept-encoding': 'gzip' } })).rejects.toThrow();
      await new Promise((r) => setTimeout(r, 250));
      const res = await fetch(url);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('Welkom op het intranet');
    } finally {
      gated.close();
    }
  });


  it('answers a 401 page behind a proxy without a token, and leaves pages open in demo mode', async () => {
    const proxy = createIdentity({ PLEIN_PROXY_JWKS_URL: 'http://127.0.0.1:9/certs', PLEIN_PROXY_ISSUER: 'https://wadvoort.cloudflareaccess.com', PLEIN_PROXY_AUDIENCE: 'aud' }, createTestPeople());
    const res = await createPageGate(proxy)(new Request('https://intranet.wadvoort.nl/nieuws/'));
    expect(res!.status).toBe(401);
    expect(await res!.text()).toContain('de toegangspoort van je organisatie');
    const demo = createIdentity({}, createTestPeople());
    expect(await createPageGate(demo)(new Request('http://localhost:4321/'))).toBeUndefined();
  });
});
