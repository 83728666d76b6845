// Retention in the state store (issue 19): rows past their term go — the moderation log and decided reports, the
// reach figures, search terms, notifications, read confirmations, private-group posts and comments (with their photos) — and the
// rows about posts and comments the retention removed from git (waarderingen, poll votes, follows, reports), so no
// row points at an item that no longer exists (removedItemRules; the erasure of a post or colleague uses the same). The same rules count (dry run) or delete, on all three engines.
import type { Kysely } from 'kysely';
import { getLocalDay } from '../../src/lib/weeks.ts';
import type { RetentionTerms } from '../../src/schemas/settings.ts';
import { retentionStart } from '../reach/routes.ts';
import type { Database } from '../state/schema.ts';
import { chunk } from '../state/outbox.ts';
import type { ContentRemoval } from './content.ts';
import { monthsBefore } from './terms.ts';

/** One table's rows to go: `where` narrows a select or delete of it. */
interface Rule {
  /** A name for the report (table, and which rows when a table has several rules). */
  name: string;
  table: keyof Database;
  where: (q: any) => any;
}

/** D1 binds at most 100 parameters per statement. */
const IDS_PER_STATEMENT = 90;

/** The rules for the rows past their term at `now`, and for the rows about the removed items. */
export function stateRules(terms: RetentionTerms, now: Date, removed: Pick<ContentRemoval, 'posts' | 'comments'> = { posts: [], comments: [] }): Rule[] {
  const log = monthsBefore(now, terms.moderatielog);
  const reachStart = retentionStart(getLocalDay(now), terms.bereik);
  const searchStart = retentionStart(getLocalDay(now), terms.zoektermen);
  const notes = monthsBefore(now, terms.meldingen);
  const read = monthsBefore(now, terms.gelezen);
  const groupPosts = monthsBefore(now, terms.groepsberichten);
  const comments = monthsBefore(now, terms.reacties);
  const rules: Rule[] = [
    { name: 'moderation_log', table: 'moderation_log', where: (q) => q.where('at', '<', log) },
    { name: 'reports (afgehandeld)', table: 'reports', where: (q) => q.where('outcome', 'is not', null).where('decided_at', '<', log) },
    { name: 'reach_daily', table: 'reach_daily', where: (q) => q.where('day', '<', reachStart) },
    { name: 'reach_item_daily', table: 'reach_item_daily', where: (q) => q.where('day', '<', reachStart) },
    { name: 'reach_department_daily', table: 'reach_department_daily', where: (q) => q.where('day', '<', reachStart) },
    { name: 'reach_weekly', table: 'reach_weekly', where: (q) => q.where('week', '<', reachStart) },
    { name: 'search_terms', table: 'search_terms', where: (q) => q.where('week', '<', searchStart) },
    { name: 'search_clicks', table: 'search_clicks', where: (q) => q.where('week', '<', searchStart) },
    { name: 'notifications', table: 'notifications', where: (q) => q.where('created_at', '<', notes) },
    { name: 'read_confirmations', table: 'read_confirmations', where: (q) => q.where('confirmed_at', '<', read) },
    // A private post's comments and photos go with it (first: they find it by its id).
    { name: 'private_comments (onder oud bericht)', table: 'private_comments', where: (q) => q.where('post_id', 'in', (s: any) => s.selectFrom('private_posts').select('id').where('created_at', '<', groupPosts)) },
    { name: 'private_photos', table: 'private_photos', where: (q) => q.where('post_id', 'in', (s: any) => s.selectFrom('private_posts').select('id').where('created_at', '<', groupPosts)) },
    { name: 'private_posts', table: 'private_posts', where: (q) => q.where('created_at', '<', groupPosts) },
    { name: 'private_comments', table: 'private_comments', where: (q) => q.where('created_at', '<', comments) },
  ];
  rules.push(...removedItemRules(removed));
  return rules;
}

/**
 * The rows about posts and comments that no longer exist (removed by the retention or erased on request): their
 * waarderingen, poll votes, follows, reports and the notifications that quote them, so no row points at an item that is
 * gone and none keeps its words.
 */
export function removedItemRules(removed: Pick<ContentRemoval, 'posts' | 'comments'>): Rule[] {
  const rules: Rule[] = [];
  for (const ids of chunk(removed.posts, IDS_PER_STATEMENT)) {
    rules.push(
      { name: 'appreciations', table: 'appreciations', where: (q) => q.where('target_type', '=', 'bericht').where('target_id', 'in', ids) },
      { name: 'poll_votes', table: 'poll_votes', where: (q) => q.where('post_id', 'in', ids) },
      { name: 'follows', table: 'follows', where: (q) => q.where('target_type', '=', 'bericht').where('target_id', 'in', ids) },
      { name: 'reports', table: 'reports', where: (q) => q.where('target_type', '=', 'bericht').where('target_id', 'in', ids) },
      // Notifications about the post quote its first words (and its comments' words: they name the post as target).
      { name: 'notifications', table: 'notifications', where: (q) => q.where('target_type', '=', 'bericht').where('target_id', 'in', ids) },
    );
  }
  for (const ids of chunk(removed.comments, IDS_PER_STATEMENT)) {
    rules.push(
      { name: 'appreciations', table: 'appreciations', where: (q) => q.where('target_type', '=', 'reactie').where('target_id', 'in', ids) },
      { name: 'reports', table: 'reports', where: (q) => q.where('target_type', '=', 'reactie').where('target_id', 'in', ids) },
    );
  }
  // A comment under a knowledge page or news is told by its source (the target is the page, which stays).
  for (const ids of chunk(removed.comments, IDS_PER_STATEMENT / 2)) {
    const sources = ids.flatMap((id) => [`nieuw:reactie:${id}`, `verborgen:reactie:${id}`]);
    rules.push({ name: 'notifications', table: 'notifications', where: (q) => q.where('source', 'in', sources) });
  }
  return rules;
}

/** Counts (dryRun) or deletes the rows of the rules; gives the rows per rule name. */
export async function pruneState(db: Kysely<Database>, rules: Rule[], dryRun: boolean): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  const any = db as unknown as Kysely<any>;
  for (const rule of rules) {
    const n = dryRun
      ? Number((await rule.where(any.selectFrom(rule.table).select((e) => e.fn.countAll().as('n'))).executeTakeFirst())?.n ?? 0)
      : Number((await rule.where(any.deleteFrom(rule.table)).executeTakeFirst())?.numDeletedRows ?? 0);
    counts[rule.name] = (counts[rule.name] ?? 0) + n;
  }
  return counts;
}
