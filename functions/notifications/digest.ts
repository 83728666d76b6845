// The digest (issue 14): "Vandaag op Plein" (daily) or "Deze week op Plein" (weekly) for every colleague who chose it
// (weekly is the default) and has an e-mail address — the newest news, new posts in their groups, posts in their
// groups nobody answered yet (no comments after a day), and upcoming events; sections without anything are left out,
// and a colleague with nothing at all gets no mail. Due from 07:00 (Europe/Amsterdam) each day, or Monday 07:00 for
// the week; queued once per colleague and period (the queue row's id names both), so running it again — the server's
// hourly check, `npm run digest`, a second server — sends nothing twice. Sending is the mail sender's job.
import type { PeopleLookup } from '../content/people.ts';
import type { MailQueue, NewMail } from '../state/mail-queue.ts';
import type { Notifications } from '../state/notifications.ts';
import type { DigestContent } from './digest-content.ts';
import type { Digest } from './kinds.ts';
import { absolute, mailHeaders, newMessageId, renderMail, type MailLine } from './mail-render.ts';
import { signUnsubscribe, unsubscribeUrl } from './mail-token.ts';

const DAY = 24 * 60 * 60 * 1000;
const parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', weekday: 'short', hourCycle: 'h23' });
const dateFmt = new Intl.DateTimeFormat('nl-NL', { timeZone: 'Europe/Amsterdam', weekday: 'long', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit' });

/** The period a digest belongs to (Europe/Amsterdam): "2026-11-16" for a day, "2026-W47" (ISO week) for a week. */
export function digestPeriod(at: number, frequency: Exclude<Digest, 'geen'>): { period: string; due: boolean } {
  const p = Object.fromEntries(parts.formatToParts(new Date(at)).map((x) => [x.type, x.value]));
  const hour = Number(p.hour);
  if (frequency === 'dagelijks') return { period: `${p.year}-${p.month}-${p.day}`, due: hour >= 7 };
  // ISO week of the Amsterdam date.
  const date = new Date(Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day)));
  const weekday = (date.getUTCDay() + 6) % 7; // Monday 0
  date.setUTCDate(date.getUTCDate() - weekday + 3);
  const isoYear = date.getUTCFullYear();
  // The week's Thursday decides the year; its day of the year the week.
  const week = Math.floor((date.getTime() - Date.UTC(isoYear, 0, 1)) / DAY / 7) + 1;
  return { period: `${isoYear}-W${String(week).padStart(2, '0')}`, due: weekday > 0 || hour >= 7 };
}

export interface DigestDeps {
  mailQueue: MailQueue;
  notifications: Notifications;
  people: PeopleLookup;
  /** What to tell; read once per run (loadDigestContent). */
  content: (since: number) => DigestContent | Promise<DigestContent>;
  siteUrl: string;
  key: Uint8Array;
  now?: () => number;
  /** Queue for these colleagues only (default: everyone in the directory). */
  colleagues?: string[];
  /** Before 07:00 too (`npm run digest -- --now`); still once per period. */
  force?: boolean;
  /** Sends what was queued before returning (the script; the server's sender job sends it otherwise). */
  send?: () => Promise<unknown>;
}

export interface DigestResult {
  queued: number;
  /** Colleagues for whom there was nothing to tell. */
  empty: number;
  /** Already queued this period. */
  already: number;
  periods: string[];
}

const MAX = { news: 5, groups: 8, open: 5, events: 5 };

/** Queues the due digests (and sends them with `send`). */
export async function runDigest(deps: DigestDeps): Promise<DigestResult> {
  const now = (deps.now ?? Date.now)();
  const result: DigestResult = { queued: 0, empty: 0, already: 0, periods: [] };
  const everyone = (deps.colleagues ?? [...deps.people.ids()]).filter((id) => deps.people.byId(id)?.email?.trim());
  const settings = await deps.notifications.settingsOf(everyone);
  const frequencies = (['dagelijks', 'wekelijks'] as const).map((f) => ({ f, ...digestPeriod(now, f) })).filter((x) => x.due || deps.force);
  const wanted = frequencies.map((x) => ({ ...x, people: everyone.filter((id) => settings.get(id)?.overzicht === x.f) })).filter((x) => x.people.length);
  if (!wanted.length) return result;
  const content = await deps.content(now - 14 * DAY);
  const groups = await deps.mailQueue.groupsOfEveryone();
  for (const { f, period, people } of wanted) {
    result.periods.push(`${f}:${period}`);
    const since = now - (f === 'dagelijks' ? DAY : 7 * DAY);
    const news = content.news.filter((n) => n.at <= now && n.at > since).sort((a, b) => b.at - a.at).slice(0, MAX.news);
    const events = content.events.filter((e) => e.start > now && e.start < now + 14 * DAY).sort((a, b) => a.start - b.start).slice(0, MAX.events);
    const posts = [...content.posts].sort((a, b) => b.at - a.at);
    const idOf = (person: string) => `overzicht:${f}:${period}:${person}`;
    for (let i = 0; i < people.length; i += 500) {
      const part = people.slice(i, i + 500);
      const had = await deps.mailQueue.has(part.map(idOf));
      const mails: NewMail[] = [];
      for (const person of part) {
        if (had.has(idOf(person))) {
          result.already++;
          continue;
        }
        const mine = groups.get(person) ?? new Set<string>();
        const inGroups = posts.filter((p) => mine.has(p.group) && p.author !== person);
        const fresh = inGroups.filter((p) => p.at > since).slice(0, MAX.groups);
        const shown = new Set(fresh.map((p) => p.id));
        const open = inGroups.filter((p) => p.comments === 0 && p.at < now - DAY && !shown.has(p.id)).slice(0, MAX.open);
        if (!news.length && !fresh.length && !open.length && !events.length) {
          result.empty++;
          continue;
        }
        mails.push(await digestMail(deps, { person, frequency: f, id: idOf(person), now, news, fresh, open, events, groupNames: content.groupNames }));
      }
      result.queued += (await deps.mailQueue.queueOnce(mails, now)).length;
    }
  }
  if (deps.send) await deps.send();
  return result;
}

type Parts = { person: string; frequency: Exclude<Digest, 'geen'>; id: string; now: number; news: DigestContent['news']; fresh: DigestContent['posts']; open: DigestContent['posts']; events: DigestContent['events']; groupNames: Map<string, string> };

async function digestMail(deps: DigestDeps, p: Parts): Promise<NewMail> {
  const link = unsubscribeUrl(deps.siteUrl, await signUnsubscribe(deps.key, { person: p.person, what: { overzicht: true } }, p.now));
  const url = (path: string) => absolute(deps.siteUrl, path);
  const name = (id: string) => deps.people.byId(id)?.name ?? 'Een collega';
  const group = (id: string) => p.groupNames.get(id) ?? id;
  const post = (x: DigestContent['posts'][number]): MailLine => ({ text: `${name(x.author)} in ${group(x.group)}`, url: url(`/berichten/${x.id}/`), excerpt: x.excerpt });
  const sections = [
    { title: 'Nieuws', lines: p.news.map((n) => ({ text: n.title, url: url(`/nieuws/${n.id}/`), excerpt: n.summary })) },
    { title: 'Nieuw in je groepen', lines: p.fresh.map(post) },
    { title: 'Nog zonder reactie in je groepen', lines: p.open.map(post) },
    { title: 'Binnenkort', lines: p.events.map((e) => ({ text: e.title, url: url(`/agenda/${e.id}/`), excerpt: [dateFmt.format(new Date(e.start)), e.location].filter(Boolean).join(', ') })) },
  ].filter((s) => s.lines.length);
  const heading = p.frequency === 'dagelijks' ? 'Vandaag op Plein' : 'Deze week op Plein';
  const { html, text } = renderMail({
    subject: heading, heading, intro: `Goedemorgen ${name(p.person).split(' ')[0]}, dit is er ${p.frequency === 'dagelijks' ? 'vandaag' : 'deze week'} op Plein.`,
    sections, siteUrl: deps.siteUrl, unsubscribeUrl: link,
    reason: `Je krijgt dit overzicht ${p.frequency === 'dagelijks' ? 'elke ochtend' : 'elke maandagochtend'} omdat het zo in je meldingen staat ingesteld.`,
  });
  return { id: p.id, person: p.person, kind: 'overzicht', messageId: newMessageId(deps.siteUrl, p.now), subject: heading, html, text, headers: mailHeaders(link) };
}
