// The e-mail queue in the state store (issue 14). A mail is a row before it is sent: the sender takes what is due,
// marks it sent, or counts the failure and sets the next attempt (back-off); nothing is dropped, and its Message-ID is
// made once so a retry is the same message. Immediate mails are queued together with marking their notifications
// mailed (one atomic unit: a notification is in exactly one mail); a digest's id names colleague and period, so it is
// queued once. No address is stored: the sender looks it up when it sends.
import type { NotificationsTable } from './schema.ts';
import { MEMBER } from './memberships.ts';
import { chunk } from './outbox.ts';
import type { StateContext } from './types.ts';

/** A mail to queue. */
export interface NewMail {
  id: string;
  person: string;
  kind: 'direct' | 'overzicht';
  messageId: string;
  subject: string;
  html: string;
  text: string;
  headers: Record<string, string>;
}

/** A queued mail. */
export interface QueuedMail extends NewMail {
  createdAt: number;
  attempts: number;
  nextAttemptAt: number;
  sentAt: number | null;
  lastError: string | null;
}

/** A notification that waits for its mail. */
export type PendingNotification = Pick<NotificationsTable, 'id' | 'person' | 'kind' | 'actor' | 'target_type' | 'target_id' | 'title' | 'text' | 'url' | 'group_key' | 'created_at' | 'read_at'>;

const idsPerQuery = (ctx: StateContext) => (ctx.engine === 'd1' ? 90 : 500);
const rowsPerInsert = (ctx: StateContext) => (ctx.engine === 'd1' ? 5 : 100);

/** The mail-queue repository over a state context. */
export function createMailQueue(ctx: StateContext) {
  const { db } = ctx;
  const row = (m: NewMail, now: number) => ({
    id: m.id, person: m.person, kind: m.kind, message_id: m.messageId, subject: m.subject, html: m.html, text: m.text, headers: JSON.stringify(m.headers),
    created_at: now, attempts: 0, next_attempt_at: now, sent_at: null, last_error: null,
  });
  const insert = (rows: ReturnType<typeof row>[]) => db.insertInto('mail_queue').values(rows).onConflict((oc) => oc.column('id').doNothing());
  const read = (r: Record<string, unknown>): QueuedMail => ({
    id: String(r.id), person: String(r.person), kind: r.kind as QueuedMail['kind'], messageId: String(r.message_id), subject: String(r.subject), html: String(r.html),
    text: String(r.text), headers: JSON.parse(String(r.headers)) as Record<string, string>, createdAt: Number(r.created_at), attempts: Number(r.attempts),
    nextAttemptAt: Number(r.next_attempt_at), sentAt: r.sent_at === null ? null : Number(r.sent_at), lastError: (r.last_error as string | null) ?? null,
  });

  return {
    /** Notifications that want a mail and have none yet, oldest first (grouped by colleague by the caller). */
    async pendingNotifications(limit = 2000): Promise<PendingNotification[]> {
      const rows = await db.selectFrom('notifications')
        .select(['id', 'person', 'kind', 'actor', 'target_type', 'target_id', 'title', 'text', 'url', 'group_key', 'created_at', 'read_at'])
        .where('email', '=', 1).where('mailed_at', 'is', null).orderBy('created_at').orderBy('id').limit(limit).execute();
      return rows.map((r) => ({ ...r, created_at: Number(r.created_at), read_at: r.read_at === null ? null : Number(r.read_at) }));
    },

    /** When each colleague's last immediate mail was queued (absent: none since `since`). */
    async lastDirect(people: string[], since: number): Promise<Map<string, number>> {
      const out = new Map<string, number>();
      for (const part of chunk([...new Set(people)], idsPerQuery(ctx))) {
        const rows = await db.selectFrom('mail_queue').select(['person', (eb) => eb.fn.max('created_at').as('at')])
          .where('kind', '=', 'direct').where('person', 'in', part).where('created_at', '>', since).groupBy('person').execute();
        for (const r of rows) out.set(r.person, Number(r.at));
      }
      return out;
    },

    /** Queues one immediate mail and marks its notifications mailed, as one unit (`mail` undefined: handled, no mail). */
    async queueDirect(mail: NewMail | undefined, notificationIds: string[], now = Date.now()): Promise<void> {
      const queries = chunk(notificationIds, idsPerQuery(ctx)).map((part) =>
        db.updateTable('notifications').set({ mailed_at: now }).where('id', 'in', part).where('mailed_at', 'is', null));
      await ctx.batch(mail ? [insert([row(mail, now)]), ...queries] : queries);
    },

    /** Queues mails whose id makes them once-only (digests); gives the ids that were new. */
    async queueOnce(mails: NewMail[], now = Date.now()): Promise<string[]> {
      const had = new Set<string>();
      for (const part of chunk(mails.map((m) => m.id), idsPerQuery(ctx))) {
        for (const r of await db.selectFrom('mail_queue').select('id').where('id', 'in', part).execute()) had.add(r.id);
      }
      const fresh = mails.filter((m) => !had.has(m.id));
      const parts = chunk(fresh.map((m) => row(m, now)), rowsPerInsert(ctx));
      // Several statements per round trip; a digest that another server queued meanwhile is left as it is.
      for (const group of chunk(parts, 20)) await ctx.batch(group.map((p) => insert(p)));
      return fresh.map((m) => m.id);
    },

    /** Every colleague's groups for the digest: memberships and followed groups, minus groups they stopped following. */
    async groupsOfEveryone(): Promise<Map<string, Set<string>>> {
      const [members, follows] = await Promise.all([
        db.selectFrom('group_members').select(['person', 'group_id']).where('status', '=', MEMBER).execute(),
        db.selectFrom('follows').select(['person', 'target_id', 'state']).where('target_type', '=', 'groep').execute(),
      ]);
      const out = new Map<string, Set<string>>();
      const add = (person: string, group: string) => out.set(person, (out.get(person) ?? new Set()).add(group));
      const stopped = new Set(follows.filter((f) => Number(f.state) === 0).map((f) => `${f.person}\u0000${f.target_id}`));
      for (const m of members) if (!stopped.has(`${m.person}\u0000${m.group_id}`)) add(m.person, m.group_id);
      for (const f of follows) if (Number(f.state) === 1) add(f.person, f.target_id);
      return out;
    },

    /** Which of these ids are queued (sent or not). */
    async has(ids: string[]): Promise<Set<string>> {
      const out = new Set<string>();
      for (const part of chunk(ids, idsPerQuery(ctx))) for (const r of await db.selectFrom('mail_queue').select('id').where('id', 'in', part).execute()) out.add(r.id);
      return out;
    },

    /** Mails due to be sent (not sent, next attempt reached), oldest attempt first. */
    async due(now = Date.now(), limit = 100): Promise<QueuedMail[]> {
      const rows = await db.selectFrom('mail_queue').selectAll().where('sent_at', 'is', null).where('next_attempt_at', '<=', now).orderBy('next_attempt_at').orderBy('id').limit(limit).execute();
      return rows.map(read);
    },

    async get(id: string): Promise<QueuedMail | undefined> {
      const r = await db.selectFrom('mail_queue').selectAll().where('id', '=', id).executeTakeFirst();
      return r ? read(r) : undefined;
    },

    /** A colleague's mails, oldest first (tests, support). */
    async of(person: string): Promise<QueuedMail[]> {
      return (await db.selectFrom('mail_queue').selectAll().where('person', '=', person).orderBy('created_at').orderBy('id').execute()).map(read);
    },

    async markSent(id: string, now = Date.now(), note: string | null = null): Promise<void> {
      await db.updateTable('mail_queue').set({ sent_at: now, last_error: note }).where('id', '=', id).execute();
    },

    /** A failed attempt: counted, with the next one at `nextAttemptAt`; `code` is an SMTP or error code only. */
    async markFailed(id: string, nextAttemptAt: number, code: string): Promise<void> {
      await db.updateTable('mail_queue').set((eb) => ({ attempts: eb('attempts', '+', 1), next_attempt_at: nextAttemptAt, last_error: code.slice(0, 40) })).where('id', '=', id).execute();
    },

    /** Removes mails sent before `before`; gives how many. */
    async prune(before: number): Promise<number> {
      const r = await db.deleteFrom('mail_queue').where('sent_at', 'is not', null).where('sent_at', '<', before).executeTakeFirst();
      return Number(r.numDeletedRows ?? 0);
    },
  };
}

/** The mail-queue repository's functions. */
export type MailQueue = ReturnType<typeof createMailQueue>;
