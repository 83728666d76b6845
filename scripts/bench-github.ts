// `npm run bench:github [-- --seconds 30 --clients 50 --faults --json]`: concurrent posters on loopback
// against the Node server with the GitHub store acknowledging from the state store's outbox (SQLite in a temp
// folder, as `npm start` runs it), talking to the
// GitHub stand-in (never github.com) with the production pacing (≥ 1.1 s between content-creating
// requests, 1 s batch window). Prints accepted posts/s, p95 latency, GitHub requests, commits (posts per
// commit) and the peak content-creating requests in any minute; after a final flush it checks that
// every accepted post is on the branch exactly once.
import type { AddressInfo } from 'node:net';
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startGithubStandin } from '../tests/support/github-standin/server.ts';
import { createGithubStore } from '../functions/store/github/github-store.ts';
import { loginDemo, percentile } from './lib/bench-client.ts';
import { openServerState, startPleinServer } from '../functions/hosts/node/plein-server.ts';

const args = process.argv.slice(2);
const opt = (name: string, fallback: number) => (args.includes(`--${name}`) ? Number(args[args.indexOf(`--${name}`) + 1]) || fallback : fallback);
const seconds = opt('seconds', 30);
const clients = opt('clients', 50);
const json = args.includes('--json');
const root = resolve(import.meta.dirname, '..');
const dist = resolve(process.env.PLEIN_DIST ?? join(root, 'dist'));

const token = `ghp_bench${Math.random().toString(36).slice(2)}`;
const standin = await startGithubStandin({
  tokens: [token],
  faults: args.includes('--faults') ? { conflictEvery: 5, secondaryLimitEvery: 20, badGatewayEvery: 50, retryAfter: 1 } : {},
});
const warnings: string[] = [];
mkdirSync(join(root, '.plein'), { recursive: true });
const stateDir = mkdtempSync(join(root, '.plein', 'bench-github-state-'));
const state = await openServerState({ PLEIN_STATE_DIR: stateDir }, root);
const store = createGithubStore({
  config: { owner: standin.owner, repo: standin.repo, branch: standin.branch, baseUrl: standin.baseUrl, auth: { token } },
  state,
  tuning: { warn: (m) => warnings.push(m) },
});
await store.ready();
const people = readdirSync(join(root, 'content/collegas')).map((f) => f.replace(/\.yml$/, ''));
const { server } = await startPleinServer({ repoDir: root, distDir: dist, port: 0, rebuild: false, store, state, env: { PLEIN_SITE_URL: 'http://127.0.0.1', PLEIN_LIMIT_POSTS_PER_MINUTE: '0', PLEIN_LIMIT_POSTS_PER_DAY: '0' } });
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const startRequests = standin.stats.requests;


const latencies: number[] = [];
const statuses = new Map<number, number>();
const ids: string[] = [];
const cookies = await Promise.all(Array.from({ length: clients }, (_, n) => loginDemo(base, people[n % people.length])));
const started = performance.now();
const deadline = Date.now() + seconds * 1000;

async function poster(n: number) {
  let i = 0;
  while (Date.now() < deadline) {
    const key = `bench-${n}-${i++}`;
    const t = performance.now();
    const res = await fetch(`${base}/api/berichten`, {
      method: 'POST',
      headers: { cookie: cookies[n], origin: base, 'content-type': 'application/json', 'idempotency-key': key },
      body: JSON.stringify({ tekst: `Belastingtest ${key}: koffie staat klaar.` }),
    });
    latencies.push(performance.now() - t);
    statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
    if (res.ok) ids.push(((await res.json()) as { bericht: { id: string } }).bericht.id);
    else await res.body?.cancel();
  }
}

await Promise.all(Array.from({ length: clients }, (_, n) => poster(n)));
const elapsed = (performance.now() - started) / 1000;
server.close();
const pendingAtEnd = store.pending();
const flushStarted = performance.now();
await store.flush();
const flushSeconds = Math.round((performance.now() - flushStarted) / 100) / 10;
await store.close();

const p95 = percentile(latencies, 95);
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
await store.close();
await state.close();
rmSync(stateDir, { recursive: true, force: true });

const result = {
  postsPerSecond: Math.round((ids.length / elapsed) * 10) / 10,
  p95Ms: p95,
  githubRequests: standin.stats.requests - startRequests,
  commits,
  postsPerCommit: Math.round((ids.length / Math.max(1, commits)) * 10) / 10,
  maxContentRequestsPerMinute: standin.maxContentRequestsPerMinute(),
  accepted: ids.length,
  stored,
  duplicated: twice,
};
await standin.close();
if (json) console.log(JSON.stringify(result));
else {
  console.log(`${clients} gelijktijdige posters, ${seconds} s, GitHub-opslag tegen de GitHub-stand-in${args.includes('--faults') ? ' (met storingen)' : ''}`);
  console.log(`  geaccepteerd        ${result.accepted} berichten, ${result.postsPerSecond} per seconde   (doel ≥ 100/s)`);
  console.log(`  latentie            p95 ${result.p95Ms} ms`);
  console.log(`  GitHub-verzoeken    ${result.githubRequests}; piek ${result.maxContentRequestsPerMinute} schrijvende verzoeken per minuut   (doel < 60)`);
  console.log(`  commits             ${result.commits} (${result.postsPerCommit} berichten per commit)`);
  console.log(`  outbox              ${pendingAtEnd} berichten wachtten aan het eind; laatste flush ${flushSeconds} s`);
  console.log(`  eindtelling         precies één keer op de branch: ${result.stored} van ${result.accepted}; dubbel: ${twice}; git fsck: ${fsck}`);
  console.log(`  antwoorden          ${JSON.stringify(Object.fromEntries(statuses))}${warnings.length ? `; ${warnings.length} limietwaarschuwingen` : ''}`);
}
process.exit(stored === ids.length && twice === 0 && fsck === 'schoon' ? 0 : 1);
