// The portable API app around a given identity service; imports nothing Node-only, so Cloudflare Pages can run it.
import { Hono } from 'hono';
import type { PleinEnv } from './env.ts';
import { createGithubOAuth } from './auth/github-oauth.ts';
import type { Identity } from './auth/identity.ts';
import { identifyApiRequests } from './auth/require-identity.ts';
import type { IdentityService } from './auth/session.ts';
import { ApiError, toErrorBody } from './lib/api-error.ts';

/** Variables handlers share through the request context: `identity` is the logged-in employee, when there is one. */
export type AppEnv = { Bindings: PleinEnv; Variables: { identity?: Identity } };

/** Builds the API app for an identity service; route modules register themselves under /api. */
export function createBaseApp(identity: IdentityService) {
  const app = new Hono<AppEnv>();

  // Sets c.get('identity'); with OIDC or a proxy every route but the login and the health check requires a login.
  app.use('/api/*', identifyApiRequests(identity));
  app.get('/api/health', (c) => c.json({ ok: true }));
  app.route('/', identity.routes);
  app.route('/', createGithubOAuth());

  app.notFound(() => {
    throw new ApiError(404, 'not_found', 'Deze API-route bestaat niet.');
  });

  app.onError((err, c) => {
    if (err instanceof ApiError) {
      return c.json(toErrorBody(err), err.status as 400, err.headers);
    }
    console.error('Onverwachte fout in de API:', err instanceof Error ? err.message : err);
    return c.json(toErrorBody(new ApiError(500, 'internal', 'Er ging iets mis aan onze kant. Probeer het later opnieuw.')), 500);
  });

  return app;
}
