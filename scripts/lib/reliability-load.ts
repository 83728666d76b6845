// The load of `npm run test:reliability`: concurrent posters that each send their share of the posts
// with an Idempotency-Key, resend a tenth of them with the same key (half while the original is still
// in flight, half after it answered), and keep retrying with the same key through 5xx answers and a
// server that is down (killed and restarting). Records every answer, so the test can check the counts.
import { loginDemo } from './bench-client.ts';

/** What one load run needs. */
export interface LoadOptions {
  base: string;
  posts: number;
  clients: number;
  /** Unique per run: the keys and the post texts carry it, so stored posts can be traced to their key. */
  tag: string;
  people: string[];
  /** Called after each answered request (the kill scenario watches the progress). */
  onAnswer?: (answered: number) => void;
  /** Give up on a key after this long (default 120 s). */
  deadlineMs?: number;
  /** Several servers behind one imagined load balancer: client c posts to bases[c % n], resends to the next one. */
  bases?: string[];
}

/** Everything the load saw. */
export interface LoadResult {
  requests: number;
  /** Requests that got no answer (connection refused or reset). */
  networkErrors: number;
  statuses: Map<number, number>;
  /** Milliseconds of each answered request. */
  latencies: number[];
  /** Every post id answered per key (a correct server answers one id per key). */
  idsByKey: Map<string, Set<string>>;
  /** Keys the load meant to post. */
  keys: string[];
  /** Per client: its session cookie (the server may be restarted with the same secret). */
  cookies: string[];
}

/** The text of the post of `key`: `Betrouwbaarheid <key>:` lets a stored file name its key. */
export const postText = (key: string) => `Betrouwbaarheid ${key}: vergadering verplaatst naar zaal 2.`;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Creates the shared record and the one function that sends a key until it is answered with a 2xx. */
export function createPoster(base: string, deadlineMs: number, onAnswer?: (answered: number) => void) {
  const result: LoadResult = { requests: 0, networkErrors: 0, statuses: new Map(), latencies: [], idsByKey: new Map(), keys: [], cookies: [] };
  let answered = 0;

  /**
   * Posts `key` as the person of `cookie` to `targets[0]`; retries with the same key until a 2xx or the deadline,
   * moving on to the next target when one gives no answer (as a load balancer would).
   */
  async function send(cookie: string, key: string, targets: string[] = [base]): Promise<string | undefined> {
    const until = Date.now() + deadlineMs;
    let target = 0;
    for (let attempt = 0; Date.now() < until; attempt++) {
      const started = performance.now();
      result.requests++;
      let res: Response;
      const to = targets[target % targets.length];
      try {
        res = await fetch(`${to}/api/berichten`, {
          method: 'POST',
          headers: { cookie, origin: to, 'content-type': 'application/json', 'idempotency-key': key },
          body: JSON.stringify({ tekst: postText(key) }),
          signal: AbortSignal.timeout(30_000),
        });
      } catch {
        result.networkErrors++;
        target++;
        await sleep(Math.min(500, 50 * 2 ** Math.min(attempt, 4)));
        continue;
      }
      result.latencies.push(performance.now() - started);
      result.statuses.set(res.status, (result.statuses.get(res.status) ?? 0) + 1);
      onAnswer?.(++answered);
      if (res.ok) {
        const id = ((await res.json()) as { bericht: { id: string } }).bericht.id;
        if (!result.idsByKey.has(key)) result.idsByKey.set(key, new Set());
        result.idsByKey.get(key)!.add(id);
        return id;
      }
      await res.body?.cancel();
      // 409 in_behandeling: another server's attempt with this key is under way (or it died): ask again shortly.
      if (res.status < 500 && res.status !== 429 && res.status !== 409) return undefined;
      await sleep(Math.min(1000, 50 * 2 ** Math.min(attempt, 5)));
    }
    return undefined;
  }

  return { result, send };
}

/** Runs the load: `posts` posts over `clients` posters, a tenth of each poster's posts resent. */
export async function runLoad(options: LoadOptions, poster = createPoster(options.base, options.deadlineMs ?? 120_000, options.onAnswer)): Promise<LoadResult> {
  const { result, send } = poster;
  const bases = options.bases ?? [options.base];
  await Promise.all(
    Array.from({ length: options.clients }, async (_, c) => {
      // Home first, then the others in turn: a resend goes to the next server.
      const home = bases.map((_, i) => bases[(c + i) % bases.length]);
      const other = [...home.slice(1), home[0]];
      const cookie = await loginDemo(home[0], options.people[c % options.people.length]);
      result.cookies[c] = cookie;
      const mine = Math.floor(options.posts / options.clients) + (c < options.posts % options.clients ? 1 : 0);
      for (let i = 0; i < mine; i++) {
        const key = `${options.tag}-${c}-${i}`;
        result.keys.push(key);
        // Every tenth post is sent twice: on odd turns at the same moment, on even turns after the answer.
        const resend = (i + c) % 10 === 9;
        const twice = resend && ((i / 10) | 0) % 2 === c % 2;
        if (twice) await Promise.all([send(cookie, key, home), send(cookie, key, other)]);
        else await send(cookie, key, home);
        if (resend && !twice) await send(cookie, key, other);
      }
    }),
  );
  return result;
}
