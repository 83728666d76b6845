// Idempotency-Key: a retried POST with the same key (per person) gets the first answer, not a second post.
// Answers live in memory, and every write that used a key carries a `Plein-Request` trailer in the commit
// that holds it; after a crash or restart (or when another instance wrote it) the cache is rebuilt from
// the trailers of the store's recent history, so the durable record is atomic with the write itself.
import { createHash } from 'node:crypto';
import { ApiError } from './api-error.ts';
import { isUlid } from './ulid.ts';
import { parseRequestTrailer, type RecordedKind, type RecordedRequest } from '../store/trailers.ts';
import type { RecentRequest } from '../store/types.ts';

export type { RecordedKind, RecordedRequest };

/** The answer a POST gave, to replay on a retry. */
export interface StoredAnswer {
  status: number;
  body: unknown;
}

/** What a key is used for: a post, a comment, or a suggested edit (remembered by its branch, not a trailer). */
export type RequestKind = RecordedKind | 'voorstel';


/** Answers shared by every server for 7 days (the state store's idempotency repository). */
export interface SharedAnswers {
  /** Stores `answer` unless a live one is there; gives what is stored then, and whether it is this caller's. */
  remember(hash: string, kind: string, answer: unknown, now?: number): Promise<{ kind: string; answer: unknown; createdAt: number; first: boolean }>;
  recall(hash: string, now?: number): Promise<{ kind: string; answer: unknown; createdAt: number } | undefined>;
  settle(hash: string, answer: unknown): Promise<void>;
  forget(hash: string): Promise<void>;
}

/** Settings of the cache. */
export interface IdempotencyOptions {
  /** How long a key is remembered (default 24 h). */
  ttlMs?: number;
  maxEntries?: number;
  /** `Plein-Request` trailer values committed since an epoch-ms time (the store's recentRequests). */
  recent?: (sinceMs: number) => Promise<RecentRequest[]>;
  /** Rebuilds the answer of a request found in history (from the stored post or comment). */
  replay?: (found: RecordedRequest) => Promise<StoredAnswer>;
  /** A cache miss looks at the history again when the last look is older than this (default 2000 ms). */
  rescanMs?: number;
  /** Answers shared across servers and restarts (7 days); claimed before the work, so two servers never both do it. */
  shared?: SharedAnswers;
  /** How long a retry waits for another server's first attempt before answering 409 (default 10 s). */
  waitMs?: number;
  /** A claim older than this with no answer is from a server that stopped: the history decides (default 30 s). */
  staleMs?: number;
  /** Where a failed history scan is reported (default console.warn). */
  warn?: (message: string) => void;
  /** Read the history at once (default), or only when a keyed request needs it (an app that lives for one request). */
  scanAtStart?: boolean;
  /**
   * Answer before the shared answer is saved (a long-lived server): the request's trailer is durable with its change
   * already (the outbox), so a claim whose answer never got saved is settled from the history like any stale claim.
   * Default: save, then answer (an app that lives for one request could end before the write).
   */
  settleAfterAnswer?: boolean;
}


/** The hashed key of a request: the raw key never reaches git, and a person cannot see another's keys. */
export function hashRequestKey(personId: string, key: string): string {
  return createHash('sha256').update(`${personId}\u0000${key}`).digest('hex');
}

interface Entry {
  at: number;
  kind: RequestKind;
  answer?: Promise<StoredAnswer>;
  found?: RecordedRequest;
}

/** The answer a claim holds until the work is done: unique, so only its claimant recognises it as its own. */
const claimToken = () => ({ pending: true, claim: crypto.randomUUID() });
const isPending = (answer: unknown) => (answer as { pending?: unknown } | null)?.pending === true;

/** Remembers answers per person and key for `ttlMs`; a retry during the first request waits for it. */
export function createIdempotencyCache(options: IdempotencyOptions = {}) {
  const ttlMs = options.ttlMs ?? 24 * 3_600_000;
  const maxEntries = options.maxEntries ?? 100_000;
  const rescanMs = options.rescanMs ?? 2000;
  const warn = options.warn ?? ((m: string) => console.warn(m));
  const entries = new Map<string, Entry>();
  // Keys whose last attempt failed in a way that may still have written (5xx, lost connection to the store).
  const uncertain = new Set<string>();
  let scanning: Promise<void> | undefined;
  let scannedAt = 0;

  function remember(hash: string, entry: Entry) {
    if (entries.size >= maxEntries) entries.delete(entries.keys().next().value!);
    entries.set(hash, entry);
  }

  /** Adds the keyed requests of the recent history; one scan at a time, shared by all who wait. */
  function scan(): Promise<void> {
    if (!options.recent) return Promise.resolve();
    scanning ??= (async () => {
      const started = Date.now();
      // Overlap the previous scan by a minute: commit times come from clocks that may differ a little.
      const since = scannedAt ? scannedAt - 60_000 : started - ttlMs;
      try {
        for (const { value, at } of await options.recent!(since)) {
          const found = parseRequestTrailer(value, at);
          if (!found || started - at >= ttlMs) continue;
          const known = entries.get(found.hash);
          // A request for this key may be under way here, waiting on another server's claim: it must see the history too.
          if (known?.answer) known.found ??= found;
          else remember(found.hash, { at, kind: found.kind, found });
        }
        scannedAt = started;
      } catch (err) {
        warn(`Idempotency-Key: de recente geschiedenis kon niet worden gelezen: ${String((err as Error)?.message ?? err).split('\n')[0]}`);
      } finally {
        scanning = undefined;
      }
    })();
    return scanning;
  }

  // Start reading history now, so the first retry after a restart does not wait for all of it.
  if (options.scanAtStart !== false) void scan();

  function answerOf(entry: Entry, kind: RequestKind): Promise<StoredAnswer> {
    if (entry.kind !== kind) throw new ApiError(422, 'sleutel_hergebruikt', 'Deze Idempotency-Key is al gebruikt voor een ander soort verzoek. Kies een nieuwe sleutel.');
    if (!entry.answer) {
      if (!options.replay) throw new Error('replay ontbreekt');
      entry.answer = options.replay(entry.found!);
      entry.answer.catch(() => (entry.answer = undefined));
    }
    return entry.answer;
  }

  return {
    /**
     * Runs `work` once per (person, key); later calls with the same key get the same answer. `work`
     * gets the hashed key (undefined without a key) to put in the trailer of the commit it makes.
     */
    async run(personId: string, key: string | undefined, kind: RequestKind, work: (hash: string | undefined) => Promise<StoredAnswer>): Promise<StoredAnswer & { replayed: boolean }> {
      if (!key) return { ...(await work(undefined)), replayed: false };
      const hash = hashRequestKey(personId, key);
      const fresh = (e: Entry | undefined) => e && Date.now() - e.at < ttlMs;
      let existing = entries.get(hash);
      if (!fresh(existing) && (uncertain.has(hash) || !scannedAt || Date.now() - scannedAt > rescanMs)) {
        await scan();
        existing = entries.get(hash);
      }
      if (existing && fresh(existing)) return { ...(await answerOf(existing, kind)), replayed: true };
      uncertain.delete(hash);
      let claimed = false;
      const answer = (async (): Promise<StoredAnswer & { replayed?: boolean }> => {
        if (options.shared) {
          const earlier = await claimShared(hash, kind);
          if (earlier) return { ...earlier, replayed: true };
          claimed = true;
        }
        const result = await work(hash);
        const saving = options.shared?.settle(hash, result).catch((err: Error) => warn(`Idempotency-Key: het antwoord kon niet worden bewaard: ${err.message}`));
        if (!options.settleAfterAnswer) await saving;
        return result;
      })();
      const entry: Entry = { at: Date.now(), kind, answer };
      remember(hash, entry);
      // A refused request (4xx) wrote nothing and may be retried for real; after a 5xx the history decides.
      answer.catch((err) => {
        if (entries.get(hash) === entry) entries.delete(hash);
        if (!(err instanceof ApiError && err.status < 500)) uncertain.add(hash);
        // Let a retry (on any server) try again; whether a failed write landed anyway, the history tells it.
        if (claimed) options.shared?.forget(hash).catch(() => {});
      });
      const result = await answer;
      return { status: result.status, body: result.body, replayed: result.replayed ?? false };
    },
  };

  /**
   * Claims `hash` in the shared store; gives the earlier answer when another request (on any server) had it. Waits a
   * little for an attempt still under way; a claim left by a server that stopped is settled by the history.
   */
  async function claimShared(hash: string, kind: RequestKind): Promise<StoredAnswer | undefined> {
    const shared = options.shared!;
    const deadline = Date.now() + (options.waitMs ?? 10_000);
    for (;;) {
      // A token of its own per claim: two claims in the same millisecond must not both count as first.
      const held = await shared.remember(hash, kind, claimToken());
      if (held.first) return undefined;
      if (held.kind !== kind) throw new ApiError(422, 'sleutel_hergebruikt', 'Deze Idempotency-Key is al gebruikt voor een ander soort verzoek. Kies een nieuwe sleutel.');
      if (!isPending(held.answer)) return held.answer as StoredAnswer;
      if (Date.now() - held.createdAt > (options.staleMs ?? 30_000)) {
        // The server that claimed it stopped: if its write landed, the history has it; otherwise do the work now.
        await scan();
        const found = entries.get(hash)?.found;
        if (found) {
          if (found.kind !== kind) throw new ApiError(422, 'sleutel_hergebruikt', 'Deze Idempotency-Key is al gebruikt voor een ander soort verzoek. Kies een nieuwe sleutel.');
          const replayed = await options.replay!(found);
          await shared.settle(hash, replayed);
          return replayed;
        }
        await shared.forget(hash);
        continue;
      }
      if (Date.now() > deadline) throw new ApiError(409, 'in_behandeling', 'Dit verzoek wordt nog verwerkt. Probeer het over een paar seconden opnieuw.');
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

/** A cache of Idempotency-Key answers. */
export type IdempotencyCache = ReturnType<typeof createIdempotencyCache>;
