// The journaled write path of the GitHub store (Node server): a change is acknowledged once it is in
// the journal on local disk; a background flusher commits what waits in batches, as fast as the
// throttled client allows, and marks them done. Each change carries a `Plein-Journal: <id>` trailer,
// so after a crash (or an attempt whose outcome is unknown) the branch itself says what already
// landed: nothing is committed twice and nothing acknowledged is lost.
import { openJournal, type Journal, type JournalEntry } from '../journal.ts';
import { createPendingOverlay } from '../journal-overlay.ts';
import { StoreUnavailableError, type ChangeSet } from '../types.ts';
import type { GithubClient, GithubConfig } from './github-config.ts';
import type { GithubReader } from './github-reads.ts';
import { journalTrailer, readJournalTrailers } from '../trailers.ts';

/** What the journaled writer needs from the store. */
export interface JournaledWriterOptions {
  journalPath: string;
  /** How long the first pending change waits for company before a batch starts. */
  windowMs: number;
  client: GithubClient;
  config: GithubConfig;
  reader: GithubReader;
  commitBatch: (changes: ChangeSet[]) => Promise<string>;
  explain: (err: unknown) => Error;
  /** First pause after a failed batch; doubles up to a minute. */
  retryBaseMs: number;
  warn: (message: string) => void;
}

const MAX_BATCH_ENTRIES = 1000;
const MAX_BATCH_BYTES = 32 * 1024 * 1024;
/** How far before the oldest pending change a commit of ours can be and still hold it (clock slack). */
const SCAN_SLACK_MS = 10 * 60_000;
const MAX_SCAN = 1000;
/** Past this backlog (GitHub unreachable or refusing for a long time) new writes get a 503 instead of filling the disk. */
const MAX_PENDING = 50_000;

const sizeOf = (e: JournalEntry) => e.change.writes.reduce((n, w) => n + (typeof w.content === 'string' ? w.content.length : w.content.byteLength), 0);

/** Creates the journal, the overlay and the flusher; the journal opens (and replays) right away. */
export function createJournaledWriter(options: JournaledWriterOptions) {
  const { reader, client, config } = options;
  const repo = { owner: config.owner, repo: config.repo };
  const overlay = createPendingOverlay();
  const arrived = new Map<string, number>();
  const landedWaiters = new Set<() => void>();
  let journal: Journal | undefined;
  let opening: Promise<Journal> | undefined;
  let loop: Promise<void> | undefined;
  let wake: (() => void) | undefined;
  let needsReconcile = false;
  let flushWaiters = 0;
  let closed = false;

  function open(): Promise<Journal> {
    opening ??= openJournal(options.journalPath).then(
      (j) => {
        journal = j;
        // Replayed entries are old already: they go out in the first batch, after a look at what landed.
        for (const e of j.pending()) overlay.add(e);
        needsReconcile = j.pending().length > 0;
        loop ??= run(j);
        return j;
      },
      (err) => {
        opening = undefined;
        throw err;
      },
    );
    return opening;
  }

  function idle(ms?: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        wake = undefined;
        resolve();
      };
      const timer = ms === undefined ? undefined : setTimeout(done, ms);
      wake = done;
    });
  }

  function landed() {
    for (const w of landedWaiters) w();
    landedWaiters.clear();
  }

  /** Marks entries done that the branch already holds (found by their trailers), walking back from the head. */
  async function reconcile(j: Journal) {
    const pending = j.pending();
    if (!pending.length) return;
    const ids = new Set(pending.map((e) => e.id));
    const notBefore = Math.min(...pending.map((e) => e.at)) - SCAN_SLACK_MS;
    const found = new Map<string, string[]>();
    let sha: string | undefined = await reader.getHead(true);
    for (let walked = 0; sha && sha !== j.lastCommit() && walked < MAX_SCAN; walked++) {
      const res = await client.request('GET /repos/{owner}/{repo}/git/commits/{commit_sha}', { ...repo, commit_sha: sha });
      const data: { message: string; committer: { date: string }; parents: { sha: string }[] } = res.data;
      for (const id of readJournalTrailers(data.message)) if (ids.has(id)) found.set(sha, [...(found.get(sha) ?? []), id]);
      // Commits are (nearly) in time order along the first parents: older than every pending change means done.
      if (Date.parse(data.committer.date) < notBefore) break;
      sha = data.parents[0]?.sha;
    }
    // Oldest commit first, so the journal's last commit ends up being the newest.
    for (const [commit, done] of [...found].reverse()) {
      overlay.settle(new Set(pending.filter((e) => done.includes(e.id)).map((e) => e.seq)));
      await j.markDone(done, commit).catch((err: Error) => options.warn(`Plein: ${err.message}`));
    }
    if (found.size) options.warn(`Plein: ${[...found.values()].flat().length} wijzigingen uit het journaal stonden al op GitHub; niet opnieuw vastgelegd.`);
  }

  function takeBatch(pending: JournalEntry[]): JournalEntry[] {
    const batch: JournalEntry[] = [];
    let bytes = 0;
    for (const e of pending) {
      if (batch.length && (batch.length >= MAX_BATCH_ENTRIES || bytes + sizeOf(e) > MAX_BATCH_BYTES)) break;
      batch.push(e);
      bytes += sizeOf(e);
    }
    return batch;
  }

  async function run(j: Journal) {
    let failures = 0;
    while (!closed) {
      const pending = j.pending();
      if (!pending.length) {
        await idle();
        continue;
      }
      const wait = (arrived.get(pending[0].id) ?? 0) + options.windowMs - Date.now();
      if (wait > 0 && !flushWaiters) {
        await idle(wait);
        continue;
      }
      try {
        if (needsReconcile) {
          await reconcile(j);
          needsReconcile = false;
          landed();
          continue;
        }
        const batch = takeBatch(pending);
        const commit = await options.commitBatch(batch.map((e) => ({ ...e.change, trailers: [...(e.change.trailers ?? []), journalTrailer(e.id)] })));
        failures = 0;
        overlay.settle(new Set(batch.map((e) => e.seq)));
        for (const e of batch) arrived.delete(e.id);
        // If the done record cannot be written, the trailers still tell the next start what landed.
        await j.markDone(batch.map((e) => e.id), commit).catch((err: Error) => options.warn(`Plein: ${err.message}`));
        landed();
      } catch (err) {
        // The outcome of the attempt may be unknown: look at the branch before the next one.
        needsReconcile = true;
        failures++;
        const pause = Math.min(60_000, options.retryBaseMs * 2 ** (failures - 1));
        options.warn(`Plein: ${j.pending().length} wijzigingen wachten in het journaal: ${options.explain(err).message} Nieuwe poging over ${Math.round(pause / 100) / 10} s.`);
        await idle(pause);
      }
    }
  }

  void open().catch((err: Error) => options.warn(`Plein: ${err.message}`));

  return {
    overlay,
    /** Appends a change to the journal; resolves once it is durable (StoreUnavailableError otherwise). */
    async append(change: ChangeSet): Promise<void> {
      const j = await open();
      if (j.count() >= MAX_PENDING) throw new StoreUnavailableError(`Er wachten al ${MAX_PENDING} wijzigingen op GitHub; nieuwe worden even niet aangenomen.`);
      const entry = await j.append(change);
      overlay.add(entry);
      arrived.set(entry.id, Date.now());
      wake?.();
    },
    /** Resolves once the journal is open and replayed (rejects when it cannot be opened). */
    ready: () => open().then(() => undefined),
    /** Changes acknowledged but not yet committed. */
    pendingCount: () => journal?.count() ?? 0,
    /** The changes acknowledged but not yet committed, with when they were acknowledged (after the replay). */
    pendingChanges: async () => (await open()).pending().map((e) => ({ change: e.change, at: e.at })),
    /** Commits everything pending now, without waiting for the batch window; resolves once it landed. */
    async flush(): Promise<void> {
      const j = await open();
      const target = j.pending().at(-1)?.seq;
      if (target === undefined) return;
      flushWaiters++;
      try {
        wake?.();
        while (j.pending().some((e) => e.seq <= target)) await new Promise<void>((r) => landedWaiters.add(r));
      } finally {
        flushWaiters--;
      }
    },
    /** Stops the flusher after the batch in flight; what is pending stays in the journal for the next start. */
    async close(): Promise<void> {
      closed = true;
      wake?.();
      await loop;
      await journal?.release();
    },
  };
}
