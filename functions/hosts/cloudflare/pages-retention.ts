// The bewaartermijn (issue 19) for what only D1 holds on Cloudflare Pages, where no job outlives a request: once a day,
// in a request's waitUntil, by whichever isolate takes the day's lease first, the state-store rows past their term go
// (moderation log and decided reports, reach figures, search terms, notifications, read confirmations, private-group
// posts and comments). Posts and comments in git are the CI job's `npm run retention` (docs/deploy.md), which cannot
// reach D1. The lease (pages-lease.ts) is the mark that today's run happened.
import { createContentPaths } from '../../content/paths.ts';
import { pruneState, stateRules } from '../../retention/state.ts';
import { readEffectiveTerms } from '../../retention/effective-terms.ts';
import type { StateStore } from '../../state/store.ts';
import type { ContentStore } from '../../store/types.ts';
import { runOncePerLease } from './pages-lease.ts';

/** Once a day over all isolates. */
export const PAGES_RETENTION_LEASE_MS = 24 * 60 * 60_000;

/** Prunes the D1 rows past their term if no isolate did today; gives the rows per rule, or undefined when it did not run. Never throws. */
export function runPagesRetention(state: StateStore, store: Pick<ContentStore, 'read'>, options: { contentPrefix?: string; env: Record<string, string | undefined>; now?: Date }): Promise<Record<string, number> | undefined> {
  return runOncePerLease(state, 'bewaartermijn', PAGES_RETENTION_LEASE_MS, 'de bewaartermijn toepassen mislukt', async () => {
    const terms = await readEffectiveTerms(store, createContentPaths(options.contentPrefix).prefix, options.env);
    return pruneState(state.db, stateRules(terms, options.now ?? new Date()), false);
  });
}
