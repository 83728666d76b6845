// Runs the fan-out in the background on a Node server: every `periodMs`, on whichever server holds the state store's
// lock "meldingen" (one at a time over all servers; another takes over when its holder stops or dies); hourly also
// the overdue review dates of knowledge pages, and every five minutes the reminders of must-read news.
import { randomUUID } from 'node:crypto';
import type { StateStore } from '../state/store.ts';
import { createFanout, type FanoutDeps } from './fanout.ts';
import { startLockedLoop } from './locked-loop.ts';
import { remindOverdueReviews } from './review-reminders.ts';
import type { NewsCatalog } from '../must-read/catalog.ts';
import { remindMustRead } from '../must-read/reminders.ts';

/** Starts the fan-out loop; gives a function that stops it (and releases the lock). */
export function startFanout(
  state: StateStore,
  deps: Omit<FanoutDeps, 'notifications' | 'privateGroups'>,
  options: { periodMs?: number; warn?: (m: string) => void; /** The content folder on disk: overdue review dates are checked hourly. */ contentDir?: string; /** The news catalog: must-read reminders are checked every five minutes. */ news?: NewsCatalog } = {},
): () => Promise<void> {
  const fanout = createFanout({ ...deps, notifications: state.notifications, privateGroups: state.privateGroups });
  const lock = state.flushLock('meldingen', `fanout-${randomUUID()}`);
  const warn = options.warn ?? ((m: string) => console.warn(m));
  let nextReviewCheck = 0;
  let nextMustReadCheck = 0;
  return startLockedLoop(lock, async () => {
    await fanout.runOnce();
    if (options.contentDir && Date.now() >= nextReviewCheck) {
      nextReviewCheck = Date.now() + 60 * 60 * 1000;
      await remindOverdueReviews({ contentDir: options.contentDir, people: deps.people, notifications: state.notifications, now: Date.now() });
    }
    if (options.news && Date.now() >= nextMustReadCheck) {
      nextMustReadCheck = Date.now() + 5 * 60 * 1000;
      await remindMustRead({ news: options.news, confirmations: state.readConfirmations, notifications: state.notifications, now: Date.now() });
    }
  }, {
    periodMs: options.periodMs ?? 1000,
    // The cursor did not move: the same events are handled again next time, and nobody is told twice.
    onFailure: (err) => warn(`Plein: meldingen schrijven mislukt, wordt opnieuw geprobeerd (${err.name}).`),
  });
}
