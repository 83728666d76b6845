// Per-person rate limits for writes, per (person, kind), answered with 429 and Retry-After: counted in the shared
// state store (fixed windows, across servers) or, without one, in this process (sliding windows).
import { ApiError } from './api-error.ts';

/** A limit: at most `max` actions per `windowMs`; max 0 switches it off. */
export interface Limit {
  max: number;
  windowMs: number;
}

/** The limits of one kind of action (several windows, e.g. per minute and per day). */
export type Limits = Record<string, Limit[]>;

/** Plein's defaults: generous for people, tight for a script gone wild. Env can change them. */
export function readLimits(env: Record<string, string | undefined>): Limits {
  const n = (name: string, fallback: number) => {
    const v = env[name];
    if (v === undefined || v === '') return fallback;
    const parsed = Number(v);
    if (!Number.isInteger(parsed) || parsed < 0) throw new Error(`${name} moet een geheel getal ≥ 0 zijn (0 zet de grens uit)`);
    return parsed;
  };
  return {
    bericht: [
      { max: n('PLEIN_LIMIT_POSTS_PER_MINUTE', 10), windowMs: 60_000 },
      { max: n('PLEIN_LIMIT_POSTS_PER_DAY', 200), windowMs: 86_400_000 },
    ],
    reactie: [{ max: n('PLEIN_LIMIT_COMMENTS_PER_MINUTE', 30), windowMs: 60_000 }],
    // Each proposal is a branch (and on GitHub a pull request) someone has to review.
    voorstel: [{ max: n('PLEIN_LIMIT_PROPOSALS_PER_HOUR', 10), windowMs: 3_600_000 }],
    // Edits, deletions and hiding: each is a commit too, so a stolen session cannot flood the repository.
    aanpassing: [{ max: n('PLEIN_LIMIT_CHANGES_PER_MINUTE', 30), windowMs: 60_000 }],
    // Waarderingen cost a row, not a commit: room for clicking along a whole timeline, not for a script.
    waardering: [{ max: n('PLEIN_LIMIT_APPRECIATIONS_PER_MINUTE', 120), windowMs: 60_000 }],
    // Signing up and cancelling: a handful per event, so a script going round cannot churn a waiting list.
    aanmelding: [{ max: n('PLEIN_LIMIT_SIGNUPS_PER_MINUTE', 20), windowMs: 60_000 }],
    // Votes in polls: changing one's mind a few times, not a script flipping a result.
    stem: [{ max: n('PLEIN_LIMIT_VOTES_PER_MINUTE', 30), windowMs: 60_000 }],
    // Search terms and clicks counted for the dashboard: a colleague searching busily, not a script filling the table.
    zoekterm: [{ max: n('PLEIN_LIMIT_SEARCH_COUNTS_PER_MINUTE', 30), windowMs: 60_000 }],
  };
}

/** What a colleague is told per kind of action when a window is full. */
const TOO_OFTEN: Record<string, string> = {
  bericht: 'Je plaatst nu even te veel berichten.',
  reactie: 'Je plaatst nu even te veel reacties.',
  voorstel: 'Je stelt nu even te veel wijzigingen voor.',
  aanpassing: 'Je bewerkt, verwijdert of verbergt nu even te veel.',
  waardering: 'Je geeft nu even te veel waarderingen.',
  aanmelding: 'Je meldt je nu even te vaak aan of af.',
  stem: 'Je stemt nu even te vaak.',
  zoekterm: 'Je zoekt nu even te vaak.',
};

/** Counts actions for the limiter: whether one more fits every rule, and if not, how long until it does. */
export interface LimitCounter {
  /** Records one action of `kind` by `personId` unless a rule is full; gives the seconds to wait when one is. */
  take(personId: string, kind: string, rules: Limit[], now: number): Promise<{ retryAfterSeconds?: number }>;
}

/** Sliding windows in this process (tests, tools, a single server without a state store). */
export function createMemoryCounter(): LimitCounter {
  const hits = new Map<string, number[]>();
  return {
    async take(personId, kind, rules, t) {
      const key = `${kind}\u0000${personId}`;
      const longest = Math.max(...rules.map((r) => r.windowMs));
      const list = (hits.get(key) ?? []).filter((at) => t - at < longest);
      hits.set(key, list);
      for (const rule of rules) {
        const inWindow = list.filter((at) => t - at < rule.windowMs);
        if (inWindow.length >= rule.max) return { retryAfterSeconds: Math.max(1, Math.ceil((inWindow[0] + rule.windowMs - t) / 1000)) };
      }
      list.push(t);
      return {};
    },
  };
}

/** What the state store's counters offer (functions/state/rate-limits.ts): one counted hit per window, across servers. */
export interface SharedHits {
  hit(person: string, action: string, windowMs: number, now?: number): Promise<number>;
}

/** Fixed windows in the shared state store, so a limit holds across servers and restarts (each attempt counts). */
export function createSharedCounter(hits: SharedHits): LimitCounter {
  return {
    async take(personId, kind, rules, t) {
      let wait = 0;
      // All rules at once, so their hits share a group commit.
      const counts = await Promise.all(rules.map((rule) => hits.hit(personId, `${kind}/${rule.windowMs}`, rule.windowMs, t)));
      rules.forEach((rule, i) => {
        const windowEnd = Math.floor(t / rule.windowMs) * rule.windowMs + rule.windowMs;
        if (counts[i] > rule.max) wait = Math.max(wait, Math.ceil((windowEnd - t) / 1000));
      });
      return wait ? { retryAfterSeconds: Math.max(1, wait) } : {};
    },
  };
}

/** A per-person limiter over `counter` (default: this process's sliding windows); 429 with Retry-After past a limit. */
export function createRateLimiter(limits: Limits, now: () => number = Date.now, counter: LimitCounter = createMemoryCounter()) {
  return {
    /** Records one action, or throws 429 with Retry-After (seconds) when a window is full. */
    async take(personId: string, kind: string): Promise<void> {
      const rules = (limits[kind] ?? []).filter((r) => r.max > 0);
      if (!rules.length) return;
      const { retryAfterSeconds: retry } = await counter.take(personId, kind, rules, now());
      if (retry === undefined) return;
      const what = TOO_OFTEN[kind] ?? 'Je doet dit nu even te vaak.';
      throw new ApiError(429, 'te_vaak', `${what} Probeer het over ${retry} seconden opnieuw.`, { 'Retry-After': String(retry) });
    },
  };
}
