// e. Several servers for `npm run test:reliability`: two Node server children on one throwaway PostgreSQL, both with
// the GitHub store on the stand-in and one shared outbox. Clients are spread over both and resend a tenth of their
// keys, some to the other server; one server is SIGKILLed mid-load and started again. Then: exactly the acknowledged
// posts on the branch, each once; a logout on one server refused on the other; the per-minute limit across both.
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


/** Waits until the branch holds `posts` posts of the run and `files` posts in all (the one flusher drains the shared outbox), at most `ms`. */
async function drained(gh: GithubStandin, tag: string, posts: number, files: number, ms: number) {
  const until = Date.now() + ms;
  for (;;) {
    const stored = await countAtRef((args) => gh.git.git(args), gh.branch, tag);
    if (([...stored.counts.values()].reduce((a, b) => a + b, 0) >= posts && stored.files >= files) || Date.now() > until) return stored;
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** A logout on `a` must end the session on `b` (and on `a`): problems, empty when it does. */
async function checkLogout(a: string, b: string, person: string): Promise<{ text: string; problems: string[] }> {
  const cookie = await loginDemo(a, person);
  const me = async (base: string) => (await fetch(`${base}/api/auth/me`, { headers: { cookie }, signal: AbortSignal.timeout(10_000) })).status;
  const before = await me(b);
  const out = await fetch(`${a}/api/auth/logout`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie, origin: a, 'content-type': 'application/x-www-form-urlencoded' },
    signal: AbortSignal.timeout(10_000),
  });
  await out.body?.cancel();
  const [afterB, afterA] = [await me(b), await me(a)];
  const problems = [];
  if (before !== 200) problems.push(`afmelden: de sessie van server A werkte niet op server B (${before})`);
  if (out.status >= 400) problems.push(`afmelden op server A gaf ${out.status}`);
  if (afterB !== 401 || afterA !== 401) problems.push(`na afmelden op A: /api/auth/me gaf ${afterB} op B en ${afterA} op A, verwacht 401`);
  return { text: `me op B ${before} → afmelden op A ${out.status} → me op B ${afterB}, op A ${afterA}`, problems };
}

/** One person posts in turn on both servers: the first `max` are accepted, the next refused (429) on either. */
async function checkLimit(bases: string[], person: string, tag: string, max: number) {
  const cookie = await loginDemo(bases[0], person);
  // The windows are fixed minutes: start early in one, so the probe (a few seconds) stays inside it.
  const left = 60_000 - (Date.now() % 60_000);
  if (left < 15_000) await new Promise((r) => setTimeout(r, left + 200));
  const statuses: number[] = [];
  const ids: string[] = [];
  for (let i = 0; i < max + 2; i++) {
    const base = bases[i % bases.length];
    const res = await fetch(`${base}/api/berichten`, {
      method: 'POST',
      headers: { cookie, origin: base, 'content-type': 'application/json', 'idempotency-key': `${tag}-grens-${i}` },
      body: JSON.stringify({ tekst: `Grensproef ${tag} ${i}: koffie staat klaar.` }),
      signal: AbortSignal.timeout(30_000),
    });
    statuses.push(res.status);
    if (res.ok) ids.push(((await res.json()) as { bericht: { id: string } }).bericht.id);
    else await res.body?.cancel();
  }
  const accepted = statuses.filter((s) => s < 300).length;
  const refused = statuses.slice(max).filter((s) => s === 429).length;
  const problems = accepted !== max || refused !== 2 ? [`grens ${max}/min over twee servers: ${accepted} geaccepteerd, daarna ${refused}× 429 (${statuses.slice(max).join(', ')})`] : [];
  return { text: `${accepted} geaccepteerd om en om op A en B, de volgende ${statuses.length - max} op ${statuses.slice(max).join(', ')}`, problems, ids };
}

/** e. Two servers on one PostgreSQL and the GitHub stand-in, one SIGKILLed and restarted mid-load. */
export async function scenarioMulti(ctx: ScenarioContext, tag: string): Promise<ScenarioResult> {
  const skipped = postgresSkipReason();
  if (skipped) return { figures: [], problems: [], skipped };
  const token = `ghp_reliability${Math.random().toString(36).slice(2)}`;
  let pg: TestPostgres | undefined;
  let gh: GithubStandin | undefined;
  const servers: ServerChild[] = [];
  try {
    pg = await startTestPostgres();
    gh = await startGithubStandin({ tokens: [token] });
    // Production settings (startPleinServer picks the GitHub store and PostgreSQL from the environment), two ports.
    const env = {
      ...ctx.env,
      PLEIN_DATABASE_URL: pg.url,
      PLEIN_GITHUB_REPO: `${gh.owner}/${gh.repo}`,
      PLEIN_GITHUB_BRANCH: gh.branch,
      PLEIN_GITHUB_API_URL: gh.baseUrl,
      PLEIN_GITHUB_TOKEN: token,
    };
    // The load's people come first; the logout and the limit use two others, so the load's windows stay theirs.
    const loadPeople = ctx.people.slice(0, Math.max(1, ctx.people.length - 2));
    const [logoutPerson, limitPerson] = ctx.people.slice(-2);
    // Posts per person per minute on both servers: twice what a load person sends, low enough to probe.
    const limitMax = Math.max(5, 2 * Math.ceil(ctx.posts / ctx.clients) * Math.ceil(ctx.clients / loadPeople.length));
    // `env`: what the child adds to its server's environment (the limit), after its own defaults.
    const settings: (ReliabilityServerSettings & { env: Record<string, string> })[] = [];
    for (let i = 0; i < 2; i++) settings.push({ repoDir: ctx.root, distDir: ctx.distDir, port: await getFreePort(), env: { PLEIN_max_POSTS_PER_MINUTE: String(limitMax) } });
    for (const s of settings) servers.push(await startServerChild(s, env));
    const bases = servers.map((s) => s.base);

    let restart: Promise<void> | undefined;
    let readyMs = -1;
    const answeredBeforeKill = new Map<string, string>();
    const poster = createPoster(bases[0], 120_000, (answered) => {
      if (restart || answered < ctx.posts * 0.4) return;
      restart = (async () => {
        for (const [key, ids] of poster.result.idsByKey) answeredBeforeKill.set(key, [...ids][0]);
        await killGroup(servers[0].child);
        servers[0] = await startServerChild(settings[0], env);
        readyMs = servers[0].readyMs;
      })();
    });
    const started = performance.now();
    const load = await runLoad({ base: bases[0], bases, posts: ctx.posts, clients: ctx.clients, tag, people: loadPeople }, poster);
    await restart;
    const seconds = (performance.now() - started) / 1000;
    const problems: string[] = [];
    if (!restart) problems.push('server A is niet gestopt: te weinig antwoorden');
    // A tenth of what was answered before the kill, resent alternately to the restarted server and the other one.
    const again = [...answeredBeforeKill].filter((_, i) => i % 10 === 0);
    const replays = await Promise.all(again.map(([key], i) => poster.send(load.cookies[Number(key.split('-').at(-2))], key, [bases[i % 2]])));
    const wrong = again.filter(([, id], i) => replays[i] !== id).length;
    if (wrong) problems.push(`${wrong} van ${again.length} na de herstart opnieuw verstuurde sleutels kregen niet het eerste antwoord`);

    const logout = await checkLogout(bases[1], bases[0], logoutPerson);
    const limit = await checkLimit(bases, limitPerson, tag, limitMax);
    const drainStarted = performance.now();
    const stored = await drained(gh, tag, ctx.posts, ctx.posts + limit.ids.length, 120_000);
    const drainMs = Math.round(performance.now() - drainStarted);
    // Every accepted probe post must be on the branch too, once.
    const onBranch = new Set((await gh.git.git(['ls-tree', '-r', '--name-only', gh.branch, '--', 'content/berichten'])).split('\n').map((p) => p.split('/').pop()!.replace(/\.md$/, '')));
    const probesMissing = limit.ids.filter((id) => !onBranch.has(id)).length;
    const fsckOut = (await gh.git.fsck()).trim();
    // The branch starts without posts; the probe's accepted posts are the only other files on it.
    problems.push(...findAnswerProblems(load), ...findProblems('branch op de stand-in', load, stored, { posts: ctx.posts, filesBefore: limit.ids.length }));
    if (stored.ids.size !== stored.files) problems.push(`branch: ${stored.files} bestanden maar ${stored.ids.size} verschillende ids`);
    const total = [...stored.counts.values()].reduce((a, b) => a + b, 0);
    if (probesMissing) problems.push(`${probesMissing} geaccepteerde grensproef-berichten ontbreken op de branch`);
    problems.push(...logout.problems, ...limit.problems);
    if (fsckOut) problems.push(`git fsck (stand-in): ${fsckOut.split('\n')[0]}`);
    if (readyMs > 5000) problems.push(`server A diende pas na ${readyMs} ms weer (doel ≤ 5000 ms)`);
    return {
      figures: [
        ...loadFigures(load),
        ['doorvoer', `${(ctx.posts / seconds).toFixed(1)} berichten/s over twee servers`],
        ['SIGKILL server A', `na ${answeredBeforeKill.size} beantwoorde sleutels; weer bereikbaar na ${readyMs} ms`],
        ['na herstart opnieuw', `${again.length} beantwoorde sleutels (om en om op A en B), ${again.length - wrong} met hetzelfde id`],
        ['branch compleet na', `${drainMs} ms na de laatste controle`],
        ['GitHub-verzoeken', `${gh.stats.requests}; piek ${gh.maxContentRequestsPerMinute()} schrijvende per minuut`],
        ['opgeslagen', `${total} op de branch (${stored.files} bestanden, ${stored.ids.size} ids), dubbel ${[...stored.counts.values()].filter((n) => n > 1).length}, verwacht ${ctx.posts} (+ ${limit.ids.length} van de grensproef)`],
        ['afmelden A → B', logout.text],
        ['grens per minuut', limit.text],
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
