// The fan-out of notifications on Cloudflare Pages, where no job outlives a request: after a request that wrote, once
// its outbox is flushed, inside the same waitUntil — by the one isolate holding the "meldingen" lease.
import { createContentPaths } from '../../content/paths.ts';
import type { PeopleLookup } from '../../content/people.ts';
import { createFanout } from '../../notifications/fanout.ts';
import type { StateStore } from '../../state/store.ts';
import type { ContentStore } from '../../store/types.ts';

/** Lease of the fan-out on Pages: longer than a run, short enough that a stopped isolate holds nothing for long. */
const LEASE_MS = 30_000;

/** Writes the notifications of what is committed now; never throws (the next write's run picks it up). */
export async function runPagesFanout(state: StateStore, store: Pick<ContentStore, 'read'>, people: PeopleLookup, contentPrefix: string | undefined): Promise<void> {
  const lock = state.flushLock('meldingen', `pages-${crypto.randomUUID()}`, LEASE_MS);
  try {
    if (!(await lock.acquire())) return;
    await createFanout({ notifications: state.notifications, privateGroups: state.privateGroups, store, people, paths: createContentPaths(contentPrefix) }).runOnce();
  } catch (err) {
    console.error(`Plein-API: meldingen konden niet worden geschreven: ${String((err as Error)?.message ?? err).split('\n')[0]}`);
  } finally {
    await lock.release().catch(() => {});
  }
}
