// The content store of one request on Cloudflare Pages. With D1 bound, a write is appended to the state store's
// outbox and answered; the outbox is flushed to GitHub inside the request's waitUntil, by the one isolate that holds
// the flush lease (the others wait for it). A change too big for a D1 row (a post with large photos) is committed
// before it is answered, as without D1. Without D1 every write is committed before its answer.
import type { StateStore } from '../../state/store.ts';
import type { GithubClient, GithubConfig } from '../../store/github/github-config.ts';
import { createGithubStore } from '../../store/github/github-store.ts';
import type { ChangeSet, ContentStore, FlushingStore } from '../../store/types.ts';

/** D1 refuses a value over 2,000,000 bytes; a change's JSON (photos as base64) above this is committed directly. */
export const MAX_OUTBOX_CHANGE_BYTES = 1_500_000;
/** Changes another isolate acknowledged this long ago and that are still pending are flushed by whoever sees them. */
export const STUCK_AFTER_MS = 15_000;

/** Roughly the size of a change as the outbox stores it (base64 is 4/3 of the bytes). */
export function outboxSize(change: ChangeSet): number {
  return change.writes.reduce((n, w) => n + w.path.length + (typeof w.content === 'string' ? w.content.length * 3 : Math.ceil(w.content.byteLength / 3) * 4), 0) + change.message.length * 3;
}

/** The store for one request, and what to do once its answer is sent. */
export interface PagesStore {
  store: ContentStore;
  /** Flushes what this request acknowledged (or what was found stuck), then lets go of the flush lease. */
  settle(): Promise<void>;
}

/** The store of one request: through the outbox when `state` is given. */
export function createPagesStore(config: GithubConfig, client: GithubClient, state: StateStore | undefined): PagesStore {
  // No batch window: nothing outlives the request, so a direct write is committed before its answer.
  const direct = createGithubStore({ config, client, batchWindowMs: 0 });
  if (!state) return { store: direct, settle: async () => {} };
  const outboxed: FlushingStore = createGithubStore({ config, client, state, batchWindowMs: 0, flushOnDemand: true });
  let directWrites = 0;
  const store: ContentStore = {
    ...outboxed,
    async commit(change) {
      if (outboxSize(change) <= MAX_OUTBOX_CHANGE_BYTES) return outboxed.commit(change);
      directWrites++;
      return direct.commit(change);
    },
    changes: () => (outboxed.changes?.() ?? 0) + directWrites,
  };
  return {
    store,
    async settle() {
      try {
        const since = outboxed.pendingSince?.();
        const stuck = since !== undefined && Date.now() - since > STUCK_AFTER_MS;
        if ((outboxed.changes?.() ?? 0) > 0 || stuck) await outboxed.flush();
      } catch (err) {
        // Stays in the outbox: the next write's flush (or a reader that finds it stuck) commits it.
        console.error(`Plein-API: de outbox kon niet naar GitHub: ${String((err as Error)?.message ?? err).split('\n')[0]}`);
      } finally {
        await outboxed.close().catch(() => {});
      }
    },
  };
}
