// e. Two servers for `npm run test:reliability`: two Node server children (reliability-server.ts) on one throwaway
// PostgreSQL, both with the GitHub store on the stand-in (with faults) and one shared outbox. Clients are spread over
// both (client c on server c % 2) and resend a tenth of their keys to the other one; server A is SIGKILLed mid-load
// and started again. Then: exactly the acknowledged posts on the branch, each once; a logout on A refused on B; and,
// on a second pair started with a per-minute post limit of 3, that limit across both (A, B, A → 201, then 429).
import { postgresSkipReason, startTestPostgres, type TestPostgres } from '../../tests/support/postgres.ts';
import { startGithubStandin, type GithubStandin } from '../../tests/support/github-standin/server.ts';
import { loginDemo } from './bench-client.ts';
import { countAtRef, findAnswerProblems, findProblems } from './reliability-checks.ts';
import { createPoster, runLoad } from './reliability-load.ts';
import { killGroup, startServerChild, type ServerChild } from './reliability-process.ts';
import type { ReliabilityServerSettings } from './reliability-server.ts';
import { getFreePort } from './free-port.ts';
import { loadFigures } from './reliability-scenarios.ts';
import type { ScenarioContext, ScenarioResult } from './reliability-types.ts';

// As c2: the outbox sends few, large batches, so fault often enough that every kind still happens.
const FAULTS = { conflictEvery: 2, secondaryLimitEvery: 4, badGatewayEvery: 7, retryAfter: 1 };
/** The per-minute post limit of the second pair of servers. */
const LIMIT = 3;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const sum = (counts: Map<string, number>) => [...counts.values()].reduce((a, b) => a + b, 0);

/** Polls `check` until it says done or `ms` passed; gives its last value and the wait. */
async function pollUntil<T>(check: () => Promise<T>, done: (value: T) => boolean, ms: number): Promise<{ value: T; waitedMs: number }> {
  const started = performance.now();
  for (;;) {
    const value = await check();
    if (done(value) || performance.now() - started > ms) return { value, waitedMs: Math.round(performance.now() - started) };
    await sleep(250);
  }
}

const me = async (base: string, cookie: string) => {
  const res = await fetch(`${base}/api/auth/me`, { headers: { cookie }, signal: AbortSignal.timeout(10_000) });
  await res.body?.cancel();
  return res.status;
};

/** One feed request since `since`, timed: what a page built before the crash asks a restarted server. */
async function timedFeed(base: string, since: string) {
  const started = performance.now();
  const res = await fetch(`${base}/api/feed?sinds=${since}`, { signal: AbortSignal.timeout(120_000) });
  const items = res.ok ? ((await res.json()) as { items: unknown[] }).items.length : (await res.body?.cancel(), 0);
  return { ms: Math.round(performance.now() - started), items, status: res.status };
}

/** Logs in on A, logs out on A: B must refuse the cookie (401) from then on. */
async function checkLogout(a: string, b: string, person: string) {
  const cookie = await loginDemo(a, person);
  const before = await me(b, cookie);
  const out = await fetch(`${a}/api/auth/logout`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie, origin: a, 'content-type': 'application/x-www-form-urlencoded' },
    signal: AbortSignal.timeout(10_000),
  });
  await out.body?.cancel();
  const [afterB, afterA] = [await me(b, cookie), await me(a, cookie)];
  const problems: string[] = [];
  if (before !== 200) problems.push(`afmelden: de sessie van server A gaf ${before} op server B, verwacht 200`);
  if (out.status >= 400) problems.push(`afmelden op server A gaf ${out.status}`);
  if (afterB !== 401 || afterA !== 401) problems.push(`na afmelden op A: /api/auth/me gaf ${afterB} op B en ${afterA} op A, verwacht 401`);
  return { cookie, text: `/api/auth/me op B ${before} → afmelden op A ${out.status} → /api/auth/me op B ${afterB}, op A ${afterA}`, problems };
}

/** One person posts A, B, A, B, A with a limit of LIMIT a minute: the first LIMIT are accepted, the rest 429, on either server. */
async function checkLimit(bases: string[], person: string, tag: string) {
  const cookie = await loginDemo(bases[0], person);
  // Fixed minute windows: start well inside one, so the probe (well under a second) does not straddle two.
  const left = 60_000 - (Date.now() % 60_000);
  if (left < 10_000) await sleep(left + 200);
  const statuses: number[] = [];
  const ids: string[] = [];
  for (let i = 0; i < LIMIT + 2; i++) {
    const base = bases[i % bases.length];
    const res = await fetch(`${base}/api/berichten`, {
      method: 'POST',
      headers: { cookie, origin: base, 'content-type': 'application/json', 'idempotency-key': `${tag}-grens-${i}` },
      body: JSON.stringify({ tekst: `Grensproef ${tag} ${i}: de koffie staat klaar.` }),
      signal: AbortSignal.timeout(30_000),
    });
    statuses.push(res.status);
    if (res.ok) ids.push(((await res.json()) as { bericht: { id: string } }).bericht.id);
    else await res.body?.cancel();
  }
  const expected = statuses.map((_, i) => (i < LIMIT ? 201 : 429));
  const problems = statuses.join() === expected.join() ? [] : [`grens ${LIMIT}/min over twee servers: ${statuses.join(', ')}, verwacht ${expected.join(', ')}`];
  const order = statuses.map((s, i) => `${'AB'[i % 2]} ${s}`).join(', ');
  return { ids, text: `grens ${LIMIT}/min, één persoon om en om: ${order}`, problems };
}

/** e. Two servers on one PostgreSQL and the GitHub stand-in, server A SIGKILLed and restarted mid-load. */
export async function scenarioMulti(ctx: ScenarioContext, tag: string): Promise<ScenarioResult> {
  const skipped = postgresSkipReason();
  if (skipped) return { figures: [], problems: [], skipped };
  const token = `ghp_reliability${Math.random().toString(36).slice(2)}`;
  let pg: TestPostgres | undefined;
  let gh: GithubStandin | undefined;
  let servers: ServerChild[] = [];
  try {
    pg = await startTestPostgres();
    gh = await startGithubStandin({ tokens: [token], faults: FAULTS });
    const standin = gh;
    const env = { ...ctx.env, PLEIN_DATABASE_URL: pg.url };
    const github = { baseUrl: gh.baseUrl, owner: gh.owner, repo: gh.repo, branch: gh.branch, token, outbox: true };
    const settingsFor = async (limit?: number): Promise<ReliabilityServerSettings> => ({ repoDir: ctx.root, distDir: ctx.distDir, port: await getFreePort(), github, limitPostsPerMinute: limit });
    const settings = [await settingsFor(), await settingsFor()];
    // Ready once a page built just now would get its feed: the changes since the branch's head then (as c2).
    const feedPath = async () => `/api/feed?sinds=${await standin.git.getRef(standin.branch)}`;
    servers = await Promise.all(settings.map(async (s) => startServerChild(s, env, await feedPath())));
    const bases = servers.map((s) => s.base);
    // The load's people; the logout and the limit probe use the last two, whose sessions the load does not hold.
    const loadPeople = ctx.people.slice(0, Math.max(1, ctx.people.length - 2));
    const [logoutPerson, limitPerson] = ctx.people.slice(-2);

    let restart: Promise<void> | undefined;
    let readyMs = -1;
    let feeding: Promise<{ ms: number; items: number; status: number }> | undefined;
    const answeredBeforeKill = new Map<string, string>();
    const poster = createPoster(bases[0], 120_000, (answered) => {
      if (restart || answered < ctx.posts * 0.4) return;
      restart = (async () => {
        for (const [key, ids] of poster.result.idsByKey) answeredBeforeKill.set(key, [...ids][0]);
        await killGroup(servers[0].child);
        const crashHead = (await standin.git.getRef(standin.branch))!;
        // Ready once it answers / and /api/health (the outbox's pending rows are read before it listens); the feed
        // since the crash is timed once, beside the load: B commits on meanwhile, so that feed has posts to read from GitHub.
        servers[0] = await startServerChild(settings[0], env, '/api/health');
        readyMs = servers[0].readyMs;
        feeding = timedFeed(servers[0].base, crashHead).catch(() => ({ ms: -1, items: 0, status: -1 }));
      })();
    });
    const started = performance.now();
    const load = await runLoad({ base: bases[0], bases, posts: ctx.posts, clients: ctx.clients, tag, people: loadPeople }, poster);
    await restart;
    const seconds = (performance.now() - started) / 1000;
    const feed = (await feeding) ?? { ms: -1, items: 0, status: 0 };
    const problems: string[] = [];
    if (!restart) problems.push('server A is niet gestopt: te weinig antwoorden');
    if (feed.status !== 200) problems.push(`/api/feed?sinds=<kop bij de crash> gaf ${feed.status} op de herstarte server A`);
    if (readyMs > 5000) problems.push(`server A diende pas na ${readyMs} ms weer (doel ≤ 5000 ms)`);
    // A tenth of the keys answered before the kill, resent alternately to the restarted A and to B: the first answer again.
    const again = [...answeredBeforeKill].filter((_, i) => i % 10 === 0);
    const replays = await Promise.all(again.map(([key], i) => poster.send(load.cookies[Number(key.split('-').at(-2))], key, [bases[i % 2]])));
    const wrong = again.filter(([, id], i) => replays[i] !== id).length;
    if (wrong) problems.push(`${wrong} van ${again.length} na de herstart opnieuw verstuurde sleutels kregen niet het eerste antwoord`);

    // One flusher over both servers drains the shared outbox onto the branch.
    const git = (args: string[]) => standin.git.git(args);
    const settled = await pollUntil(() => countAtRef(git, standin.branch, tag), (s) => sum(s.counts) >= ctx.posts, 120_000);
    const stored = settled.value;
    problems.push(...findAnswerProblems(load), ...findProblems('branch op de stand-in', load, stored, { posts: ctx.posts, filesBefore: 0 }));
    if (!gh.stats.faultsInjected) problems.push('geen fouten geïnjecteerd: de stand-in gaf elke keer 2xx');

    const logout = await checkLogout(bases[0], bases[1], logoutPerson);
    problems.push(...logout.problems);

    // A second pair on the same database, with the limit: the revocation outlives the restart, the limit spans both.
    for (const s of servers) await killGroup(s.child, 'SIGTERM');
    const limited = [await settingsFor(LIMIT), await settingsFor(LIMIT)];
    servers = await Promise.all(limited.map(async (s) => startServerChild(s, env, await feedPath())));
    const limitBases = servers.map((s) => s.base);
    const revoked = await Promise.all(limitBases.map((b) => me(b, logout.cookie)));
    if (revoked.some((s) => s !== 401)) problems.push(`de afgemelde sessie gaf na een herstart ${revoked.join(' en ')}, verwacht 401`);
    const limit = await checkLimit(limitBases, limitPerson, tag);
    problems.push(...limit.problems);
    const ids = (list: string) => new Set(list.split('\n').filter(Boolean).map((p) => p.split('/').pop()!.replace(/\.md$/, '')));
    const listed = () => git(['ls-tree', '-r', '--name-only', standin.branch, '--', 'content/berichten']).then(ids);
    const probes = await pollUntil(listed, (on) => limit.ids.every((id) => on.has(id)), 60_000);
    const probesMissing = limit.ids.filter((id) => !probes.value.has(id)).length;
    if (probesMissing) problems.push(`${probesMissing} geaccepteerde berichten van de grensproef staan niet op de branch`);
    const fsckOut = (await gh.git.fsck()).trim();
    if (fsckOut) problems.push(`git fsck (stand-in): ${fsckOut.split('\n')[0]}`);

    return {
      figures: [
        ...loadFigures(load),
        ['doorvoer', `${(ctx.posts / seconds).toFixed(1)} berichten/s over twee servers (client c op server c mod 2)`],
        ['SIGKILL server A', `na ${answeredBeforeKill.size} beantwoorde sleutels; herstel ${readyMs} ms van start tot eerste 200 op / en /api/health (doel ≤ 5000 ms)`],
        ['feed na herstart', `/api/feed?sinds=<kop bij de crash> op A: ${feed.status}, ${feed.items} items in ${feed.ms} ms`],
        ['na herstart opnieuw', `${again.length} beantwoorde sleutels (om en om naar A en B), ${again.length - wrong} met hetzelfde id`],
        ['outbox leeg na', `${settled.waitedMs} ms na het laatste antwoord`],
        ['GitHub-verzoeken', `${gh.stats.requests}, waarvan ${gh.stats.faultsInjected} met een geïnjecteerde fout (403/429/502) en ${gh.stats.conflicts} conflicten`],
        ['opgeslagen', `${sum(stored.counts)} op de branch (${stored.files} bestanden), dubbel ${[...stored.counts.values()].filter((n) => n > 1).length}, verwacht ${ctx.posts}`],
        ['afmelden A → B', `${logout.text}; na herstart van beide ${revoked.join(' en ')}`],
        ['grens per minuut', `${limit.text}; ${limit.ids.length - probesMissing} van ${limit.ids.length} geaccepteerde op de branch`],
        ['git fsck --strict', fsckOut ? 'FOUTEN' : 'schoon'],
      ],
      problems,
    };
  } finally {
    for (const s of servers) await killGroup(s.child);
    await gh?.close();
    await pg?.stop();
  }
}
