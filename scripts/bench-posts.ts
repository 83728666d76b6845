// `npm run bench:posts [-- --seconds 30 --clients 50 --json]`: concurrent posters on loopback against the
// Node server with the local git store (a copy of this repository), which answers from the state store's outbox
// and commits in the background. Prints accepted posts/s, latency, commits, post-to-visible latency (until another
// client's /api/feed shows it), answer-to-commit lag, the background rebuilds that ran and a final count on HEAD
// after the outbox drained.
//   --clients C     closed loop (default): C posters, each sending its next post once it has its answer.
//   --rate R        open loop instead: posts arrive at R per second whatever the answers do, for --seconds S or
//                   --count N posts (then N/R seconds); latency counts from each post's planned moment, so a
//                   stalled server cannot hide its stall by slowing the arrivals. Each request gives up after 30 s.
//   --items N       against a generated organisation of N items (scripts/generate-org.ts) instead of the demo
//                   content: the copy's content/ is replaced by it and committed first, so rebuilds build N items.
//   --no-rebuild    no background rebuilds; --rebuild-nice P builds at that niceness (default the server's).
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { join, resolve } from 'node:path';
import { loginDemo, percentile } from './lib/bench-client.ts';
import { generateOrganisation } from './generate-org.ts';
import { startPleinServer, tempRepoDir } from '../functions/hosts/node/plein-server.ts';
import { runGit } from '../functions/store/run-git.ts';

const args = process.argv.slice(2);
const opt = (name: string, fallback: number) => Number(args[args.indexOf(`--${name}`) + 1]) || fallback;
const seconds = args.includes('--seconds') ? opt('seconds', 30) : 30;
const clients = args.includes('--clients') ? opt('clients', 50) : 50;
const rate = args.includes('--rate') ? opt('rate', 100) : undefined;
const items = args.includes('--items') ? opt('items', 10000) : undefined;
// The open loop's length: --count posts, or --seconds of arrivals.
const count = rate && args.includes('--count') ? opt('count', rate * seconds) : undefined;
const duration = rate && count ? count / rate : seconds;
const rebuildNice = args.includes('--rebuild-nice') ? Number(args[args.indexOf('--rebuild-nice') + 1]) : undefined;
const json = args.includes('--json');
const root = resolve(import.meta.dirname, '..');
const dist = resolve(process.env.PLEIN_DIST ?? join(root, 'dist'));

const repo = tempRepoDir('bench-posts');
execFileSync('git', ['clone', '--quiet', root, repo]);
if (items) {
  // The generated organisation in place of the demo content, committed, so the server and its rebuilds see N items.
  generateOrganisation(items, join(repo, 'content'));
  execFileSync('git', ['add', '--all', 'content'], { cwd: repo });
  execFileSync('git', ['-c', 'user.name=Bench', '-c', 'user.email=bench@intranet.invalid', 'commit', '--quiet', '--no-verify', '-m', `Gegenereerde organisatie van ${items} items`], { cwd: repo });
}
const people = readdirSync(join(repo, 'content/collegas')).map((f) => f.replace(/\.yml$/, ''));
const { server, store, rebuilder } = await startPleinServer({
  repoDir: repo, distDir: dist, port: 0, rebuild: !args.includes('--no-rebuild'), rebuildNice,
  env: { PLEIN_SITE_URL: 'http://127.0.0.1', PLEIN_LIMIT_POSTS_PER_MINUTE: '0', PLEIN_LIMIT_POSTS_PER_DAY: '0' },
});
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const startHead = await store.head();
const startCommits = Number(execFileSync('git', ['rev-list', '--count', 'HEAD'], { cwd: repo, encoding: 'utf8' }));


const sent = new Map<string, number>(); // post id → time the 2xx arrived
const visible: number[] = [];
const commitLag: number[] = [];
const latencies: number[] = [];
const statuses = new Map<number, number>();
let accepted = 0;
const tokens: string[] = [];
// The open loop logs its posters in before the clock starts.
const cookies = rate ? await Promise.all(Array.from({ length: Math.min(50, people.length) }, (_, n) => loginDemo(base, people[n]))) : [];
const deadline = Date.now() + duration * 1000;

/** Sends one post; its latency counts from `started` (the open loop's planned moment). Status 0: no answer in 30 s. */
async function post(cookie: string, token: string, started: number) {
  let status = 0;
  try {
    const res = await fetch(`${base}/api/berichten`, {
      method: 'POST',
      headers: { cookie, origin: base, 'content-type': 'application/json', 'idempotency-key': token },
      body: JSON.stringify({ tekst: `Belastingtest ${token}: koffie staat klaar.` }),
      signal: AbortSignal.timeout(30_000),
    });
    status = res.status;
    if (res.ok) {
      const { bericht } = (await res.json()) as { bericht: { id: string } };
      accepted++;
      tokens.push(token);
      sent.set(bericht.id, performance.now());
    } else await res.body?.cancel();
  } catch {
    status = 0;
  }
  latencies.push(performance.now() - started);
  statuses.set(status, (statuses.get(status) ?? 0) + 1);
}

async function poster(n: number) {
  const cookie = await loginDemo(base, people[n % people.length]);
  let i = 0;
  while (Date.now() < deadline) await post(cookie, `bench-${n}-${i++}`, performance.now());
}

/** The open loop: post i is due at start + i/rate, sent then whether or not earlier ones were answered. */
async function arrivals() {
  const start = performance.now();
  const total = count ?? Math.round(rate! * duration);
  const inFlight: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / rate!;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    inFlight.push(post(cookies[i % cookies.length], `bench-${i % cookies.length}-${i}`, due));
  }
  await Promise.all(inFlight);
}

/** Counts the background rebuilds that start while the posts come in (and how long one ran meanwhile). */
let rebuilds = 0;
let rebuildMs = 0;
async function rebuildWatcher() {
  let was = rebuilder.busy();
  let last = performance.now();
  while (Date.now() < deadline + 3000) {
    await new Promise((r) => setTimeout(r, 100));
    const busy = rebuilder.busy();
    const now = performance.now();
    if (busy && !was) rebuilds++;
    if (busy || was) rebuildMs += now - last;
    was = busy;
    last = now;
  }
}

async function watcher() {
  const seen = new Set<string>();
  while (Date.now() < deadline + 3000) {
    const res = await fetch(`${base}/api/feed?sinds=${startHead}`);
    const { items } = (await res.json()) as { items: { id: string }[] };
    const now = performance.now();
    for (const item of items) {
      if (seen.has(item.id) || !sent.has(item.id)) continue;
      seen.add(item.id);
      visible.push(now - sent.get(item.id)!);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

// The final count lists every post file on HEAD: over 1 MB (execFileSync's default) from about 16,000 posts on.
const git = (...a: string[]) => execFileSync('git', a, { cwd: repo, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
// Asynchronous while the server runs in this process (a synchronous git call would stall its answers), and through
// the server's git runner: a spawn from this big process would hold up the server's event loop too.
const gitAsync = (...a: string[]) => runGit(repo, a);

const headRefFile = join(repo, '.git', readFileSync(join(repo, '.git', 'HEAD'), 'utf8').trim().replace(/^ref: /, ''));
const readHeadRef = async () => (await readFile(headRefFile, 'utf8').catch(() => last0)).trim();
const last0 = startHead;

/** Follows HEAD: each post file that appears in a new commit gives its answer-to-commit lag. */
async function committedWatcher() {
  let last = startHead;
  const committed = new Set<string>();
  while (Date.now() < deadline + 3000 || committed.size < sent.size) {
    if (Date.now() > deadline + 60_000) break;
    // The branch file itself: a process per look would cost the server (in this process) more than the look.
    const head = await readHeadRef();
    if (head !== last) {
      const now = performance.now();
      for (const path of (await gitAsync('diff', '--name-only', '--diff-filter=A', `${last}..${head}`, '--', 'content/berichten')).split('\n').filter(Boolean)) {
        const id = path.split('/').pop()!.replace(/\.md$/, '');
        if (sent.has(id) && !committed.has(id)) {
          committed.add(id);
          commitLag.push(now - sent.get(id)!);
        }
      }
      last = head;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

const started = performance.now();
const following = committedWatcher();
// The server answers in this process: how long its event loop was held up (synchronous work: SQLite's fsync, spawns).
const loop = monitorEventLoopDelay({ resolution: 10 });
loop.enable();
await Promise.all([...(rate ? [arrivals()] : Array.from({ length: clients }, (_, n) => poster(n))), watcher(), rebuildWatcher()]);
const elapsed = (performance.now() - started - 3000) / 1000;
loop.disable();
// Everything answered is in a commit before the count (the outbox drains in the background).
await (store as { flush?: () => Promise<void> }).flush?.();
await following;
server.close();
// No build outlives the run: its CPU would weigh on the next measurement (a rebuilder without stop(): its children).
(rebuilder as { stop?: () => void }).stop?.();
for (const pid of execFileSync('ps', ['-o', 'pid=', '--ppid', String(process.pid)], { encoding: 'utf8' }).split('\n').map(Number).filter(Boolean)) {
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    // Gone already (the ps itself).
  }
}

// Counted on HEAD (committed), not in the working tree.
const counts = new Map<string, number>();
const headFiles = git('ls-tree', '-r', '--name-only', 'HEAD', '--', 'content/berichten').split('\n').filter((f) => f.endsWith('.md'));
for (const f of headFiles) {
  const m = /Belastingtest (bench-\d+-\d+):/.exec(readFileSync(join(repo, f), 'utf8'));
  if (m) counts.set(m[1], (counts.get(m[1]) ?? 0) + 1);
}
const stored = [...counts.values()].reduce((a, b) => a + b, 0);
const duplicated = [...counts.values()].filter((c) => c > 1).length;
const missing = tokens.filter((t) => !counts.has(t)).length;
const commits = Number(execFileSync('git', ['rev-list', '--count', 'HEAD'], { cwd: repo, encoding: 'utf8' })) - startCommits;
const fsck = execFileSync('git', ['fsck', '--no-progress', '--no-dangling'], { cwd: repo, encoding: 'utf8' }).trim() === '' ? 'schoon' : 'FOUTEN';

const result = {
  mode: rate ? `open loop, ${rate}/s` : `closed loop, ${clients} clients`,
  items: items ?? 'demo',
  postsPerSecond: Math.round((accepted / elapsed) * 10) / 10,
  p50Ms: percentile(latencies, 50),
  p95Ms: percentile(latencies, 95),
  p99Ms: percentile(latencies, 99),
  maxMs: Math.round(Math.max(0, ...latencies)),
  commits,
  rebuilds,
  rebuildSeconds: Math.round(rebuildMs / 100) / 10,
  eventLoopDelayP99Ms: Math.round(loop.percentile(99) / 1e6),
  eventLoopDelayMaxMs: Math.round(loop.max / 1e6),
  visibleP95Ms: percentile(visible, 95),
  commitLagP95Ms: percentile(commitLag, 95),
  accepted,
  stored,
  duplicated,
  missing,
  requests: latencies.length,
  statuses: Object.fromEntries(statuses),
  fsck,
};
if (json) console.log(JSON.stringify(result));
else {
  const load = rate ? `${rate} berichten per seconde (open lus)` : `${clients} gelijktijdige posters`;
  console.log(`${load}, ${duration} s, ${items ? `gegenereerde organisatie van ${items} items` : 'demo-inhoud'}, lokale git-opslag (kopie in ${repo})`);
  console.log(`  geaccepteerd        ${result.accepted} berichten, ${result.postsPerSecond} per seconde   (doel ${rate ? `${rate}/s` : '≥ 250/s'})`);
  console.log(`  latentie            p50 ${result.p50Ms} ms, p95 ${result.p95Ms} ms, p99 ${result.p99Ms} ms, max ${result.maxMs} ms   (doel p95 < 200 ms)`);
  console.log(`  commits             ${result.commits} (${(result.accepted / Math.max(1, result.commits)).toFixed(1)} berichten per commit)`);
  console.log(`  herbouwd            ${result.rebuilds} keer tijdens de run, ${result.rebuildSeconds} s bezig`);
  console.log(`  event loop          vertraging p99 ${result.eventLoopDelayP99Ms} ms, max ${result.eventLoopDelayMaxMs} ms`);
  console.log(`  zichtbaar in feed   p95 ${result.visibleP95Ms} ms na het antwoord   (doel < 1000 ms)`);
  console.log(`  in een commit       p95 ${result.commitLagP95Ms} ms na het antwoord`);
  console.log(`  eindtelling         opgeslagen ${result.stored}, dubbel ${result.duplicated}, ontbrekend ${result.missing}; git fsck: ${result.fsck}`);
  console.log(`  antwoorden          ${JSON.stringify(result.statuses)}`);
}
process.exit(0);
