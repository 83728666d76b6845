// Several Plein servers in one process for `npm run bench:github -- --instances N --state postgres`: each with its own
// state store connection (so each is its own flusher candidate), its own GitHub store and client on the stand-in (the
// production pacing, each its own), its own port; all on one database. PostgreSQL comes from PLEIN_DATABASE_URL or a
// throwaway cluster (tests/support/postgres.ts), stopped at the end; SQLite is one fresh folder in .plein/.
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { startPleinServer } from '../../functions/hosts/node/plein-server.ts';
import { openStateStore } from '../../functions/state/open.ts';
import type { StateStore } from '../../functions/state/store.ts';
import { createGithubStore, type GithubStore } from '../../functions/store/github/github-store.ts';
import { startTestPostgres } from '../../tests/support/postgres.ts';

/** Where the bench's state lives, and how to remove it afterwards. */
export interface BenchState {
  kind: 'sqlite' | 'postgres';
  env: Record<string, string>;
  /** What the report calls it. */
  label: string;
  remove(): Promise<void>;
}

/** The shared state store's environment: PostgreSQL (PLEIN_DATABASE_URL, or a throwaway cluster) or a fresh SQLite folder. */
export async function prepareBenchState(kind: string, root: string): Promise<BenchState> {
  if (kind === 'postgres') {
    const pool: Record<string, string> = process.env.PLEIN_DATABASE_POOL_MAX ? { PLEIN_DATABASE_POOL_MAX: process.env.PLEIN_DATABASE_POOL_MAX } : {};
    const given = process.env.PLEIN_DATABASE_URL;
    if (given) return { kind, env: { PLEIN_DATABASE_URL: given, ...pool }, label: 'PostgreSQL (PLEIN_DATABASE_URL)', remove: async () => {} };
    const pg = await startTestPostgres();
    return { kind, env: { PLEIN_DATABASE_URL: pg.url, ...pool }, label: 'PostgreSQL (tijdelijk cluster)', remove: () => pg.stop() };
  }
  if (kind !== 'sqlite') throw new Error(`--state kent ${JSON.stringify(kind)} niet; kies sqlite of postgres`);
  mkdirSync(join(root, '.plein'), { recursive: true });
  const dir = mkdtempSync(join(root, '.plein', 'bench-github-state-'));
  return { kind, env: { PLEIN_STATE_DIR: dir }, label: 'SQLite', remove: async () => rmSync(dir, { recursive: true, force: true }) };
}

/** One running bench server. */
export interface BenchInstance {
  base: string;
  store: GithubStore;
  state: StateStore;
  close(): void;
}

/** Starts `n` servers on the stand-in with the production pacing, each with its own state store connection. */
export async function startBenchInstances(
  n: number,
  options: { root: string; dist: string; standin: { owner: string; repo: string; branch: string; baseUrl: string }; token: string; state: BenchState; warn: (m: string) => void },
): Promise<BenchInstance[]> {
  const { standin, token } = options;
  // One session secret for all, as servers behind one load balancer have: a cookie from one is valid on the others.
  const env = { PLEIN_SESSION_SECRET: randomBytes(36).toString('base64'), PLEIN_SITE_URL: 'http://127.0.0.1', PLEIN_LIMIT_POSTS_PER_MINUTE: '0', PLEIN_LIMIT_POSTS_PER_DAY: '0' };
  const instances: BenchInstance[] = [];
  for (let i = 0; i < n; i++) {
    const state = await openStateStore(options.state.env);
    const store = createGithubStore({
      config: { owner: standin.owner, repo: standin.repo, branch: standin.branch, baseUrl: standin.baseUrl, auth: { token } },
      state,
      tuning: { warn: options.warn },
    });
    await store.ready();
    const { server } = await startPleinServer({ repoDir: options.root, distDir: options.dist, port: 0, host: '127.0.0.1', rebuild: false, store, state, env });
    instances.push({ base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, store, state, close: () => server.close() });
  }
  return instances;
}

/** Flushes until the shared outbox holds nothing pending (whichever instance holds the lock commits); gives what is left. */
export async function drainInstances(instances: BenchInstance[], ms = 300_000): Promise<number> {
  const until = Date.now() + ms;
  for (;;) {
    await Promise.all(instances.map((i) => i.store.flush()));
    const left = (await instances[0].state.outbox.pending(100_000)).length;
    if (!left || Date.now() > until) return left;
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Stops the servers' background work and closes their state store connections. */
export async function closeInstances(instances: BenchInstance[]): Promise<void> {
  for (const i of instances) await i.store.close();
  for (const i of instances) await i.state.close();
}
