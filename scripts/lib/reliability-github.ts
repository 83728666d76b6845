// c. The GitHub store for `npm run test:reliability`: the server child writes through the GitHub store
// to the stand-in (a real bare repository on loopback) while the stand-in injects conflicts (another
// writer moves the branch), 403 secondary rate limits and 502s; the same counts must hold.
import { startGithubStandin } from '../../functions/store/github-standin/server.ts';
import { countAtRef, findAnswerProblems, findProblems } from './reliability-checks.ts';
import { runLoad } from './reliability-load.ts';
import { freePort, killGroup, startServerChild } from './reliability-process.ts';
import { loadFigures, type ScenarioContext, type ScenarioResult } from './reliability-scenarios.ts';

/** Runs the load against the GitHub store with faults. */
export async function scenarioGithub(ctx: ScenarioContext, tag: string): Promise<ScenarioResult> {
  const token = `ghp_reliability${Math.random().toString(36).slice(2)}`;
  const faults = { conflictEvery: 4, secondaryLimitEvery: 9, badGatewayEvery: 13, retryAfter: 1 };
  const gh = await startGithubStandin({ tokens: [token], faults });
  const github = { baseUrl: gh.baseUrl, owner: gh.owner, repo: gh.repo, branch: gh.branch, token };
  let server: Awaited<ReturnType<typeof startServerChild>> | undefined;
  try {
    server = await startServerChild({ repoDir: ctx.root, distDir: ctx.distDir, port: await freePort(), github }, ctx.env, '/api/feed');
    const load = await runLoad({ base: server.base, posts: ctx.posts, clients: ctx.clients, tag, people: ctx.people });
    await killGroup(server.child, 'SIGTERM');
    const git = (args: string[]) => gh.git.git(args);
    const stored = await countAtRef(git, gh.branch, tag);
    const fsckOut = (await gh.git.fsck()).trim();
    const problems = [...findAnswerProblems(load), ...findProblems('branch op de stand-in', load, stored, { posts: ctx.posts, filesBefore: 0 })];
    if (fsckOut) problems.push(`git fsck (stand-in): ${fsckOut.split('\n')[0]}`);
    if (!gh.stats.faultsInjected || !gh.stats.conflicts) problems.push(`te weinig fouten geïnjecteerd (${gh.stats.faultsInjected} fouten, ${gh.stats.conflicts} conflicten)`);
    const inBranch = [...stored.counts.values()].reduce((a, b) => a + b, 0);
    return {
      figures: [
        ...loadFigures(load),
        ['GitHub-verzoeken', `${gh.stats.requests}, waarvan ${gh.stats.faultsInjected} met een geïnjecteerde fout (403/502) en ${gh.stats.conflicts} conflicten`],
        ['opgeslagen', `${inBranch} op de branch, dubbel ${[...stored.counts.values()].filter((n) => n > 1).length}, verwacht ${ctx.posts}`],
        ['git fsck', fsckOut ? 'FOUTEN' : 'schoon'],
      ],
      problems,
    };
  } finally {
    if (server) await killGroup(server.child);
    await gh.close();
  }
}
