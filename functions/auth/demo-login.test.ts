import { describe, expect, it } from 'vitest';
import { createTestPeople } from '../../tests/support/people.ts';
import { createApp } from '../app.ts';
import { createIdentity } from './session.ts';

const SITE = 'http://localhost:4321';
const makeApp = () => createApp({ identity: createIdentity({}, createTestPeople()) });
const form = (data: Record<string, string>, headers: Record<string, string> = { origin: SITE }) => ({
  method: 'POST',
  body: new URLSearchParams(data),
  headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
});

describe('demo login (no identity configured)', () => {
  it('sends /api/auth/login to a clearly labelled Dutch demo page listing the colleagues', async () => {
    const app = makeApp();
    const login = await app.request(`${SITE}/api/auth/login?terug=/tijdlijn/`);
    expect(login.status).toBe(302);
    expect(login.headers.get('location')).toBe('/api/auth/demo?terug=%2Ftijdlijn%2F');
    const page = await app.request(`${SITE}/api/auth/demo?terug=/tijdlijn/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toMatch(/style-src 'nonce-/);
    const html = await page.text();
    expect(html).toContain('<html lang="nl">');
    expect(html).toContain('Demo-inlog.');
    expect(html).toContain('In productie staat de demo-inlog uit');
    expect(html).toContain('<option value="anouk-de-vries">Anouk de Vries — Beleidsmedewerker (redacteur)</option>');
    expect(html).toContain('name="terug" value="/tijdlijn/"');
  });

  it('logs in as the chosen colleague with a plain-named cookie on http, and pages stay open', async () => {
    const app = makeApp();
    const res = await app.request(`${SITE}/api/auth/demo`, form({ persoon: 'bas-van-leeuwen', terug: '/tijdlijn/' }));
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/tijdlijn/');
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('plein-sessie='))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/);
    const me = await app.request(`${SITE}/api/auth/me`, { headers: { cookie: cookie.split(';')[0] } });
    expect(await me.json()).toMatchObject({ personId: 'bas-van-leeuwen', mode: 'demo' });
    // Without a login the API is open in demo mode, but /api/auth/me says who is not logged in.
    expect((await app.request(`${SITE}/api/health`)).status).toBe(200);
    expect((await app.request(`${SITE}/api/auth/me`)).status).toBe(401);
  });

  it('refuses an unknown colleague, a cross-site form and a form without Origin', async () => {
    const app = makeApp();
    const unknown = await app.request(`${SITE}/api/auth/demo`, form({ persoon: '../../etc/passwd' }));
    expect(unknown.status).toBe(400);
    expect(unknown.headers.getSetCookie()).toEqual([]);
    const crossSite = await app.request(`${SITE}/api/auth/demo`, form({ persoon: 'ahmet-demir' }, { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' }));
    expect(crossSite.status).toBe(403);
    expect((await crossSite.json()).error.code).toBe('andere_herkomst');
    const noOrigin = await app.request(`${SITE}/api/auth/demo`, form({ persoon: 'ahmet-demir' }, {}));
    expect(noOrigin.status).toBe(403);
  });
});
