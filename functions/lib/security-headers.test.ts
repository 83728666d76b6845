import { describe, expect, it } from 'vitest';
import { ADMIN_CSP, getAdminCsp, getSecurityHeaders, renderHeadersFile, SITE_CSP } from './security-headers.ts';

describe('security headers', () => {
  it('gives the site a policy without unsafe-inline or unsafe-eval, but with wasm for Pagefind', () => {
    expect(SITE_CSP).not.toMatch(/'unsafe-inline'|'unsafe-eval'/);
    expect(SITE_CSP).toContain("'wasm-unsafe-eval'");
    for (const d of ['frame-ancestors', 'base-uri', 'form-action']) expect(SITE_CSP).toContain(d);
  });
  it('gives /admin its own policy, and only /admin', () => {
    expect(getSecurityHeaders('/admin/')['Content-Security-Policy']).toBe(ADMIN_CSP);
    expect(getSecurityHeaders('/administratie/')['Content-Security-Policy']).toBe(SITE_CSP);
    expect(getSecurityHeaders('/zoeken/')['Content-Security-Policy']).toBe(SITE_CSP);
  });
  it('lets /admin keep its GitHub login popup and call the configured backend', () => {
    expect(getSecurityHeaders('/admin/')['Cross-Origin-Opener-Policy']).toBe('same-origin-allow-popups');
    expect(getSecurityHeaders('/')['Cross-Origin-Opener-Policy']).toBe('same-origin');
    expect(getAdminCsp(['http://127.0.0.1:9999'])).toMatch(/connect-src [^;]*http:\/\/127\.0\.0\.1:9999/);
    expect(getSecurityHeaders('/admin/', getAdminCsp(['http://127.0.0.1:9999']))['Content-Security-Policy']).toContain('127.0.0.1:9999');
  });
  it('renders the same policies into the _headers file', () => {
    const file = renderHeadersFile();
    expect(file).toContain(`Content-Security-Policy: ${SITE_CSP}`);
    expect(file).toContain(`/admin/*\n  ! Content-Security-Policy\n  ! Cross-Origin-Opener-Policy\n  Content-Security-Policy: ${ADMIN_CSP}`);
    expect(file).toContain('X-Content-Type-Options: nosniff');
    expect(file).toContain('/beheer/*\n  X-Robots-Tag: noindex, nofollow\n  Cache-Control: no-store\n');
    expect(file).toMatch(/^# \/beheer\/\* is for editors only.*\n# Cloudflare Access/m);
  });
});
