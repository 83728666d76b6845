// Where the CMS stores its work, from the environment: local git through decap-server, or GitHub.

/** The port decap-server listens on unless PLEIN_CMS_PORT says otherwise. */
export const DEFAULT_DECAP_PORT = 8081;

/** The CMS backend: a local git repository (the default) or a GitHub repository. */
export type CmsBackendSettings =
  | { kind: 'local'; proxyUrl: string; branch: string }
  | { kind: 'github'; repo: string; branch: string; authBaseUrl: string; apiRoot?: string };

/** Environment variables the CMS reads; all optional. */
export interface CmsEnv {
  PLEIN_CMS_BACKEND?: string;
  PLEIN_CMS_BRANCH?: string;
  PLEIN_CMS_PORT?: string;
  PLEIN_CMS_PROXY_URL?: string;
  PLEIN_GITHUB_REPO?: string;
  PLEIN_GITHUB_API_ROOT?: string;
  PLEIN_CMS_AUTH_URL?: string;
  PLEIN_SITE_URL?: string;
  [key: string]: string | undefined;
}

/** The port decap-server should use, checked. */
export function getDecapPort(env: CmsEnv): number {
  const raw = env.PLEIN_CMS_PORT ?? String(DEFAULT_DECAP_PORT);
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`PLEIN_CMS_PORT moet een poortnummer zijn (1–65535), niet "${raw}"`);
  return port;
}

function checkUrl(name: string, value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`${name} moet een volledige URL zijn (https://…), niet "${value}"`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`${name} moet met https:// of http:// beginnen`);
  return value.replace(/\/+$/, '');
}

/** Resolves the backend from the environment; throws a Dutch message on a bad combination. */
export function resolveCmsBackend(env: CmsEnv): CmsBackendSettings {
  const kind = env.PLEIN_CMS_BACKEND ?? 'local';
  const branch = env.PLEIN_CMS_BRANCH ?? 'main';
  if (!/^[\w.-]+(\/[\w.-]+)*$/.test(branch)) throw new Error(`PLEIN_CMS_BRANCH is geen geldige branchnaam: "${branch}"`);
  if (kind === 'local') {
    const proxyUrl = env.PLEIN_CMS_PROXY_URL
      ? checkUrl('PLEIN_CMS_PROXY_URL', env.PLEIN_CMS_PROXY_URL)
      : `http://127.0.0.1:${getDecapPort(env)}/api/v1`;
    return { kind, proxyUrl, branch };
  }
  if (kind === 'github') {
    const repo = env.PLEIN_GITHUB_REPO ?? '';
    if (!/^[\w.-]+\/[\w.-]+$/.test(repo)) throw new Error('PLEIN_CMS_BACKEND=github vraagt om PLEIN_GITHUB_REPO in de vorm organisatie/repository');
    const base = env.PLEIN_CMS_AUTH_URL ?? env.PLEIN_SITE_URL;
    if (!base) throw new Error('PLEIN_CMS_BACKEND=github vraagt om PLEIN_SITE_URL (of PLEIN_CMS_AUTH_URL): waar /api/auth draait');
    const authBaseUrl = checkUrl(env.PLEIN_CMS_AUTH_URL ? 'PLEIN_CMS_AUTH_URL' : 'PLEIN_SITE_URL', base);
    const apiRoot = env.PLEIN_GITHUB_API_ROOT ? checkUrl('PLEIN_GITHUB_API_ROOT', env.PLEIN_GITHUB_API_ROOT) : undefined;
    return { kind, repo, branch, authBaseUrl, ...(apiRoot ? { apiRoot } : {}) };
  }
  throw new Error(`PLEIN_CMS_BACKEND moet "local" of "github" zijn, niet "${kind}"`);
}

/** The origins the CMS page talks to besides its own: decap-server locally, the GitHub API in production. */
export function getBackendOrigins(backend: CmsBackendSettings): string[] {
  if (backend.kind === 'local') return [new URL(backend.proxyUrl).origin];
  return [new URL(backend.apiRoot ?? 'https://api.github.com').origin];
}
