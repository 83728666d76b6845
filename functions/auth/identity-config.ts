// Which login Plein uses, read once from the environment: OIDC, an identity-aware proxy, or the demo login.
import type { PleinEnv } from '../env.ts';

/** Where the OpenID provider sends the browser back to; /api/auth/callback is the CMS's GitHub login. */
export const OIDC_CALLBACK_PATH = '/api/auth/oidc/callback';
/** The header Cloudflare Access puts its signed JWT in. */
export const DEFAULT_PROXY_HEADER = 'cf-access-jwt-assertion';

const OIDC_VARS = ['PLEIN_OIDC_ISSUER', 'PLEIN_OIDC_CLIENT_ID', 'PLEIN_OIDC_CLIENT_SECRET'] as const;
const PROXY_VARS = ['PLEIN_PROXY_JWKS_URL', 'PLEIN_PROXY_ISSUER', 'PLEIN_PROXY_AUDIENCE'] as const;
const MIN_SECRET_LENGTH = 32;

/** Settings every mode shares: where the site lives and how sessions are signed. */
interface CommonConfig {
  /** Public URL of the site; its origin is the one state-changing requests must come from. */
  siteUrl: URL;
  /** Served over https: session cookies get Secure and the __Host- prefix. */
  secure: boolean;
  /** HMAC key material for session cookies (random per process when not configured outside production). */
  sessionSecret: Uint8Array;
}

/** Login with an OpenID provider (authorization code + PKCE). */
export interface OidcConfig extends CommonConfig {
  mode: 'oidc';
  issuer: URL;
  clientId: string;
  clientSecret: string;
  redirectUri: URL;
}

/** Identity from the signed JWT of an identity-aware proxy (Cloudflare Access and the like). */
export interface ProxyConfig extends CommonConfig {
  mode: 'proxy';
  jwksUrl: URL;
  issuer: string;
  audience: string;
  /** Lower-case request header that carries the JWT. */
  header: string;
}

/** The demo login: pick any colleague; never in production. */
export interface DemoConfig extends CommonConfig {
  mode: 'demo';
}

/** The resolved identity configuration. */
export type IdentityConfig = OidcConfig | ProxyConfig | DemoConfig;

/** A configuration problem; the message is Dutch, then English, and names variables, never their values. */
export class IdentityConfigError extends Error {
  constructor(nl: string, en: string) {
    super(`${nl}\n${en}`);
    this.name = 'IdentityConfigError';
  }
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Parses a URL variable; only https, or http on loopback (a provider on the same machine, tests). */
function readUrl(env: PleinEnv, name: string): URL {
  let url: URL;
  try {
    url = new URL(env[name]!);
  } catch {
    throw new IdentityConfigError(`${name} is geen geldig adres.`, `${name} is not a valid URL.`);
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.has(url.hostname))) {
    throw new IdentityConfigError(`${name} moet met https:// beginnen.`, `${name} must start with https://.`);
  }
  return url;
}

function requireAll(env: PleinEnv, names: readonly string[], what: string) {
  const missing = names.filter((name) => !env[name]?.trim());
  if (missing.length) {
    throw new IdentityConfigError(
      `${what} is half ingesteld: ${missing.join(', ')} ontbreekt.`,
      `${what} is only partly configured: missing ${missing.join(', ')}.`,
    );
  }
}

function readSessionSecret(env: PleinEnv, required: boolean): Uint8Array {
  const secret = env.PLEIN_SESSION_SECRET;
  if (!secret) {
    if (required) {
      throw new IdentityConfigError(
        'PLEIN_SESSION_SECRET ontbreekt: in productie is een geheime sleutel van minstens 32 tekens nodig om sessies te ondertekenen.',
        'PLEIN_SESSION_SECRET is missing: production needs a secret of at least 32 characters to sign sessions.',
      );
    }
    return crypto.getRandomValues(new Uint8Array(32));
  }
  if (secret.length < MIN_SECRET_LENGTH) {
    throw new IdentityConfigError(
      `PLEIN_SESSION_SECRET is te kort: gebruik minstens ${MIN_SECRET_LENGTH} willekeurige tekens (bijvoorbeeld: openssl rand -base64 48).`,
      `PLEIN_SESSION_SECRET is too short: use at least ${MIN_SECRET_LENGTH} random characters (e.g. openssl rand -base64 48).`,
    );
  }
  return new TextEncoder().encode(secret);
}

/** Reads the identity settings; throws an IdentityConfigError that says what to set. */
export function resolveIdentityConfig(env: PleinEnv): IdentityConfig {
  const production = env.NODE_ENV === 'production';
  const wantsOidc = OIDC_VARS.some((name) => env[name]) || Boolean(env.PLEIN_OIDC_REDIRECT_URI);
  const wantsProxy = PROXY_VARS.some((name) => env[name]) || Boolean(env.PLEIN_PROXY_HEADER);
  if (wantsOidc && wantsProxy) {
    throw new IdentityConfigError(
      'Kies één manier van inloggen: PLEIN_OIDC_* (OpenID Connect) of PLEIN_PROXY_* (identity-aware proxy), niet allebei.',
      'Choose one way to log in: PLEIN_OIDC_* (OpenID Connect) or PLEIN_PROXY_* (identity-aware proxy), not both.',
    );
  }
  if (!wantsOidc && !wantsProxy && production) {
    throw new IdentityConfigError(
      `Plein start niet in productie zonder echte inlog; de demo-inlog staat uit. Stel OpenID Connect in (${OIDC_VARS.join(', ')}, PLEIN_SESSION_SECRET) of een identity-aware proxy (${PROXY_VARS.join(', ')}).`,
      `Plein will not start in production without real identity; the demo login is disabled. Configure OpenID Connect (${OIDC_VARS.join(', ')}, PLEIN_SESSION_SECRET) or an identity-aware proxy (${PROXY_VARS.join(', ')}).`,
    );
  }

  const siteUrl = env.PLEIN_SITE_URL ? readSiteUrl(env.PLEIN_SITE_URL) : new URL('http://localhost:4321');
  if (wantsOidc) {
    requireAll(env, OIDC_VARS, 'Inloggen met OpenID Connect');
    const redirectUri = env.PLEIN_OIDC_REDIRECT_URI ? readUrl(env, 'PLEIN_OIDC_REDIRECT_URI') : new URL(OIDC_CALLBACK_PATH, siteUrl);
    if (production && redirectUri.protocol !== 'https:') {
      throw new IdentityConfigError(
        'In productie moet de site via https draaien: zet PLEIN_SITE_URL (of PLEIN_OIDC_REDIRECT_URI) op een https://-adres.',
        'In production the site must be served over https: set PLEIN_SITE_URL (or PLEIN_OIDC_REDIRECT_URI) to an https:// URL.',
      );
    }
    if (!redirectUri.pathname.startsWith('/api/')) {
      throw new IdentityConfigError(
        `PLEIN_OIDC_REDIRECT_URI moet onder /api/ liggen (standaard ${OIDC_CALLBACK_PATH}).`,
        `PLEIN_OIDC_REDIRECT_URI must be under /api/ (default ${OIDC_CALLBACK_PATH}).`,
      );
    }
    const site = env.PLEIN_SITE_URL ? siteUrl : new URL(redirectUri.origin);
    return {
      mode: 'oidc',
      issuer: readUrl(env, 'PLEIN_OIDC_ISSUER'),
      clientId: env.PLEIN_OIDC_CLIENT_ID!.trim(),
      clientSecret: env.PLEIN_OIDC_CLIENT_SECRET!,
      redirectUri,
      siteUrl: site,
      secure: site.protocol === 'https:',
      sessionSecret: readSessionSecret(env, production),
    };
  }
  const common = { siteUrl, secure: siteUrl.protocol === 'https:', sessionSecret: readSessionSecret(env, false) };
  if (wantsProxy) {
    requireAll(env, PROXY_VARS, 'Inloggen via een identity-aware proxy');
    const header = (env.PLEIN_PROXY_HEADER ?? DEFAULT_PROXY_HEADER).trim().toLowerCase();
    if (!/^[a-z0-9-]+$/.test(header)) {
      throw new IdentityConfigError('PLEIN_PROXY_HEADER moet een naam van een HTTP-header zijn.', 'PLEIN_PROXY_HEADER must be an HTTP header name.');
    }
    return {
      mode: 'proxy',
      jwksUrl: readUrl(env, 'PLEIN_PROXY_JWKS_URL'),
      issuer: env.PLEIN_PROXY_ISSUER!.trim(),
      audience: env.PLEIN_PROXY_AUDIENCE!.trim(),
      header,
      ...common,
    };
  }
  return { mode: 'demo', ...common };
}

function readSiteUrl(value: string): URL {
  try {
    const url = new URL(value);
    if (url.protocol === 'https:' || url.protocol === 'http:') return url;
  } catch {
    // fall through to the error below
  }
  throw new IdentityConfigError('PLEIN_SITE_URL is geen geldig http(s)-adres.', 'PLEIN_SITE_URL is not a valid http(s) URL.');
}
