// Sends the device queue: only the logged-in person's own items, each with its Idempotency-Key, one sender at a time
// (a page and the service worker's Background Sync may both try). Runs in pages and in the service worker.
import { MAX_QUEUE_AGE_MS, listQueued, putQueued, removeQueued, toRequestBody, type QueuedItem } from './device-queue.ts';

/** What one run did: how far it got and what was sent (with the server's answer, to show it at once). */
export interface FlushResult {
  sent: { item: QueuedItem; answer: Record<string, unknown> }[];
  refused: number;
  /** No connection (or the server is restarting): try again later. */
  offline: boolean;
  /** Nobody is logged in (401): the items wait until their writer logs in again. */
  loggedOut: boolean;
  corrupt: number;
}

/** Statuses that mean "this item will never be accepted as it is": shown with the server's message, not retried. */
const REFUSED = new Set([400, 403, 404, 409, 410, 413, 415, 422]);

/** The logged-in person's id, null when logged out (401), undefined without a connection. */
async function whoIsLoggedIn(): Promise<string | null | undefined> {
  try {
    const res = await fetch('/api/auth/me', { credentials: 'same-origin', headers: { accept: 'application/json' } });
    if (res.status === 401) return null;
    if (!res.ok) return undefined;
    const body = (await res.json()) as { personId?: string; identity?: { personId?: string } };
    return body.identity?.personId ?? body.personId ?? null;
  } catch {
    return undefined;
  }
}

async function run(force: ReadonlySet<string>): Promise<FlushResult> {
  const result: FlushResult = { sent: [], refused: 0, offline: false, loggedOut: false, corrupt: 0 };
  const { items, corrupt } = await listQueued();
  result.corrupt = corrupt;
  const due = items.filter((i) => i.state === 'waiting' && (Date.now() - i.created < MAX_QUEUE_AGE_MS || force.has(i.key)));
  if (!due.length) return result;
  const person = await whoIsLoggedIn();
  if (person === undefined) return { ...result, offline: true };
  if (person === null) return { ...result, loggedOut: true };
  for (const item of due) {
    // Never under another login: someone else's items stay until they log in on this device again.
    if (item.person !== person) continue;
    const { body, headers } = toRequestBody(item);
    let res: Response;
    try {
      res = await fetch(item.url, { method: 'POST', credentials: 'same-origin', headers: { ...headers, 'idempotency-key': item.key }, body });
    } catch {
      return { ...result, offline: true };
    }
    const answer = (await res.json().catch(() => ({}))) as Record<string, unknown> & { error?: { message?: string } };
    if (res.ok) {
      await removeQueued(item.key);
      result.sent.push({ item, answer });
    } else if (res.status === 401) {
      return { ...result, loggedOut: true };
    } else if (REFUSED.has(res.status)) {
      await putQueued({ ...item, state: 'refused', message: answer.error?.message });
      result.refused++;
    } else {
      // 429 or a server error: keep it and try again later, in order.
      return { ...result, offline: true };
    }
  }
  return result;
}

/**
 * Sends what is due. `force` names items the writer asked to send now although they are older than 7 days ("Nu
 * versturen" in the queue view). They go with their original Idempotency-Key, like every item: by then the server
 * may have forgotten it, so if an earlier attempt did arrive this makes a second copy, which is why such items wait
 * for their writer instead of going by themselves. (A fresh key would be no safer: it can never match.) A Web Lock
 * keeps a page and the worker from sending at once.
 */
export async function flushQueue(force: ReadonlySet<string> = new Set()): Promise<FlushResult> {
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  if (locks) return locks.request('plein-device-queue', () => run(force));
  return run(force);
}
