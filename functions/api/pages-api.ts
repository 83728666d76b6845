// The whole API as a Cloudflare Pages Function: built once per isolate (lazily, from the Function's env) from the
// GitHub store without a journal (a write is answered once it is committed), GitHub pull requests for suggested
// edits, the login behind Cloudflare Access (or OIDC), the generated colleagues list, and per-isolate rate limits.
import { createIdentity } from '../auth/session.ts';
import { ApiError, toErrorBody } from '../lib/api-error.ts';
import { createRateLimiter } from '../lib/rate-limit.ts';
import { assemblePleinApi } from '../plein-api-base.ts';
import { createGithubClient } from '../store/github/github-config.ts';
import { createGithubProposals } from '../store/github/github-proposals.ts';
import { createGithubStoreBase } from '../store/github/github-store-base.ts';
import { createPagesPeople, type PagesColleague } from './pages-people.ts';
import { refusePhoto, refuseProposalBody } from './pages-refusals.ts';
import { PagesSettingsError, readPagesSettings } from './pages-settings.ts';

/** What Cloudflare hands a Pages Function (the part Plein uses). */
export interface PagesContext {
  request: Request;
  env: Record<string, unknown>;
  waitUntil?: (promise: Promise<unknown>) => void;
  passThroughOnException?: () => void;
}

type PagesApp = ReturnType<typeof assemblePleinApi>;

/** The app for one set of settings. */
function buildApi(env: Record<string, unknown>, people: PagesColleague[]): PagesApp {
  const settings = readPagesSettings(env);
  const directory = createPagesPeople(people);
  const identity = createIdentity(settings.vars, directory);
  const client = createGithubClient(settings.github);
  // No batch window: nothing outlives the request, so each write is committed before its answer.
  const store = createGithubStoreBase({ config: settings.github, client, batchWindowMs: 0 });
  const proposals = createGithubProposals({ config: settings.github, client });
  return assemblePleinApi({
    identity,
    store,
    proposals,
    people: directory,
    identify: (request) => identity.identify(request),
    origins: [settings.origin],
    limiter: createRateLimiter(settings.limits),
    processPhoto: refusePhoto,
    checkProposalBody: refuseProposalBody,
  });
}

/** A settings problem as the API's JSON error: 503, naming the variables to set. */
function notConfigured(err: PagesSettingsError): Response {
  const error = new ApiError(503, 'api_niet_ingesteld', `De API van het intranet is niet goed ingesteld. ${err.message} (Instellen bij het Pages-project: Settings → Variables and secrets.)`);
  return Response.json(toErrorBody(error), { status: 503, headers: { 'Cache-Control': 'no-store' } });
}

/** The Pages Function handler for /api/*, over the given colleagues. */
export function createPagesHandler(people: PagesColleague[]) {
  // One app per isolate; rebuilt only when the variables change (a new deployment normally starts new isolates anyway).
  let built: { key: string; app: PagesApp } | undefined;
  return async (context: PagesContext): Promise<Response> => {
    const key = JSON.stringify(Object.entries(context.env ?? {}).filter(([, v]) => typeof v === 'string').sort());
    if (built?.key !== key) {
      try {
        built = { key, app: buildApi(context.env, people) };
      } catch (err) {
        if (!(err instanceof PagesSettingsError)) throw err;
        console.error(`Plein-API niet ingesteld: ${err.message}`);
        return notConfigured(err);
      }
    }
    const executionCtx = { waitUntil: context.waitUntil ?? (() => {}), passThroughOnException: context.passThroughOnException ?? (() => {}), props: {} };
    return built.app.fetch(context.request, context.env, executionCtx);
  };
}
