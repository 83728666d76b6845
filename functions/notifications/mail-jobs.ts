// The e-mail jobs (issue 14), portable (no Node APIs): the planner turns notifications that want a mail into queued
// mails — at most one per colleague per 15 minutes (everything waiting goes into one), never during their quiet
// hours, never to a colleague without an address — and the sender hands due mails to SMTP, marks them sent, or counts
// the failure and tries again later (30 s, 1 min, 2 min … at most 1 h), never dropping one, always with the mail's one
// Message-ID. Nothing here logs an address or a mail's content.
import type { PeopleLookup } from '../content/people.ts';
import { createUlid } from '../lib/ulid.ts';
import type { MailQueue, PendingNotification } from '../state/mail-queue.ts';
import type { Notifications, StoredNotification } from '../state/notifications.ts';
import type { NotificationKind, NotificationSettings } from './kinds.ts';
import { absolute, mailHeaders, newMessageId, renderMail, type MailLine } from './mail-render.ts';
import { signUnsubscribe, unsubscribeUrl } from './mail-token.ts';
import { groupNotifications } from './routes.ts';

/** At most one immediate mail per colleague in this time. */
export const BATCH_MS = 15 * 60 * 1000;
/** A notification still waiting for its mail after this long (mail was off, say) is not mailed any more. */
export const STALE_MS = 2 * 24 * 60 * 60 * 1000;
const MAX_BACKOFF_MS = 60 * 60 * 1000;
const TIME_ZONE = 'Europe/Amsterdam';

const clock = new Intl.DateTimeFormat('en-GB', { timeZone: TIME_ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** The time of day in Amsterdam, "HH:MM". */
export function amsterdamTime(at: number): string {
  return clock.format(new Date(at));
}

/** Whether `at` falls in the quiet hours (van–tot, Europe/Amsterdam; over midnight when van > tot). */
export function inQuietHours(at: number, stil: NotificationSettings['stil']): boolean {
  if (!stil || stil.van === stil.tot) return false;
  const t = amsterdamTime(at);
  return stil.van < stil.tot ? t >= stil.van && t < stil.tot : t >= stil.van || t < stil.tot;
}

/** The wait before the next attempt after `attempts` failures: 30 s, 1 min, 2 min, … at most an hour. */
export function backoffMs(attempts: number): number {
  return Math.min(MAX_BACKOFF_MS, 30_000 * 2 ** Math.max(0, attempts - 1));
}

export interface MailDeps {
  mailQueue: MailQueue;
  notifications: Notifications;
  people: PeopleLookup;
  siteUrl: string;
  /** The unsubscribe links' signing key (mailKey). */
  key: Uint8Array;
  now?: () => number;
}

const isPrivate = (url: string) => url.startsWith('/groepen/prive/');

/** One line about a group of notifications: its sentence, where it links to (site-relative) and an excerpt. */
export interface NotificationLine {
  text: string;
  path: string;
  excerpt: string | null;
}

/**
 * The lines for notifications waiting for a mail or a push: the sentences of Plein's list; of a private group only
 * its name and the link (nothing of its posts leaves it).
 */
export function notificationLines(items: PendingNotification[], people: PeopleLookup): NotificationLine[] {
  const name = (id: string | null) => (id ? (people.byId(id)?.name ?? 'Een collega') : 'Plein');
  const stored: StoredNotification[] = items.map((i) => ({
    id: i.id, kind: i.kind, actor: i.actor, target: { type: i.target_type, id: i.target_id }, title: i.title, text: i.text, url: i.url, groupKey: i.group_key,
    inApp: true, email: true, push: false, at: i.created_at, readAt: null,
  }));
  return groupNotifications([...stored].reverse(), name).map((v) => {
    const first = stored.find((s) => s.id === v.id)!;
    if (isPrivate(v.url)) {
      const group = first.title ?? 'een besloten groep';
      if (v.soort === 'nieuw-in-groep') return { text: v.aantal > 1 ? `${v.aantal} nieuwe berichten in ${group}` : `Nieuw bericht in ${group}`, path: v.url, excerpt: null };
      return { text: v.soort === 'uitnodiging' ? v.tekst : `Nieuw in ${group}`, path: v.url, excerpt: null };
    }
    return { text: v.tekst, path: v.url, excerpt: v.aantal === 1 && v.soort !== 'verborgen' ? first.text : null };
  });
}

/** The lines of an immediate mail, with absolute links. */
function linesOf(items: PendingNotification[], deps: MailDeps): MailLine[] {
  return notificationLines(items, deps.people).map((l) => ({ text: l.text, url: absolute(deps.siteUrl, l.path), excerpt: l.excerpt }));
}

/** One immediate mail for `items` (one colleague's waiting notifications). */
export async function buildDirectMail(person: string, items: PendingNotification[], deps: MailDeps, now: number) {
  const lines = linesOf(items, deps);
  const kinds = [...new Set(items.map((i) => i.kind))] as NotificationKind[];
  const link = unsubscribeUrl(deps.siteUrl, await signUnsubscribe(deps.key, { person, what: { email: kinds } }, now));
  const subject = lines.length === 1 ? truncate(lines[0].text, 120) : `${lines.length} nieuwe meldingen op Plein`;
  const { html, text } = renderMail({
    subject, heading: lines.length === 1 ? 'Nieuw op Plein' : `${lines.length} nieuwe meldingen op Plein`, sections: [{ lines }], siteUrl: deps.siteUrl,
    reason: 'Je krijgt deze e-mail omdat je e-mail aan hebt staan voor deze meldingen.', unsubscribeUrl: link,
  });
  return { id: createUlid(now), person, kind: 'direct' as const, messageId: newMessageId(deps.siteUrl, now), subject, html, text, headers: mailHeaders(link) };
}

const truncate = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

/** The planner: queues the immediate mails that are due; gives how many were queued and how many colleagues wait. */
export async function planMails(deps: MailDeps): Promise<{ queued: number; handledWithoutMail: number; waiting: number }> {
  const now = (deps.now ?? Date.now)();
  const pending = await deps.mailQueue.pendingNotifications();
  const byPerson = new Map<string, PendingNotification[]>();
  for (const n of pending) byPerson.set(n.person, [...(byPerson.get(n.person) ?? []), n]);
  const people = [...byPerson.keys()];
  if (!people.length) return { queued: 0, handledWithoutMail: 0, waiting: 0 };
  const [settings, last] = await Promise.all([deps.notifications.settingsOf(people), deps.mailQueue.lastDirect(people, now - BATCH_MS)]);
  let queued = 0;
  let handledWithoutMail = 0;
  let waiting = 0;
  for (const [person, items] of byPerson) {
    const mine = settings.get(person)!;
    const address = deps.people.byId(person)?.email?.trim();
    // Still wanted: the colleague may have turned e-mail off for the kind since, and old ones are not sent late.
    const wanted = items.filter((i) => mine.soorten[i.kind as NotificationKind]?.email !== false && now - i.created_at < STALE_MS);
    if (!address || !wanted.length) {
      await deps.mailQueue.queueDirect(undefined, items.map((i) => i.id), now);
      handledWithoutMail += items.length;
      continue;
    }
    const lastAt = last.get(person);
    if (inQuietHours(now, mine.stil) || (lastAt !== undefined && now - lastAt < BATCH_MS)) {
      waiting++;
      continue;
    }
    const mail = await buildDirectMail(person, wanted, deps, now);
    await deps.mailQueue.queueDirect(mail, items.map((i) => i.id), now);
    queued++;
  }
  return { queued, handledWithoutMail, waiting };
}

/** What the sender needs of nodemailer's transport. */
export interface MailTransport {
  sendMail(message: { from: string; to: string; subject: string; html: string; text: string; headers: Record<string, string>; messageId: string }): Promise<unknown>;
}

/** The code of a failure, without anything personal: an SMTP reply code or the error's code. */
export function errorCode(err: unknown): string {
  const e = err as { responseCode?: number; code?: string };
  if (typeof e?.responseCode === 'number') return String(e.responseCode);
  if (typeof e?.code === 'string' && /^[A-Z0-9_]{1,30}$/.test(e.code)) return e.code;
  return 'fout';
}

/** The sender: hands due mails to the transport, `concurrency` at a time, at most `max` per run. */
export function createMailSender(deps: { mailQueue: MailQueue; people: PeopleLookup; transport: MailTransport; from: string; now?: () => number; concurrency?: number }) {
  const now = deps.now ?? Date.now;
  const concurrency = deps.concurrency ?? 20;
  return {
    async runOnce(max = 500): Promise<{ sent: number; failed: number }> {
      let sent = 0;
      let failed = 0;
      while (sent + failed < max) {
        const due = await deps.mailQueue.due(now(), Math.min(concurrency * 5, max - sent - failed));
        if (!due.length) break;
        let batchSent = 0;
        for (let i = 0; i < due.length; i += concurrency) {
          await Promise.all(
            due.slice(i, i + concurrency).map(async (mail) => {
              const to = deps.people.byId(mail.person)?.email?.trim();
              if (!to) {
                // The colleague left the directory or has no address any more: handled, nothing sent.
                await deps.mailQueue.markSent(mail.id, now(), 'geen-adres');
                return;
              }
              try {
                await deps.transport.sendMail({ from: deps.from, to, subject: mail.subject, html: mail.html, text: mail.text, headers: mail.headers, messageId: mail.messageId });
              } catch (err) {
                failed++;
                await deps.mailQueue.markFailed(mail.id, now() + backoffMs(mail.attempts + 1), errorCode(err));
                return;
              }
              sent++;
              batchSent++;
              await deps.mailQueue.markSent(mail.id, now());
            }),
          );
        }
        // Nothing went out (SMTP down): the failed ones wait for their next attempt.
        if (!batchSent) break;
      }
      return { sent, failed };
    },
  };
}
