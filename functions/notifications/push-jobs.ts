// The push job (issue 14), portable apart from how a message is sent (`send`, web-push on Node): notifications that a
// colleague chose push for go to each of their subscribed browsers, one push per notification, never during their
// quiet hours (they wait; after STALE_MS they are not pushed any more, they are still in Plein). The push service's
// answer decides: 2xx sent; 404/410 the subscription is gone (dropped); anything else (network, 429, 5xx) counts a
// failure on the subscription and the notification is tried again after a back-off, until it is stale. A message
// about a private group carries its name and a link only. Nothing here logs an endpoint or a message.
import type { PeopleLookup } from '../content/people.ts';
import type { Notifications } from '../state/notifications.ts';
import type { PendingPush, PushSubscriptions, StoredPushSubscription } from '../state/push-subscriptions.ts';
import type { NotificationKind } from './kinds.ts';
import { backoffMs, inQuietHours, notificationLines } from './mail-jobs.ts';

/** A notification older than this is not pushed any more (a push is about now; it is still in Plein). */
export const PUSH_STALE_MS = 12 * 60 * 60 * 1000;
/** Failed sends in a row (over at least this many attempts) after which a subscription is dropped. */
export const MAX_PUSH_FAILURES = 20;
const BODY_MAX = 180;

/** What the browser's service worker shows (src/lib/service-worker.ts reads it). */
export interface PushPayload {
  title: string;
  body: string;
  url: string;
  tag: string;
}

/** Sends one encrypted message; resolves with the push service's status or rejects with { statusCode } or a network error. */
export type PushSend = (subscription: StoredPushSubscription, payload: string, options: { ttlSeconds: number; urgency: 'normal' | 'high' }) => Promise<{ statusCode: number }>;

export interface PushDeps {
  pushSubscriptions: PushSubscriptions;
  notifications: Notifications;
  people: PeopleLookup;
  send: PushSend;
  now?: () => number;
}

const truncate = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

/** The message for one notification. */
export function pushPayload(n: PendingPush, people: PeopleLookup): PushPayload {
  const [line] = notificationLines([n], people);
  const body = line.excerpt ? `${line.text}: “${line.excerpt}”` : line.text;
  return { title: 'Plein', body: truncate(body, BODY_MAX), url: line.path, tag: n.group_key.slice(0, 100) };
}

/** The outcome of one send: sent, gone (drop the subscription) or failed for now. */
type Outcome = 'sent' | 'gone' | 'failed';

/** The push sender; `runOnce` handles what is pending now and gives counts. */
export function createPushSender(deps: PushDeps) {
  const now = deps.now ?? Date.now;
  /** Per colleague: after failures, not before this time (this server's memory; another server simply tries sooner). */
  const retryAt = new Map<string, { at: number; attempts: number }>();

  async function sendTo(sub: StoredPushSubscription, payload: string, high: boolean): Promise<Outcome> {
    try {
      const { statusCode } = await deps.send(sub, payload, { ttlSeconds: 12 * 60 * 60, urgency: high ? 'high' : 'normal' });
      if (statusCode >= 200 && statusCode < 300) return 'sent';
    } catch (err) {
      const status = (err as { statusCode?: number }).statusCode;
      if (status === 404 || status === 410) return 'gone';
    }
    return 'failed';
  }

  return {
    /** Handles what is pending now, page by page (notifications that wait — quiet hours — do not block the rest). */
    async runOnce(options: { pageSize?: number; maxPages?: number } = {}): Promise<{ sent: number; dropped: number; failed: number; skipped: number; waiting: number }> {
      const counts = { sent: 0, dropped: 0, failed: 0, skipped: 0, waiting: 0 };
      let after: string | undefined;
      for (let page = 0; page < (options.maxPages ?? 20); page++) {
        const pending = await deps.pushSubscriptions.pending(options.pageSize ?? 500, after);
        if (!pending.length) break;
        after = pending[pending.length - 1].id;
        await handle(pending, counts);
      }
      return counts;
    },
  };

  async function handle(pending: PendingPush[], counts: { sent: number; dropped: number; failed: number; skipped: number; waiting: number }): Promise<void> {
    const at = now();
    const byPerson = new Map<string, PendingPush[]>();
    for (const n of pending) byPerson.set(n.person, [...(byPerson.get(n.person) ?? []), n]);
    const people = [...byPerson.keys()];
    const [settings, subscriptions] = await Promise.all([deps.notifications.settingsOf(people), deps.pushSubscriptions.ofPeople(people)]);
    const handled: string[] = [];
    for (const [person, items] of byPerson) {
      const mine = settings.get(person)!;
      const subs = subscriptions.get(person) ?? [];
      // Not (any more) wanted: no browser subscribed, push turned off for the kind since, read already, or too old.
      const wanted = items.filter((i) => mine.soorten[i.kind as NotificationKind]?.push !== false && i.read_at === null && at - i.created_at < PUSH_STALE_MS);
      if (!subs.length || !wanted.length) {
        handled.push(...items.map((i) => i.id));
        counts.skipped += items.length;
        continue;
      }
      const unwanted = items.filter((i) => !wanted.includes(i));
      handled.push(...unwanted.map((i) => i.id));
      counts.skipped += unwanted.length;
      const retry = retryAt.get(person);
      if (inQuietHours(at, mine.stil) || (retry && at < retry.at)) {
        counts.waiting += wanted.length;
        continue;
      }
      let live = subs;
      let anyFailed = false;
      for (const n of wanted) {
        const payload = JSON.stringify(pushPayload(n, deps.people));
        const outcomes = await Promise.all(live.map((s) => sendTo(s, payload, n.kind === 'vermelding')));
        for (const [i, outcome] of outcomes.entries()) {
          const sub = live[i];
          if (outcome === 'sent') await deps.pushSubscriptions.succeeded(sub.endpoint, at);
          else if (outcome === 'gone') await deps.pushSubscriptions.drop(sub.endpoint);
          else await deps.pushSubscriptions.failed(sub.endpoint, MAX_PUSH_FAILURES);
        }
        counts.dropped += outcomes.filter((o) => o === 'gone').length;
        live = live.filter((_, i) => outcomes[i] !== 'gone');
        if (outcomes.includes('sent')) {
          counts.sent++;
          handled.push(n.id);
        } else if (!live.length) {
          // Every browser of this colleague is gone: nothing to send to.
          handled.push(n.id);
        } else {
          // Delivered nowhere yet: tried again after a back-off, until it is stale.
          anyFailed = true;
          counts.failed++;
        }
      }
      if (anyFailed) {
        const attempts = (retry?.attempts ?? 0) + 1;
        retryAt.set(person, { at: at + backoffMs(attempts), attempts });
      } else retryAt.delete(person);
    }
    await deps.pushSubscriptions.markPushed(handled, at);
  }
}
