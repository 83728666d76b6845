// Middleware for the API: who is asking (requireIdentity, identifyApiRequests) and from where (requireSameOrigin).
import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from '../env.ts';
import { ApiError } from '../lib/api-error.ts';
import type { Identity } from './identity.ts';
import type { IdentityService } from './identity-service.ts';

/** The logged-in employee of a request, or 401 niet_ingelogd with `message` (what the login is needed for). */
export function identityOf(c: Context<AppEnv>, message = 'Log in om dit te doen.'): Identity {
  const identity = c.get('identity');
  if (!identity) throw new ApiError(401, 'niet_ingelogd', message);
  return identity;
}

/** Middleware: 401 niet_ingelogd with `message` before anything else of the route runs (its body is not even read). */
export function requireLogin(message?: string): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    identityOf(c, message);
    await next();
  };
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Requires a logged-in employee: sets c.get('identity'), or answers 401 niet_ingelogd / 403 onbekende_collega. */
export function requireIdentity(service: IdentityService): MiddlewareHandler<AppEnv> {
  if (!service?.authenticate) throw new Error('requireIdentity: geef de IdentityService uit createIdentity() mee');
  return async (c, next) => {
    c.set('identity', c.get('identity') ?? (await service.authenticate(c.req.raw)));
    await next();
  };
}

/**
 * For every /api request: sets c.get('identity') when someone is logged in. With OIDC or a proxy the intranet is
 * private, so every API route except the login routes and /api/health then requires a login.
 */
export function identifyApiRequests(service: IdentityService): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (service.publicPaths.has(c.req.path)) return next();
    if (service.mode === 'demo') {
      const identity = await service.identify(c.req.raw);
      if (identity) c.set('identity', identity);
    } else {
      c.set('identity', await service.authenticate(c.req.raw));
    }
    await next();
  };
}

function originOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

/**
 * CSRF protection for POST/PATCH/PUT/DELETE: the browser must say the request comes from the site itself —
 * an Origin equal to the request's own origin or PLEIN_SITE_URL's, and never Sec-Fetch-Site cross-site or same-site.
 * A request with neither Origin nor Sec-Fetch-Site: same-origin is refused too. `origins` adds trusted origins.
 */
export function requireSameOrigin(options: { origins?: string[] } = {}): MiddlewareHandler<AppEnv> {
  const extra = (options.origins ?? []).map((o) => originOf(o) ?? o);
  return async (c, next) => {
    if (SAFE_METHODS.has(c.req.method)) return next();
    // One variable, not a copy of process.env: spreading it costs more than the rest of this check, on every write.
    const siteUrl = (c.env as { PLEIN_SITE_URL?: string } | undefined)?.PLEIN_SITE_URL ?? (typeof process === 'undefined' ? undefined : process.env.PLEIN_SITE_URL);
    const allowed = new Set([new URL(c.req.url).origin, originOf(siteUrl), ...extra].filter(Boolean));
    const fetchSite = c.req.header('sec-fetch-site');
    const origin = c.req.header('origin');
    const fromSite = fetchSite === undefined || fetchSite === 'same-origin' || fetchSite === 'none';
    const originOk = origin ? allowed.has(origin) : fetchSite === 'same-origin';
    if (!fromSite || !originOk) {
      throw new ApiError(403, 'andere_herkomst', 'Dit verzoek kwam niet van het intranet zelf en is daarom geweigerd. Herlaad de pagina en probeer het opnieuw.');
    }
    await next();
  };
}
