// The one portable API: a Hono app built from what a host hands it (functions/hosts/node, functions/hosts/cloudflare).
// It sets the identity once per request, refuses writes from elsewhere, mounts every route module and maps
// errors in one place. It imports nothing Node-only, so Cloudflare Pages runs it as it is.
import { Hono, type Context } from 'hono';
import { createGithubOAuth } from './auth/github-oauth.ts';
import { identifyApiRequests, requireSameOrigin } from './auth/require-identity.ts';
import type { IdentityService } from './auth/session.ts';
import { createCommentRoutes } from './comments/routes.ts';
import { replayAnswer } from './content/items.ts';
import { createContentPaths } from './content/paths.ts';
import type { PeopleLookup } from './content/people.ts';
import type { ContentDeps, Limiter } from './content/types.ts';
import type { AppEnv } from './env.ts';
import { createFeedRoutes } from './feed/routes.ts';
import { ApiError, toErrorBody } from './lib/api-error.ts';
import { createIdempotencyCache, type SharedAnswers } from './lib/idempotency.ts';
import { createAppreciationRoutes } from './appreciations/routes.ts';
import { createSignupRoutes } from './signups/routes.ts';
import { createPollRoutes } from './polls/routes.ts';
import { createProfileRoutes } from './profile/routes.ts';
import { createGroupRoutes } from './groups/routes.ts';
import { createPrivateGroupRoutes } from './private-groups/routes.ts';
import { createNotificationRoutes, withUnreadCount } from './notifications/routes.ts';
import { UNSUBSCRIBE_PATH } from './notifications/mail-token.ts';
import { createUnsubscribeRoutes } from './notifications/unsubscribe-routes.ts';
import { createPushRoutes } from './notifications/push-routes.ts';
import { createMustReadRoutes, withMustRead } from './must-read/routes.ts';
import { createForYouRoutes } from './must-read/for-you.ts';
import type { ParticipationState } from './state/store.ts';
import { createModerationRoutes } from './moderation/routes.ts';
import { createReportRoutes } from './moderation/report-routes.ts';
import { createPostRoutes } from './posts/routes.ts';
import { createPrivacyRoutes } from './privacy/routes.ts';
import { createExportRoutes } from './privacy/export-routes.ts';
import { createProposalRoutes } from './proposals/routes.ts';
import { createReachRoutes } from './reach/routes.ts';
import { createUsageRoutes } from './usage/routes.ts';
import { createNudgeRoutes } from './nudges/routes.ts';
import { StateUnavailableError } from './state/errors.ts';
import { StoreUnavailableError, type ContentStore, type ProposalStore } from './store/types.ts';

export type { AppEnv } from './env.ts';

/** The content part of the API: where posts and comments go and who the colleagues are. */
export interface ContentParts {
  store: ContentStore;
  people: PeopleLookup;
  /** The content folder inside the repository (default "content"). */
  contentPrefix?: string;
  /** Suggested edits become branches / pull requests here; without it they answer 503. */
  proposals?: ProposalStore;
  limiter?: Limiter;
  /** Idempotency-Key answers shared by every server for 7 days (the state store); this process only without it. */
  sharedAnswers?: SharedAnswers;
  /** The state store (its per-person repositories); without it waarderingen, sign-ups, polls and memberships answer 503. */
  state?: Partial<ParticipationState>;
  /** Web push's public key and allowed push services (functions/notifications/push-config.ts); absent: push is off. */
  push?: ContentDeps['push'];
  /** The news the server knows (functions/must-read/catalog.ts); without it must-read answers 503. */
  news?: ContentDeps['news'];
  /** Erases a colleague's state-store rows (the Node server); without it /api/beheer/wissen leaves them to the CLI. */
  erasePersonState?: ContentDeps['erasePersonState'];
  /** Deletes the state-store rows about erased posts and comments (the Node server). */
  eraseItemState?: ContentDeps['eraseItemState'];
  processPhoto: ContentDeps['processPhoto'];
  checkProposalBody: ContentDeps['checkProposalBody'];
  now?: () => Date;
  /**
   * The app serves one request (serverless): the Idempotency-Key history is read only by a request with a key, not
   * at start (on Pages that would be a GitHub and a D1 call per request, left running when a short answer ends it).
   */
  perRequest?: boolean;
}

/** What a host hands the app. Without `content` the app has the login routes and the health check only. */
export interface AppParts {
  /** The identity service: its login routes and the private-API gate; the same service as the host's page gate. */
  identity: IdentityService;
  content?: ContentParts;
  /** The site's own origin(s), for the same-origin check on writes and links in pull requests. */
  origins?: string[];
}

/** Every route module, mounted in this order; a new module is one line here. */
export const ROUTE_MODULES: ((deps: ContentDeps) => Hono<AppEnv>)[] = [createPostRoutes, createCommentRoutes, createModerationRoutes, createReportRoutes, createFeedRoutes, createProposalRoutes, createAppreciationRoutes, createSignupRoutes, createPollRoutes, createProfileRoutes, createGroupRoutes, createPrivateGroupRoutes, createNotificationRoutes, createUnsubscribeRoutes, createPushRoutes, createUsageRoutes, createNudgeRoutes, createMustReadRoutes, createForYouRoutes, createReachRoutes, createPrivacyRoutes, createExportRoutes];

/** Builds what the content routes share from the host's parts (exported for route tests). */
export function buildContentDeps(parts: ContentParts, siteUrl: string | undefined): ContentDeps {
  const paths = createContentPaths(parts.contentPrefix);
  const base = { store: parts.store, people: parts.people, paths };
  return {
    ...base,
    now: parts.now ?? (() => new Date()),
    limiter: parts.limiter,
    idempotency: createIdempotencyCache({ recent: parts.store.recentRequests?.bind(parts.store), replay: (found) => replayAnswer(base, found), shared: parts.sharedAnswers, scanAtStart: !parts.perRequest, settleAfterAnswer: !parts.perRequest }),
    sharedAnswers: parts.sharedAnswers,
    state: parts.state,
    push: parts.push,
    news: parts.news,
    erasePersonState: parts.erasePersonState,
    eraseItemState: parts.eraseItemState,
    processPhoto: parts.processPhoto,
    proposals: parts.proposals,
    checkProposalBody: parts.checkProposalBody,
    siteUrl,
  };
}

/** The API's one error answer: ApiError as its JSON body, an unavailable store as 503, anything else as 500. */
export function answerError(err: Error, c: Context<AppEnv>) {
  if (err instanceof StoreUnavailableError || err instanceof StateUnavailableError) err = new ApiError(503, 'opslag_onbeschikbaar', 'Je bericht of wijziging kan nu even niet worden opgeslagen. Lezen gaat gewoon door; probeer het later opnieuw.');
  if (err instanceof ApiError) return c.json(toErrorBody(err), err.status as 400, err.headers);
  console.error('Onverwachte fout in de API:', err instanceof Error ? err.message : err);
  return c.json(toErrorBody(new ApiError(500, 'internal', 'Er ging iets mis aan onze kant. Probeer het later opnieuw.')), 500);
}

/** The whole API for one deployment. */
export function createApp(parts: AppParts) {
  const app = new Hono<AppEnv>();
  const sameOrigin = requireSameOrigin({ origins: parts.origins });

  // Who is asking, once per request; with OIDC or a proxy every route but the login and the health check requires a login.
  // The one-click unsubscribe from a mail is the exception: its signed token is the permission, and the mail client posts it.
  const identify = identifyApiRequests(parts.identity);
  app.use('/api/*', (c, next) => (c.req.path === UNSUBSCRIBE_PATH ? next() : identify(c, next)));
  // The login routes check their own forms; everything else that writes must come from our pages.
  app.use('/api/*', (c, next) => (c.req.path.startsWith('/api/auth/') || c.req.path === UNSUBSCRIBE_PATH ? next() : sameOrigin(c, next)));
  app.get('/api/health', (c) => c.json({ ok: true }));
  // The bell's unread count rides on the page's one per-person request.
  if (parts.content?.state?.notifications) app.use('/api/auth/me', withUnreadCount(parts.content.state.notifications));
  // So does what the colleague still has to confirm as read (must-read news).
  if (parts.content?.news && parts.content.state?.readConfirmations) app.use('/api/auth/me', withMustRead(parts.content.news, parts.content.state.readConfirmations, () => (parts.content?.now?.() ?? new Date()).getTime()));
  app.route('/', parts.identity.routes);
  app.route('/', createGithubOAuth());
  if (parts.content) {
    const deps = buildContentDeps(parts.content, parts.origins?.[0]);
    for (const create of ROUTE_MODULES) app.route('/', create(deps));
  }

  app.notFound(() => {
    throw new ApiError(404, 'not_found', 'Deze API-route bestaat niet.');
  });

  app.onError(answerError);

  return app;
}
