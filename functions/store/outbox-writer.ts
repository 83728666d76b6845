// The one write path of the content stores: validate (the store's caller), append to the outbox in the state store,
// answer. The answer is durable once the row is; the flusher (outbox-flusher.ts) commits it later, and reads see it
// at once through the overlay, fed from the pending rows in the database, so another server's pending post shows
// too. Portable: the state store and timers only.
import { StateUnavailableError } from '../state/errors.ts';
import { decodeChange } from '../state/outbox-codec.ts';
import type { OutboxEntry } from '../state/outbox.ts';
import type { StateStore } from '../state/store.ts';
import { createOutboxFlusher, type FindLanded } from './outbox-flusher.ts';
import { createOutboxOverlay } from './outbox-overlay.ts';
import { StoreUnavailableError, type ChangeSet } from './types.ts';

/** What a store hands the outbox writer. */
export interface OutboxWriterOptions {
  state: StateStore;
  commitBatch: (changes: ChangeSet[]) => Promise<string>;
  findLanded: FindLanded;
  /** How long the first pending change waits for company before a batch starts. */
  windowMs: number;
  /** First pause after a failed batch, doubling up to a minute (default 1000 ms). */
  retryBaseMs?: number;
  /** How often an idle flusher looks for other servers' changes and tries the lock (default 1000 ms). */
  periodMs?: number;
  /** How long reads trust the pending rows they saw (default 250 ms). */
  refreshMs?: number;
  /** The flush lease (SQLite, D1): how long a dead holder blocks the others (default 30 s). */
  leaseMs?: number;
  explain: (err: unknown) => Error;
  warn: (message: string) => void;
  /**
   * Answer only once the change is committed (tools and tests that read the repository right after): a batch
   * that fails is taken out of the outbox again and its writers get the error, as if nothing was acknowledged.
   */
  waitForCommit?: boolean;
  /** Commit only when flush() is called, never in the background (serverless hosts: flush inside waitUntil). */
  flushOnDemand?: boolean;
}

/** Past this backlog (the repository unreachable for a long time) new writes get a 503 instead of filling the database. */
export const MAX_PENDING = 50_000;
const FETCH_CHUNK = 500;

/** A write the state store refused, as the content store's 503. */
function refused(err: unknown): Error {
  if (err instanceof StoreUnavailableError) return err;
  if (err instanceof StateUnavailableError) return new StoreUnavailableError(err.message);
  return new StoreUnavailableError(`De opslag is tijdelijk niet beschikbaar (${(err as Error)?.message ?? err}). Er is niets opgeslagen.`);
}

/** Creates the writer (and starts its flusher). */
export function createOutboxWriter(options: OutboxWriterOptions) {
  const { state } = options;
  const overlay = createOutboxOverlay();
  const refreshMs = options.refreshMs ?? 250;
  const leaseMs = options.leaseMs ?? 30_000;
  const lock = state.flushLock('outbox', `plein-${crypto.randomUUID()}`, leaseMs);
  // When each entry was laid over the branch, to tell "committed since" from "appended after the query started".
  const addedAt = new Map<number, number>();
  let tick = 0;
  let syncedAt = 0;
  // Writers waiting for their change's commit (waitForCommit), by seq.
  const waiting = new Map<number, { resolve: () => void; reject: (err: unknown) => void }>();
  let syncing: Promise<void> | undefined;

  function lay(entries: OutboxEntry[]) {
    for (const e of entries) if (!overlay.has(e.seq)) addedAt.set(e.seq, ++tick);
    overlay.add(entries);
  }

  function settle(seqs: number[]) {
    overlay.settle(seqs);
    for (const s of seqs) {
      addedAt.delete(s);
      waiting.get(s)?.resolve();
      waiting.delete(s);
    }
  }

  /** A batch failed: writers that wait for the commit get the error, and their changes leave the outbox. */
  async function failed(entries: OutboxEntry[], err: unknown): Promise<void> {
    const mine = entries.filter((e) => waiting.has(e.seq));
    if (!mine.length) return;
    await state.db.deleteFrom('outbox').where('id', 'in', mine.map((e) => e.id)).where('state', '=', 'pending').execute();
    overlay.settle(mine.map((e) => e.seq));
    const error = options.explain(err);
    for (const e of mine) {
      addedAt.delete(e.seq);
      waiting.get(e.seq)?.reject(error);
      waiting.delete(e.seq);
    }
  }

  async function pendingSeqs(): Promise<number[]> {
    const rows = await state.db.selectFrom('outbox').select('seq').where('state', '=', 'pending').execute();
    return rows.map((r) => Number(r.seq));
  }

  async function fetchPending(seqs: number[]): Promise<OutboxEntry[]> {
    const out: OutboxEntry[] = [];
    for (let i = 0; i < seqs.length; i += FETCH_CHUNK) {
      const rows = await state.db.selectFrom('outbox').select(['id', 'seq', 'acknowledged_at', 'change']).where('seq', 'in', seqs.slice(i, i + FETCH_CHUNK)).where('state', '=', 'pending').execute();
      out.push(...rows.map((r) => ({ id: r.id, seq: Number(r.seq), acknowledgedAt: Number(r.acknowledged_at), change: decodeChange(r.change) })));
    }
    return out;
  }

  /** Brings the overlay up to the database: rows committed meanwhile go, other servers' pending rows come. */
  async function refresh(): Promise<void> {
    const before = tick;
    const live = new Set(await pendingSeqs());
    settle(overlay.entries().filter((e) => !live.has(e.seq) && (addedAt.get(e.seq) ?? 0) <= before).map((e) => e.seq));
    lay(await fetchPending([...live].filter((s) => !overlay.has(s))));
    syncedAt = Date.now();
  }

  /** A refresh at most every `refreshMs`, shared by the readers that ask meanwhile; a failing database keeps the last view. */
  function sync(force = false): Promise<void> {
    if (!force && Date.now() - syncedAt < refreshMs) return Promise.resolve();
    syncing ??= refresh()
      .catch((err: Error) => options.warn(`Plein: de wachtende wijzigingen konden niet worden gelezen: ${err.message}`))
      .finally(() => (syncing = undefined));
    return syncing;
  }

  const flusher = createOutboxFlusher({
    state, lock,
    commitBatch: options.commitBatch,
    findLanded: options.findLanded,
    windowMs: options.windowMs,
    retryBaseMs: options.retryBaseMs ?? 1000,
    periodMs: options.periodMs ?? 1000,
    renewMs: leaseMs / 3,
    onSettled: settle,
    onFailed: options.waitForCommit ? failed : undefined,
    explain: options.explain,
    warn: options.warn,
    onDemand: options.flushOnDemand,
  });

  return {
    overlay,
    sync,
    /** Appends a change to the outbox; resolves once it is durable (StoreUnavailableError otherwise, nothing acknowledged). */
    async append(change: ChangeSet): Promise<OutboxEntry> {
      await sync();
      if (overlay.count() >= MAX_PENDING) throw new StoreUnavailableError(`Er wachten al ${MAX_PENDING} wijzigingen op opslag in de repository; nieuwe worden even niet aangenomen.`);
      let entries: OutboxEntry[];
      try {
        entries = await state.outbox.append([change]);
      } catch (err) {
        throw refused(err);
      }
      lay(entries);
      const committed = options.waitForCommit && new Promise<void>((resolve, reject) => waiting.set(entries[0].seq, { resolve, reject }));
      flusher.kick();
      if (committed) {
        // Committed by this flusher, or by another instance's (which only the outbox tells).
        let done = false;
        committed.then(() => (done = true), () => (done = true));
        while (!done) {
          await Promise.race([committed, new Promise((r) => setTimeout(r, 100))]);
          if (!done) await sync(true);
        }
        await committed;
      }
      return entries[0];
    },
    /** Resolves once the pending rows are read (rejects when the state store cannot be read). */
    ready: () => refresh().catch((err) => Promise.reject(refused(err))),
    /** Changes acknowledged but not yet committed, as far as this server knows. */
    pendingCount: () => overlay.count(),
    /** When the oldest change this server knows to be pending was acknowledged (undefined: none). */
    pendingSince: (): number | undefined => overlay.entries().reduce<number | undefined>((min, e) => (min === undefined || e.acknowledgedAt < min ? e.acknowledgedAt : min), undefined),
    /** Commits everything pending now (this server's flusher, or waits for the one that holds the lock). */
    async flush(): Promise<void> {
      const target = await pendingSeqs();
      // Hurried for the whole wait: a round that starts between two checks must not sit out the batch window.
      const release = flusher.hurry();
      try {
        for (;;) {
          const live = new Set(await pendingSeqs());
          if (!target.some((s) => live.has(s))) break;
          await flusher.nextRound();
          if (!flusher.holding()) await new Promise((r) => setTimeout(r, 100));
        }
      } finally {
        release();
      }
      await sync(true);
    },
    /** Stops the flusher after the batch in flight; what is pending stays in the outbox for the next start. */
    close: () => flusher.close(),
  };
}

/** An outbox writer. */
export type OutboxWriter = ReturnType<typeof createOutboxWriter>;
