// `npm run bench:github [-- --seconds 30 --clients 50 --faults --instances 1 --state sqlite --cpu-prof --json]`:
// concurrent posters on loopback against Node servers with the GitHub store acknowledging from the state store's outbox, talking
// to the GitHub stand-in (never github.com) with the production pacing (≥ 1.1 s between content-creating requests,
// 1 s batch window). `--state sqlite` (default): one SQLite file in a temp folder, as `npm start` runs it;
// `--state postgres`: PLEIN_DATABASE_URL, or a throwaway cluster (tests/support/postgres.ts) stopped at the end.
// Each server is a Node process of its own (scripts/lib/bench-server.ts, forked), as production runs one process
// per server; this process holds only the clients, and the stand-in runs on a thread of its own. `--instances N`
// starts N such server processes on the one state store (one flusher at a time over all of them); client n posts to
// server n mod N. The JSON's serverLoopDelayP99Ms and serverLoopDelayMaxMs are the worst server's event-loop delay
// during the load (how long a ready request may wait for its server's loop); clientLoopDelayP99Ms is the same for
// this process, whose 50 posters time the requests (a late loop here adds to every measured latency). `--cpu-prof` has each server process write a CPU profile into .plein/bench-profiles/ when it stops. Prints accepted posts/s, p50/p95 latency, GitHub requests, commits (posts per
// commit) and the peak content-creating requests in any minute; after the outbox drained it checks that every
// accepted post is on the branch exactly once.
import { readdirSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { join, resolve } from 'node:path';
import { loginDemo, percentile, postBench } from './lib/bench-client.ts';
import { closeInstances, drainInstances, prepareBenchState, startBenchInstances, type BenchInstance } from './lib/bench-instances.ts';
import { startStandinThread } from './lib/standin-thread.ts';

const args = process.argv.slice(2);
const opt = (name: string, fallback: number) => (args.includes(`--${name}`) ? Number(args[args.indexOf(`--${name}`) + 1]) || fallback : fallback);
const seconds = opt('seconds', 30);
const clients = opt('clients', 50);
const instanceCount = Math.max(1, Math.floor(opt('instances', 1)));
const stateKind = args.includes('--state') ? args[args.indexOf('--state') + 1] : 'sqlite';
const json = args.includes('--json');
if (instanceCount > 1 && stateKind !== 'postgres') {
  // SQLite is the state store of one server (npm start); two servers share PostgreSQL, as docs/deploy.md says.
  console.error('--instances groter dan 1 vraagt --state postgres: SQLite is voor één server.');
  process.exit(2);
}
const root = resolve(import.meta.dirname, '..');
const dist = resolve(process.env.PLEIN_DIST ?? join(root, 'dist'));
const profileDir = join(root, '.plein', 'bench-profiles');
const execArgv = args.includes('--cpu-prof') ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
if (execArgv.length) console.error(`CPU-profielen van de servers komen in ${profileDir}`);

const token = `ghp_bench${Math.random().toString(36).slice(2)}`;
const state = await prepareBenchState(stateKind, root);
const standin = await startStandinThread({
  tokens: [token],
  faults: args.includes('--faults') ? { conflictEvery: 5, secondaryLimitEvery: 20, badGatewayEvery: 50, retryAfter: 1 } : {},
}).catch(async (err) => Promise.reject(await state.remove().then(() => err)));
const warnings: string[] = [];
const instances: BenchInstance[] = [];
// Whatever happens, the servers stop and a throwaway cluster is removed (no postgres left running).
const cleanUp = async () => {
  await closeInstances(instances).catch(() => {});
  await state.remove().catch(() => {});
  await standin.close().catch(() => {});
};
process.once('SIGINT', () => void cleanUp().finally(() => process.exit(130)));
const measured = await (async () => {
  try {
    await startBenchInstances(instanceCount, { root, dist, standin, token, state, warn: (m) => warnings.push(m), execArgv }, instances);
    const people = readdirSync(join(root, 'content/collegas')).map((f) => f.replace(/\.yml$/, ''));
    const baseOf = (n: number) => instances[n % instances.length].base;
    const startRequests = (await standin.counts()).requests;

    const latencies: number[] = [];
    const statuses = new Map<number, number>();
    const ids: string[] = [];
    const cookies = await Promise.all(Array.from({ length: clients }, (_, n) => loginDemo(baseOf(n), people[n % people.length])));
    await Promise.all(instances.map((i) => i.call('loop-reset')));
    const clientLoop = monitorEventLoopDelay({ resolution: 10 });
    clientLoop.enable();
    const started = performance.now();
    const deadline = Date.now() + seconds * 1000;

    async function poster(n: number) {
      const base = baseOf(n);
      let i = 0;
      while (Date.now() < deadline) {
        const answer = await postBench(base, cookies[n], `bench-${n}-${i++}`);
        latencies.push(answer.ms);
        statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
        if (answer.id) ids.push(answer.id);
      }
    }

    await Promise.all(Array.from({ length: clients }, (_, n) => poster(n)));
    const elapsed = (performance.now() - started) / 1000;
    clientLoop.disable();
    const loops = await Promise.all(instances.map((i) => i.loopDelay()));
    const clientLoopDelayP99Ms = Math.round(clientLoop.percentile(99) / 1e5) / 10;
    await Promise.all(instances.map((i) => i.call('stop-listening')));
    const pendingAtEnd = (await instances[0].call('pending')) ?? 0;
    const flushStarted = performance.now();
    const leftInOutbox = await drainInstances(instances);
    const flushSeconds = Math.round((performance.now() - flushStarted) / 100) / 10;

    const head = (await standin.git.getRef(standin.branch))!;
    const commits = Number((await standin.git.git(['rev-list', '--count', head])).trim()) - 1;
    // Exactly once: each accepted post added by one commit (a second commit of the same file would not show
    // as an addition, so count the journal trailers too).
    const additions = new Map<string, number>();
    for (const p of (await standin.git.git(['log', '--format=', '--name-only', '--diff-filter=A', head, '--', 'content/berichten'])).split('\n').filter(Boolean)) {
      const id = p.split('/').pop()!.replace(/\.md$/, '');
      additions.set(id, (additions.get(id) ?? 0) + 1);
    }
    const trailers = [...(await standin.git.git(['log', '--format=%B', head])).matchAll(/^Plein-Journal: (\S+)$/gm)].map((m) => m[1]);
    const stored = ids.filter((id) => additions.get(id) === 1).length;
    const twice = trailers.length - new Set(trailers).size + [...additions.values()].filter((n) => n > 1).length;
    const fsck = (await standin.git.fsck()) === '' ? 'schoon' : 'FOUTEN';
    const counts = await standin.counts();
    return { loops, clientLoopDelayP99Ms, ids, latencies, statuses, elapsed, pendingAtEnd, leftInOutbox, flushSeconds, githubRequests: counts.requests - startRequests, maxContentRequestsPerMinute: counts.maxContentRequestsPerMinute, commits, stored, twice, fsck };
  } finally {
    await cleanUp();
  }
})();
const { loops, clientLoopDelayP99Ms, ids, latencies, statuses, elapsed, pendingAtEnd, leftInOutbox, flushSeconds, githubRequests, maxContentRequestsPerMinute, commits, stored, twice, fsck } = measured;
const p95 = percentile(latencies, 95);

const result = {
  postsPerSecond: Math.round((ids.length / elapsed) * 10) / 10,
  p95Ms: p95,
  p50Ms: percentile(latencies, 50),
  githubRequests,
  commits,
  postsPerCommit: Math.round((ids.length / Math.max(1, commits)) * 10) / 10,
  maxContentRequestsPerMinute,
  accepted: ids.length,
  stored,
  duplicated: twice,
  instances: instanceCount,
  state: state.kind,
  pendingAtEnd,
  flushSeconds,
  serverLoopDelayP99Ms: Math.max(...loops.map((l) => l.p99Ms)),
  serverLoopDelayMaxMs: Math.max(...loops.map((l) => l.maxMs)),
  clientLoopDelayP99Ms,
};
if (json) console.log(JSON.stringify(result));
else {
  console.log(`${clients} gelijktijdige posters, ${seconds} s, ${instanceCount} server${instanceCount > 1 ? 's' : ''} op ${state.label}, GitHub-opslag tegen de GitHub-stand-in${args.includes('--faults') ? ' (met storingen)' : ''}`);
  console.log(`  geaccepteerd        ${result.accepted} berichten, ${result.postsPerSecond} per seconde   (doel ≥ ${instanceCount > 1 ? '150/s over de servers samen' : '100/s'})`);
  console.log(`  latentie            p50 ${result.p50Ms} ms, p95 ${result.p95Ms} ms   (doel p95 < 200 ms)`);
  console.log(`  GitHub-verzoeken    ${result.githubRequests}; piek ${result.maxContentRequestsPerMinute} schrijvende verzoeken per minuut   (doel < 60)`);
  console.log(`  commits             ${result.commits} (${result.postsPerCommit} berichten per commit)`);
  console.log(`  event-loop servers  vertraging p99 ${result.serverLoopDelayP99Ms} ms, max ${result.serverLoopDelayMaxMs} ms (slechtste server); posters p99 ${clientLoopDelayP99Ms} ms`);
  console.log(`  outbox              ${pendingAtEnd} berichten wachtten aan het eind; leeg na ${flushSeconds} s${leftInOutbox ? ` (NIET leeg: ${leftInOutbox} over)` : ''}`);
  console.log(`  eindtelling         precies één keer op de branch: ${result.stored} van ${result.accepted}; dubbel: ${twice}; git fsck: ${fsck}`);
  console.log(`  antwoorden          ${JSON.stringify(Object.fromEntries(statuses))}${warnings.length ? `; ${warnings.length} limietwaarschuwingen` : ''}`);
}
process.exit(stored === ids.length && twice === 0 && fsck === 'schoon' && !leftInOutbox ? 0 : 1);
