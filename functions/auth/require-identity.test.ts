import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { createTestPeople } from '../../tests/support/people.ts';
import type { AppEnv } from '../env.ts';
import { ApiError, toErrorBody } from '../lib/api-error.ts';
import { requireIdentity, requireSameOrigin } from './require-identity.ts';
import { createIdentity } from './session.ts';

const SITE = 'https://intranet.wadvoort.nl';
const identity = createIdentity({ PLEIN_SITE_URL: SITE }, createTestPeople());

/** A stand-in posting route, guarded the way the posting API guards its routes. */
function makeApp() {
  const app = new Hono<AppEnv>();
  app.post('/api/berichten', requireSameOrigin(), requireIdentity(identity), (c) => c.json({ auteur: c.get('identity')!.personId }, 201));
  app.route('/', identity.routes);
  app.onError((err, c) => (err instanceof ApiError ? c.json(toErrorBody(err), err.status as 400) : c.text('fout', 500)));
  return app;
}

async function demoCookie(app: Hono<AppEnv>, persoon = 'ahmet-demir') {
  const res = await app.request(`${SITE}/api/auth/demo`, { method: 'POST', body: new URLSearchParams({ persoon }), headers: { origin: SITE, 'content-type': 'application/x-www-form-urlencoded' } });
  return res.headers.getSetCookie()[0].split(';')[0];
}

describe('requireIdentity and requireSameOrigin', () => {
  it('sets the identity from the session, never from the request', async () => {
    const app = makeApp();
    const cookie = await demoCookie(app);
    const res = await app.request(`${SITE}/api/berichten`, { method: 'POST', headers: { cookie, origin: SITE, 'content-type': 'application/json' }, body: JSON.stringify({ auteur: 'anouk-de-vries' }) });
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ auteur: 'ahmet-demir' });
  });

  it('answers 401 niet_ingelogd in Dutch without a session', async () => {
    const res = await makeApp().request(`${SITE}/api/berichten`, { method: 'POST', headers: { origin: SITE } });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: { code: 'niet_ingelogd', message: 'Je bent niet ingelogd. Log in om verder te gaan.' } });
  });

  it.each([
    ['another origin', { origin: 'https://evil.example' }],
    ['a sibling subdomain (same-site)', { origin: 'https://evil.wadvoort.nl', 'sec-fetch-site': 'same-site' }],
    ['Sec-Fetch-Site cross-site even with a matching Origin', { origin: SITE, 'sec-fetch-site': 'cross-site' }],
    ['neither Origin nor Sec-Fetch-Site', {}],
    ['Origin null (sandboxed frame)', { origin: 'null' }],
  ])('refuses %s with 403 andere_herkomst', async (_, headers) => {
    const app = makeApp();
    const cookie = await demoCookie(app);
    const res = await app.request(`${SITE}/api/berichten`, { method: 'POST', headers: { cookie, ...headers } });
    expect(res.status).toBe(403);
    expect((await res.json()).error.code).toBe('andere_herkomst');
  });

  it('accepts PLEIN_SITE_URL behind a TLS-terminating proxy and Sec-Fetch-Site same-origin without Origin', async () => {
    const app = makeApp();
    const cookie = await demoCookie(app);
    const behindProxy = await app.request('http://127.0.0.1:4321/api/berichten', { method: 'POST', headers: { cookie, origin: SITE } }, { PLEIN_SITE_URL: SITE });
    expect(behindProxy.status).toBe(201);
    const fetchMetadata = await app.request(`${SITE}/api/berichten`, { method: 'POST', headers: { cookie, 'sec-fetch-site': 'same-origin' } });
    expect(fetchMetadata.status).toBe(201);
  });

  it('explains a wrong setup at start-up', () => {
    expect(() => requireIdentity(undefined as never)).toThrow(/IdentityService/);
  });
});
