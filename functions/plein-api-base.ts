// Assembles the API from parts a host hands over: nothing Node-only here, so Cloudflare Pages and the Node server share it.
import type { Hono } from 'hono';
import { createBaseApp } from './app-base.ts';
import type { Identity } from './auth/identity.ts';
import type { IdentityService } from './auth/session.ts';
import { createFeedRoutes } from './feed/routes.ts';
import { requireSameOrigin } from './auth/require-identity.ts';
import type { PeopleLookup } from './posts/people.ts';
import { createPostingRoutes, type PostingDeps } from './posts/routes.ts';
import { createProposalRoutes, type ProposalDeps } from './proposals/routes.ts';
import type { ContentStore, ProposalStore } from './store/types.ts';

/** What an API needs from its host. */
export interface PleinApiParts {
  /** The identity service: its login routes and the private-API gate come with the app; same service as the page gate. */
  identity: IdentityService;
  store: ContentStore;
  /** Turns suggested edits of knowledge pages into branches / pull requests; without it they answer 503. */
  proposals?: ProposalStore;
  people: PeopleLookup;
  /** The verified identity of a request, or undefined. */
  identify: (request: Request) => Promise<Identity | undefined>;
  /** Login, logout and "who am I" routes. */
  identityRoutes?: Hono<any>;
  /** The site's own origin(s), for the same-origin check on writes. */
  origins?: string[];
  /** Per-person write limits (functions/lib/rate-limit.ts). */
  limiter?: NonNullable<PostingDeps['limiter']> & NonNullable<ProposalDeps['limiter']>;
  /** Turns an uploaded photo into stored bytes (sharp on Node; a refusal where sharp cannot run). */
  processPhoto: PostingDeps['processPhoto'];
  /** Refuses a suggested body that does not parse or adds code (satteri on Node; a refusal where it cannot run). */
  checkProposalBody: ProposalDeps['checkBody'];
}

/** The API app with every route; a write that did not come from the intranet itself is refused first. */
export function assemblePleinApi(parts: PleinApiParts) {
  const app = createBaseApp(parts.identity);
  const sameOrigin = requireSameOrigin({ origins: parts.origins });
  app.use('/api/*', async (c, next) => {
    // The login routes check their own forms; everything else that writes must come from our pages.
    if (c.req.path.startsWith('/api/auth/')) return next();
    return sameOrigin(c, next);
  });
  app.use('/api/*', async (c, next) => {
    const identity = await parts.identify(c.req.raw);
    if (identity) c.set('identity' as never, identity as never);
    await next();
  });
  if (parts.identityRoutes) app.route('/', parts.identityRoutes);
  app.route('/', createPostingRoutes({ store: parts.store, people: parts.people, processPhoto: parts.processPhoto, limiter: parts.limiter }));
  app.route('/', createFeedRoutes({ store: parts.store, people: parts.people }));
  app.route('/', createProposalRoutes({ store: parts.store, proposals: parts.proposals, people: parts.people, limiter: parts.limiter, siteUrl: parts.origins?.[0], checkBody: parts.checkProposalBody }));
  return app;
}
