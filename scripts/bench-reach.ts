// `npm run bench:reach [-- --seconds 10 --clients 50 --rate N --json]`: the reach figures of issue 17.
//   beaconsPerSecond   POST /api/bereik answered per second by a Plein server in a process of its own (SQLite,
//                      synchronous=FULL, the beacons grouped into shared transactions), `clients` logged-in colleagues
//                      sending beacons one after another (goal ≥ 2,000/s with 50); the flood limit is off for the run
//   beaconP95Ms        their p95 latency (goal < 20 ms). A closed loop: each client waits for its answer, so the
//                      latency is what 50 clients always waiting cost, not what a reader at a given load sees
//   --rate N           open loop instead: beacons arrive at N per second (spread over the `clients` sessions) whatever
//                      the answers do, and each one's latency counts from the moment it was due, so a server falling
//                      behind shows as queueing (no coordinated omission); `rate` is then in the JSON, and
//                      beaconsPerSecond is the answers per second actually reached (equal to N if the server keeps up)
//   counted / accepted readers in the state store after the server closed / 204 answers (equal: none lost)
//   dashboardMs        GET /api/beheer/bereik for 12 weeks over a store of 84 days × 500 items × 30 departments
//                      (1.26 million day × item × department counters), median of 5 (goal < 500 ms); itemMs one item's
//   smallCellsExposed  numbers below 5 in those answers (must be 0)
import { execFileSync, fork } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { tempRepoDir } from '../functions/hosts/node/plein-server.ts';
import { DEFAULT_STATE_DIR, STATE_FILE } from '../functions/state/config.ts';
import { openStateStore } from '../functions/state/open.ts';
import { createReachRoutes } from '../functions/reach/routes.ts';
import { MIN_CELL } from '../functions/reach/small-cells.ts';
import { createLocalGitStore } from '../functions/store/local-git-store.ts';
import { getLocalDay } from '../src/lib/weeks.ts';
import { makeContentDeps, makeRouteTestApp } from '../tests/support/posting-api.ts';
import { loginDemo, percentile } from './lib/bench-client.ts';

const args = process.argv.slice(2);
const opt = (name: string, fallback: number) => (args.includes(`--${name}`) ? Number(args[args.indexOf(`--${name}`) + 1]) || fallback : fallback);
const seconds = opt('seconds', 10);
const clients = opt('clients', 50);
const rate = args.includes('--rate') ? opt('rate', 0) : 0;
if (args.includes('--rate') && !(rate > 0)) {
  console.error('--rate moet een getal > 0 zijn (beacons per seconde).');
  process.exit(2);
}
const json = args.includes('--json');
const root = resolve(import.meta.dirname, '..');
const dist = resolve(process.env.PLEIN_DIST ?? join(root, 'dist'));

// 1. Beacons against the whole server.
const repo = tempRepoDir('bench-reach');
execFileSync('git', ['clone', '--quiet', root, repo]);
const idsIn = (folder: string, ext: RegExp) =>
  readdirSync(join(repo, 'content', folder), { recursive: true, encoding: 'utf8' }).filter((f) => ext.test(f)).map((f) => f.replace(ext, '').split('\\').join('/'));
const people = idsIn('collegas', /\.yml$/).map((f) => basename(f));
const pages = [...idsIn('nieuws', /\.mdx?$/).map((id) => `nieuws:${id}`), ...idsIn('weten-en-regelen', /\.mdx?$/).filter((id) => !id.endsWith('index') && !id.startsWith('_')).map((id) => `kennis:${id}`)];

const child = fork(join(import.meta.dirname, 'lib', 'participate-server.ts'), [], {
  env: { ...process.env, PLEIN_BENCH_PARTICIPATE: JSON.stringify({ repo, dist }), PLEIN_LIMIT_BEACONS_PER_MINUTE: '0' },
  stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
});
const port = await new Promise<number>((ok, fail) => {
  child.once('message', (m) => ok((m as { ready: number }).ready));
  child.once('exit', (code) => fail(new Error(`de server stopte voor hij luisterde (code ${code})`)));
});
const base = `http://127.0.0.1:${port}`;
const cookies = await Promise.all(Array.from({ length: clients }, (_, n) => loginDemo(base, people[n % people.length])));
const dag = getLocalDay(new Date());
const latencies: number[] = [];
let accepted = 0;
const deadline = Date.now() + seconds * 1000;
const started = performance.now();
/** One beacon, its latency counted from `due` (the moment it was sent, or in the open loop the moment it was due). */
async function beacon(cookie: string, i: number, due: number): Promise<void> {
  const res = await fetch(`${base}/api/bereik`, { method: 'POST', headers: { cookie, origin: base, 'content-type': 'text/plain;charset=UTF-8' }, body: JSON.stringify({ pagina: pages[i % pages.length], dag, ...(i % 7 === 0 ? { week: true } : {}) }) });
  await res.body?.cancel();
  latencies.push(performance.now() - due);
  if (res.status === 204) accepted++;
}
if (rate) {
  // Open loop: beacon i is due at started + i / rate, sent then (or as soon as this process gets there), never held
  // back by the answers still outstanding.
  const inFlight: Promise<void>[] = [];
  const total = Math.round(rate * seconds);
  for (let i = 0; i < total; ) {
    const now = performance.now();
    for (; i < total && started + (i * 1000) / rate <= now; i++) inFlight.push(beacon(cookies[i % clients], i, started + (i * 1000) / rate));
    if (i < total) await new Promise((ok) => setTimeout(ok, Math.max(0, started + (i * 1000) / rate - performance.now())));
  }
  await Promise.all(inFlight);
} else {
  await Promise.all(
    cookies.map(async (cookie, n) => {
      for (let i = n; Date.now() < deadline; i += clients) await beacon(cookie, i, performance.now());
    }),
  );
}
const elapsed = (performance.now() - started) / 1000;
await new Promise<void>((ok) => {
  child.once('message', () => ok());
  child.send('close');
});
const db = new DatabaseSync(join(repo, DEFAULT_STATE_DIR, STATE_FILE), { readOnly: true });
const counted = Number((db.prepare('SELECT coalesce(sum(readers), 0) AS n FROM reach_daily').get() as { n: number }).n);
db.close();

// 2. The editors' figures over 12 weeks × 500 items × 30 departments.
const dir = mkdtempSync(join(tmpdir(), 'plein-bench-reach-'));
const state = await openStateStore({ PLEIN_STATE_DIR: dir });
await state.close();
const seed = new DatabaseSync(join(dir, STATE_FILE));
const today = new Date(`${dag}T00:00:00Z`).getTime();
const days = Array.from({ length: 84 }, (_, i) => new Date(today - (83 - i) * 86_400_000).toISOString().slice(0, 10));
const departments = Array.from({ length: 30 }, (_, i) => `afdeling-${i}`);
const value = (i: number, d: number, a: number) => ((i * 31 + d * 7 + a * 13) % 23) - 6; // many small and empty cells
seed.exec('BEGIN');
const daily = seed.prepare('INSERT INTO reach_daily (item, day, department, readers) VALUES (?, ?, ?, ?)');
const itemDaily = seed.prepare('INSERT INTO reach_item_daily (day, item, readers) VALUES (?, ?, ?)');
const deptDaily = new Map<string, number>();
for (let i = 0; i < 500; i++) {
  days.forEach((day, d) => {
    let sum = 0;
    departments.forEach((dep, a) => {
      const v = value(i, d, a);
      if (v <= 0) return;
      daily.run(`nieuws:item-${i}`, day, dep, v);
      sum += v;
      deptDaily.set(`${day}|${dep}`, (deptDaily.get(`${day}|${dep}`) ?? 0) + v);
    });
    if (sum) itemDaily.run(day, `nieuws:item-${i}`, sum);
  });
}
const dept = seed.prepare('INSERT INTO reach_department_daily (day, department, readers) VALUES (?, ?, ?)');
for (const [key, v] of deptDaily) dept.run(...(key.split('|') as [string, string]), v);
seed.exec('COMMIT');
seed.close();
const figures = await openStateStore({ PLEIN_STATE_DIR: dir });
const deps = makeContentDeps({ state: figures }, createLocalGitStore({ repoDir: repo }));
const { request } = makeRouteTestApp((app) => app.route('/', createReachRoutes(deps, { retentionMonths: 13, beaconsPerMinute: 0 })));
const numbersIn = (v: unknown): number[] => (typeof v === 'number' ? [v] : Array.isArray(v) ? v.flatMap(numbersIn) : v && typeof v === 'object' ? Object.values(v).flatMap(numbersIn) : []);
const timed = async (url: string) => {
  const t0 = performance.now();
  const res = await request(url, { as: 'eva-editor' });
  const body = await res.json();
  if (res.status !== 200) throw new Error(`${url} antwoordde ${res.status}`);
  return { ms: performance.now() - t0, body };
};
const period = `van=${days[0]}&tot=${days[83]}`;
const dashboard: number[] = [];
const item: number[] = [];
let smallCellsExposed = 0;
for (let run = 0; run < 5; run++) {
  const overview = await timed(`/api/beheer/bereik?${period}`);
  const one = await timed(`/api/beheer/bereik?${period}&item=nieuws:item-${run * 97}`);
  dashboard.push(overview.ms);
  item.push(one.ms);
  smallCellsExposed += [...numbersIn(overview.body), ...numbersIn(one.body)].filter((n) => n < MIN_CELL).length;
}
await figures.close();
rmSync(dir, { recursive: true, force: true });
rmSync(repo, { recursive: true, force: true });

const result = {
  beaconsPerSecond: Math.round(latencies.length / elapsed),
  beaconP50Ms: percentile(latencies, 50),
  beaconP95Ms: percentile(latencies, 95),
  accepted,
  counted,
  requests: latencies.length,
  clients,
  ...(rate ? { rate } : {}),
  seconds: Math.round(elapsed * 10) / 10,
  dashboardMs: Math.round(percentile(dashboard, 50)),
  itemMs: Math.round(percentile(item, 50)),
  smallCellsExposed,
};
if (json) console.log(JSON.stringify(result));
else console.log(result);
process.exit(result.smallCellsExposed === 0 && result.counted === result.accepted ? 0 : 1);
