// What rides on /api/auth/me, the page's one per-person request: a middleware adds one field to its answer for a
// logged-in colleague (the bell's unread count, the must-read items still to confirm). A failure leaves the field out.
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../env.ts';

/** Adds `key` (computed for the colleague) to a successful GET /api/auth/me answer. */
export function extendMe(key: string, compute: (personId: string) => Promise<unknown>): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next();
    if (c.req.method !== 'GET' || c.res.status !== 200) return;
    const body = (await c.res.clone().json().catch(() => undefined)) as { personId?: string } | undefined;
    if (!body?.personId) return;
    const value = await compute(body.personId).catch(() => undefined);
    if (value === undefined) return;
    const headers = new Headers(c.res.headers);
    headers.delete('content-length');
    c.res = new Response(JSON.stringify({ ...body, [key]: value }), { status: 200, headers });
  };
}
