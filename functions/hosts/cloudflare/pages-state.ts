// The state store on Cloudflare Pages: the D1 database bound as DB, opened (and migrated) by the first request of an
// isolate that needs it. A request that finds it not yet open opens it itself instead of awaiting another request's
// promise (Workers refuse I/O one request leaves for another); two isolates migrating at once is safe on D1.
import { withLocalFallback, type SessionRevocations } from '../../auth/session-cookie.ts';
import { ApiError } from '../../lib/api-error.ts';
import { openD1StateStore } from '../../state/open-d1.ts';
import type { StateStore } from '../../state/store.ts';
import type { D1Like } from '../../state/types.ts';

/** The binding name of the D1 database in the Pages project's settings. */
export const D1_BINDING = 'DB';

/** Pages has no timers: an isolate forgets expired rows after a request, at most this often. */
const PRUNE_EVERY_MS = 3_600_000;

/** The open store of an isolate, with its logouts kept locally too (they still count when D1 cannot be read). */
export interface PagesStateParts {
  store: StateStore;
  revocations: SessionRevocations;
}

/** Whether env holds something that looks like a D1 binding. */
function isD1(value: unknown): value is D1Like {
  return typeof value === 'object' && value !== null && typeof (value as D1Like).prepare === 'function' && typeof (value as D1Like).batch === 'function';
}

/** Forgets expired revocations, old limit windows and Idempotency-Key answers past 7 days. */
async function prune(store: StateStore, now = Date.now()): Promise<void> {
  await Promise.all([store.revocations.prune(now), store.rateLimits.prune(now - 2 * 86_400_000), store.idempotency.prune(now)]).catch(() => {});
}

/** Per isolate: the state store over env.DB, or undefined when the project has no D1 binding. */
export function createPagesState() {
  let opened: (PagesStateParts & { binding: D1Like }) | undefined;
  let prunedAt = 0;
  return {
    /** The open store for this request's env; throws 503 opslag_onbeschikbaar when D1 cannot be opened. */
    async storeFor(env: Record<string, unknown>, waitUntil?: (promise: Promise<unknown>) => void): Promise<PagesStateParts | undefined> {
      const binding = env[D1_BINDING];
      if (!isD1(binding)) return undefined;
      if (opened?.binding !== binding) {
        try {
          const store = await openD1StateStore(binding);
          opened = { binding, store, revocations: withLocalFallback(store.revocations) };
        } catch (err) {
          console.error(`Plein-API: de D1-database (${D1_BINDING}) kon niet worden geopend: ${String((err as Error)?.message ?? err).split('\n')[0]}`);
          throw new ApiError(503, 'opslag_onbeschikbaar', 'Het intranet kan zijn gegevens nu even niet bereiken. Lezen gaat gewoon door; probeer het later opnieuw.');
        }
      }
      if (waitUntil && Date.now() - prunedAt > PRUNE_EVERY_MS) {
        prunedAt = Date.now();
        waitUntil(prune(opened.store));
      }
      return opened;
    },
  };
}
