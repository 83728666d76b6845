// Child-process entry of `npm run bench:github`: one Plein server in a Node process of its own, as production runs
// one process per server. The GitHub store acknowledges from the state store's outbox and talks to the stand-in with
// the production pacing (its own client, its own limits). Settings come as JSON in PLEIN_BENCH_SERVER; once it
// listens it sends { ready: port } over IPC, then answers the bench's requests ({ id, op }): 'flush' (commit what is
// pending, if this server holds the flusher lock), 'pending' (rows the shared outbox still holds), 'loop-reset' and
// 'loop-delay' (this process's event-loop delay since the reset: p99 and max, in ms), 'stop-listening' (take no new
// connections) and 'close' (stop the store's background work, close the state store, exit).
import type { AddressInfo } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { startPleinServer } from '../../functions/hosts/node/plein-server.ts';
import { openStateStore } from '../../functions/state/open.ts';
import { createGithubStore } from '../../functions/store/github/github-store.ts';

/** What the bench hands the child. */
export interface BenchServerSettings {
  root: string;
  dist: string;
  standin: { owner: string; repo: string; branch: string; baseUrl: string };
  token: string;
  /** The state store's environment (PLEIN_DATABASE_URL or PLEIN_STATE_DIR, PLEIN_DATABASE_POOL_MAX). */
  stateEnv: Record<string, string>;
  /** The server's environment (session secret shared by all, limits off). */
  env: Record<string, string>;
}

/** A request from the bench, and the child's messages back. */
export type BenchServerRequest = { id: number; op: 'flush' | 'pending' | 'loop-reset' | 'loop-delay' | 'stop-listening' | 'close' };
/** What 'loop-delay' answers. */
export interface LoopDelay {
  p99Ms: number;
  maxMs: number;
}
export type BenchServerValue = number | LoopDelay | null;
export type BenchServerMessage = { ready: number } | { warn: string } | { id: number; ok: true; value: BenchServerValue } | { id: number; ok: false; error: string };

const settings = JSON.parse(process.env.PLEIN_BENCH_SERVER ?? 'null') as BenchServerSettings | null;
if (!settings || !process.send) {
  console.error('bench-server: start mij met fork() en PLEIN_BENCH_SERVER (JSON met root, dist, standin, token, stateEnv en env).');
  process.exit(2);
}
const send = (m: BenchServerMessage) => process.send!(m);

const state = await openStateStore(settings.stateEnv);
const { standin, token } = settings;
const store = createGithubStore({
  config: { owner: standin.owner, repo: standin.repo, branch: standin.branch, baseUrl: standin.baseUrl, auth: { token } },
  state,
  tuning: { warn: (m) => send({ warn: m }) },
});
await store.ready();
const { server } = await startPleinServer({ repoDir: settings.root, distDir: settings.dist, port: 0, host: '127.0.0.1', rebuild: false, store, state, env: settings.env });

const loop = monitorEventLoopDelay({ resolution: 10 });
loop.enable();
const ms = (ns: number) => Math.round(ns / 1e5) / 10;

async function close() {
  server.close();
  await store.close();
  await state.close();
}

process.on('message', async (req: BenchServerRequest) => {
  try {
    let value: BenchServerValue = null;
    if (req.op === 'flush') await store.flush();
    else if (req.op === 'pending') value = (await state.outbox.pending(100_000)).length;
    else if (req.op === 'loop-reset') loop.reset();
    else if (req.op === 'loop-delay') value = { p99Ms: ms(loop.percentile(99)), maxMs: ms(loop.max) };
    else if (req.op === 'stop-listening') server.close();
    else if (req.op === 'close') await close();
    send({ id: req.id, ok: true, value });
    // After the answer: exit once the IPC message is out (disconnect flushes it), which also writes a --cpu-prof.
    if (req.op === 'close') process.disconnect();
  } catch (err) {
    send({ id: req.id, ok: false, error: String((err as Error)?.message ?? err) });
  }
});
// The bench that started this server is gone (it ended, or was interrupted or killed): stop too.
process.on('disconnect', () => process.exit(0));
send({ ready: (server.address() as AddressInfo).port });
