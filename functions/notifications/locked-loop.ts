// A background job on a Node server: `step` runs every `periodMs` on whichever server holds `lock` (one at a time over
// all servers; another takes over when its holder stops or dies). A failing step is warned about once per run of
// failures and tried again next time.
import type { FlushLock } from '../state/types.ts';

/** Starts the loop at once; gives a function that stops it, waits for a running step and releases the lock. */
export function startLockedLoop(lock: FlushLock, step: () => Promise<void>, options: { periodMs: number; onFailure: (err: Error) => void; onStop?: () => void }): () => Promise<void> {
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  let failures = 0;
  const tick = () => {
    running = (async () => {
      try {
        if (await lock.acquire()) await step();
        failures = 0;
      } catch (err) {
        if (failures++ === 0) options.onFailure(err as Error);
      }
    })();
    void running.then(() => {
      if (!stopped) timer = setTimeout(tick, options.periodMs);
      timer?.unref();
    });
  };
  tick();
  return async () => {
    stopped = true;
    clearTimeout(timer);
    await running;
    await lock.release().catch(() => {});
    options.onStop?.();
  };
}
