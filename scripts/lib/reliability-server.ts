// Child-process entry of `npm run test:reliability`: the real Node server (startPleinServer) over a given
// repository, with the local git store or the GitHub store pointed at the stand-in, so the test can
// SIGKILL it mid-load and start it again. Settings come as JSON in PLEIN_RELIABILITY; prints
// "klaar <port>" once it listens.
import type { AddressInfo } from 'node:net';
import { openServerState, startPleinServer } from '../../functions/hosts/node/plein-server.ts';
import { createGithubStore } from '../../functions/store/github/github-store.ts';
import type { ContentStore } from '../../functions/store/types.ts';

/** What the test hands the child. */
export interface ReliabilityServerSettings {
  repoDir: string;
  distDir: string;
  port: number;
  /** The GitHub stand-in to write to instead of the local repository. */
  github?: { baseUrl: string; owner: string; repo: string; branch: string; token: string; outbox?: boolean };
  /** The state store's folder (SQLite; default .plein/state in repoDir) unless PLEIN_DATABASE_URL is set. */
  stateDir?: string;
  /** Posts per person per minute (PLEIN_LIMIT_POSTS_PER_MINUTE); default 0, no limit, so the load is never refused. */
  limitPostsPerMinute?: number;
}

const settings = JSON.parse(process.env.PLEIN_RELIABILITY ?? 'null') as ReliabilityServerSettings | null;
if (!settings) {
  console.error('reliability-server: PLEIN_RELIABILITY ontbreekt (JSON met repoDir, distDir en port).');
  process.exit(2);
}

const env = { ...process.env, ...(settings.stateDir ? { PLEIN_STATE_DIR: settings.stateDir } : {}) };
const state = await openServerState(env, settings.repoDir);
let store: ContentStore | undefined;
if (settings.github) {
  const { baseUrl, owner, repo, branch, token, outbox } = settings.github;
  // Fast tuning, as the store's own tests use: the stand-in asks for no pacing.
  store = createGithubStore({
    config: { owner, repo, branch, baseUrl, auth: { token } },
    tuning: { minWriteIntervalMs: 0, retryAfterBaseMs: 20, warn: () => {} },
    batchWindowMs: 20,
    headTtlMs: 100,
    conflictBackoffMs: 5,
    // The outbox (Node server mode): acknowledged once in the state store, committed by a background flusher.
    ...(outbox ? { state, retryBaseMs: 100 } : {}),
  });
}

const { server } = await startPleinServer({
  repoDir: settings.repoDir,
  distDir: settings.distDir,
  port: settings.port,
  host: '127.0.0.1',
  rebuild: false,
  store,
  state,
  env: { ...env, PLEIN_SITE_URL: `http://127.0.0.1:${settings.port}`, PLEIN_LIMIT_POSTS_PER_MINUTE: String(settings.limitPostsPerMinute ?? 0), PLEIN_LIMIT_POSTS_PER_DAY: '0', PLEIN_LIMIT_COMMENTS_PER_MINUTE: '0' },
});
// The test that started this server is gone (it ended, or was interrupted or killed): stop too.
process.on('disconnect', () => process.exit(0));
console.log(`klaar ${(server.address() as AddressInfo).port}`);
