// What the Pages tests in workerd share: the GitHub stand-in, a Cloudflare Access-style JWKS and an OpenID provider on
// loopback (workerd reaches them: Miniflare's network allows private addresses), the project's variables for each
// login, and a caller that sends requests to a worker as a browser on the site would.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { Miniflare } from 'miniflare';
import { loginAtProvider, startOidcProvider, type TestProvider } from './oidc-provider.ts';
import { REPO_FILES } from './proposal-api.ts';
import { startGithubStandin, type GithubStandin } from './github-standin/server.ts';
import type { IsolateTarget } from './pages-worker.ts';

/** The site's public address. */
export const SITE = 'https://intranet.wadvoort.nl';
const ISSUER = 'https://wadvoort.cloudflareaccess.com';
const AUDIENCE = 'aud-tag-plein';
/** The GitHub token the stand-in accepts. */
export const TOKEN = 'ghp_pagesfunction0123456789';

/** A request to a worker: a JSON body, an Access JWT, a session cookie. */
export type CallInit = RequestInit & { jwt?: string; json?: unknown; cookie?: string };

/** Starts the stand-ins; close() them afterwards. */
export async function startPagesFixture() {
  const pair = await generateKeyPair('RS256', { extractable: true });
  const otherKey = (await generateKeyPair('RS256')).privateKey;
  const body = JSON.stringify({ keys: [{ ...(await exportJWK(pair.publicKey)), kid: 'access-1', alg: 'RS256', use: 'sig' }] });
  const jwks: Server = createServer((_req, res) => res.writeHead(200, { 'Content-Type': 'application/json' }).end(body));
  await new Promise<void>((ok) => jwks.listen(0, '127.0.0.1', ok));
  const gh: GithubStandin = await startGithubStandin({ tokens: [TOKEN], files: REPO_FILES });
  const idp: TestProvider = await startOidcProvider({ redirectUris: [`${SITE}/api/auth/oidc/callback`] });
  const common = { NODE_ENV: 'production', PLEIN_SITE_URL: SITE, PLEIN_GITHUB_REPO: `${gh.owner}/${gh.repo}`, PLEIN_GITHUB_TOKEN: TOKEN, PLEIN_GITHUB_API_URL: gh.baseUrl };
  /** Variables of a project behind Cloudflare Access. */
  const proxyVars: Record<string, string> = { ...common, PLEIN_PROXY_JWKS_URL: `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/cdn-cgi/access/certs`, PLEIN_PROXY_ISSUER: ISSUER, PLEIN_PROXY_AUDIENCE: AUDIENCE };
  /** Variables of a project that logs in with OpenID Connect. */
  const oidcVars: Record<string, string> = { ...common, PLEIN_OIDC_ISSUER: idp.issuer, PLEIN_OIDC_CLIENT_ID: idp.clientId, PLEIN_OIDC_CLIENT_SECRET: idp.clientSecret, PLEIN_SESSION_SECRET: 'een-geheime-sleutel-van-minstens-32-tekens-lang' };

  /** A Cloudflare Access JWT for a colleague's e-mail (signed with a stranger's key when `forged`). */
  function accessToken(email: string, forged = false) {
    return new SignJWT({ email }).setProtectedHeader({ alg: 'RS256', kid: 'access-1' }).setIssuer(ISSUER).setAudience(AUDIENCE).setSubject(`sub-${email}`).setIssuedAt().setExpirationTime('5m').sign(forged ? otherKey : (pair.privateKey as CryptoKey));
  }

  /** The OIDC login at `mf` (login, provider, callback): the session cookie ("name=value"). */
  async function oidcLogin(mf: Target, email: string): Promise<string> {
    const start = await call(mf, '/api/auth/login?terug=/tijdlijn/');
    const loginCookie = start.headers.getSetCookie().find((c) => c.startsWith('__Host-plein-login='))!.split(';')[0];
    const back = await loginAtProvider(start.headers.get('location')!, email);
    const callback = await call(mf, back.pathname + back.search, { cookie: loginCookie });
    if (callback.status !== 303) throw new Error(`OIDC-callback gaf ${callback.status}: ${await callback.text()}`);
    return callback.headers.getSetCookie().find((c) => c.startsWith('__Host-plein-sessie='))!.split(';')[0];
  }

  const filesAt = async (commit: string) => (await gh.git.git(['ls-tree', '-r', '--name-only', commit])).trim().split('\n');

  return {
    gh,
    idp,
    proxyVars,
    oidcVars,
    accessToken,
    oidcLogin,
    head: async () => (await gh.git.getRef(gh.branch))!,
    filesAt,
    /** The head once the branch holds a file ending in `suffix` (with D1 the outbox is flushed in waitUntil, after the answer). */
    async landed(suffix: string, timeoutMs = 20_000): Promise<string> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const head = (await gh.git.getRef(gh.branch))!;
        if ((await filesAt(head)).some((path) => path.endsWith(suffix))) return head;
        if (Date.now() > deadline) throw new Error(`${suffix} staat na ${timeoutMs} ms niet op de branch`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    async close() {
      jwks.close();
      await idp.close();
      await gh.close();
    },
  };
}

/** A worker to send requests to: a Miniflare instance's first, or one of its isolates (isolateOf). */
export type Target = Miniflare | IsolateTarget;

/** Sends a request to the worker as the site's own page would (Origin on writes; redirects not followed). */
export function call(mf: Target, path: string, init: CallInit = {}) {
  const headers = new Headers(init.headers);
  if (init.jwt) headers.set('cf-access-jwt-assertion', init.jwt);
  if (init.cookie) headers.set('cookie', init.cookie);
  if (init.method && init.method !== 'GET') headers.set('origin', SITE);
  let body = init.body;
  if (init.json !== undefined) {
    headers.set('content-type', 'application/json');
    body = JSON.stringify(init.json);
  }
  const request = { method: init.method, headers: Object.fromEntries(headers), body: body as BodyInit, redirect: 'manual' as const };
  return (mf instanceof Miniflare ? mf.dispatchFetch(`${SITE}${path}`, request as never) : mf.fetch(`${SITE}${path}`, request)) as unknown as Promise<Response>;
}
