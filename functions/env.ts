// The configuration the API reads from its environment (process.env on Node, bindings on Cloudflare).

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
  [key: string]: string | undefined;
}
