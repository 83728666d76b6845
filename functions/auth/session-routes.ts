// The routes every login mode shares: who am I (/api/auth/me), log out, logged out; and the start of a session.
import { Hono, type Context } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import type { AppEnv } from '../env.ts';
import { ApiError, toErrorBody } from '../lib/api-error.ts';
import type { Identity } from './identity.ts';
import { escapeHtml, loginLink, sendIdentityPage } from './identity-pages.ts';
import { requireSameOrigin } from './require-identity.ts';
import { SESSION_SECONDS, type CookieCodec } from './session-cookie.ts';

/** The 403 for someone the provider knows but the people directory does not. */
export function unknownColleague(email: string): ApiError {
  return new ApiError(
    403,
    'onbekende_collega',
    `Je bent ingelogd als ${email}, maar er is op het intranet geen collega met dit e-mailadres. Vraag de redactie om je profiel toe te voegen (of je e-mailadres erin te verbeteren).`,
  );
}

/** Sets the session cookie and sends the browser on to `returnTo` (a checked local path). */
export async function startSession(c: Context, cookies: CookieCodec, personId: string, returnTo: string) {
  setCookie(c, cookies.sessionCookie, await cookies.issueSession(personId), cookies.options(SESSION_SECONDS));
  c.header('Cache-Control', 'no-store');
  return c.redirect(returnTo, 303);
}

/** What the shared routes need from the identity service. */
export interface SessionRouteDeps {
  mode: 'oidc' | 'proxy' | 'demo';
  cookies: CookieCodec;
  authenticate(request: Request): Promise<Identity>;
  /** The provider's end-session URL, when it has one (OIDC). */
  endSessionUrl?: () => Promise<string | undefined>;
}

/** Errors of the login routes: JSON for /api/auth/me and API clients, a Dutch page for a browser. */
export function renderAuthError(err: Error, c: Context) {
  const error = err instanceof ApiError ? err : new ApiError(500, 'internal', 'Er ging iets mis bij het inloggen. Probeer het later opnieuw.');
  if (!(err instanceof ApiError)) console.error('Fout bij inloggen:', err.name);
  c.header('Cache-Control', 'no-store');
  const wantsHtml = (c.req.header('accept') ?? '').includes('text/html') && c.req.path !== '/api/auth/me';
  if (!wantsHtml) return c.json(toErrorBody(error), error.status as 400, error.headers);
  const retry = error.status === 401 || error.code === 'inlogpoging_verlopen' || error.code === 'inloggen_mislukt' || error.status === 502;
  return sendIdentityPage(c, { status: error.status, title: titleFor(error), text: error.message, html: retry ? loginLink() : '' });
}

function titleFor(error: ApiError): string {
  if (error.code === 'onbekende_collega') return 'Geen collega-profiel gevonden';
  if (error.status === 401) return 'Niet ingelogd';
  if (error.status === 403) return 'Geen toegang';
  return 'Inloggen lukt niet';
}

/** GET /api/auth/me, GET+POST /api/auth/logout and GET /api/auth/uitgelogd. */
export function createSessionRoutes(deps: SessionRouteDeps) {
  const routes = new Hono<AppEnv>();

  routes.get('/api/auth/me', async (c) => {
    const identity = await deps.authenticate(c.req.raw);
    c.header('Cache-Control', 'no-store');
    return c.json({ ...identity, mode: deps.mode });
  });

  routes.get('/api/auth/logout', (c) =>
    sendIdentityPage(c, {
      status: 200,
      title: 'Uitloggen',
      text: 'Wil je uitloggen bij het intranet?',
      html: '<form method="post" action="/api/auth/logout"><button type="submit">Uitloggen</button></form>',
    }),
  );

  routes.post('/api/auth/logout', requireSameOrigin(), async (c) => {
    await deps.cookies.revokeSession(c.req.raw);
    deleteCookie(c, deps.cookies.sessionCookie, { path: '/', secure: deps.cookies.secure });
    c.header('Cache-Control', 'no-store');
    return c.redirect('/api/auth/uitgelogd', 303);
  });

  routes.get('/api/auth/uitgelogd', async (c) => {
    const endSession = deps.mode === 'oidc' ? await deps.endSessionUrl?.().catch(() => undefined) : undefined;
    const more =
      deps.mode === 'proxy'
        ? '<p>Je toegang loopt via de toegangspoort van je organisatie; sluit je browser om daar ook uit te loggen.</p>'
        : endSession
          ? `<p><a href="${escapeHtml(endSession)}">Ook uitloggen bij de inlogdienst van je organisatie</a></p>`
          : '';
    return sendIdentityPage(c, {
      status: 200,
      title: 'Je bent uitgelogd',
      text: 'Je bent uitgelogd bij het intranet.',
      html: `${more}${deps.mode === 'proxy' ? '' : loginLink()}`,
    });
  });

  return routes;
}
