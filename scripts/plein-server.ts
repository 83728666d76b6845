// The embedded Plein server in one call: identity, the local git store, the API, the built site and
// background rebuilds. Used by `npm start`, the posting e2e tests and bench:posts.
import type { Server } from 'node:http';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadPeopleDirectory } from '../functions/auth/people-directory.ts';
import { createIdentity } from '../functions/auth/session.ts';
import type { PleinEnv } from '../functions/env.ts';
import { createPleinApi } from '../functions/plein-api.ts';
import { createLocalGitStore } from '../functions/store/local-git-store.ts';
import { createLocalProposals } from '../functions/store/local-proposals.ts';
import type { ContentStore, ProposalStore } from '../functions/store/types.ts';
import { getSiteCsp } from '../functions/lib/security-headers.ts';
import { createRateLimiter, readLimits } from '../functions/lib/rate-limit.ts';
import { readSiteSettings } from '../src/lib/site-settings.ts';
import { createRebuilder } from './lib/rebuilder.ts';
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
  const store = options.store ?? createLocalGitStore({ repoDir: options.repoDir, onCommit: () => options.rebuild !== false && rebuilder.schedule() });
  const limiter = createRateLimiter(readLimits({ ...process.env, ...env }));
  // With another store and no proposal store, proposals answer 503 rather than branch a repository nobody reviews.
  const proposals = options.proposals ?? (options.store ? undefined : createLocalProposals({ repoDir: options.repoDir }));
  const api = createPleinApi({ store, proposals, people, identity, identify: (r) => identity.identify(r), limiter });
  const siteCsp = getSiteCsp({ giscus: readSiteSettings(contentDir)?.comments === 'giscus' });
  const server: Server = await startServer({ distDir: rebuilder.current, port: options.port, host: options.host, api, identity, siteCsp });
  return { server, store, rebuilder, identity };
}

/**
 * A fresh folder for a copy of the repository, inside this project's .plein/ (ignored by git): a content
 * repository outside the project cannot resolve the packages its MDX pages need during a rebuild.
 */
export function tempRepoDir(name: string): string {
  const parent = resolve(import.meta.dirname, '..', '.plein', 'tmp');
  mkdirSync(parent, { recursive: true });
  return mkdtempSync(join(parent, `${name}-`));
}
