// The HTTP security headers of Plein: one definition for the Node server and the static-host _headers file.

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

/**
 * Content-Security-Policy of /admin: Decap CMS needs 'unsafe-eval' (and inline styles); serve /admin from
 * its own hostname in production so this weaker policy never shares an origin with the site.
 */
export const ADMIN_CSP = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob: https:",
  "font-src 'self' data:",
  "connect-src 'self' http://localhost:8081 http://127.0.0.1:8081 https://api.github.com",
  "object-src 'none'",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

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

/** The security headers for a response to `path`. */
export function getSecurityHeaders(path: string): Record<string, string> {
  return { ...COMMON_HEADERS, 'Content-Security-Policy': isAdminPath(path) ? ADMIN_CSP : SITE_CSP };
}

/** The `_headers` file for Cloudflare Pages and Netlify, from the same definitions. */
export function renderHeadersFile(): string {
  const block = (pattern: string, headers: Record<string, string>) =>
    `${pattern}\n${Object.entries(headers).map(([k, v]) => `  ${k}: ${v}`).join('\n')}\n`;
  return [
    block('/*', { ...COMMON_HEADERS, 'Content-Security-Policy': SITE_CSP }),
    // Cloudflare Pages merges matching blocks; "! Name" detaches the site policy before /admin sets its own.
    // (Netlify cannot detach a header: there, serve /admin as a site of its own, on its own hostname.)
    `/admin/*\n  ! Content-Security-Policy\n  Content-Security-Policy: ${ADMIN_CSP}\n`,
  ].join('\n');
}
