// The embedded Plein server in one call: the state store (SQLite in .plein/state, or PostgreSQL with
// PLEIN_DATABASE_URL), identity, the content store (local git, or GitHub when PLEIN_GITHUB_* is set; both
// acknowledge from the state store's outbox and commit in the background), the API, the built site and background rebuilds. Used by `npm start`, the posting e2e
// tests and the benchmarks.
import type { Server } from 'node:http';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadReloadablePeople } from '../../auth/people-directory.ts';
import { withLocalFallback } from '../../auth/session-cookie.ts';
import { createIdentity } from '../../auth/session.ts';
import type { PleinEnv } from '../../env.ts';
import { createNodeApi } from './api.ts';
import { createGithubClient, readStoreChoice, type GithubConfig } from '../../store/github/github-config.ts';
import { createGithubProposals } from '../../store/github/github-proposals.ts';
import { createGithubStore } from '../../store/github/github-store.ts';
import { createLocalGitStore } from '../../store/local-git-store.ts';
import { createLocalProposals } from '../../store/local-proposals.ts';
import type { ContentStore, ProposalStore } from '../../store/types.ts';
import { getSiteCsp } from '../../lib/security-headers.ts';
import { removeStaleFolders } from '../../lib/stale-folders.ts';
import { createRateLimiter, createSharedCounter, readLimits } from '../../lib/rate-limit.ts';
import { DEFAULT_STATE_DIR } from '../../state/config.ts';
import { openStateStore } from '../../state/open.ts';
import type { StateStore } from '../../state/store.ts';
import { readSiteSettings } from '../../../src/lib/site-settings.ts';
import { watchHead } from './head-watch.ts';
import { startPublishTimer } from './publish-timer.ts';
import { createRebuilder } from './rebuilder.ts';
import { startFanout } from '../../notifications/worker.ts';
import { startMail } from '../../notifications/mail-worker.ts';
import { createPublishedCheck } from '../../notifications/published.ts';
import { startPush } from '../../notifications/push-worker.ts';
import { pushRoutesConfig } from '../../notifications/push-config.ts';
import { createContentPaths } from '../../content/paths.ts';
import { createNewsCatalog } from '../../must-read/catalog.ts';
import { loadNewsFromDisk } from '../../must-read/catalog-disk.ts';
import { stateErasure } from '../../privacy/erase-state.ts';
import { loadDigestContent } from '../../notifications/digest-content.ts';
import { startNudges } from '../../nudges/scheduler.ts';
import { startRetention } from '../../retention/run.ts';
import { startServer } from './server.ts';

/** Where the server finds things. */
export interface PleinServerOptions {
  /** The content repository (a git working tree). */
  repoDir: string;
  /** The content folder inside it (default "content"). */
  contentDir?: string;
  /** The first build to serve. */
  distDir: string;
  port: number;
  host?: string;
  env?: PleinEnv;
  /** Rebuild the site after commits (default true). */
  rebuild?: boolean;
  /** Quiet time before a rebuild. */
  debounceMs?: number;
  /** Niceness of the rebuild (default 10: below the server, see rebuilder.ts; 0: the server's own). */
  rebuildNice?: number;
  /** Another store (e.g. the GitHub store) instead of the local git repository. */
  store?: ContentStore;
  /** An open state store (default: opened from `env`, see openServerState). */
  state?: StateStore;
  /** Where suggested edits go (with `store`: e.g. createGithubProposals); default: branches in repoDir's repository. */
  proposals?: ProposalStore;
  /** Run the notification fan-out (default true; the notification benchmark compares posting without it). */
  fanout?: boolean;
  /** Apply the retention terms daily (default true; see functions/retention/run.ts). */
  retention?: boolean;
}

/**
 * The state store from the environment: PostgreSQL with PLEIN_DATABASE_URL, else SQLite in PLEIN_STATE_DIR
 * (relative to the repository; default .plein/state/). Migrated at open; refuses a database newer than this code.
 */
export function openServerState(env: PleinEnv, repoDir: string): Promise<StateStore> {
  const dir = env.PLEIN_STATE_DIR === undefined ? DEFAULT_STATE_DIR : env.PLEIN_STATE_DIR;
  return openStateStore({ ...env, PLEIN_STATE_DIR: dir.trim() ? resolve(repoDir, dir) : dir }, { sqliteThread: true });
}

const HOUR = 60 * 60 * 1000;

/** Removes what the state store no longer needs, hourly: expired revocations, counters and answers, old committed outbox rows the fan-out has read. */
export function schedulePruning(state: StateStore, warn = (m: string) => console.warn(m)): () => void {
  const prune = () =>
    Promise.all([state.revocations.prune(), state.rateLimits.prune(Date.now() - 2 * 24 * HOUR), state.idempotency.prune(), state.notifications.cursor('meldingen').then((c) => state.outbox.pruneCommitted(Date.now() - 24 * HOUR, c?.seq ?? 0))]).catch((err: Error) =>
      warn(`Plein: opruimen van de statusopslag mislukt: ${err.message}`),
    );
  const timer = setInterval(prune, HOUR);
  timer.unref();
  void prune();
  return () => clearInterval(timer);
}

/**
 * The GitHub store for the Node server, acknowledged from the state store's outbox and committed in the
 * background by one flusher over all servers, plus suggested edits as pull requests; one client, so both share the
 * pacing of content-creating requests. Resolves once the pending rows are read.
 */
export async function openGithubStore(config: GithubConfig, state: StateStore) {
  const client = createGithubClient(config);
  const store = createGithubStore({ config, client, state });
  await store.ready();
  return { store, proposals: createGithubProposals({ config, client }) };
}

/** Starts the server; resolves with it, the store and the rebuilder. */
export async function startPleinServer(options: PleinServerOptions) {
  const env = options.env ?? (process.env as PleinEnv);
  const contentDir = resolve(options.repoDir, options.contentDir ?? 'content');
  // Read again after each build the server switches to (new, changed and erased colleagues count without a restart).
  const people = loadReloadablePeople(contentDir);
  // The news the server knows (must-read: the banner, Gelezen, reminders), from the content folder; again after each build.
  // "Voor jou" also reads recent posts, the agenda and group names from it (at most once a minute).
  const news = createNewsCatalog(() => loadNewsFromDisk(contentDir), people, { recent: () => loadDigestContent(contentDir, Date.now() - 31 * 24 * 60 * 60 * 1000) });
  const state = options.state ?? (await openServerState(env, options.repoDir));
  const identity = createIdentity(env, people, { revocations: withLocalFallback(state.revocations) });
  // After each build it switches to (and for the build it starts with): changed followed pages, decided proposals, news.
  // On GitHub a proposal is also decided by closing its pull request there (asked once per check).
  const closedProposals = async (since: number) => (await proposals?.closedSince?.(since)) ?? [];
  const published = createPublishedCheck({ repoDir: options.repoDir, contentDir, people, notifications: state.notifications, closedProposals });
  const rebuilder = createRebuilder({
    buildsDir: join(options.repoDir, '.plein', 'builds'),
    initialDir: options.distDir,
    env: { ...process.env, ...env, PLEIN_CONTENT_DIR: contentDir },
    debounceMs: options.debounceMs,
    nice: options.rebuildNice,
    commitOf: published.headOf,
    onSwap: (_dir, build) => {
      builtCommit = build.commit ?? builtCommit;
      people.reload();
      news.reload();
      publishTimer?.reschedule();
      void published.after(build);
    },
  });
  const github = options.store ? undefined : readStoreChoice(env);
  // Posts on GitHub reach the site through GitHub's deploy; this server's rebuilds follow local commits only.
  const remote = github ? await openGithubStore(github, state) : undefined;
  const store =
    options.store ??
    remote?.store ??
    createLocalGitStore({ repoDir: options.repoDir, state, waitForCommit: false, onCommit: () => options.rebuild !== false && rebuilder.schedule() });
  await (store as { ready?: () => Promise<void> }).ready?.();
  // News with a publishDate or expiryDate changes the site at that moment: a rebuild then (this server builds from the
  // local repository; on GitHub the deploy workflow's schedule does it, see docs/deploy.md).
  // Commits made beside the server (npm run erase or retention, a git pull) are built too: the head is checked every minute.
  let builtCommit: string | undefined;
  const stopHeadWatch = !options.store && !remote && options.rebuild !== false ? watchHead({ headOf: published.headOf, built: () => builtCommit, busy: rebuilder.busy, schedule: () => rebuilder.schedule() }) : undefined;
  const publishTimer = !options.store && !remote && options.rebuild !== false ? startPublishTimer({ load: () => loadNewsFromDisk(contentDir), rebuild: () => rebuilder.schedule() }) : undefined;
  const limiter = createRateLimiter(readLimits({ ...process.env, ...env }), Date.now, createSharedCounter(state.rateLimits));
  // With another store and no proposal store, proposals answer 503 rather than branch a repository nobody reviews.
  const proposals = options.proposals ?? remote?.proposals ?? (options.store ? undefined : createLocalProposals({ repoDir: options.repoDir }));
  // Erasure by an editor (issue 19): the state store after the content change is committed (until then the outbox names them).
  const erasure = stateErasure(state, store as { flush?: () => Promise<unknown> });
  const api = createNodeApi({ store, proposals, people, identity, limiter, sharedAnswers: state.idempotency, state, news, push: pushRoutesConfig({ ...process.env, ...env }), ...erasure });
  const siteCsp = getSiteCsp({ giscus: readSiteSettings(contentDir)?.comments === 'giscus' });
  const server: Server = await startServer({ distDir: rebuilder.current, port: options.port, host: options.host, api, identity, siteCsp });
  // Where posts go, for the start-up message (never the credentials).
  const destination = remote && { repo: `${github!.owner}/${github!.repo}`, branch: github!.branch };
  const stopPruning = schedulePruning(state);
  const startedWith = Date.now();
  void published.headOf().then((commit) => {
    builtCommit ??= commit;
    return published.after({ commit, at: startedWith });
  });
  // Notifications are written in the background from what git has (never in the request that posts).
  const stopFanout = options.fanout === false ? async () => {} : startFanout(state, { store, people, paths: createContentPaths(options.contentDir) }, { contentDir, news });
  // Mail (immediate and the digest) when PLEIN_SMTP_URL and PLEIN_MAIL_FROM are set; otherwise said once and off.
  const stopMail = startMail(state, { people, contentDir, env: { ...process.env, ...env } });
  // Push when PLEIN_VAPID_PUBLIC_KEY and PLEIN_VAPID_PRIVATE_KEY are set; otherwise said once and off.
  const stopPush = startPush(state, { people, env: { ...process.env, ...env } });
  // The vraag van de week: posted at its time through the content store, by one server at a time.
  const stopNudges = startNudges(state, { store, people, paths: createContentPaths(options.contentDir) });
  // The bewaartermijn: posts, comments and state rows past their term go, daily, by one server at a time.
  const stopRetention = options.retention === false ? async () => {} : startRetention(state, { store, paths: createContentPaths(options.contentDir), env: { ...process.env, ...env } });
  /** Stops the background jobs and waits for a running step (before the state store closes); runs at the server's close. */
  const stopJobs = async () => {
    stopPruning();
    stopHeadWatch?.();
    publishTimer?.stop();
    rebuilder.stop();
    await Promise.all([stopFanout(), stopMail(), stopPush(), stopNudges(), stopRetention()]);
  };
  server.once('close', () => void stopJobs());
  return { server, store, state, rebuilder, identity, github: destination, stopJobs };
}

/** After this long a copy in .plein/tmp belongs to a run that is over (tests and benchmarks take minutes). */
export const TEMP_REPO_MAX_AGE_MS = 12 * 60 * 60 * 1000;

/**
 * A fresh folder for a copy of the repository, inside this project's .plein/ (ignored by git): a content
 * repository outside the project cannot resolve the packages its MDX pages need during a rebuild. The servers of the
 * tests and benchmarks that use these copies do not remove them (a stopped server may still be finishing a commit in
 * it), so copies older than TEMP_REPO_MAX_AGE_MS are removed here: each e2e run left ~15 copies of 12 MB.
 */
export function tempRepoDir(name: string, options: { parent?: string; now?: number } = {}): string {
  const parent = options.parent ?? resolve(import.meta.dirname, '..', '..', '..', '.plein', 'tmp');
  mkdirSync(parent, { recursive: true });
  removeStaleFolders(parent, TEMP_REPO_MAX_AGE_MS, { now: options.now });
  return mkdtempSync(join(parent, `${name}-`));
}
