// The portable API: one Hono app, served by the Node server and by Cloudflare Pages Functions.
import { createBaseApp } from './app-base.ts';
import { getDefaultIdentity } from './auth/default-identity.ts';
import type { IdentityService } from './auth/session.ts';

export type { AppEnv } from './app-base.ts';

/** What the app is built from; `identity` defaults to the process's service (getDefaultIdentity). */
export interface AppOptions {
  identity?: IdentityService;
}

/** Builds the API app; without an identity service, the one of this Node process (settings from process.env, people from disk). */
export function createApp(options: AppOptions = {}) {
  return createBaseApp(options.identity ?? getDefaultIdentity());
}
