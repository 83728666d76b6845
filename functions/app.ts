// The portable API: one Hono app, served by the Node server and by Cloudflare Pages Functions.
import { Hono } from 'hono';
import type { PleinEnv } from './env.ts';
import { createGithubOAuth } from './auth/github-oauth.ts';
import { ApiError, toErrorBody } from './lib/api-error.ts';

/** Variables handlers share through the request context. */
export type AppEnv = { Bindings: PleinEnv };

/** Builds the API app; route modules register themselves under /api. */
export function createApp() {
  const app = new Hono<AppEnv>();

  app.get('/api/health', (c) => c.json({ ok: true }));
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
