import { describe, expect, it } from 'vitest';
import { createApp } from './app.ts';
import { createIdentity } from './auth/session.ts';
import type { IdentityService } from './auth/identity-service.ts';
import { getDefaultIdentity } from './hosts/node/default-identity.ts';
import { createLocalGitStore } from './store/local-git-store.ts';
import { makeContentRepo, makePeople } from '../tests/support/posting-api.ts';
import { createTestPeople } from '../tests/support/people.ts';

describe('API app', () => {
  const app = createApp({ identity: getDefaultIdentity() });
  it('answers the health check', async () => {
    const res = await app.request('/api/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });
  it('answers unknown routes with a JSON error in Dutch', async () => {
    const res = await app.request('/api/bestaat-niet');
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: 'not_found', message: 'Deze API-route bestaat niet.' } });
  });
});

describe('identity', () => {
  /** The demo identity service, counting how often a request is identified. */
  function countingIdentity() {
    const real = createIdentity({}, createTestPeople());
    const counted = { calls: 0 };
    const service: IdentityService = {
      ...real,
      identify: (request) => {
        counted.calls++;
        return real.identify(request);
      },
      authenticate: (request) => {
        counted.calls++;
        return real.authenticate(request);
      },
    };
    return { service, counted };
  }

  it('is established once per request, whatever the route does with it', async () => {
    const { service, counted } = countingIdentity();
    const repo = makeContentRepo();
    const api = createApp({
      identity: service,
      content: { store: createLocalGitStore({ repoDir: repo }), people: makePeople(), processPhoto: () => Promise.reject(new Error('geen foto')), checkProposalBody: () => {} },
    });
    for (const [path, init] of [
      ['/api/feed', {}],
      ['/api/berichten', { method: 'POST', headers: { 'content-type': 'application/json', origin: 'http://localhost' }, body: '{"tekst":"hallo"}' }],
      ['/api/voorstellen/bron?pagina=x', {}],
      ['/api/bestaat-niet', {}],
    ] as const) {
      const before = counted.calls;
      await api.request(`http://localhost${path}`, init);
      expect(counted.calls - before, path).toBe(1);
    }
  });
});
