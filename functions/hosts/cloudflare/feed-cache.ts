// The live feed on Pages: every open page asks /api/feed every second, and a Function keeps no GitHub caches
// between requests, so each answer would cost GitHub requests (the head, a comparison, every new file). One
// isolate reuses a fresh answer for a few seconds — plain text, never a promise of another request — and
// forgets every kept answer after a write it served.
import type { IdentityService } from '../../auth/session.ts';

/** How long a feed answer is reused: as long as browsers are asked to wait between polls (below). */
export const FEED_TTL_MS = 10_000;
/**
 * How often pages on Pages should ask for the feed (the `Plein-Poll-Seconds` header the client honours): every
 * second, as on the Node server, would spend GitHub's 5,000 requests an hour within minutes on a busy morning.
 */
export const FEED_POLL_SECONDS = 10;
const MAX_ANSWERS = 100;

const isFeed = (request: Request) => request.method === 'GET' && new URL(request.url).pathname === '/api/feed';

/** A per-isolate cache of feed answers, keyed by the query (the build commit after `sinds`). */
export function createFeedCache(ttlMs = FEED_TTL_MS, now = () => Date.now()) {
  const answers = new Map<string, { at: number; body: string; headers: [string, string][] }>();
  return {
    /** A fresh kept answer for a logged-in colleague; otherwise undefined, and the API answers. */
    async answer(request: Request, identity: IdentityService): Promise<Response | undefined> {
      if (!isFeed(request)) return undefined;
      const hit = answers.get(new URL(request.url).search);
      if (!hit || now() - hit.at >= ttlMs) return undefined;
      // The feed needs a login like every API route: a visitor without one gets the API's own 401 or 403.
      if (!(await identity.identify(request))) return undefined;
      return new Response(hit.body, { status: 200, headers: hit.headers });
    },
    /** Keeps a successful feed answer; a successful write makes every kept answer stale. */
    async remember(request: Request, response: Response): Promise<Response> {
      if (isFeed(request)) {
        if (response.status !== 200) return response;
        const search = new URL(request.url).search;
        const headers = new Headers(response.headers);
        headers.set('Plein-Poll-Seconds', String(FEED_POLL_SECONDS));
        const body = await response.text();
        answers.delete(search);
        answers.set(search, { at: now(), body, headers: [...headers] });
        if (answers.size > MAX_ANSWERS) answers.delete(answers.keys().next().value!);
        return new Response(body, { status: 200, headers });
      } else if (request.method !== 'GET' && request.method !== 'HEAD' && response.ok) {
        answers.clear();
      }
      return response;
    },
  };
}
