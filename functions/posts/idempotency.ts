// Idempotency-Key: a retried POST with the same key (per person) gets the first answer, not a second post.

/** The answer a POST gave, to replay on a retry. */
export interface StoredAnswer {
  status: number;
  body: unknown;
}

/** Remembers answers per person and key for `ttlMs`; a retry during the first request waits for it. */
export function createIdempotencyCache(ttlMs = 24 * 3_600_000, maxEntries = 100_000) {
  const entries = new Map<string, { at: number; answer: Promise<StoredAnswer> }>();
  return {
    /** Runs `work` once per (person, key); later calls with the same key get the same answer. */
    async run(personId: string, key: string | undefined, work: () => Promise<StoredAnswer>): Promise<StoredAnswer & { replayed: boolean }> {
      if (!key) return { ...(await work()), replayed: false };
      const id = `${personId}\u0000${key}`;
      const now = Date.now();
      const existing = entries.get(id);
      if (existing && now - existing.at < ttlMs) return { ...(await existing.answer), replayed: true };
      if (entries.size >= maxEntries) entries.delete(entries.keys().next().value!);
      const answer = work();
      entries.set(id, { at: now, answer });
      // Failed attempts (4xx/5xx thrown) may be retried for real.
      answer.catch(() => entries.delete(id));
      return { ...(await answer), replayed: false };
    },
  };
}
