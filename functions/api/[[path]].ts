// Cloudflare Pages Functions entry: every /api/* request goes to the portable app.
import { createApp } from '../app.ts';
import type { PleinEnv } from '../env.ts';

const app = createApp();

/** Pages Functions handler for /api/*. */
export const onRequest = (context: { request: Request; env: PleinEnv }) => app.fetch(context.request, context.env);
