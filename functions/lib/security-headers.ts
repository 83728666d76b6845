// The HTTP security headers of Plein: one definition for the Node server and the static-host _headers file.

/** Where giscus comments come from, when the site settings switch comments to giscus. */
export const GISCUS_ORIGIN = 'https://giscus.app';

/** Content-Security-Policy of the site: no inline code, no eval; Pagefind's WebAssembly is allowed. */
export const SITE_CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

/** Origins the CMS may always call: the default local decap-server and the GitHub API. */
const ADMIN_CONNECT = ['http://localhost:8081', 'http://127.0.0.1:8081', 'https://api.github.com'];

/**
 * Content-Security-Policy of /admin: Decap CMS needs 'unsafe-eval' (and inline styles); serve /admin from
 * its own hostname in production so this weaker policy never shares an origin with the site.
 * `connect` adds the backend the CMS is configured with (decap-server on another port, GitHub Enterprise).
 */
export function getAdminCsp(connect: string[] = []): string {
  return [
    "default-src 'self'",
    "script-src 'self' 'unsafe-eval'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob: https:",
    "font-src 'self' data:",
    // blob: for Decap's local draft backups and uploads it reads back.
    `connect-src ${["'self'", 'blob:', ...new Set([...ADMIN_CONNECT, ...connect])].join(' ')}`,
    "worker-src 'self' blob:",
    "object-src 'none'",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join('; ');
}

/** The /admin policy for the default backends (what static hosts get in _headers). */
export const ADMIN_CSP = getAdminCsp();

/** /admin opens the GitHub login in a popup that must keep its opener; the site stays fully isolated. */
const ADMIN_COOP = 'same-origin-allow-popups';

/** Headers every response carries, whatever the path. */
export const COMMON_HEADERS: Record<string, string> = {
  'Strict-Transport-Security': 'max-age=31536000; includeSubDomains',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

/** Whether a path belongs to the CMS, which gets its own policy. */
export function isAdminPath(path: string): boolean {
  return path === '/admin' || path.startsWith('/admin/');
}

/** The site policy; with giscus comments on, only giscus' own origin may be framed. */
export function getSiteCsp(options: { giscus?: boolean } = {}): string {
  return options.giscus ? `${SITE_CSP}; frame-src ${GISCUS_ORIGIN}` : SITE_CSP;
}

/** The security headers for a response to `path`; `adminCsp` replaces the default /admin policy. */
export function getSecurityHeaders(path: string, adminCsp = ADMIN_CSP, siteCsp = SITE_CSP): Record<string, string> {
  if (isAdminPath(path)) return { ...COMMON_HEADERS, 'Cross-Origin-Opener-Policy': ADMIN_COOP, 'Content-Security-Policy': adminCsp };
  return { ...COMMON_HEADERS, 'Content-Security-Policy': siteCsp };
}

/**
 * The dashboards under /beheer are for editors. The Node server's page gate checks that; a static host cannot, so the
 * file carries the instruction for the host's access policy next to the headers (no indexing, no caching).
 */
/** Extra headers of the editors-only pages: never indexed, never kept by a cache shared with colleagues. */
export const EDITOR_PAGE_HEADERS = { 'X-Robots-Tag': 'noindex, nofollow', 'Cache-Control': 'no-store' };

const EDITOR_PAGES_BLOCK = `# /beheer/* is for editors only. A static host cannot tell who is an editor: put it behind its own
# Cloudflare Access application (or the host's equivalent) that admits only the editors' group.
/beheer/*
${Object.entries(EDITOR_PAGE_HEADERS).map(([k, v]) => `  ${k}: ${v}`).join('\n')}
`;

/** The `_headers` file for Cloudflare Pages and Netlify, from the same definitions. */
export function renderHeadersFile(siteCsp = SITE_CSP): string {
  const block = (pattern: string, headers: Record<string, string>) =>
    `${pattern}\n${Object.entries(headers).map(([k, v]) => `  ${k}: ${v}`).join('\n')}\n`;
  return [
    block('/*', { ...COMMON_HEADERS, 'Content-Security-Policy': siteCsp }),
    // Cloudflare Pages merges matching blocks; "! Name" detaches the site policy before /admin sets its own.
    // (Netlify cannot detach a header: there, serve /admin as a site of its own, on its own hostname.)
    `/admin/*\n  ! Content-Security-Policy\n  ! Cross-Origin-Opener-Policy\n  Content-Security-Policy: ${ADMIN_CSP}\n  Cross-Origin-Opener-Policy: ${ADMIN_COOP}\n`,
    EDITOR_PAGES_BLOCK,
  ].join('\n');
}
