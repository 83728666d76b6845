// The embedded Plein server in one call: identity, the store (local git, or GitHub with a journal when
// PLEIN_GITHUB_* is set), the API, the built site and background rebuilds. Used by `npm start`, the
// posting e2e tests and the benchmarks.
import type { Server } from 'node:http';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadPeopleDirectory } from '../../auth/people-directory.ts';
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
import { createRateLimiter, readLimits } from '../../lib/rate-limit.ts';
import { readSiteSettings } from '../../../src/lib/site-settings.ts';
import { createRebuilder } from './rebuilder.ts';
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
  /** Another store (e.g. the GitHub store) instead of the local git repository. */
  store?: ContentStore;
  /** Where suggested edits go (with `store`: e.g. createGithubProposals); default: branches in repoDir's repository. */
  proposals?: ProposalStore;
}

/**
 * The GitHub store for the Node server, acknowledged from a journal on local disk (PLEIN_JOURNAL_DIR,
 * default .plein/journal/ in the repository) and committed in the background, plus suggested edits as
 * pull requests; one client, so both share the pacing of content-creating requests. Resolves once
 * the journal is replayed.
 */
export async function openGithubStore(config: GithubConfig, repoDir: string, journalDir?: string) {
  const client = createGithubClient(config);
  const journalPath = resolve(repoDir, journalDir || join('.plein', 'journal'));
  const store = createGithubStore({ config, client, journalPath });
  await store.ready();
  return { store, proposals: createGithubProposals({ config, client }), journalPath };
}

/** Starts the server; resolves with it, the store and the rebuilder. */
export async function startPleinServer(options: PleinServerOptions) {
  const env = options.env ?? (process.env as PleinEnv);
  const contentDir = resolve(options.repoDir, options.contentDir ?? 'content');
  const people = loadPeopleDirectory(contentDir);
  const identity = createIdentity(env, people);
  const rebuilder = createRebuilder({
    buildsDir: join(options.repoDir, '.plein', 'builds'),
    initialDir: options.distDir,
    env: { ...process.env, ...env, PLEIN_CONTENT_DIR: contentDir },
    debounceMs: options.debounceMs,
  });
  const github = options.store ? undefined : readStoreChoice(env);
  // Posts on GitHub reach the site through GitHub's deploy; this server's rebuilds follow local commits only.
  const remote = github ? await openGithubStore(github, options.repoDir, env.PLEIN_JOURNAL_DIR) : undefined;
  const store = options.store ?? remote?.store ?? createLocalGitStore({ repoDir: options.repoDir, onCommit: () => options.rebuild !== false && rebuilder.schedule() });
  const limiter = createRateLimiter(readLimits({ ...process.env, ...env }));
  // With another store and no proposal store, proposals answer 503 rather than branch a repository nobody reviews.
  const proposals = options.proposals ?? remote?.proposals ?? (options.store ? undefined : createLocalProposals({ repoDir: options.repoDir }));
  const api = createNodeApi({ store, proposals, people, identity, limiter });
  const siteCsp = getSiteCsp({ giscus: readSiteSettings(contentDir)?.comments === 'giscus' });
  const server: Server = await startServer({ distDir: rebuilder.current, port: options.port, host: options.host, api, identity, siteCsp });
  // Where posts go, for the start-up message (never the credentials).
  const destination = remote && { repo: `${github!.owner}/${github!.repo}`, branch: github!.branch, journalPath: remote.journalPath };
  return { server, store, rebuilder, identity, github: destination };
}

/**
 * A fresh folder for a copy of the repository, inside this project's .plein/ (ignored by git): a content
 * repository outside the project cannot resolve the packages its MDX pages need during a rebuild.
 */
export function tempRepoDir(name: string): string {
  const parent = resolve(import.meta.dirname, '..', '..', '..', '.plein', 'tmp');
  mkdirSync(parent, { recursive: true });
  return mkdtempSync(join(parent, `${name}-`));
}
