import { describe, expect, it } from 'vitest';
import { IdentityConfigError, resolveIdentityConfig } from './identity-config.ts';

const OIDC = { PLEIN_OIDC_ISSUER: 'https://login.wadvoort.nl/realms/wadvoort', PLEIN_OIDC_CLIENT_ID: 'plein', PLEIN_OIDC_CLIENT_SECRET: 'heel-geheim-123' };
const PROXY = { PLEIN_PROXY_JWKS_URL: 'https://wadvoort.cloudflareaccess.com/cdn-cgi/access/certs', PLEIN_PROXY_ISSUER: 'https://wadvoort.cloudflareaccess.com', PLEIN_PROXY_AUDIENCE: 'aud-tag' };
const SECRET = { PLEIN_SESSION_SECRET: 'x'.repeat(40) };
const error = (env: Record<string, string>) => {
  try {
    resolveIdentityConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(IdentityConfigError);
    return (err as Error).message;
  }
  throw new Error('expected a configuration error');
};

describe('identity configuration', () => {
  it('uses the demo login without configuration, with plain cookie names on http://localhost', () => {
    const config = resolveIdentityConfig({});
    expect(config.mode).toBe('demo');
    expect(config.secure).toBe(false);
  });

  it('refuses to start in production without real identity, naming the variables in Dutch and English', () => {
    const message = error({ NODE_ENV: 'production' });
    expect(message).toContain('Plein start niet in productie zonder echte inlog; de demo-inlog staat uit.');
    expect(message).toContain('Plein will not start in production without real identity');
    for (const name of ['PLEIN_OIDC_ISSUER', 'PLEIN_OIDC_CLIENT_ID', 'PLEIN_OIDC_CLIENT_SECRET', 'PLEIN_SESSION_SECRET', 'PLEIN_PROXY_JWKS_URL', 'PLEIN_PROXY_ISSUER', 'PLEIN_PROXY_AUDIENCE']) {
      expect(message).toContain(name);
    }
  });

  it('names what is missing from a half configuration, never the values', () => {
    const message = error({ PLEIN_OIDC_ISSUER: OIDC.PLEIN_OIDC_ISSUER, PLEIN_OIDC_CLIENT_SECRET: 'heel-geheim-123' });
    expect(message).toContain('Inloggen met OpenID Connect is half ingesteld: PLEIN_OIDC_CLIENT_ID ontbreekt.');
    expect(message).not.toContain('heel-geheim-123');
    expect(error({ PLEIN_PROXY_HEADER: 'x-jwt' })).toContain('PLEIN_PROXY_JWKS_URL, PLEIN_PROXY_ISSUER, PLEIN_PROXY_AUDIENCE ontbreekt');
  });

  it('requires a long session secret in production, and https', () => {
    expect(error({ ...OIDC, NODE_ENV: 'production', PLEIN_SITE_URL: 'https://intranet.wadvoort.nl' })).toContain('PLEIN_SESSION_SECRET ontbreekt');
    expect(error({ ...OIDC, PLEIN_SESSION_SECRET: 'kort' })).toContain('PLEIN_SESSION_SECRET is te kort');
    expect(error({ ...OIDC, ...SECRET, NODE_ENV: 'production', PLEIN_SITE_URL: 'http://intranet.wadvoort.nl' })).toContain('https');
    expect(error({ ...OIDC, PLEIN_OIDC_ISSUER: 'http://login.wadvoort.nl' })).toContain('PLEIN_OIDC_ISSUER moet met https:// beginnen.');
  });

  it('resolves OIDC with a redirect URI derived from the site URL and __Host- cookies on https', () => {
    const config = resolveIdentityConfig({ ...OIDC, ...SECRET, NODE_ENV: 'production', PLEIN_SITE_URL: 'https://intranet.wadvoort.nl' });
    expect(config.mode).toBe('oidc');
    if (config.mode !== 'oidc') return;
    expect(config.redirectUri.href).toBe('https://intranet.wadvoort.nl/api/auth/oidc/callback');
    expect(config.secure).toBe(true);
    expect(error({ ...OIDC, PLEIN_OIDC_REDIRECT_URI: 'https://intranet.wadvoort.nl/terug' })).toContain('onder /api/');
  });

  it('resolves a proxy with the Cloudflare Access header by default, and refuses both at once', () => {
    const config = resolveIdentityConfig({ ...PROXY, NODE_ENV: 'production' });
    expect(config.mode === 'proxy' && config.header).toBe('cf-access-jwt-assertion');
    expect(resolveIdentityConfig({ ...PROXY, PLEIN_PROXY_HEADER: 'X-Pomerium-Jwt-Assertion' })).toMatchObject({ header: 'x-pomerium-jwt-assertion' });
    expect(error({ ...OIDC, ...PROXY })).toContain('Kies één manier van inloggen');
  });
});
