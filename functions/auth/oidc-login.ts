// Login with the organisation's OpenID provider (Entra ID, Keycloak, …): authorization code flow with PKCE S256,
// state and nonce. The login state lives in a signed, short-lived cookie; the result is a Plein session cookie.
import { Hono, type Context } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import * as oidc from 'openid-client';
import type { AppEnv } from '../env.ts';
import { ApiError } from '../lib/api-error.ts';
import { createIdTokenVerifier, invalidIdToken, isIdTokenError } from './id-token.ts';
import type { OidcConfig } from './identity-config.ts';
import type { PeopleDirectory } from './people-directory.ts';
import { LOGIN_STATE_SECONDS, safeReturnPath, type CookieCodec } from './session-cookie.ts';
import { startSession, unknownColleague } from './session-routes.ts';

const SCOPE = 'openid email profile';
const TIMEOUT_SECONDS = 10;

/** What the OIDC routes need. */
export interface OidcDeps {
  config: OidcConfig;
  cookies: CookieCodec;
  people: PeopleDirectory;
}

/** The provider's metadata, fetched once on first use; a failed discovery is retried on the next login. */
function createDiscovery(config: OidcConfig) {
  let pending: Promise<oidc.Configuration> | undefined;
  return () => {
    pending ??= oidc
      .discovery(config.issuer, config.clientId, config.clientSecret, undefined, {
        timeout: TIMEOUT_SECONDS,
        // http is only accepted on loopback (see identity-config.ts): a provider on the same machine, or tests.
        execute: config.issuer.protocol === 'http:' ? [oidc.allowInsecureRequests] : [],
      })
      .catch((err: unknown) => {
        pending = undefined;
        console.error('OIDC-discovery mislukt:', err instanceof Error ? `${err.name}: ${err.message}` : 'onbekend');
        throw new ApiError(502, 'inlogdienst_onbereikbaar', 'De inlogdienst van je organisatie is niet bereikbaar. Probeer het over een paar minuten opnieuw.');
      });
    return pending;
  };
}

/** The e-mail address a login proves, from the ID token or else the userinfo endpoint; Entra often only has preferred_username. */
async function readEmail(provider: oidc.Configuration, tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>): Promise<string> {
  const claims = tokens.claims();
  if (!claims) throw new ApiError(502, 'geen_id_token', 'De inlogdienst stuurde geen ID-token terug.');
  let info: Record<string, unknown> = claims;
  if (typeof claims.email !== 'string' && provider.serverMetadata().userinfo_endpoint) {
    info = { ...claims, ...(await oidc.fetchUserInfo(provider, tokens.access_token, claims.sub)) };
  }
  if (info.email_verified === false) {
    throw new ApiError(403, 'email_niet_bevestigd', 'Je e-mailadres is bij de inlogdienst niet bevestigd, dus we weten niet zeker wie je bent. Vraag de beheerder van de inlogdienst om het te bevestigen.');
  }
  for (const key of ['email', 'preferred_username', 'upn']) {
    const value = info[key];
    if (typeof value === 'string' && /^[^\s@]+@[^\s@]+$/.test(value)) return value;
  }
  throw new ApiError(403, 'geen_email', 'De inlogdienst gaf geen e-mailadres door, dus we kunnen je niet aan een collega-profiel koppelen. Vraag de beheerder om de claim "email" mee te sturen.');
}

/** Maps errors of openid-client to a Dutch ApiError without leaking tokens or secrets. */
function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  if (err instanceof oidc.AuthorizationResponseError) {
    if (err.error === 'access_denied') return new ApiError(403, 'toegang_geweigerd', 'Het inloggen is afgebroken of geweigerd bij de inlogdienst.');
    return new ApiError(502, 'inloggen_geweigerd', `De inlogdienst weigerde het inloggen (${err.error.replace(/[^\w.-]/g, '')}).`);
  }
  if (err instanceof oidc.ResponseBodyError) {
    // invalid_grant: the code was used before (a replayed callback) or has expired.
    if (err.error === 'invalid_grant') return new ApiError(400, 'inloggen_mislukt', 'Deze inlogcode is al gebruikt of verlopen. Log opnieuw in.');
    return new ApiError(502, 'inloggen_geweigerd', `De inlogdienst weigerde het inloggen (${err.error.replace(/[^\w.-]/g, '')}).`);
  }
  // A forged or broken ID token (bad claims, algorithm or shape): not logged in.
  if (isIdTokenError(err)) return invalidIdToken();
  const code = err instanceof Error && 'code' in err ? String(err.code) : '';
  console.error('OIDC-inloggen mislukt:', err instanceof Error ? `${err.name} ${code}: ${err.message}` : 'onbekend');
  if (err instanceof TypeError || code === 'OAUTH_TIMEOUT' || (err instanceof Error && err.name === 'TimeoutError')) {
    return new ApiError(502, 'inlogdienst_onbereikbaar', 'De inlogdienst van je organisatie is niet bereikbaar. Probeer het over een paar minuten opnieuw.');
  }
  return new ApiError(400, 'inloggen_mislukt', 'Het antwoord van de inlogdienst klopte niet (verlopen of al gebruikt). Log opnieuw in.');
}

/** GET /api/auth/login starts the flow; GET /api/auth/oidc/callback finishes it and starts a session. `discover` gives the provider's metadata. */
export function createOidcRoutes({ config, cookies, people }: OidcDeps) {
  const routes = new Hono<AppEnv>();
  const discover = createDiscovery(config);
  const verifyIdToken = createIdTokenVerifier(config.clientId);

  routes.get('/api/auth/login', async (c) => {
    const provider = await discover();
    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const returnTo = safeReturnPath(c.req.query('terug'));
    setCookie(c, cookies.loginCookie, await cookies.issueLoginState({ state, nonce, verifier, returnTo }), cookies.options(LOGIN_STATE_SECONDS));
    const target = oidc.buildAuthorizationUrl(provider, {
      redirect_uri: config.redirectUri.href,
      scope: SCOPE,
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    c.header('Cache-Control', 'no-store');
    return c.redirect(target.href, 302);
  });

  routes.get(new URL(config.redirectUri).pathname, async (c) => {
    c.header('Cache-Control', 'no-store');
    const login = await cookies.readLoginState(c.req.raw);
    // Single use: whatever happens next, this login attempt is spent.
    deleteCookie(c, cookies.loginCookie, { path: '/', secure: cookies.secure });
    if (!login) {
      throw new ApiError(400, 'inlogpoging_verlopen', 'Deze inlogpoging is verlopen of niet in deze browser begonnen. Log opnieuw in.');
    }
    const provider = await discover();
    // The provider answered to the public redirect URI; behind a proxy the request URL may differ from it.
    const current = new URL(config.redirectUri);
    current.search = new URL(c.req.url).search;
    let email: string;
    try {
      const tokens = await oidc.authorizationCodeGrant(provider, current, {
        pkceCodeVerifier: login.verifier,
        expectedState: login.state,
        expectedNonce: login.nonce,
        idTokenExpected: true,
      });
      await verifyIdToken(provider, tokens.id_token);
      email = await readEmail(provider, tokens);
    } catch (err) {
      throw toApiError(err);
    }
    const person = people.byEmail(email);
    if (!person) throw unknownColleague(email);
    return startSession(c as Context, cookies, person.id, login.returnTo);
  });

  return { routes, discover };
}
