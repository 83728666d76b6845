// Where the GitHub store writes and how it authenticates: read from the environment once, checked at
// start-up, and turned into an Octokit client with throttling and retries. Secrets never reach a log.
import { createAppAuth } from '@octokit/auth-app';
import { Octokit } from '@octokit/core';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import Bottleneck from 'bottleneck';

/** How the store authenticates: a token, or a GitHub App installation. */
export type GithubAuth = { token: string } | { appId: string; privateKey: string; installationId: string };

/** The repository and identity the GitHub store uses. */
export interface GithubConfig {
  owner: string;
  repo: string;
  branch: string;
  auth: GithubAuth;
  /** API root; GitHub Enterprise Server or the test stand-in. */
  baseUrl: string;
}

/** Environment variables the GitHub store reads. */
export interface GithubEnv {
  PLEIN_GITHUB_TOKEN?: string;
  PLEIN_GITHUB_APP_ID?: string;
  PLEIN_GITHUB_APP_PRIVATE_KEY?: string;
  PLEIN_GITHUB_INSTALLATION_ID?: string;
  PLEIN_GITHUB_REPO?: string;
  PLEIN_GITHUB_BRANCH?: string;
  PLEIN_GITHUB_API_URL?: string;
  /** `local` or `github`: which store the Node server uses (default: GitHub when a PLEIN_GITHUB_* store variable is set). */
  PLEIN_STORE?: string;
  /** The rest of the environment (process.env, a PleinEnv) passes as it is. */
  [key: string]: string | undefined;
}

/** The variables of the GitHub store (not the CMS's OAuth or API-root variables). */
const STORE_VARIABLES = ['PLEIN_GITHUB_REPO', 'PLEIN_GITHUB_TOKEN', 'PLEIN_GITHUB_APP_ID', 'PLEIN_GITHUB_APP_PRIVATE_KEY', 'PLEIN_GITHUB_INSTALLATION_ID', 'PLEIN_GITHUB_BRANCH', 'PLEIN_GITHUB_API_URL'] as const;

/**
 * The GitHub settings when the environment asks for the GitHub store, undefined for the local store.
 * Any store variable asks for GitHub, so half a configuration stops the start with the missing variable
 * named instead of quietly writing posts to the local repository; PLEIN_STORE=local opts out.
 */
export function readStoreChoice(env: GithubEnv): GithubConfig | undefined {
  const choice = env.PLEIN_STORE?.trim().toLowerCase();
  if (choice && choice !== 'local' && choice !== 'github') throw new Error(`PLEIN_STORE is "${env.PLEIN_STORE}": kies local of github.`);
  if (choice === 'local') return undefined;
  if (choice !== 'github' && !STORE_VARIABLES.some((name) => env[name]?.trim())) return undefined;
  try {
    return readGithubConfig(env);
  } catch (err) {
    throw new Error(`De GitHub-opslag is half ingesteld. ${(err as Error).message} (Berichten lokaal opslaan? Zet PLEIN_STORE=local.)`);
  }
}

/** Reads and checks the GitHub settings; throws a clear error naming the variable (never its secret value). */
export function readGithubConfig(env: GithubEnv): GithubConfig {
  const repoName = env.PLEIN_GITHUB_REPO?.trim();
  const m = repoName ? /^([\w.-]+)\/([\w.-]+)$/.exec(repoName) : null;
  if (!m) throw new Error('PLEIN_GITHUB_REPO ontbreekt of is ongeldig: gebruik de vorm eigenaar/naam (bijvoorbeeld wadvoort/intranet).');
  const branch = env.PLEIN_GITHUB_BRANCH?.trim() || 'main';
  if (!/^[\w./-]+$/.test(branch) || branch.includes('..')) throw new Error('PLEIN_GITHUB_BRANCH is geen geldige branchnaam.');
  const baseUrl = (env.PLEIN_GITHUB_API_URL?.trim() || 'https://api.github.com').replace(/\/$/, '');
  const token = env.PLEIN_GITHUB_TOKEN?.trim();
  const app = [env.PLEIN_GITHUB_APP_ID, env.PLEIN_GITHUB_APP_PRIVATE_KEY, env.PLEIN_GITHUB_INSTALLATION_ID].map((v) => v?.trim());
  if (token && app.some(Boolean)) throw new Error('Kies één manier van inloggen bij GitHub: PLEIN_GITHUB_TOKEN of de PLEIN_GITHUB_APP_*-variabelen, niet allebei.');
  if (token) return { owner: m[1], repo: m[2], branch, baseUrl, auth: { token } };
  if (app.every(Boolean)) {
    const [appId, key, installationId] = app as string[];
    if (!/^\d+$/.test(appId) || !/^\d+$/.test(installationId)) throw new Error('PLEIN_GITHUB_APP_ID en PLEIN_GITHUB_INSTALLATION_ID moeten getallen zijn.');
    // Hosts often store a PEM key on one line with literal \n.
    const privateKey = key.replace(/\\n/g, '\n');
    if (!/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(privateKey)) throw new Error('PLEIN_GITHUB_APP_PRIVATE_KEY is geen PEM-sleutel.');
    return { owner: m[1], repo: m[2], branch, baseUrl, auth: { appId, privateKey, installationId } };
  }
  const missing = ['PLEIN_GITHUB_APP_ID', 'PLEIN_GITHUB_APP_PRIVATE_KEY', 'PLEIN_GITHUB_INSTALLATION_ID'].filter((_, i) => !app[i]);
  throw new Error(`Geen GitHub-inlog ingesteld: zet PLEIN_GITHUB_TOKEN, of alle drie de app-variabelen (ontbreekt: ${missing.join(', ')}).`);
}

/** Tuning of the client; the defaults keep within GitHub's secondary limits (≤ 80 content-creating requests a minute). */
export interface GithubClientTuning {
  /** Least time between two content-creating requests (default 1100 ms: at most ~55 a minute). */
  minWriteIntervalMs?: number;
  /** Multiplies retry-after and the retry plugin's back-off (default 1000: seconds); tests shrink it. */
  retryAfterBaseMs?: number;
  /** How often a rate-limited or failed request is retried (default 4). */
  retries?: number;
  /** Receives warnings (never with a secret in them). */
  warn?: (message: string) => void;
}

const ThrottledOctokit = Octokit.plugin(throttling, retry);

/** The throttling plugin's limiters besides `write`, for one client. */
function perClientLimiters(): Record<'global' | 'auth' | 'search' | 'notifications', Bottleneck.Group> {
  return {
    global: new Bottleneck.Group({ maxConcurrent: 10 }),
    auth: new Bottleneck.Group({ maxConcurrent: 1 }),
    search: new Bottleneck.Group({ maxConcurrent: 1, minTime: 2000 }),
    notifications: new Bottleneck.Group({ maxConcurrent: 1, minTime: 3000 }),
  };
}

/** An Octokit client for the config: throttled writes, rate-limit handling, retries with back-off. */
export function createGithubClient(config: GithubConfig, tuning: GithubClientTuning = {}) {
  const retries = tuning.retries ?? 4;
  const warn = tuning.warn ?? ((message: string) => console.warn(message));
  const onLimit = (kind: string) => (retryAfter: number, options: { method: string; url: string }, _octokit: unknown, retryCount: number) => {
    warn(`GitHub ${kind} bij ${options.method} ${options.url}; opnieuw over ${retryAfter} s (poging ${retryCount + 1})`);
    return retryCount < retries;
  };
  const silent = () => {};
  return new ThrottledOctokit({
    baseUrl: config.baseUrl,
    userAgent: 'plein-intranet',
    ...('token' in config.auth
      ? { auth: config.auth.token }
      : { authStrategy: createAppAuth, auth: { appId: config.auth.appId, privateKey: config.auth.privateKey, installationId: config.auth.installationId } }),
    // Octokit's own logging could echo request options; keep it to the warnings above.
    log: { debug: silent, info: silent, warn: silent, error: silent },
    throttle: {
      onRateLimit: onLimit('rate limit'),
      onSecondaryRateLimit: onLimit('secondary rate limit'),
      retryAfterBaseValue: tuning.retryAfterBaseMs ?? 1000,
      fallbackSecondaryRateRetryAfter: 60,
      write: new Bottleneck.Group({ maxConcurrent: 1, minTime: tuning.minWriteIntervalMs ?? 1100 }),
      // The plugin's other limiters are module-wide by default, shared by every client in the process. On Workers a
      // request's queued call could then be released by another request's timer, which never fires once that
      // request has answered: the call hangs (seen as a post that never finished after a conflict). Each client
      // gets its own.
      // (The plugin reads `global` and `auth` too, though its option type names only the other three.)
      ...perClientLimiters(),
    },
    retry: { retries, retryAfterBaseValue: tuning.retryAfterBaseMs ?? 1000, doNotRetry: [400, 401, 403, 404, 409, 410, 422, 451] },
  });
}

/** The client type. */
export type GithubClient = ReturnType<typeof createGithubClient>;

/** Removes anything that looks like a credential from a message. */
export function redactSecrets(text: string, config?: GithubConfig): string {
  let out = text.replace(/\b(gh[pousr]_[A-Za-z0-9_]{8,}|github_pat_[A-Za-z0-9_]{8,})\b/g, '[verborgen]').replace(/(authorization["']?\s*[:=]\s*["']?)[^"',}\s]+(\s+[^"',}\s]+)?/gi, '$1[verborgen]');
  if (config && 'token' in config.auth && config.auth.token) out = out.split(config.auth.token).join('[verborgen]');
  return out;
}
