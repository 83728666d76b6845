// Web-push subscriptions and the notifications that wait for their push, in the state store (issue 14). A
// subscription is keyed by its endpoint: the same browser subscribing again (or for another colleague, after a logout
// and login on a shared phone) replaces the row, so a browser never gets someone else's pushes. Nothing here logs.
import type { NotificationsTable } from './schema.ts';
import { chunk } from './outbox.ts';
import type { StateContext } from './types.ts';

/** A browser's subscription, as PushSubscription.toJSON() gives it. */
export interface PushSubscriptionKeys {
  endpoint: string;
  keys: { p256dh: string; auth: string };
}

/** A stored subscription. */
export interface StoredPushSubscription extends PushSubscriptionKeys {
  person: string;
  createdAt: number;
  failures: number;
}

/** A notification that waits for its push. */
export type PendingPush = Pick<NotificationsTable, 'id' | 'person' | 'kind' | 'actor' | 'target_type' | 'target_id' | 'title' | 'text' | 'url' | 'group_key' | 'created_at' | 'read_at'>;

/** At most this many subscriptions per colleague (phones, laptops); the oldest goes when a new one comes. */
export const MAX_SUBSCRIPTIONS = 10;
const idsPerQuery = (ctx: StateContext) => (ctx.engine === 'd1' ? 90 : 500);

/** The push repository over a state context. */
export function createPushSubscriptions(ctx: StateContext) {
  const { db } = ctx;
  const read = (r: { endpoint: string; person: string; p256dh: string; auth: string; created_at: number | string; failures: number | string }): StoredPushSubscription => ({
    endpoint: r.endpoint, person: r.person, keys: { p256dh: r.p256dh, auth: r.auth }, createdAt: Number(r.created_at), failures: Number(r.failures),
  });

  return {
    /** Stores (or replaces) a browser's subscription for `person`; keeps at most MAX_SUBSCRIPTIONS per colleague. */
    async save(person: string, sub: PushSubscriptionKeys, now = Date.now()): Promise<void> {
      const row = { endpoint: sub.endpoint, person, p256dh: sub.keys.p256dh, auth: sub.keys.auth, created_at: now, failures: 0, last_success_at: null };
      await db.insertInto('push_subscriptions').values(row)
        .onConflict((oc) => oc.column('endpoint').doUpdateSet({ person, p256dh: row.p256dh, auth: row.auth, created_at: now, failures: 0 })).execute();
      const mine = await db.selectFrom('push_subscriptions').select('endpoint').where('person', '=', person).orderBy('created_at', 'desc').orderBy('endpoint').execute();
      const extra = mine.slice(MAX_SUBSCRIPTIONS).map((r) => r.endpoint);
      if (extra.length) await db.deleteFrom('push_subscriptions').where('endpoint', 'in', extra).execute();
    },

    /** Removes `person`'s subscription with this endpoint (someone else's is left alone); gives whether there was one. */
    async remove(person: string, endpoint: string): Promise<boolean> {
      const r = await db.deleteFrom('push_subscriptions').where('endpoint', '=', endpoint).where('person', '=', person).executeTakeFirst();
      return Number(r.numDeletedRows ?? 0) > 0;
    },

    /** Drops a subscription the push service no longer knows (404/410). */
    async drop(endpoint: string): Promise<void> {
      await db.deleteFrom('push_subscriptions').where('endpoint', '=', endpoint).execute();
    },

    /** A colleague's subscriptions, newest first. */
    async of(person: string): Promise<StoredPushSubscription[]> {
      return (await db.selectFrom('push_subscriptions').selectAll().where('person', '=', person).orderBy('created_at', 'desc').orderBy('endpoint').execute()).map(read);
    },

    /** The subscriptions of many colleagues at once (the sender's question). */
    async ofPeople(people: string[]): Promise<Map<string, StoredPushSubscription[]>> {
      const out = new Map<string, StoredPushSubscription[]>();
      for (const part of chunk([...new Set(people)], idsPerQuery(ctx))) {
        for (const r of await db.selectFrom('push_subscriptions').selectAll().where('person', 'in', part).execute()) {
          out.set(r.person, [...(out.get(r.person) ?? []), read(r)]);
        }
      }
      return out;
    },

    /** A send that failed for a passing reason (network, 5xx, 429): counted; `maxFailures` in a row drops it. */
    async failed(endpoint: string, maxFailures: number): Promise<void> {
      await db.updateTable('push_subscriptions').set((eb) => ({ failures: eb('failures', '+', 1) })).where('endpoint', '=', endpoint).execute();
      await db.deleteFrom('push_subscriptions').where('endpoint', '=', endpoint).where('failures', '>=', maxFailures).execute();
    },

    async succeeded(endpoint: string, now = Date.now()): Promise<void> {
      await db.updateTable('push_subscriptions').set({ failures: 0, last_success_at: now }).where('endpoint', '=', endpoint).execute();
    },

    /** Notifications that want a push and have had none, oldest first (after the notification `after`, if given). */
    async pending(limit = 500, after?: string): Promise<PendingPush[]> {
      let q = db.selectFrom('notifications')
        .select(['id', 'person', 'kind', 'actor', 'target_type', 'target_id', 'title', 'text', 'url', 'group_key', 'created_at', 'read_at'])
        .where('push', '=', 1).where('pushed_at', 'is', null);
      if (after) q = q.where('id', '>', after);
      const rows = await q.orderBy('id').limit(limit).execute();
      return rows.map((r) => ({ ...r, created_at: Number(r.created_at), read_at: r.read_at === null ? null : Number(r.read_at) }));
    },

    /** Marks notifications handled by the push sender (sent, or given up: no subscription, too old, turned off). */
    async markPushed(ids: string[], now = Date.now()): Promise<void> {
      await ctx.batch(chunk(ids, idsPerQuery(ctx)).map((part) => db.updateTable('notifications').set({ pushed_at: now }).where('id', 'in', part).where('pushed_at', 'is', null)));
    },
  };
}

/** The push repository's functions. */
export type PushSubscriptions = ReturnType<typeof createPushSubscriptions>;
