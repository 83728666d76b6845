// Assembles the whole API for one deployment: identity, the store, posting and the live feed.
import type { Hono } from 'hono';
import { createApp } from './app.ts';
import type { Identity } from './auth/identity.ts';
import type { IdentityService } from './auth/session.ts';
import { createFeedRoutes } from './feed/routes.ts';
import { ApiError } from './lib/api-error.ts';
import { processPhoto } from './photos/process-photo.ts';
import type { PeopleLookup } from './posts/people.ts';
import { createPostingRoutes } from './posts/routes.ts';
import type { ContentStore } from './store/types.ts';

/** What an API needs from its host. */
export interface PleinApiOptions {
  /** The identity service: its login routes and the private-API gate come with createApp; same service as the page gate. */
  identity?: IdentityService;
  store: ContentStore;
  people: PeopleLookup;
  /** The verified identity of a request, or undefined. */
  identify: (request: Request) => Promise<Identity | undefined>;
  /** Login, logout and "who am I" routes. */
  identityRoutes?: Hono<any>;
  /** The site's own origin(s), for the same-origin check on writes. */
  origins?: string[];
}

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The API app with every route; a cross-site write is refused before any handler runs. */
export function createPleinApi(options: PleinApiOptions) {
  const app = createApp({ identity: options.identity });
  app.use('/api/*', async (c, next) => {
    if (WRITE_METHODS.has(c.req.method) && !c.req.path.startsWith('/api/auth/')) {
      const site = c.req.header('sec-fetch-site');
      const origin = c.req.header('origin');
      const own = new URL(c.req.url).origin;
      if (site === 'cross-site' || (origin && origin !== own && !(options.origins ?? []).includes(origin))) {
        throw new ApiError(403, 'andere_site', 'Dit verzoek komt van een andere website en is geweigerd.');
      }
    }
    const identity = await options.identify(c.req.raw);
    if (identity) c.set('identity' as never, identity as never);
    await next();
  });
  if (options.identityRoutes) app.route('/', options.identityRoutes);
  app.route('/', createPostingRoutes({ store: options.store, people: options.people, processPhoto }));
  app.route('/', createFeedRoutes({ store: options.store, people: options.people }));
  return app;
}
