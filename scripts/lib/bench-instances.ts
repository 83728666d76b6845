// The Plein servers of `npm run bench:github [-- --instances N --state postgres]`, each a Node process of its own
// (scripts/lib/bench-server.ts, started with fork), as production runs one process per server: each has its own event
// loop, state store connection (so each is its own flusher candidate), GitHub store and client on the stand-in (the
// production pacing, each its own) and port; all on one database. The bench talks to them over IPC (flush, pending,
// stop listening, close). PostgreSQL comes from PLEIN_DATABASE_URL or a throwaway cluster (tests/support/postgres.ts),
// stopped at the end; SQLite is one fresh folder in .plein/.
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { startTestPostgres } from '../../tests/support/postgres.ts';
import type { BenchServerMessage, BenchServerRequest, BenchServerSettings, BenchServerValue, LoopDelay } from './bench-server.ts';

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

/** One running bench server (a child process). */
export interface BenchInstance {
  base: string;
  child: ChildProcess;
  /** Asks the child: 'flush', 'pending' (rows left in the shared outbox), 'loop-reset', 'stop-listening', 'close' (then it exits). */
  call(op: Exclude<BenchServerRequest['op'], 'loop-delay'>): Promise<number | null>;
  /** The child's event-loop delay since the last 'loop-reset'. */
  loopDelay(): Promise<LoopDelay>;
  /** What the child wrote on stdout and stderr, for a failure report. */
  output(): string;
}

/** Starts one server child; resolves once it listens. */
function startChild(settings: BenchServerSettings, execArgv: string[], warn: (m: string) => void, timeoutMs = 60_000): Promise<BenchInstance> {
  const child = fork(join(import.meta.dirname, 'bench-server.ts'), [], {
    env: { ...process.env, PLEIN_BENCH_SERVER: JSON.stringify(settings) },
    execArgv: [...process.execArgv, ...execArgv],
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const waiting = new Map<number, { resolve: (v: BenchServerValue) => void; reject: (e: Error) => void }>();
  let next = 0;
  const gone = () => {
    for (const w of waiting.values()) w.reject(new Error(`de benchserver stopte (code ${child.exitCode}):\n${output}`));
    waiting.clear();
  };
  child.once('exit', gone);
  const ask = (op: BenchServerRequest['op']) =>
    new Promise<BenchServerValue>((resolve, reject) => {
      if (!child.connected) return reject(new Error('de benchserver luistert niet meer'));
      const id = ++next;
      waiting.set(id, { resolve, reject });
      child.send({ id, op } satisfies BenchServerRequest);
    });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`de benchserver luisterde niet binnen ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`de benchserver stopte meteen (code ${code}):\n${output}`));
    });
    child.on('message', (m: BenchServerMessage) => {
      if ('ready' in m) {
        clearTimeout(timer);
        const call = (op: Exclude<BenchServerRequest['op'], 'loop-delay'>) => ask(op) as Promise<number | null>;
        resolve({ base: `http://127.0.0.1:${m.ready}`, child, call, loopDelay: () => ask('loop-delay') as Promise<LoopDelay>, output: () => output });
      } else if ('warn' in m) warn(m.warn);
      else {
        const w = waiting.get(m.id);
        waiting.delete(m.id);
        if (m.ok) w?.resolve(m.value);
        else w?.reject(new Error(m.error));
      }
    });
  });
}

/** Starts `n` server children on the stand-in with the production pacing; `execArgv` goes to each (e.g. --cpu-prof). */
export async function startBenchInstances(
  n: number,
  options: { root: string; dist: string; standin: { owner: string; repo: string; branch: string; baseUrl: string }; token: string; state: BenchState; warn: (m: string) => void; execArgv?: string[] },
  started: BenchInstance[] = [],
): Promise<BenchInstance[]> {
  const { standin, token } = options;
  // One session secret for all, as servers behind one load balancer have: a cookie from one is valid on the others.
  const env = { PLEIN_SESSION_SECRET: randomBytes(36).toString('base64'), PLEIN_SITE_URL: 'http://127.0.0.1', PLEIN_LIMIT_POSTS_PER_MINUTE: '0', PLEIN_LIMIT_POSTS_PER_DAY: '0' };
  const settings: BenchServerSettings = {
    root: options.root,
    dist: options.dist,
    standin: { owner: standin.owner, repo: standin.repo, branch: standin.branch, baseUrl: standin.baseUrl },
    token,
    stateEnv: options.state.env,
    env,
  };
  // One after the other: the first migrates the database, the rest find it ready. `started` collects them as they
  // come, so the caller can stop the ones that did start when a later one fails.
  for (let i = 0; i < n; i++) started.push(await startChild(settings, options.execArgv ?? [], options.warn));
  return started;
}

/** Flushes until the shared outbox holds nothing pending (whichever server holds the lock commits); gives what is left. */
export async function drainInstances(instances: BenchInstance[], ms = 300_000): Promise<number> {
  const until = Date.now() + ms;
  for (;;) {
    await Promise.all(instances.map((i) => i.call('flush')));
    const left = (await instances[0].call('pending')) ?? 0;
    if (!left || Date.now() > until) return left;
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Stops the servers' background work, closes their state store connections and waits for the children to exit. */
export async function closeInstances(instances: BenchInstance[]): Promise<void> {
  await Promise.all(
    instances.map(async ({ child, call }) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      await call('close').catch(() => child.kill('SIGKILL'));
      // A child that does not exit within ten seconds is killed.
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }),
  );
}
