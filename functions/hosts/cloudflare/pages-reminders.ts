// Must-read reminders (issue 17) on Cloudflare Pages, where no job outlives a request: after a request, in its
// waitUntil, by whichever isolate takes the lease "verplicht-lezen" first — so at most once per lease over all
// isolates. The reminders themselves are the Node server's (functions/must-read/reminders.ts): each goes once per
// colleague whatever runs it, so a second isolate or a rerun tells nobody twice. On Pages they appear in Plein (there is
// no mail or push there, docs/deploy.md). The lease is not released after a run: it is the mark that it ran recently.
import type { NewsCatalog } from '../../must-read/catalog.ts';
import { remindMustRead } from '../../must-read/reminders.ts';
import type { StateStore } from '../../state/store.ts';

/** At most this often over all isolates (the Node server checks every five minutes). */
export const PAGES_REMINDERS_LEASE_MS = 10 * 60_000;

/** Sends the must-read reminders that are due, unless an isolate did within the lease; gives how many were written, or undefined when it did not run. Never throws. */
export async function runPagesMustReadReminders(state: StateStore, news: NewsCatalog, now = Date.now()): Promise<number | undefined> {
  const lock = state.flushLock('verplicht-lezen', `pages-${crypto.randomUUID()}`, PAGES_REMINDERS_LEASE_MS);
  let taken = false;
  try {
    if (!(taken = await lock.acquire())) return undefined;
    return await remindMustRead({ news, confirmations: state.readConfirmations, notifications: state.notifications, now });
  } catch (err) {
    console.error(`Plein-API: herinneringen aan verplicht te lezen nieuws mislukt: ${String((err as Error)?.message ?? err).split('\n')[0]}`);
    // Failed: a later request tries again (each isolate at most every few minutes, see the handler).
    if (taken) await lock.release().catch(() => {});
    return undefined;
  }
}
