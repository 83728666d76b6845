// The Node server gating a built site with real OIDC (oidc-provider on loopback), for tests of the page gate.
import type { Server } from 'node:http';
import { createIdentity } from '../../functions/auth/session.ts';
import { startServer } from '../../functions/hosts/node/server.ts';
import { getFreePort, loginAtProvider, startOidcProvider, type TestProvider } from './oidc-provider.ts';
import { createTestPeople } from './people.ts';

/** A running site behind OIDC: its base URL, the provider, and a way to log in. */
export interface OidcSite {
  base: string;
  idp: TestProvider;
  server: Server;
  /** Logs in at the provider as `email`; returns the callback response (303 with the session cookie). */
  login(email: string): Promise<Response>;
  close(): Promise<void>;
}

/** Serves `distDir` on a free port with OIDC login against a fresh provider, with the test people. */
export async function startOidcSite(distDir: string): Promise<OidcSite> {
  const port = await getFreePort();
  const base = `http://127.0.0.1:${port}`;
  const idp = await startOidcProvider({ redirectUris: [`${base}/api/auth/oidc/callback`] });
  const env = { PLEIN_SITE_URL: base, PLEIN_OIDC_ISSUER: idp.issuer, PLEIN_OIDC_CLIENT_ID: idp.clientId, PLEIN_OIDC_CLIENT_SECRET: idp.clientSecret };
  const server = await startServer({ distDir, port, identity: createIdentity(env, createTestPeople()) });
  return {
    base,
    idp,
    server,
    async login(email) {
      const start = await fetch(`${base}/api/auth/login?terug=/`, { redirect: 'manual' });
      const loginCookie = start.headers.getSetCookie().find((c) => c.startsWith('plein-login='))!.split(';')[0];
      const back = await loginAtProvider(start.headers.get('location')!, email);
      return fetch(back, { redirect: 'manual', headers: { cookie: loginCookie } });
    },
    async close() {
      server.close();
      await idp.close();
    },
  };
}
