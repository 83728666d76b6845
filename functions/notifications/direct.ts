// A single notification written by the route where the event happens (a place from the waiting list, an invitation,
// a decision on a proposed group): one row per colleague, not a fan-out, so it needs no job. Each colleague's own
// channel choices apply, and a failure to write it never undoes what happened (the colleague can still see it).
import type { Notifications, NewNotification } from '../state/notifications.ts';
import type { NotificationKind } from './kinds.ts';

/** What the route knows of the event. */
export type DirectNotification = Omit<NewNotification, 'inApp' | 'email' | 'push' | 'kind'> & { kind: NotificationKind };

/** Writes the notifications each colleague wants (in any channel); a failure throws (for a caller that tries again). */
export async function writeDirect(notifications: Notifications, items: DirectNotification[], now: number): Promise<number> {
  if (!items.length) return 0;
  const settings = await notifications.settingsOf(items.map((i) => i.person));
  const rows = items.flatMap((i) => {
    const wants = settings.get(i.person)!.soorten[i.kind];
    return wants.plein || wants.email || wants.push ? [{ ...i, inApp: wants.plein, email: wants.email, push: wants.push }] : [];
  });
  await notifications.notify(rows, now);
  return rows.length;
}

/** Writes the notifications (without a state store: nothing); never throws. */
export async function notifyDirect(notifications: Notifications | undefined, items: DirectNotification[], now: number): Promise<void> {
  if (!notifications || !items.length) return;
  try {
    await writeDirect(notifications, items, now);
  } catch (err) {
    // No names or texts in the log: only that it failed.
    console.warn(`Plein: een melding kon niet worden opgeslagen (${(err as Error).name}).`);
  }
}
