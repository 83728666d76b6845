// The Cloudflare Pages host: the portable app (functions/app.ts) as a Pages Function. Per isolate (lazily, from the Function's env) only what holds no
// pending I/O: the settings, the proxy login (see identityFor), the colleagues and the D1 state store (pages-state.ts). Per request: the GitHub
// client, the content store (pages-store.ts: with D1 a write is answered from the outbox and flushed to GitHub inside waitUntil; without
// it, answered once committed), the pull-request store and the routes — Workers cancel work that one request leaves for another (timers of a
// shared Octokit throttle, a shared commit queue), so none is shared. With D1 bound as DB, logouts, rate limits and Idempotency-Key answers
// hold across isolates; without it, per isolate only.
import { createMemoryRevocations, type SessionRevocations } from '../../auth/session-cookie.ts';
import type { IdentityService } from '../../auth/session.ts';
import { createIdentity } from '../../auth/session.ts';
import type { Limiter } from '../../content/types.ts';
import { ApiError, toErrorBody } from '../../lib/api-error.ts';
import { createMemoryCounter, createRateLimiter, createSharedCounter } from '../../lib/rate-limit.ts';
import { createApp } from '../../app.ts';
import { createNewsCatalog, type NewsCatalog } from '../../must-read/catalog.ts';
import { processPhoto } from '../../photos/wasm-photo.ts';
import { stateErasure } from '../../privacy/erase-state.ts';
import type { StateStore } from '../../state/store.ts';
import { createGithubClient } from '../../store/github/github-config.ts';
import { createGithubProposals } from '../../store/github/github-proposals.ts';
import { createPagesStore, type PagesStore } from './pages-store.ts';
import { runPagesFanout } from './pages-fanout.ts';
import { atMostEvery } from './pages-lease.ts';
import { runPagesMustReadReminders } from './pages-reminders.ts';
import { runPagesRetention } from './pages-retention.ts';
import { createFeedCache } from './feed-cache.ts';
import { createPagesState, type PagesStateParts } from './pages-state.ts';
import { fromPagesNews, type PagesNews } from './news.ts';
import { createPagesPeople, type PagesColleague } from './people.ts';
import { refuseProposalBody } from './refusals.ts';
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
  /** The news of the deploy (must-read, "Gelezen", "Voor jou"). */
  news: NewsCatalog;
  /** Limits and logouts of this isolate, for a project without D1. */
  limiter: Limiter;
  revocations: SessionRevocations;
  feed: ReturnType<typeof createFeedCache>;
}

function buildIsolateParts(key: string, env: Record<string, unknown>, people: PagesColleague[], news: PagesNews[]): IsolateParts {
  const settings = readPagesSettings(env);
  const directory = createPagesPeople(people);
  const items = news.map(fromPagesNews);
  const revocations = createMemoryRevocations();
  return {
    key,
    settings,
    identity: createIdentity(settings.vars, directory, { revocations }),
    people: directory,
    news: createNewsCatalog(() => items, directory),
    limiter: createRateLimiter(settings.limits, Date.now, createMemoryCounter()),
    revocations,
    feed: createFeedCache(),
  };
}

/** What one request uses of the state store: its logouts, counters and answers, or the isolate's own without D1. */
interface SharedParts {
  revocations: SessionRevocations;
  limiter: Limiter;
  store?: StateStore;
}

function sharedParts(parts: IsolateParts, state: PagesStateParts | undefined): SharedParts {
  if (!state) return { revocations: parts.revocations, limiter: parts.limiter };
  return { revocations: state.revocations, limiter: createRateLimiter(parts.settings.limits, Date.now, createSharedCounter(state.store.rateLimits)), store: state.store };
}

/**
 * The login for one request. Behind a proxy the isolate's service is shared: jose fetches the JWKS per request on
 * Workers and shares only the keys, and there are no sessions to revoke. The OIDC service keeps the provider's
 * discovery as a promise one request could leave pending for another, so with OIDC each request gets its own (a login
 * is rare; sessions need no I/O but the revocation check, which goes to D1 when it is bound).
 */
function identityFor(parts: IsolateParts, shared: SharedParts): IdentityService {
  if (parts.identity.mode !== 'oidc') return parts.identity;
  return createIdentity(parts.settings.vars, parts.people, { revocations: shared.revocations });
}

/** The API for one request, over fresh GitHub clients and the request's content store. */
function buildRequestApi(parts: IsolateParts, identity: IdentityService, shared: SharedParts, pages: PagesStore, client: ReturnType<typeof createGithubClient>) {
  const { github, origin } = parts.settings;
  return createApp({
    identity,
    origins: [origin],
    content: {
      store: pages.store,
      perRequest: true,
      proposals: createGithubProposals({ config: github, client }),
      people: parts.people,
      contentPrefix: parts.settings.contentPrefix,
      limiter: shared.limiter,
      sharedAnswers: shared.store?.idempotency,
      state: shared.store,
      news: parts.news,
      // Erasure by an editor (issue 19): the D1 rows too, once this request's content change has left the outbox.
      ...(shared.store ? stateErasure(shared.store, pages.store as { flush?: () => Promise<unknown> }) : {}),
      // sharp cannot load on Workers: the WebAssembly codecs, with the same checks, refusals and bounds.
      processPhoto,
      checkProposalBody: refuseProposalBody,
    },
  });
}

/** An ApiError as the API's JSON answer, never cached. */
function answer(error: ApiError): Response {
  return Response.json(toErrorBody(error), { status: error.status, headers: { 'Cache-Control': 'no-store' } });
}

/** A settings problem as the API's JSON error: 503, naming the variables to set. */
function notConfigured(err: PagesSettingsError): Response {
  return answer(new ApiError(503, 'api_niet_ingesteld', `De API van het intranet is niet goed ingesteld. ${err.message} (Instellen bij het Pages-project: Settings → Variables and secrets.)`));
}

/** How often one isolate asks whether today's retention has run (pages-retention.ts). */
const RETENTION_TRY_EVERY_MS = 60 * 60_000;
/** How often one isolate asks whether must-read reminders are due (pages-reminders.ts). */
const REMINDERS_TRY_EVERY_MS = 5 * 60_000;

/** The Pages Function handler for /api/*, over the given colleagues. */
export function createPagesHandler(people: PagesColleague[], news: PagesNews[] = []) {
  // Rebuilt only when the variables change (a new deployment normally starts new isolates anyway).
  let parts: IsolateParts | undefined;
  const state = createPagesState();
  const retentionGate = atMostEvery(RETENTION_TRY_EVERY_MS);
  const remindersGate = atMostEvery(REMINDERS_TRY_EVERY_MS);
  return async (context: PagesContext): Promise<Response> => {
    const key = JSON.stringify(Object.entries(context.env ?? {}).filter(([, v]) => typeof v === 'string').sort());
    if (parts?.key !== key) {
      try {
        parts = buildIsolateParts(key, context.env, people, news);
      } catch (err) {
        if (!(err instanceof PagesSettingsError)) throw err;
        console.error(`Plein-API niet ingesteld: ${err.message}`);
        return notConfigured(err);
      }
    }
    const current = parts;
    let opened: PagesStateParts | undefined;
    try {
      opened = await state.storeFor(context.env, context.waitUntil);
    } catch (err) {
      if (err instanceof ApiError) return answer(err);
      throw err;
    }
    const shared = sharedParts(current, opened);
    const identity = identityFor(current, shared);
    const cached = await current.feed.answer(context.request, identity);
    if (cached) return cached;
    const executionCtx = { waitUntil: context.waitUntil ?? (() => {}), passThroughOnException: context.passThroughOnException ?? (() => {}), props: {} };
    const client = createGithubClient(current.settings.github);
    const pages = createPagesStore(current.settings.github, client, shared.store);
    let response: Response;
    try {
      response = await buildRequestApi(current, identity, shared, pages, client).fetch(context.request, context.env, executionCtx);
    } catch (err) {
      await pages.settle();
      throw err;
    }
    // The outbox goes to GitHub after the answer; without waitUntil (never on Pages) before it. After a write, the
    // notifications of what is then committed (and of private-group posts) are written in the same waitUntil.
    const wrote = !['GET', 'HEAD', 'OPTIONS'].includes(context.request.method);
    const after = () => (wrote && shared.store ? runPagesFanout(shared.store, pages.store, current.people, current.settings.contentPrefix) : Promise.resolve());
    // At most hourly per isolate: has today's retention run (over all isolates)? If not, this request runs it.
    const { store } = shared;
    const retention = () =>
      store ? retentionGate(() => runPagesRetention(store, createPagesStore(current.settings.github, client, undefined).store, { contentPrefix: current.settings.contentPrefix, env: current.settings.vars as Record<string, string | undefined> })) : Promise.resolve();
    // At most every five minutes per isolate, and once per lease over all: the must-read reminders that are due.
    const reminders = () => (store ? remindersGate(() => runPagesMustReadReminders(store, current.news)) : Promise.resolve());
    if (context.waitUntil) context.waitUntil(pages.settle().then(after).then(retention).then(reminders));
    else await pages.settle().then(after).then(retention).then(reminders);
    return current.feed.remember(context.request, response);
  };
}
