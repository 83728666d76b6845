// The retention job (issue 19): reads the terms from the site settings, removes the posts and comments past their
// term from the content repository in one commit, then prunes the state store. On the Node server it runs daily on
// one server at a time (lock 'bewaartermijn'); `npm run retention [-- --dry-run]` runs it once for cron or CI.
import { randomUUID } from 'node:crypto';
import type { RetentionTerms } from '../../src/schemas/settings.ts';
import type { ContentPaths } from '../content/paths.ts';
import { startLockedLoop } from '../notifications/locked-loop.ts';
import type { StateStore } from '../state/store.ts';
import type { ContentStore } from '../store/types.ts';
import { applyContentRetention, planContentRetention, type ContentRemoval } from './content.ts';
import { pruneState, stateRules } from './state.ts';
import { readEffectiveTerms } from './effective-terms.ts';

/** How often the server runs the retention. */
export const RETENTION_PERIOD_MS = 24 * 60 * 60_000;

/** What the retention needs. */
export interface RetentionDeps {
  store: ContentStore;
  paths: ContentPaths;
  /** Without a state store only the content is handled. */
  state?: Pick<StateStore, 'db'>;
  env?: Record<string, string | undefined>;
  now: () => Date;
}

/** What one run did (or, dry, would do). */
export interface RetentionReport {
  terms: RetentionTerms;
  removal: ContentRemoval;
  /** The commit that removed the content; undefined on a dry run or when nothing was due. */
  commit?: string;
  /** State-store rows per table (and kind), deleted or (dry) due. */
  rows: Record<string, number>;
}

/** Runs the retention once; a dry run reads and counts but changes nothing. */
export async function runRetention(deps: RetentionDeps, options: { dryRun?: boolean } = {}): Promise<RetentionReport> {
  const now = deps.now();
  const terms = await readEffectiveTerms(deps.store, deps.paths.prefix, deps.env ?? {});
  const removal = await planContentRetention(deps.store, deps.paths, terms, now);
  // Content first: the rows about a removed item go only once its commit is durable.
  const commit = options.dryRun ? undefined : await applyContentRetention(deps.store, removal);
  const rows = deps.state ? await pruneState(deps.state.db, stateRules(terms, now, removal), options.dryRun === true) : {};
  return { terms, removal, commit, rows };
}

/** Runs the retention daily on one server at a time; gives the stop function. */
export function startRetention(state: StateStore, deps: Omit<RetentionDeps, 'state' | 'now'> & { now?: () => Date; periodMs?: number; warn?: (m: string) => void }): () => Promise<void> {
  const warn = deps.warn ?? ((m: string) => console.warn(m));
  const lock = state.flushLock('bewaartermijn', `bewaartermijn-${randomUUID()}`);
  const step = async () => void (await runRetention({ ...deps, state, now: deps.now ?? (() => new Date()) }));
  return startLockedLoop(lock, step, { periodMs: deps.periodMs ?? RETENTION_PERIOD_MS, onFailure: (err) => warn(`Plein: de bewaartermijn toepassen mislukt: ${err.message}`) });
}
