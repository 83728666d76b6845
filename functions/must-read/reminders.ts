// Reminders for must-read news (issue 17): three days after an item appears, and at its deadline (gelezenVoor), the
// colleagues of its audience who have not pressed "Gelezen" are told through the notification channels (kind
// 'verplicht-lezen': in Plein, and by e-mail or push as each colleague chose). Each reminder goes once per colleague:
// its source names the item and the moment (writing it again changes nothing), and once a reminder was handed out a
// marker (the state store's cursor `gelezen:<id>:<moment>`) keeps later runs from even looking. A reminder whose moment
// passed more than a week ago is not sent late (the first run on a new server does not remind of last year's news).
// Run by the Node server's fan-out loop every few minutes, on whichever server holds its lock.
import { formatDate } from '../../src/lib/dates.ts';
import type { Notifications } from '../state/notifications.ts';
import type { ReadConfirmations } from '../state/read-confirmations.ts';
import { writeDirect, type DirectNotification } from '../notifications/direct.ts';
import type { CatalogNews, NewsCatalog } from './catalog.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
/** The first reminder, this long after the item appears. */
export const FIRST_REMINDER_MS = 3 * DAY_MS;
/** A reminder whose moment is older than this is not sent any more. */
export const TOO_LATE_MS = 7 * DAY_MS;

type Moment = 'na-3-dagen' | 'deadline';

/** The reminder moments of an item: after three days (unless the deadline comes first) and at the deadline. */
function momentsOf(item: CatalogNews): { moment: Moment; at: number }[] {
  const first = item.publishedAt + FIRST_REMINDER_MS;
  return [
    ...(item.deadline === null || item.deadline > first ? [{ moment: 'na-3-dagen' as const, at: first }] : []),
    ...(item.deadline === null ? [] : [{ moment: 'deadline' as const, at: item.deadline }]),
  ];
}

/** What a reminder says. */
function textOf(item: CatalogNews, moment: Moment): string {
  if (moment === 'deadline') return `De deadline voor ‘${item.title}’ is verstreken: lees het en druk op ‘Gelezen’.`;
  const until = item.deadline === null ? '' : ` Graag vóór ${formatDate(new Date(item.deadline), 'nl', true)}.`;
  return `Je hebt ‘${item.title}’ nog niet als gelezen bevestigd. Het is verplicht om te lezen.${until}`;
}

/** Sends the reminders that are due at `now`; gives how many notifications were written. */
export async function remindMustRead(deps: { news: NewsCatalog; confirmations: ReadConfirmations; notifications: Notifications; now: number }): Promise<number> {
  const { news, confirmations, notifications, now } = deps;
  let written = 0;
  for (const item of news.mustRead(now)) {
    for (const { moment, at } of momentsOf(item)) {
      if (at > now) continue;
      const marker = `gelezen:${item.id}:${moment}`;
      if (await notifications.cursor(marker)) continue;
      if (now - at <= TOO_LATE_MS) {
        const confirmed = await confirmations.confirmedOf(item.id);
        const items: DirectNotification[] = [...news.audienceOf(item)].filter((p) => !confirmed.has(p)).map((person) => ({
          person, kind: 'verplicht-lezen', actor: null, target: { type: 'nieuws', id: item.id }, title: item.title, text: textOf(item, moment),
          url: item.url, groupKey: `gelezen:${item.id}`, source: marker,
        }));
        // A failure throws before the marker moves: the next run writes the same rows again (their source keeps them once).
        written += await writeDirect(notifications, items, now);
      }
      await notifications.moveCursor(marker, at, '', now);
    }
  }
  return written;
}
