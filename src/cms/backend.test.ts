import { describe, expect, it } from 'vitest';
import { getBackendOrigins, resolveCmsBackend } from './backend.ts';
import { buildCmsConfig } from './build-config.ts';

describe('CMS backend from the environment', () => {
  it('defaults to the local git repository through decap-server on loopback', () => {
    expect(resolveCmsBackend({})).toEqual({ kind: 'local', proxyUrl: 'http://127.0.0.1:8081/api/v1', branch: 'main' });
    expect(resolveCmsBackend({ PLEIN_CMS_PORT: '8099' })).toMatchObject({ proxyUrl: 'http://127.0.0.1:8099/api/v1' });
    expect(getBackendOrigins(resolveCmsBackend({ PLEIN_CMS_PORT: '8099' }))).toEqual(['http://127.0.0.1:8099']);
  });

  it('configures GitHub with our own /api/auth for the OAuth handshake', () => {
    const env = { PLEIN_CMS_BACKEND: 'github', PLEIN_GITHUB_REPO: 'wadvoort/intranet', PLEIN_SITE_URL: 'https://intranet.wadvoort.nl/' };
    const config = buildCmsConfig({ contentDir: 'content', contentFolder: 'content', env, siteUrl: env.PLEIN_SITE_URL });
    expect(config.backend).toEqual({ name: 'github', repo: 'wadvoort/intranet', branch: 'main', base_url: 'https://intranet.wadvoort.nl', auth_endpoint: 'api/auth' });
    expect(getBackendOrigins(resolveCmsBackend(env))).toEqual(['https://api.github.com']);
    const enterprise = resolveCmsBackend({ ...env, PLEIN_CMS_AUTH_URL: 'https://cms.wadvoort.nl', PLEIN_GITHUB_API_ROOT: 'https://git.wadvoort.nl/api/v3' });
    expect(enterprise).toMatchObject({ authBaseUrl: 'https://cms.wadvoort.nl', apiRoot: 'https://git.wadvoort.nl/api/v3' });
  });

  it.each([
    [{ PLEIN_CMS_BACKEND: 'gitlab' }, /moet "local" of "github" zijn/],
    [{ PLEIN_CMS_BACKEND: 'github', PLEIN_SITE_URL: 'https://x.nl' }, /PLEIN_GITHUB_REPO in de vorm organisatie\/repository/],
    [{ PLEIN_CMS_BACKEND: 'github', PLEIN_GITHUB_REPO: 'a/b' }, /PLEIN_SITE_URL/],
    [{ PLEIN_CMS_PORT: 'acht' }, /PLEIN_CMS_PORT moet een poortnummer zijn/],
    [{ PLEIN_CMS_BRANCH: 'main; rm -rf' }, /geen geldige branchnaam/],
    [{ PLEIN_CMS_PROXY_URL: 'ftp://x' }, /https:\/\/ of http:\/\//],
  ])('refuses %o with a Dutch message', (env, message) => {
    expect(() => resolveCmsBackend(env)).toThrow(message);
  });
});
