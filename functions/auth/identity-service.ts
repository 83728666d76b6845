// The shape of a login service (demo, OIDC or proxy): a leaf file, so middleware and hosts need not import
// the service's construction (functions/auth/session.ts) for its type.
import type { Hono } from 'hono';
import type { AppEnv } from '../env.ts';
import type { Identity } from './identity.ts';

/** The login of this intranet: its routes, and the identity of a request. */
export interface IdentityService {
  mode: 'oidc' | 'proxy' | 'demo';
  /** Hono routes for /api/auth/login, the OIDC callback, /api/auth/logout, /api/auth/me and the demo login. */
  routes: Hono<AppEnv>;
  /** The identity of a request (cookie session or proxy JWT), or undefined. */
  identify(request: Request): Promise<Identity | undefined>;
  /** The identity of a request, or an ApiError: 401 niet_ingelogd, 403 onbekende_collega (known login, no profile). */
  authenticate(request: Request): Promise<Identity>;
  /** API paths that work without a login (the login itself, /api/health). */
  publicPaths: ReadonlySet<string>;
}
