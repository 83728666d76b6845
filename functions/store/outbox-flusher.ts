// The one flusher of the outbox, for every content store: it takes pending changes in seq order, commits them in
// batches through the store's `commitBatch` (each change carrying a `Plein-Journal: <id>` trailer) and marks them
// committed. Only the holder of the flush lock flushes (an advisory lock on PostgreSQL, a lease elsewhere), so two
// servers never commit the same change. After a start, a takeover or a failed attempt it first reconciles: the
// branch's trailers say which pending changes already landed (a crash after the branch moved), and those are
// marked instead of committed again. Portable: timers only.
import type { OutboxEntry } from '../state/outbox.ts';
import type { StateStore } from '../state/store.ts';
import type { FlushLock } from '../state/types.ts';
import { journalTrailer } from './trailers.ts';
import type { ChangeSet } from './types.ts';

/** Which pending ids the branch already holds, by commit (newest first); `stopAt` is the last commit known marked. */
export type FindLanded = (ids: Set<string>, notBefore: number, stopAt?: string) => Promise<Map<string, string[]>>;

/** What the flusher needs from its store. */
export interface OutboxFlusherOptions {
  state: Pick<StateStore, 'outbox'>;
  lock: FlushLock;
  /** Lands changes in one commit; resolves with the commit the branch now points at. */
  commitBatch: (changes: ChangeSet[]) => Promise<string>;
  findLanded: FindLanded;
  /** How long the oldest pending change waits for company before a batch starts. */
  windowMs: number;
  /** First pause after a failure; doubles up to a minute. */
  retryBaseMs: number;
  /** How often to look for other servers' changes (and to try the lock) when idle. */
  periodMs: number;
  /** How often the lock is renewed while held (a third of the lease). */
  renewMs: number;
  /** Called with the seqs that are committed now (by this flusher or found on the branch). */
  onSettled: (seqs: number[]) => void;
  /** Called when a batch could not be committed (it stays pending and is tried again). */
  onFailed?: (entries: OutboxEntry[], err: unknown) => Promise<void>;
  explain: (err: unknown) => Error;
  warn: (message: string) => void;
  /**
   * No background loop: the flusher runs only while a flush() waits, and gives up the lock when it closes
   * (serverless hosts such as Cloudflare Pages, where nothing outlives a request but its waitUntil).
   */
  onDemand?: boolean;
}

const MAX_BATCH_ENTRIES = 1000;
const MAX_BATCH_BYTES = 32 * 1024 * 1024;
/** How far before the oldest pending change a commit of ours can be and still hold it (clock slack). */
const SCAN_SLACK_MS = 10 * 60_000;

const sizeOf = (e: OutboxEntry) => e.change.writes.reduce((n, w) => n + (typeof w.content === 'string' ? w.content.length : w.content.byteLength), 0);

function takeBatch(pending: OutboxEntry[]): OutboxEntry[] {
  const batch: OutboxEntry[] = [];
  let bytes = 0;
  for (const e of pending) {
    if (batch.length && (batch.length >= MAX_BATCH_ENTRIES || bytes + sizeOf(e) > MAX_BATCH_BYTES)) break;
    batch.push(e);
    bytes += sizeOf(e);
  }
  return batch;
}

/** Starts the flush loop; `kick` after an append, `hurry` to skip the batch window, `close` to stop. */
export function createOutboxFlusher(options: OutboxFlusherOptions) {
  const { outbox } = options.state;
  const { lock } = options;
  let wake: (() => void) | undefined;
  let holding = false;
  let renewedAt = 0;
  let needsReconcile = true;
  let hurried = 0;
  let closed = false;
  const roundWaiters = new Set<() => void>();

  function idle(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      // An idle flusher does not keep a process alive (a tool that wrote and flushed may exit).
      (timer as { unref?: () => void }).unref?.();
      wake = done;
    });
  }

  function roundDone() {
    for (const r of roundWaiters) r();
    roundWaiters.clear();
  }

  /** Holds the lock (taking it when free); false while another instance flushes. */
  async function hold(): Promise<boolean> {
    if (holding && Date.now() - renewedAt < options.renewMs) return true;
    const had = holding;
    holding = had ? await lock.renew() : await lock.acquire();
    renewedAt = Date.now();
    // Taken over, or taken after someone else: what they landed before dying must not be committed again.
    if (holding && !had) needsReconcile = true;
    return holding;
  }

  async function reconcile(pending: OutboxEntry[]) {
    const ids = new Set(pending.map((e) => e.id));
    const notBefore = Math.min(...pending.map((e) => e.acknowledgedAt)) - SCAN_SLACK_MS;
    const cursor = await outbox.readCursor();
    const found = await options.findLanded(ids, notBefore, cursor?.commitSha);
    // Oldest commit first, so the cursor ends on the newest.
    for (const [commit, landed] of [...found].reverse()) {
      await outbox.markCommitted(landed, commit);
      options.onSettled(pending.filter((e) => landed.includes(e.id)).map((e) => e.seq));
    }
    const count = [...found.values()].flat().length;
    if (count) options.warn(`Plein: ${count} wijzigingen uit de outbox stonden al in de repository; niet opnieuw vastgelegd.`);
  }

  /** One step of the loop; resolves with how long to wait before the next. */
  async function step(): Promise<number> {
    if (!(await hold())) return options.periodMs;
    const pending = await outbox.pending(MAX_BATCH_ENTRIES);
    if (!pending.length) return options.periodMs;
    const wait = pending[0].acknowledgedAt + options.windowMs - Date.now();
    if (wait > 0 && !hurried) return wait;
    if (needsReconcile) {
      await reconcile(pending);
      needsReconcile = false;
      return 0;
    }
    const batch = takeBatch(pending);
    // A batch may take longer than a lease (GitHub pacing, retries): keep renewing while it runs.
    const keeper = setInterval(() => {
      lock.renew().then(
        (still) => {
          renewedAt = Date.now();
          if (!still) holding = false;
        },
        () => {},
      );
    }, options.renewMs);
    let commit: string;
    try {
      commit = await options.commitBatch(batch.map((e) => ({ ...e.change, trailers: [...(e.change.trailers ?? []), journalTrailer(e.id)] })));
    } catch (err) {
      await options.onFailed?.(batch, err).catch(() => {});
      throw err;
    } finally {
      clearInterval(keeper);
    }
    try {
      await outbox.markCommitted(batch.map((e) => e.id), commit);
    } catch (err) {
      // The trailers still say what landed: the next round looks at the branch before committing anything.
      needsReconcile = true;
      throw err;
    }
    options.onSettled(batch.map((e) => e.seq));
    return 0;
  }

  async function run() {
    let failures = 0;
    while (!closed) {
      let pause: number;
      try {
        pause = await step();
        failures = 0;
      } catch (err) {
        // The outcome of the attempt may be unknown: look at the branch before the next one.
        needsReconcile = true;
        failures++;
        pause = Math.min(60_000, options.retryBaseMs * 2 ** (failures - 1));
        options.warn(`Plein: de outbox kon niet worden vastgelegd: ${options.explain(err).message} Nieuwe poging over ${Math.round(pause / 100) / 10} s.`);
      }
      roundDone();
      // On demand, the loop ends once nobody waits for a flush (a later flush starts it again).
      if (options.onDemand && !hurried) break;
      if (pause > 0 && !closed) await idle(pause);
    }
    roundDone();
  }

  let loop: Promise<void> | undefined;
  function start() {
    if (closed || loop) return;
    loop = run().finally(() => (loop = undefined));
  }
  if (!options.onDemand) start();

  return {
    /** Something was appended: start the batch window now instead of at the next period. */
    kick: () => wake?.(),
    /** Skips the batch window until the returned function is called (a flush waiting for everything pending). */
    hurry(): () => void {
      hurried++;
      start();
      wake?.();
      let done = false;
      return () => {
        if (!done) hurried--;
        done = true;
      };
    },
    /** Resolves after the next round of the loop. */
    async nextRound(): Promise<void> {
      const done = new Promise<void>((r) => roundWaiters.add(r));
      start();
      wake?.();
      await done;
    },
    /** Whether this instance holds the flush lock now. */
    holding: () => holding,
    /** Stops after the batch in flight and gives up the lock; what is pending stays in the outbox. */
    async close(): Promise<void> {
      closed = true;
      wake?.();
      await loop;
      roundDone();
      if (holding) await lock.release().catch(() => {});
      holding = false;
    },
  };
}

/** A running flusher. */
export type OutboxFlusher = ReturnType<typeof createOutboxFlusher>;
