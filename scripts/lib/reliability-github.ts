// c. The GitHub store for `npm run test:reliability`: the server child writes through the GitHub store
// to the stand-in (a real bare repository on loopback) while the stand-in injects conflicts (another
// writer moves the branch), 403 secondary rate limits and 502s; the same counts must hold. A second run
// acknowledges from the state store's outbox (SQLite) and SIGKILLs the server mid-load, then starts it again on the
// same state store.
import { mkdtempSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { startGithubStandin, type GithubStandin } from '../../tests/support/github-standin/server.ts';
import { tempRepoDir } from '../../functions/hosts/node/plein-server.ts';
import { countAtRef, findAnswerProblems, findProblems, pendingInOutbox } from './reliability-checks.ts';
import { runLoadWithKill } from './reliability-kill.ts';
import { runLoad, type LoadResult } from './reliability-load.ts';
import { killGroup, startServerChild, type ServerChild } from './reliability-process.ts';
import { getFreePort } from './free-port.ts';
import { loadFigures, type ScenarioContext, type ScenarioResult } from './reliability-scenarios.ts';

const FAULTS = { conflictEvery: 4, secondaryLimitEvery: 9, badGatewayEvery: 13, retryAfter: 1 };
// The outbox sends few, large batches: fault more often so every kind still happens.
const JOURNAL_FAULTS = { conflictEvery: 2, secondaryLimitEvery: 4, badGatewayEvery: 7, retryAfter: 1 };

/** Waits until the branch holds `posts` posts of the run (the outbox commits in the background), at most `ms`. */
async function settledCount(gh: GithubStandin, tag: string, posts: number, ms = 60_000) {
  const git = (args: string[]) => gh.git.git(args);
  const until = Date.now() + ms;
  for (;;) {
    const stored = await countAtRef(git, gh.branch, tag);
    const total = [...stored.counts.values()].reduce((a, b) => a + b, 0);
    if (total >= posts || Date.now() > until) return stored;
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Runs one GitHub scenario; with `journal` the server acknowledges from the outbox and is killed mid-load. */
async function runGithub(ctx: ScenarioContext, tag: string, journal: boolean): Promise<ScenarioResult> {
  const token = `ghp_reliability${Math.random().toString(36).slice(2)}`;
  const gh = await startGithubStandin({ tokens: [token], faults: journal ? JOURNAL_FAULTS : FAULTS });
  const stateDir = mkdtempSync(`${tempRepoDir('reliability-state')}/s-`);
  const settings = { repoDir: ctx.root, distDir: ctx.distDir, port: await getFreePort(), stateDir, github: { baseUrl: gh.baseUrl, owner: gh.owner, repo: gh.repo, branch: gh.branch, token, outbox: journal } };
  let server: ServerChild | undefined;
  try {
    let load: LoadResult;
    const extra: [string, string][] = [];
    const problems: string[] = [];
    if (journal) {
      const run = await runLoadWithKill(ctx, tag, settings, async () => `/api/feed?sinds=${await gh.git.getRef(gh.branch)}`, async () => `${await pendingInOutbox(stateDir)} onverzonden wijzigingen in de outbox`);
      ({ load, server } = run);
      extra.push(...run.figures);
      problems.push(...run.problems);
    } else {
      server = await startServerChild(settings, ctx.env, '/api/feed');
      load = await runLoad({ base: server.base, posts: ctx.posts, clients: ctx.clients, tag, people: ctx.people });
    }
    const started = performance.now();
    const stored = await settledCount(gh, tag, ctx.posts);
    if (journal) extra.push(['outbox leeg na', `${Math.round(performance.now() - started)} ms na het laatste antwoord`]);
    await killGroup(server.child, 'SIGTERM');
    const fsckOut = (await gh.git.fsck()).trim();
    problems.push(...findAnswerProblems(load), ...findProblems('branch op de stand-in', load, stored, { posts: ctx.posts, filesBefore: 0 }));
    if (fsckOut) problems.push(`git fsck (stand-in): ${fsckOut.split('\n')[0]}`);
    if (!gh.stats.faultsInjected || !gh.stats.conflicts) problems.push(`te weinig fouten geïnjecteerd (${gh.stats.faultsInjected} fouten, ${gh.stats.conflicts} conflicten)`);
    const inBranch = [...stored.counts.values()].reduce((a, b) => a + b, 0);
    return {
      figures: [
        ...loadFigures(load),
        ...extra,
        ['GitHub-verzoeken', `${gh.stats.requests}, waarvan ${gh.stats.faultsInjected} met een geïnjecteerde fout (403/429/502) en ${gh.stats.conflicts} conflicten`],
        ['opgeslagen', `${inBranch} op de branch, dubbel ${[...stored.counts.values()].filter((n) => n > 1).length}, verwacht ${ctx.posts}`],
        ['git fsck --strict', fsckOut ? 'FOUTEN' : 'schoon'],
      ],
      problems,
    };
  } finally {
    if (server) await killGroup(server.child);
    await gh.close();
    rmSync(dirname(stateDir), { recursive: true, force: true });
  }
}

/** c1. The GitHub store without an outbox (every answer waits for GitHub), with faults. */
export const scenarioGithub = (ctx: ScenarioContext, tag: string) => runGithub(ctx, tag, false);

/** c2. The GitHub store with the state store's outbox, faults, and a SIGKILL and restart mid-load. */
export const scenarioGithubKill = (ctx: ScenarioContext, tag: string) => runGithub(ctx, tag, true);
