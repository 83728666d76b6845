// GitHub login for Decap CMS: /api/auth starts the OAuth flow, /api/auth/callback hands the token to the CMS
// window with Decap's postMessage protocol. The state is bound to a cookie and used once; tokens are never logged.
import { Hono, type Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { AppEnv } from '../env.ts';
import type { PleinEnv } from '../env.ts';
import { ApiError } from '../lib/api-error.ts';
import { renderAuthPage, renderHandoffPage } from './auth-pages.ts';

/** Name of the cookie that binds an OAuth state to the browser that started the login. */
export const STATE_COOKIE = 'plein_cms_oauth_state';
const STATE_MAX_AGE = 600;
const SCOPES = new Set(['repo', 'public_repo']);

interface OAuthConfig {
  clientId: string;
  clientSecret: string;
  githubUrl: string;
  allowedOrigins: string[];
}

function originOf(url: string | undefined): string[] {
  if (!url) return [];
  try {
    return [new URL(url).origin];
  } catch {
    return [];
  }
}

/** Reads the OAuth settings; throws a Dutch 503 naming what is missing (names only, never values). */
function readConfig(c: Context<AppEnv>): OAuthConfig {
  const env: PleinEnv = { ...(typeof process === 'undefined' ? {} : process.env), ...(c.env ?? {}) };
  const missing = ['GITHUB_OAUTH_CLIENT_ID', 'GITHUB_OAUTH_CLIENT_SECRET'].filter((name) => !env[name]);
  if (missing.length) {
    throw new ApiError(503, 'auth_not_configured', `Inloggen met GitHub is nog niet ingesteld: ${missing.join(' en ')} ontbreekt op de server.`);
  }
  const githubUrl = (env.PLEIN_GITHUB_OAUTH_URL ?? 'https://github.com').replace(/\/+$/, '');
  if (!/^https?:\/\/[^/]+$/.test(githubUrl)) throw new ApiError(503, 'auth_misconfigured', 'PLEIN_GITHUB_OAUTH_URL moet een adres zijn als https://github.com.');
  const allowedOrigins = [...new Set([...originOf(c.req.url), ...originOf(env.PLEIN_SITE_URL), ...originOf(env.PLEIN_CMS_AUTH_URL), ...(env.PLEIN_CMS_ORIGINS ?? '').split(',').flatMap((o) => originOf(o.trim()))])];
  return { clientId: env.GITHUB_OAUTH_CLIENT_ID!, clientSecret: env.GITHUB_OAUTH_CLIENT_SECRET!, githubUrl, allowedOrigins };
}

function newState(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Compares two strings in time that does not depend on where they differ. */
function sameString(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

function callbackUrl(c: Context<AppEnv>): string {
  return new URL('/api/auth/callback', c.req.url).toString();
}

function isSecure(c: Context<AppEnv>): boolean {
  return new URL(c.req.url).protocol === 'https:';
}

/** Exchanges the code for a token at GitHub; throws a Dutch 502 when GitHub says no or cannot be reached. */
async function exchangeCode(config: OAuthConfig, code: string, redirectUri: string): Promise<string> {
  let res: Response;
  try {
    res = await fetch(`${config.githubUrl}/login/oauth/access_token`, {
      method: 'POST',
      headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
      body: JSON.stringify({ client_id: config.clientId, client_secret: config.clientSecret, code, redirect_uri: redirectUri }),
    });
  } catch {
    throw new ApiError(502, 'github_unreachable', 'GitHub is niet bereikbaar. Probeer het over een paar minuten opnieuw.');
  }
  const body = (await res.json().catch(() => ({}))) as { access_token?: unknown; error?: unknown };
  if (!res.ok || typeof body.access_token !== 'string' || !body.access_token) {
    const reason = typeof body.error === 'string' ? ` (${body.error.replace(/[^\w.-]/g, '')})` : '';
    throw new ApiError(502, 'github_refused', `GitHub gaf geen toegang${reason}. Sluit dit venster en probeer opnieuw in te loggen.`);
  }
  return body.access_token;
}

/** The routes /api/auth and /api/auth/callback as a Hono app; errors become a Dutch page for the popup. */
export function createGithubOAuth() {
  const auth = new Hono<AppEnv>();

  auth.get('/api/auth', (c) => {
    const config = readConfig(c);
    const provider = c.req.query('provider') ?? 'github';
    if (provider !== 'github') throw new ApiError(400, 'unknown_provider', 'Alleen inloggen met GitHub wordt ondersteund.');
    const scope = c.req.query('scope') ?? 'repo';
    if (!SCOPES.has(scope)) throw new ApiError(400, 'bad_scope', 'Deze toegang (scope) kan het CMS niet vragen.');
    const state = newState();
    setCookie(c, STATE_COOKIE, state, { path: '/api/auth', httpOnly: true, secure: isSecure(c), sameSite: 'Lax', maxAge: STATE_MAX_AGE });
    const target = new URL(`${config.githubUrl}/login/oauth/authorize`);
    target.search = new URLSearchParams({ client_id: config.clientId, redirect_uri: callbackUrl(c), scope, state }).toString();
    c.header('Cache-Control', 'no-store');
    return c.redirect(target.toString(), 302);
  });

  auth.get('/api/auth/callback', async (c) => {
    const config = readConfig(c);
    const expected = getCookie(c, STATE_COOKIE);
    // Single use: whatever happens next, this state is spent.
    deleteCookie(c, STATE_COOKIE, { path: '/api/auth', secure: isSecure(c) });
    const state = c.req.query('state') ?? '';
    if (!expected || !state || !sameString(state, expected)) {
      throw new ApiError(400, 'bad_state', 'Deze inlogpoging is verlopen of niet in deze browser begonnen. Sluit dit venster en log opnieuw in.');
    }
    if (c.req.query('error')) throw new ApiError(403, 'github_denied', 'Je hebt GitHub geen toegang gegeven. Sluit dit venster om terug te gaan.');
    const code = c.req.query('code');
    if (!code) throw new ApiError(400, 'missing_code', 'GitHub stuurde geen code terug. Sluit dit venster en log opnieuw in.');
    const token = await exchangeCode(config, code, callbackUrl(c));
    return renderHandoffPage(c, { provider: 'github', token, allowedOrigins: config.allowedOrigins });
  });

  auth.onError((err, c) => {
    const error = err instanceof ApiError ? err : new ApiError(500, 'internal', 'Er ging iets mis bij het inloggen. Probeer het later opnieuw.');
    if (!(err instanceof ApiError)) console.error('Fout bij inloggen met GitHub:', err instanceof Error ? err.name : 'onbekend');
    return renderAuthPage(c, error);
  });

  return auth;
}
