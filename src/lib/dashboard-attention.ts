// What asks for the communication team's attention on /beheer/gebruik (issue 17, "de klad erin"): groups that went
// quiet and posts nobody answered. Public content only (groups and posts everyone can read), no colleague ranked.
import type { ActivityComment, ActivityPost } from './dashboard-activity.ts';

/** A group without a post for this long has gone quiet. */
export const QUIET_DAYS = 21;
const DAY_MS = 86_400_000;

/** A group and when it last had a visible post (undefined: never). */
export interface QuietGroup {
  id: string;
  lastPost?: Date;
}

/** The groups (ids) without a visible post in the QUIET_DAYS before `now`: longest quiet first, never-posted first of all. */
export function findQuietGroups(groups: string[], posts: ActivityPost[], now: Date): QuietGroup[] {
  const last = new Map<string, Date>();
  for (const p of posts) {
    if (p.hidden || !p.group || p.created > now) continue;
    const seen = last.get(p.group);
    if (!seen || p.created > seen) last.set(p.group, p.created);
  }
  const since = now.getTime() - QUIET_DAYS * DAY_MS;
  return groups
    .map((id) => ({ id, lastPost: last.get(id) }))
    .filter((g) => !g.lastPost || g.lastPost.getTime() < since)
    .sort((a, b) => (a.lastPost?.getTime() ?? -Infinity) - (b.lastPost?.getTime() ?? -Infinity) || a.id.localeCompare(b.id));
}

/** The visible posts of the `days` before `now` without a visible comment, newest first, at most `limit`. */
export function findUnansweredPosts(posts: ActivityPost[], comments: ActivityComment[], now: Date, days: number, limit = 10): ActivityPost[] {
  const answered = new Set(comments.filter((c) => !c.hidden).map((c) => c.target));
  const since = now.getTime() - days * DAY_MS;
  return posts
    .filter((p) => !p.hidden && p.created.getTime() >= since && p.created <= now && !answered.has(`bericht:${p.id}`))
    .sort((a, b) => b.created.getTime() - a.created.getTime() || a.id.localeCompare(b.id))
    .slice(0, limit);
}

/** How many unanswered posts the dashboard shows. */
export const UNANSWERED_SHOWN = 10;
/** How many unanswered posts (newest first) are candidates for ranking by waarderingen: one counts request. */
export const UNANSWERED_CANDIDATES = 50;

/**
 * The unanswered posts most appreciated first (the sum of every kind of waardering, from GET /api/waarderingen keyed
 * `bericht:<id>`); equal sums keep the order given (newest first). At most `limit`.
 */
export function rankByAppreciations<T extends { id: string }>(posts: T[], counts: Record<string, Record<string, number>>, limit = UNANSWERED_SHOWN): (T & { appreciations: number })[] {
  const total = (id: string) => Object.values(counts[`bericht:${id}`] ?? {}).reduce((s, n) => s + n, 0);
  return posts
    .map((p, order) => ({ ...p, appreciations: total(p.id), order }))
    .sort((a, b) => b.appreciations - a.appreciations || a.order - b.order)
    .slice(0, limit)
    .map(({ order: _, ...p }) => p as T & { appreciations: number });
}
