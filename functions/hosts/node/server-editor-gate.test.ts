// The /beheer dashboards behind the Node server with real OIDC (oidc-provider on loopback): editors get them,
// other colleagues a Dutch 403 page, however the path is spelled; without identity configured they are open.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIdentity } from '../../auth/session.ts';
import { startOidcSite, type OidcSite } from '../../../tests/support/oidc-site.ts';
import { createTestPeople } from '../../../tests/support/people.ts';
import { startServer } from './server.ts';

const root = mkdtempSync(join(tmpdir(), 'plein-dist-beheer-'));
let site: OidcSite;
let base = '';

beforeAll(async () => {
  mkdirSync(join(root, 'beheer', 'gebruik'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<h1>Welkom op het intranet</h1>');
  writeFileSync(join(root, 'beheer', 'index.html'), '<h1>Beheer</h1>');
  writeFileSync(join(root, 'beheer', 'gebruik', 'index.html'), '<h1>Gebruik van het intranet</h1>');
  site = await startOidcSite(root);
  base = site.base;
});
afterAll(() => site.close());

/** Logs in at the provider as `email`; returns the session cookie. */
async function login(email: string): Promise<string> {
  const callback = await site.login(email);
  expect(callback.status).toBe(303);
  return callback.headers.getSetCookie().find((c) => c.startsWith('plein-sessie='))!.split(';')[0];
}

describe('/beheer with OIDC', () => {
  it('serves the dashboards to an editor', async () => {
    const cookie = await login('anouk.de.vries@wadvoort.nl');
    const res = await fetch(`${base}/beheer/gebruik/`, { headers: { cookie } });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Gebruik van het intranet');
    // Never indexed, never kept in a cache another colleague could be served from.
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('x-robots-tag')).toBe('noindex, nofollow');
    // No validator either: an editor's page is sent again in full, never answered with 304 from a browser's copy.
    expect(res.headers.get('etag')).toBeNull();
    expect((await fetch(`${base}/beheer/gebruik/`, { headers: { cookie, 'if-none-match': '*' } })).status).toBe(200);
    const index = await fetch(`${base}/beheer/`, { headers: { cookie } });
    expect(index.status).toBe(200);
    expect(index.headers.get('cache-control')).toBe('no-store');
  });

  it('answers a colleague who is not an editor with a Dutch 403 page, and serves the rest of the site', async () => {
    const cookie = await login('ahmet.demir@wadvoort.nl');
    for (const path of ['/beheer/gebruik/', '/beheer/', '/beheer', '/%62eheer/gebruik/', '//beheer/gebruik/', '/nieuws/%2e%2e/beheer/gebruik/', '/x%2F..%2Fbeheer/gebruik/']) {
      const res = await fetch(`${base}${path}`, { headers: { cookie }, redirect: 'manual' });
      expect(res.status, path).toBe(403);
      const text = await res.text();
      expect(text).toContain('<h1>Geen toegang</h1>');
      expect(text).toContain('alleen voor redacteuren');
      expect(text).not.toContain('Gebruik van het intranet');
      expect(res.headers.get('cache-control')).toBe('no-store');
    }
    const head = await fetch(`${base}/beheer/gebruik/`, { method: 'HEAD', headers: { cookie } });
    expect(head.status).toBe(403);
    const home = await fetch(`${base}/`, { headers: { cookie } });
    expect(home.status).toBe(200);
    expect((await fetch(`${base}/beheerders/`, { headers: { cookie } })).status).toBe(404);
  });

  it('sends a visitor without a session to the login first', async () => {
    const res = await fetch(`${base}/beheer/gebruik/`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/api/auth/login?terug=%2Fbeheer%2Fgebruik%2F');
  });
});

describe('/beheer without identity configured', () => {
  it('is open in demo mode', async () => {
    const demo = await startServer({ distDir: root, port: 0, identity: createIdentity({}, createTestPeople()) });
    try {
      const res = await fetch(`http://127.0.0.1:${(demo.address() as { port: number }).port}/beheer/gebruik/`);
      expect(res.status).toBe(200);
    } finally {
      demo.close();
    }
  });
});
