// Per-person rate limits for writes: a sliding window per (person, kind), answered with 429 and Retry-After.
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
  };
}

/** What a colleague is told per kind of action when a window is full. */
const TOO_OFTEN: Record<string, string> = {
  bericht: 'Je plaatst nu even te veel berichten.',
  reactie: 'Je plaatst nu even te veel reacties.',
  voorstel: 'Je stelt nu even te veel wijzigingen voor.',
  aanpassing: 'Je bewerkt, verwijdert of verbergt nu even te veel.',
};

/** A limiter over in-memory sliding windows (one process; a cluster would need a shared store). */
export function createRateLimiter(limits: Limits, now: () => number = Date.now) {
  const hits = new Map<string, number[]>();
  return {
    /** Records one action, or throws 429 with Retry-After (seconds) when a window is full. */
    take(personId: string, kind: string): void {
      const rules = (limits[kind] ?? []).filter((r) => r.max > 0);
      if (!rules.length) return;
      const key = `${kind}\u0000${personId}`;
      const t = now();
      const longest = Math.max(...rules.map((r) => r.windowMs));
      const list = (hits.get(key) ?? []).filter((at) => t - at < longest);
      for (const rule of rules) {
        const inWindow = list.filter((at) => t - at < rule.windowMs);
        if (inWindow.length >= rule.max) {
          const retry = Math.max(1, Math.ceil((inWindow[0] + rule.windowMs - t) / 1000));
          hits.set(key, list);
          const what = TOO_OFTEN[kind] ?? 'Je doet dit nu even te vaak.';
          throw new ApiError(429, 'te_vaak', `${what} Probeer het over ${retry} seconden opnieuw.`, { 'Retry-After': String(retry) });
        }
      }
      list.push(t);
      hits.set(key, list);
    },
  };
}
