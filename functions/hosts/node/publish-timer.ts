// "Publish at the minute" (issue 17): news with a publishDate (or an expiryDate) changes the site at that moment, not
// at the next build someone happens to cause. The Node server keeps one timer for the next such moment in the content
// it serves and asks the rebuilder for a build when it comes; after every build (new content may bring new dates) and
// after each firing it looks again. A moment weeks away is re-checked daily (Node timers cannot wait that long).
import type { CatalogNews } from '../../must-read/catalog.ts';

/** The longest single wait; past it the timer looks again. */
export const MAX_WAIT_MS = 24 * 60 * 60_000;

type Dated = Pick<CatalogNews, 'publishDate' | 'expiryDate' | 'draft'>;

/** The first moment after `now` at which a news item appears or disappears; undefined when none is coming. */
export function nextPublicationChange(items: Dated[], now: number): number | undefined {
  let next: number | undefined;
  for (const item of items) {
    if (item.draft) continue;
    for (const date of [item.publishDate, item.expiryDate]) {
      const at = date?.getTime();
      if (at !== undefined && at > now && (next === undefined || at < next)) next = at;
    }
  }
  return next;
}

/** What the timer needs: the news as it is now, how to ask for a rebuild, and (tests) the clock. */
export interface PublishTimerOptions {
  load: () => Dated[];
  rebuild: () => void;
  now?: () => number;
  log?: (message: string) => void;
}

/** Starts the timer; `reschedule()` after a build, `stop()` at shutdown, `next()` says when it fires (for the log and tests). */
export function startPublishTimer(options: PublishTimerOptions) {
  const now = options.now ?? Date.now;
  let timer: NodeJS.Timeout | undefined;
  let next: number | undefined;
  const reschedule = () => {
    clearTimeout(timer);
    next = nextPublicationChange(options.load(), now());
    if (next === undefined) return;
    const due = next;
    const wait = Math.min(due - now(), MAX_WAIT_MS);
    timer = setTimeout(() => {
      if (now() >= due) {
        options.log?.(`Plein: nieuws verschijnt of verloopt nu (${new Date(due).toISOString()}); de site wordt opnieuw gebouwd.`);
        options.rebuild();
      }
      reschedule();
    }, Math.max(0, wait));
    timer.unref();
  };
  reschedule();
  return { reschedule, stop: () => clearTimeout(timer), next: () => next };
}
