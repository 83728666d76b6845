// A real OpenID provider for tests: the `oidc-provider` package on loopback, with its own login and consent pages
// (devInteractions: any login name, any password). The login name is the e-mail address the ID token will carry.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, type CryptoKey } from 'jose';
import Provider from 'oidc-provider';
import { getFreePort } from '../../scripts/lib/free-port.ts';

/** A running provider and the client registered at it. */
export interface TestProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  provider: Provider;
  /** The provider's own signing key (RS256, kid "test-sleutel"), for security tests that forge tokens from it. */
  signingKey: CryptoKey;
  close(): Promise<void>;
}

/** Claims per login name; a name with "+onbevestigd" has email_verified false, "zonder-email" has no e-mail at all. */
function claimsFor(login: string): Record<string, unknown> {
  if (login === 'zonder-email') return { sub: login };
  const email = login.replace('+onbevestigd', '');
  return { sub: login, email, email_verified: !login.includes('+onbevestigd'), name: email.split('@')[0] };
}

/** A free loopback port (see scripts/lib/free-port.ts). */
export { getFreePort };

/** Starts the provider on a free loopback port with one confidential client for `redirectUris`. */
export async function startOidcProvider(options: { redirectUris: string[]; postLogoutRedirectUris?: string[] }): Promise<TestProvider> {
  let handler: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.end();
  const server: Server = createServer((req, res) => handler(req, res));
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const clientId = 'plein-intranet';
  const clientSecret = `geheim-${crypto.randomUUID()}`;

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: options.redirectUris,
        post_logout_redirect_uris: options.postLogoutRedirectUris ?? [],
        response_types: ['code'],
        grant_types: ['authorization_code'],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    // Every login must use PKCE, so a client that forgets it fails the tests.
    pkce: { required: () => true },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    jwks: { keys: [{ ...(await exportJWK(privateKey)), kid: 'test-sleutel', alg: 'RS256', use: 'sig' }] },
    ttl: { Session: 3600, Grant: 3600, Interaction: 600, AuthorizationCode: 60, AccessToken: 600, IdToken: 600 },
    cookies: { keys: [crypto.randomUUID()] },
    features: { devInteractions: { enabled: true } },
    findAccount: async (_ctx, sub) => ({ accountId: sub, claims: async () => ({ ...claimsFor(sub), sub }) }),
  });
  // Composed per request, so a test can put its own Koa middleware in front (provider.middleware.unshift).
  handler = (req, res) => void provider.callback()(req, res);

  return {
    issuer,
    clientId,
    clientSecret,
    provider,
    signingKey: privateKey,
    close: () => new Promise((ok) => server.close(() => ok())),
  };
}

/** Remembers cookies per name, the way a browser would for one host (paths and expiry are not needed here). */
function createCookieJar() {
  const jar = new Map<string, string>();
  return {
    store(res: Response) {
      for (const line of res.headers.getSetCookie()) {
        const [pair] = line.split(';');
        const eq = pair.indexOf('=');
        const name = pair.slice(0, eq).trim();
        const value = pair.slice(eq + 1).trim();
        if (!value || /max-age=0|expires=thu, 01 jan 1970/i.test(line)) jar.delete(name);
        else jar.set(name, value);
      }
    },
    header: () => [...jar].map(([k, v]) => `${k}=${v}`).join('; '),
  };
}

/**
 * Walks the provider's own login and consent pages over HTTP, as a browser without JavaScript would, until the
 * provider redirects to the client. `abort` presses "cancel" on the login page. Returns that redirect URL.
 */
export async function loginAtProvider(authorizationUrl: string, login: string, options: { abort?: boolean } = {}): Promise<URL> {
  const jar = createCookieJar();
  const issuerOrigin = new URL(authorizationUrl).origin;
  let next = new URL(authorizationUrl);
  let body: URLSearchParams | undefined;
  for (let step = 0; step < 12; step++) {
    if (next.origin !== issuerOrigin) return next;
    const res = await fetch(next, { method: body ? 'POST' : 'GET', body, redirect: 'manual', headers: { cookie: jar.header() } });
    jar.store(res);
    body = undefined;
    const location = res.headers.get('location');
    if (location) {
      next = new URL(location, next);
      continue;
    }
    const html = await res.text();
    if (res.status !== 200) throw new Error(`provider answered ${res.status}: ${html.slice(0, 300)}`);
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    if (!action) throw new Error(`no form on the provider page: ${html.slice(0, 300)}`);
    if (options.abort) {
      next = new URL(`${new URL(action, next).pathname}/abort`, next);
      continue;
    }
    next = new URL(action.replace(/&amp;/g, '&'), next);
    body = html.includes('name="login"')
      ? new URLSearchParams({ prompt: 'login', login, password: 'wachtwoord' })
      : new URLSearchParams({ prompt: 'consent' });
  }
  throw new Error('the provider did not redirect back to the client');
}
