// Assembles the whole API for one deployment: identity, the store, posting and the live feed.
import type { Hono } from 'hono';
import { createApp } from './app.ts';
import type { Identity } from './auth/identity.ts';
import type { IdentityService } from './auth/session.ts';
import { createFeedRoutes } from './feed/routes.ts';
import { requireSameOrigin } from './auth/require-identity.ts';
import { processPhoto } from './photos/process-photo.ts';
import type { PeopleLookup } from './posts/people.ts';
import { createPostingRoutes } from './posts/routes.ts';
import { createProposalRoutes } from './proposals/routes.ts';
import type { ContentStore, ProposalStore } from './store/types.ts';

/** What an API needs from its host. */
export interface PleinApiOptions {
  /** The identity service: its login routes and the private-API gate come with createApp; same service as the page gate. */
  identity?: IdentityService;
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
  limiter?: { take(personId: string, kind: 'bericht' | 'reactie' | 'voorstel'): void };
}

/** The API app with every route; a write that did not come from the intranet itself is refused first. */
export function createPleinApi(options: PleinApiOptions) {
  const app = createApp({ identity: options.identity });
  const sameOrigin = requireSameOrigin({ origins: options.origins });
  app.use('/api/*', async (c, next) => {
    // The login routes check their own forms; everything else that writes must come from our pages.
    if (c.req.path.startsWith('/api/auth/')) return next();
    return sameOrigin(c, next);
  });
  app.use('/api/*', async (c, next) => {
    const identity = await options.identify(c.req.raw);
    if (identity) c.set('identity' as never, identity as never);
    await next();
  });
  if (options.identityRoutes) app.route('/', options.identityRoutes);
  app.route('/', createPostingRoutes({ store: options.store, people: options.people, processPhoto, limiter: options.limiter }));
  app.route('/', createFeedRoutes({ store: options.store, people: options.people }));
  app.route('/', createProposalRoutes({ store: options.store, proposals: options.proposals, people: options.people, limiter: options.limiter, siteUrl: options.origins?.[0] }));
  return app;
}
