// Who is logged in: the identity service, built once at start-up from the environment and the people directory.
import { Hono } from 'hono';
import * as oidc from 'openid-client';
import type { AppEnv } from '../env.ts';
import type { PleinEnv } from '../env.ts';
import { ApiError } from '../lib/api-error.ts';
import { createDemoRoutes } from './demo-login.ts';
import { resolveIdentityConfig } from './identity-config.ts';
import type { Identity } from './identity.ts';
import type { IdentityService } from './identity-service.ts';
import { sendIdentityPage } from './identity-pages.ts';
import { createOidcRoutes } from './oidc-login.ts';
import type { Colleague, PeopleDirectory } from './colleague-index.ts';
import { createProxyVerifier } from './proxy-jwt.ts';
import { createCookieCodec, safeReturnPath, type SessionRevocations } from './session-cookie.ts';
import { createSessionRoutes, renderAuthError, unknownColleague } from './session-routes.ts';

export type { Identity } from './identity.ts';
export type { IdentityService } from './identity-service.ts';
export type { Colleague, PeopleDirectory } from './colleague-index.ts';

/** The Identity of a colleague profile. */
export function toIdentity(person: Colleague): Identity {
  return { personId: person.id, name: person.name, email: person.email, editor: person.editor };
}

const NOT_LOGGED_IN = () => new ApiError(401, 'niet_ingelogd', 'Je bent niet ingelogd. Log in om verder te gaan.');

/** What the identity service may share with other servers. */
export interface IdentityOptions {
  /** Logged-out sessions (default: this process only). */
  revocations?: SessionRevocations;
}

/** Builds the identity service; throws an IdentityConfigError (Dutch + English, naming the variables) on bad config. */
export function createIdentity(env: PleinEnv, people: PeopleDirectory, options: IdentityOptions = {}): IdentityService {
  const config = resolveIdentityConfig(env);
  if (config.mode === 'oidc' && !env.PLEIN_SESSION_SECRET) {
    console.warn('Plein: PLEIN_SESSION_SECRET ontbreekt; sessies gelden alleen tot de server herstart (in productie verplicht).');
  }
  const cookies = createCookieCodec(config.sessionSecret, config.secure, options.revocations);
  const verifyProxy = config.mode === 'proxy' ? createProxyVerifier(config) : undefined;

  async function authenticate(request: Request): Promise<Identity> {
    if (verifyProxy) {
      const email = await verifyProxy(request);
      if (!email) throw NOT_LOGGED_IN();
      const person = people.byEmail(email);
      if (!person) throw unknownColleague(email);
      return toIdentity(person);
    }
    const personId = await cookies.readSession(request);
    // A session of someone removed from the directory since is no longer valid.
    const person = personId ? people.byId(personId) : undefined;
    if (!person) throw NOT_LOGGED_IN();
    return toIdentity(person);
  }

  const routes = new Hono<AppEnv>();
  const publicPaths = new Set(['/api/health', '/api/auth/login', '/api/auth/logout', '/api/auth/uitgelogd']);
  let endSessionUrl: (() => Promise<string | undefined>) | undefined;
  if (config.mode === 'oidc') {
    const oidcRoutes = createOidcRoutes({ config, cookies, people });
    routes.route('/', oidcRoutes.routes);
    publicPaths.add(config.redirectUri.pathname);
    endSessionUrl = async () => {
      const provider = await oidcRoutes.discover();
      if (!provider.serverMetadata().end_session_endpoint) return undefined;
      return oidc.buildEndSessionUrl(provider, { client_id: config.clientId, post_logout_redirect_uri: new URL('/api/auth/uitgelogd', config.siteUrl).href }).href;
    };
  } else if (config.mode === 'demo') {
    routes.route('/', createDemoRoutes({ cookies, people }));
  } else {
    // Behind a proxy the proxy does the login; reaching this page means it let the request through without a token.
    routes.get('/api/auth/login', async (c) => {
      const identity = await authenticate(c.req.raw).catch(() => undefined);
      if (identity) return c.redirect(safeReturnPath(c.req.query('terug')), 303);
      return sendIdentityPage(c, { status: 401, title: 'Niet ingelogd', text: 'De toegangspoort van je organisatie heeft je niet aangemeld. Open het intranet opnieuw via de gewone link, dan vraagt de toegangspoort je om in te loggen.' });
    });
  }
  routes.route('/', createSessionRoutes({ mode: config.mode, cookies, authenticate, endSessionUrl }));
  routes.onError(renderAuthError);

  return {
    mode: config.mode,
    routes,
    authenticate,
    async identify(request) {
      return authenticate(request).catch(() => undefined);
    },
    publicPaths,
  };
}
