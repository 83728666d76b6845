// Jobs that run on Cloudflare Pages after a request, in its waitUntil (no job outlives a request there), at most once
// per lease over all isolates: whichever isolate takes the state store's lease runs it. The lease is not released
// after a run — it is the mark that the job ran within it; a failed run releases it so a later request tries again.
import type { StateStore } from '../../state/store.ts';

/** Runs `job` if no isolate ran it within `leaseMs` (lease `name`); gives its result, or undefined when it did not run or failed. Never throws. */
export async function runOncePerLease<T>(state: StateStore, name: string, leaseMs: number, failure: string, job: () => Promise<T>): Promise<T | undefined> {
  const lock = state.flushLock(name, `pages-${crypto.randomUUID()}`, leaseMs);
  let taken = false;
  try {
    if (!(taken = await lock.acquire())) return undefined;
    return await job();
  } catch (err) {
    console.error(`Plein-API: ${failure}: ${String((err as Error)?.message ?? err).split('\n')[0]}`);
    if (taken) await lock.release().catch(() => {});
    return undefined;
  }
}

/** A gate that lets a job through at most once per `everyMs` in this isolate (the lease then decides over all isolates). */
export function atMostEvery(everyMs: number): (job: () => Promise<unknown>) => Promise<void> {
  let triedAt = 0;
  return async (job) => {
    if (Date.now() - triedAt < everyMs) return;
    triedAt = Date.now();
    await job();
  };
}
