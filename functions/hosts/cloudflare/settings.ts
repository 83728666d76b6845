// The settings of the API on Cloudflare Pages, read from the Function's env (the project's variables and secrets).
// A problem is reported by variable name only: values are secrets and never reach a message or a log.
import { IdentityConfigError, resolveIdentityConfig } from '../../auth/identity-config.ts';
import type { PleinEnv } from '../../env.ts';
import { readLimits, type Limits } from '../../lib/rate-limit.ts';
import { readGithubConfig, type GithubConfig } from '../../store/github/github-config.ts';

/** What the Pages API is built from. */
export interface PagesSettings {
  /** The string variables of env (bindings such as ASSETS left out). */
  vars: PleinEnv;
  github: GithubConfig;
  /** The site's origin: writes must come from it. */
  origin: string;
  limits: Limits;
  /** The content folder inside the repository (PLEIN_CONTENT_DIR, default content). */
  contentPrefix?: string;
}

/** The API cannot run with these settings; `problems` name variables, never their values. */
export class PagesSettingsError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(problems.join(' '));
    this.name = 'PagesSettingsError';
    this.problems = problems;
  }
}

/** The variables of env that are strings. */
export function stringVars(env: Record<string, unknown>): PleinEnv {
  return Object.fromEntries(Object.entries(env ?? {}).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}

/** The Dutch line of an IdentityConfigError (its message is Dutch, then English). */
const dutch = (err: unknown) => (err instanceof IdentityConfigError ? err.message.split('\n')[0] : (err as Error).message);

function check<T>(problems: string[], read: () => T): T | undefined {
  try {
    return read();
  } catch (err) {
    problems.push(dutch(err));
    return undefined;
  }
}

/** Reads every setting and reports all problems at once, so one look at the project's variables fixes them. */
export function readPagesSettings(env: Record<string, unknown>): PagesSettings {
  const vars = stringVars(env);
  const problems: string[] = [];
  const origin = check(problems, () => {
    const value = vars.PLEIN_SITE_URL?.trim();
    if (!value) throw new Error('PLEIN_SITE_URL ontbreekt: het publieke adres van het intranet (https://…), waarmee de API de herkomst van elke wijziging controleert.');
    // An invalid address is reported by the identity check below.
    return URL.canParse(value) ? new URL(value).origin : undefined;
  });
  check(problems, () => {
    const config = resolveIdentityConfig(vars);
    // No login of our own on Pages: the demo login lets anyone be anyone, and a random per-isolate session key logs people out at random.
    if (config.mode === 'demo') throw new Error('Geen inlog ingesteld: zet PLEIN_PROXY_JWKS_URL, PLEIN_PROXY_ISSUER en PLEIN_PROXY_AUDIENCE (Cloudflare Access), of PLEIN_OIDC_ISSUER, PLEIN_OIDC_CLIENT_ID, PLEIN_OIDC_CLIENT_SECRET en PLEIN_SESSION_SECRET (OpenID Connect).');
    if (config.mode === 'oidc' && !vars.PLEIN_SESSION_SECRET) throw new Error('PLEIN_SESSION_SECRET ontbreekt: op Cloudflare Pages draait elk verzoek mogelijk in een andere instantie, die zonder vaste sleutel elkaars sessies niet herkennen.');
  });
  const github = check(problems, () => readGithubConfig(vars));
  const limits = check(problems, () => readLimits(vars));
  if (problems.length) throw new PagesSettingsError([...new Set(problems)]);
  return { vars, github: github!, origin: origin!, limits: limits!, contentPrefix: vars.PLEIN_CONTENT_DIR || undefined };
}
