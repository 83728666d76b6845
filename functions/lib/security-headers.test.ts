import { describe, expect, it } from 'vitest';
import { ADMIN_CSP, getSecurityHeaders, renderHeadersFile, SITE_CSP } from './security-headers.ts';

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
  it('renders the same policies into the _headers file', () => {
    const file = renderHeadersFile();
    expect(file).toContain(`Content-Security-Policy: ${SITE_CSP}`);
    expect(file).toContain(`/admin/*\n  ! Content-Security-Policy\n  Content-Security-Policy: ${ADMIN_CSP}`);
    expect(file).toContain('X-Content-Type-Options: nosniff');
  });
});
