// Must-read reminders (issue 17) on Cloudflare Pages: after a request, in its waitUntil, once per lease
// "verplicht-lezen" over all isolates (pages-lease.ts). The reminders themselves are the Node server's
// (functions/must-read/reminders.ts): each goes once per colleague whatever runs it, so a second isolate or a rerun
// tells nobody twice. On Pages they appear in Plein (there is no mail or push there, docs/deploy.md).
import type { NewsCatalog } from '../../must-read/catalog.ts';
import { remindMustRead } from '../../must-read/reminders.ts';
import type { StateStore } from '../../state/store.ts';
import { runOncePerLease } from './pages-lease.ts';

/** At most this often over all isolates (the Node server checks every five minutes). */
export const PAGES_REMINDERS_LEASE_MS = 10 * 60_000;

/** Sends the must-read reminders that are due, unless an isolate did within the lease; gives how many were written, or undefined when it did not run. Never throws. */
export function runPagesMustReadReminders(state: StateStore, news: NewsCatalog, now = Date.now()): Promise<number | undefined> {
  return runOncePerLease(state, 'verplicht-lezen', PAGES_REMINDERS_LEASE_MS, 'herinneringen aan verplicht te lezen nieuws mislukt', () =>
    remindMustRead({ news, confirmations: state.readConfirmations, notifications: state.notifications, now }),
  );
}
