// The configuration the API reads from its environment (process.env on Node, bindings on Cloudflare), and the
// request context every route shares: a leaf file, so route modules and the app never import each other for types.
import type { Identity } from './auth/identity.ts';

/** Environment variables the functions understand; secrets are never logged. */
export interface PleinEnv {
  NODE_ENV?: string;
  /** Public URL of the site, e.g. https://intranet.wadvoort.nl. */
  PLEIN_SITE_URL?: string;
  /** GitHub OAuth app for Decap CMS (production). */
  GITHUB_OAUTH_CLIENT_ID?: string;
  GITHUB_OAUTH_CLIENT_SECRET?: string;
  /** Where GitHub's OAuth endpoints live (GitHub Enterprise, or a stand-in in tests); default https://github.com. */
  PLEIN_GITHUB_OAUTH_URL?: string;
  /** Extra origins (comma-separated) the login popup may hand the token to, e.g. a CMS on its own hostname. */
  PLEIN_CMS_ORIGINS?: string;
  /** OpenID Connect login (Entra ID, Keycloak, …): the issuer URL, e.g. https://login.microsoftonline.com/<tenant>/v2.0. */
  PLEIN_OIDC_ISSUER?: string;
  /** The client (application) id registered at the OpenID provider. */
  PLEIN_OIDC_CLIENT_ID?: string;
  /** The client secret registered at the OpenID provider (secret). */
  PLEIN_OIDC_CLIENT_SECRET?: string;
  /** Where the provider sends the browser back; default PLEIN_SITE_URL + /api/auth/oidc/callback. */
  PLEIN_OIDC_REDIRECT_URI?: string;
  /** Identity-aware proxy (e.g. Cloudflare Access): URL of the proxy's signing keys (JWKS). */
  PLEIN_PROXY_JWKS_URL?: string;
  /** The `iss` the proxy's JWT must carry, e.g. https://<team>.cloudflareaccess.com. */
  PLEIN_PROXY_ISSUER?: string;
  /** The `aud` the proxy's JWT must carry (Cloudflare Access: the application's AUD tag). */
  PLEIN_PROXY_AUDIENCE?: string;
  /** The request header with the proxy's JWT; default Cf-Access-Jwt-Assertion. */
  PLEIN_PROXY_HEADER?: string;
  /** Signs session cookies (HMAC, at least 32 characters; secret); required in production with OIDC. */
  PLEIN_SESSION_SECRET?: string;
  [key: string]: string | undefined;
}

/** Variables handlers share through the request context: `identity` is the logged-in employee, when there is one. */
export type AppEnv = { Bindings: PleinEnv; Variables: { identity?: Identity } };
