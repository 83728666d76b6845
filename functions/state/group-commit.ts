// Group commit: callers that arrive while a write is in flight wait for the next one and share it, so a burst of
// acknowledgements costs one transaction (one fsync under synchronous=FULL) instead of one each. The first write of a
// burst waits one turn of the event loop: node:sqlite writes synchronously, so without that turn no other request
// could ever join it. Repositories of one state store share one group (groupedBatch), so a request's rate-limit hit
// and its waardering written by the burst's other requests cost one transaction together, not one each.
import type { Compilable, QueryResult } from 'kysely';
import type { StateContext } from './types.ts';

/** Runs `run` on the next turn of the event loop: setImmediate on Node; Workers have only timers. */
export const nextTurn: (run: () => void) => void = typeof setImmediate === 'function' ? (run) => setImmediate(run) : (run) => setTimeout(run, 0);

/** Queues items and writes them in groups of at most `maxGroup`; each caller gets its own results back. */
export function createGroupCommit<I, O>(write: (items: I[]) => Promise<O[]>, maxGroup: number): (items: I[]) => Promise<O[]> {
  type Waiter = { items: I[]; resolve: (out: O[]) => void; reject: (err: unknown) => void };
  const queue: Waiter[] = [];
  let running = false;

  async function drain() {
    running = true;
    while (queue.length) {
      // Whole callers only: one caller's items are acknowledged together or not at all.
      const group: Waiter[] = [];
      let size = 0;
      while (queue.length && (group.length === 0 || size + queue[0].items.length <= maxGroup)) {
        const next = queue.shift() as Waiter;
        group.push(next);
        size += next.items.length;
      }
      try {
        const out = await write(group.flatMap((w) => w.items));
        let at = 0;
        for (const w of group) {
          w.resolve(out.slice(at, at + w.items.length));
          at += w.items.length;
        }
      } catch (err) {
        for (const w of group) w.reject(err);
      }
    }
    running = false;
  }

  return (items) =>
    new Promise<O[]>((resolve, reject) => {
      queue.push({ items, resolve, reject });
      if (!running) {
        running = true;
        nextTurn(() => void drain());
      }
    });
}

type Batch = (queries: Compilable[]) => Promise<QueryResult<Record<string, unknown>>[]>;
const shared = new WeakMap<StateContext, Batch>();

/** The one group commit of a state context: every repository's grouped writes share its transactions. */
export function groupedBatch(ctx: StateContext): Batch {
  let group = shared.get(ctx);
  if (!group) {
    group = createGroupCommit((queries: Compilable[]) => ctx.batch(queries), 1000);
    shared.set(ctx, group);
  }
  return group;
}
