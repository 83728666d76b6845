// The Cloudflare Pages host: the portable app (functions/app.ts) as a Pages Function. Per isolate (lazily, from the Function's env) only what holds no
// pending I/O: the settings, the proxy login (see identityFor), the colleagues and the rate limits. Per request: the GitHub client, the store without a journal (a write is
// answered once it is committed), the pull-request store and the routes — Workers cancel work that one request
// leaves for another (timers of a shared Octokit throttle, a shared commit queue), so none is shared.
import type { IdentityService } from '../../auth/session.ts';
import { createIdentity } from '../../auth/session.ts';
import { ApiError, toErrorBody } from '../../lib/api-error.ts';
import { createRateLimiter } from '../../lib/rate-limit.ts';
import { createApp } from '../../app.ts';
import { createGithubClient } from '../../store/github/github-config.ts';
import { createGithubProposals } from '../../store/github/github-proposals.ts';
import { createGithubStoreBase } from '../../store/github/github-store-base.ts';
import { createFeedCache } from './feed-cache.ts';
import { createPagesPeople, type PagesColleague } from './people.ts';
import { refusePhoto, refuseProposalBody } from './refusals.ts';
import { PagesSettingsError, readPagesSettings, type PagesSettings } from './settings.ts';

/** What Cloudflare hands a Pages Function (the part Plein uses). */
export interface PagesContext {
  request: Request;
  env: Record<string, unknown>;
  waitUntil?: (promise: Promise<unknown>) => void;
  passThroughOnException?: () => void;
}

/** What one isolate keeps between requests: plain data and services without pending I/O. */
interface IsolateParts {
  key: string;
  settings: PagesSettings;
  identity: IdentityService;
  people: ReturnType<typeof createPagesPeople>;
  limiter: ReturnType<typeof createRateLimiter>;
  feed: ReturnType<typeof createFeedCache>;
}

function buildIsolateParts(key: string, env: Record<string, unknown>, people: PagesColleague[]): IsolateParts {
  const settings = readPagesSettings(env);
  const directory = createPagesPeople(people);
  return { key, settings, identity: createIdentity(settings.vars, directory), people: directory, limiter: createRateLimiter(settings.limits), feed: createFeedCache() };
}

/**
 * The login for one request. Behind a proxy the isolate's service is shared: jose fetches the JWKS per request on
 * Workers and shares only the keys. The OIDC service keeps the provider's discovery as a promise one request
 * could leave pending for another, so with OIDC each request gets its own (a login is rare; sessions need no I/O).
 */
function identityFor(parts: IsolateParts): IdentityService {
  return parts.identity.mode === 'oidc' ? createIdentity(parts.settings.vars, parts.people) : parts.identity;
}

/** The API for one request, over fresh GitHub clients. */
function buildRequestApi(parts: IsolateParts, identity: IdentityService) {
  const { github, origin } = parts.settings;
  const client = createGithubClient(github);
  return createApp({
    identity,
    origins: [origin],
    content: {
      // No batch window: nothing outlives the request, so each write is committed before its answer.
      store: createGithubStoreBase({ config: github, client, batchWindowMs: 0 }),
      proposals: createGithubProposals({ config: github, client }),
      people: parts.people,
      contentPrefix: parts.settings.contentPrefix,
      limiter: parts.limiter,
      processPhoto: refusePhoto,
      checkProposalBody: refuseProposalBody,
    },
  });
}

/** A settings problem as the API's JSON error: 503, naming the variables to set. */
function notConfigured(err: PagesSettingsError): Response {
  const error = new ApiError(503, 'api_niet_ingesteld', `De API van het intranet is niet goed ingesteld. ${err.message} (Instellen bij het Pages-project: Settings → Variables and secrets.)`);
  return Response.json(toErrorBody(error), { status: 503, headers: { 'Cache-Control': 'no-store' } });
}

/** The Pages Function handler for /api/*, over the given colleagues. */
export function createPagesHandler(people: PagesColleague[]) {
  // Rebuilt only when the variables change (a new deployment normally starts new isolates anyway).
  let parts: IsolateParts | undefined;
  return async (context: PagesContext): Promise<Response> => {
    const key = JSON.stringify(Object.entries(context.env ?? {}).filter(([, v]) => typeof v === 'string').sort());
    if (parts?.key !== key) {
      try {
        parts = buildIsolateParts(key, context.env, people);
      } catch (err) {
        if (!(err instanceof PagesSettingsError)) throw err;
        console.error(`Plein-API niet ingesteld: ${err.message}`);
        return notConfigured(err);
      }
    }
    const current = parts;
    const identity = identityFor(current);
    const cached = await current.feed.answer(context.request, identity);
    if (cached) return cached;
    const executionCtx = { waitUntil: context.waitUntil ?? (() => {}), passThroughOnException: context.passThroughOnException ?? (() => {}), props: {} };
    const response = await buildRequestApi(current, identity).fetch(context.request, context.env, executionCtx);
    return current.feed.remember(context.request, response);
  };
}
