// `npm run bench:participate [-- --seconds 15 --clients 50 --json --profile]`: waarderingen under load on the embedded
// default (SQLite, synchronous=FULL) against a Plein server in a process of its own (scripts/lib/participate-server.ts)
// on a copy of this repository. Each of the clients (logged in as a demo colleague; two clients of one colleague
// split that colleague's items) gives waarderingen to posts, comments and news, each (item, kind) once, so every
// acknowledged request must leave exactly one row. Prints:
//   reactionsPerSecond   acknowledged waarderingen per second        (goal ≥ 1,000/s)
//   reactionP50Ms/P95Ms  latency of POST /api/waarderingen           (goal p95 < 50 ms)
//   countsRequestMs      median GET /api/waarderingen for a timeline page of 20 posts, after the load (goal < 20 ms)
//   countsRequestP95Ms   its p95 (100 requests, one at a time)
//   accepted / stored    2xx answers / rows in the state store after the server closed (equal: nothing lost)
import { fork } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { APPRECIATION_KIND_NAMES } from '../src/schemas/appreciations.ts';
import { tempRepoDir } from '../functions/hosts/node/plein-server.ts';
import { DEFAULT_STATE_DIR, STATE_FILE } from '../functions/state/config.ts';
import { loginDemo, percentile } from './lib/bench-client.ts';

const args = process.argv.slice(2);
const opt = (name: string, fallback: number) => (args.includes(`--${name}`) ? Number(args[args.indexOf(`--${name}`) + 1]) || fallback : fallback);
const seconds = opt('seconds', 15);
const clients = opt('clients', 50);
const json = args.includes('--json');
const root = resolve(import.meta.dirname, '..');
const dist = resolve(process.env.PLEIN_DIST ?? join(root, 'dist'));

const repo = tempRepoDir('bench-participate');
execFileSync('git', ['clone', '--quiet', root, repo]);
const idsIn = (folder: string, ext: RegExp) =>
  readdirSync(join(repo, 'content', folder), { recursive: true, encoding: 'utf8' }).filter((f) => ext.test(f)).map((f) => basename(f).replace(ext, ''));
const people = idsIn('collegas', /\.yml$/);
const posts = idsIn('berichten', /\.md$/);
const targets = [
  ...posts.map((id) => ({ type: 'bericht', id })),
  ...idsIn('reacties', /\.md$/).map((id) => ({ type: 'reactie', id })),
  ...idsIn('nieuws', /\.mdx?$/).map((id) => ({ type: 'nieuws', id })),
];
const combos = targets.flatMap((doel) => APPRECIATION_KIND_NAMES.map((soort) => ({ doel, soort })));

const child = fork(join(import.meta.dirname, 'lib', 'participate-server.ts'), [], {
  env: { ...process.env, PLEIN_BENCH_PARTICIPATE: JSON.stringify({ repo, dist }) },
  stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  // --profile: the server writes a CPU profile (.cpuprofile) into .plein/profiles/ when it stops.
  execArgv: [...process.execArgv, ...(args.includes('--profile') ? ['--cpu-prof', `--cpu-prof-dir=${join(root, '.plein', 'profiles')}`] : [])],
});
const port = await new Promise<number>((ok, fail) => {
  child.once('message', (m) => ok((m as { ready: number }).ready));
  child.once('exit', (code) => fail(new Error(`de server stopte voor hij luisterde (code ${code})`)));
});
const base = `http://127.0.0.1:${port}`;

const latencies: number[] = [];
const statuses = new Map<number, number>();
let accepted = 0;
let exhausted = 0;
/** How many clients act as the colleague of client n (they split that colleague's items). */
const sharing = (n: number) => Math.floor(clients / people.length) + (n % people.length < clients % people.length ? 1 : 0);
const cookies = await Promise.all(Array.from({ length: clients }, (_, n) => loginDemo(base, people[n % people.length])));
const started = performance.now();
const deadline = Date.now() + seconds * 1000;

async function client(n: number) {
  const cookie = cookies[n];
  // The clients of one colleague take turns over the (item, kind) pairs, so no two send the same one.
  for (let i = Math.floor(n / people.length); i < combos.length; i += sharing(n)) {
    if (Date.now() >= deadline) return;
    const t0 = performance.now();
    const res = await fetch(`${base}/api/waarderingen`, {
      method: 'POST',
      headers: { cookie, origin: base, 'content-type': 'application/json' },
      body: JSON.stringify({ ...combos[i], aan: true }),
    });
    await res.body?.cancel();
    latencies.push(performance.now() - t0);
    statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
    if (res.ok) accepted++;
  }
  exhausted++;
}
await Promise.all(Array.from({ length: clients }, (_, n) => client(n)));
const elapsed = (performance.now() - started) / 1000;

// The counts of a timeline page of 20 posts, one request at a time, after the load.
const page = posts.slice(0, 20).map((id) => `bericht:${id}`).join(',');
const counts: number[] = [];
for (let i = 0; i < 110; i++) {
  const t0 = performance.now();
  const res = await fetch(`${base}/api/waarderingen?doelen=${page}`, { headers: { cookie: cookies[0] } });
  await res.arrayBuffer();
  if (!res.ok) throw new Error(`GET /api/waarderingen antwoordde ${res.status}`);
  if (i >= 10) counts.push(performance.now() - t0); // the first ten warm up
}

// Counted after the server closed its database: what an acknowledged request left behind.
await new Promise<void>((ok) => {
  child.once('message', () => ok());
  child.send('close');
});
const db = new DatabaseSync(join(repo, DEFAULT_STATE_DIR, STATE_FILE), { readOnly: true });
const stored = Number((db.prepare('SELECT count(*) AS n FROM appreciations').get() as { n: number }).n);
db.close();

const result = {
  reactionsPerSecond: Math.round((accepted / elapsed) * 10) / 10,
  reactionP50Ms: percentile(latencies, 50),
  reactionP95Ms: percentile(latencies, 95),
  countsRequestMs: Math.round(percentile(counts, 50) * 10) / 10,
  countsRequestP95Ms: percentile(counts, 95),
  accepted,
  stored,
  requests: latencies.length,
  statuses: Object.fromEntries(statuses),
  clients,
  seconds: Math.round(elapsed * 10) / 10,
  clientsOutOfItems: exhausted,
};
if (json) console.log(JSON.stringify(result));
else {
  console.log(`${clients} gelijktijdige collega's, ${result.seconds} s, SQLite (synchronous=FULL), kopie in ${repo}`);
  console.log(`  waarderingen        ${result.accepted} geaccepteerd, ${result.reactionsPerSecond} per seconde   (doel ≥ 1000/s)`);
  console.log(`  latentie            p50 ${result.reactionP50Ms} ms, p95 ${result.reactionP95Ms} ms   (doel p95 < 50 ms)`);
  console.log(`  tellingen (20)      mediaan ${result.countsRequestMs} ms, p95 ${result.countsRequestP95Ms} ms   (doel < 20 ms)`);
  console.log(`  opgeslagen          ${result.stored} rijen, geaccepteerd ${result.accepted}${result.stored === result.accepted ? '' : '  ← VERSCHIL'}`);
  console.log(`  antwoorden          ${JSON.stringify(result.statuses)}; ${exhausted} clients hadden geen items meer`);
}
process.exit(result.stored === result.accepted ? 0 : 1);
