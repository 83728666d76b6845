// The local-git scenarios of `npm run test:reliability`: the load with resent keys, and the same load
// with the server SIGKILLed in the middle and started again over the same repository.
import { execFileSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tempRepoDir } from '../../functions/hosts/node/plein-server.ts';
import { percentile } from './bench-client.ts';
import { countAtRef, countWorkingTree, findAnswerProblems, findProblems, fsck, pendingInOutbox } from './reliability-checks.ts';
import { runLoadWithKill } from './reliability-kill.ts';
import type { ScenarioContext, ScenarioResult } from './reliability-types.ts';

export type { ScenarioContext, ScenarioResult };
import { runLoad, type LoadResult } from './reliability-load.ts';
import { killGroup, startServerChild } from './reliability-process.ts';
import { getFreePort } from './free-port.ts';

/** The figures of a load: requests, successes, errors by status, p95 latency. */
export function loadFigures(load: LoadResult): [string, string][] {
  const ok = [...load.statuses].filter(([s]) => s < 300).reduce((n, [, c]) => n + c, 0);
  const errors = Object.fromEntries([...load.statuses].filter(([s]) => s >= 300));
  return [
    ['verzoeken', `${load.requests} (${load.keys.length} sleutels)`],
    ['geslaagd (2xx)', String(ok)],
    ['fouten per status', `${JSON.stringify(errors)}${load.networkErrors ? `, geen antwoord (verbinding weg) ${load.networkErrors}` : ''}`],
    ['latentie', `p50 ${percentile(load.latencies, 50)} ms, p95 ${percentile(load.latencies, 95)} ms`],
  ];
}

/** A copy of this repository to write into (inside .plein/, so MDX would resolve in a rebuild). */
export function cloneRepo(root: string, name: string): string {
  const repo = tempRepoDir(name);
  execFileSync('git', ['clone', '--quiet', '--no-hardlinks', root, repo]);
  return repo;
}

/** The feed path a page of this build would ask for. */
export const feedPathOf = (repo: string) => `/api/feed?sinds=${execFileSync('git', ['rev-parse', 'HEAD'], { cwd: repo, encoding: 'utf8' }).trim()}`;

const postFileCount = (repo: string) => countWorkingTree(repo, '\0').files;

/** Waits until HEAD holds `posts` posts of the run (the outbox commits in the background), at most `ms`; gives the wait. */
async function settledLocal(repo: string, tag: string, posts: number, ms = 60_000): Promise<number> {
  const started = performance.now();
  while (performance.now() - started < ms) {
    const head = await countAtRef(repo, 'HEAD', tag);
    if ([...head.counts.values()].reduce((a, b) => a + b, 0) >= posts) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return Math.round(performance.now() - started);
}

/** Checks a local repository after a load: working tree, HEAD, answers and fsck. */
async function checkLocal(repo: string, load: LoadResult, posts: number, filesBefore: number, headFilesBefore: number, tag: string) {
  const tree = countWorkingTree(repo, tag);
  const head = await countAtRef(repo, 'HEAD', tag);
  const fsckOut = await fsck(repo);
  const problems = [
    ...findAnswerProblems(load),
    ...findProblems('werkboom', load, tree, { posts, filesBefore }),
    ...findProblems('git HEAD', load, head, { posts, filesBefore: headFilesBefore }),
    ...(fsckOut ? [`git fsck --strict: ${fsckOut.split('\n').slice(0, 3).join('; ')}`] : []),
  ];
  const stored = [...head.counts.values()].reduce((a, b) => a + b, 0);
  const twice = [...head.counts.values()].filter((n) => n > 1).length;
  const figures: [string, string][] = [
    ['opgeslagen', `${stored} in HEAD (${tree.files - filesBefore} nieuwe bestanden in de werkboom), dubbel ${twice}, verwacht ${posts}`],
    ['git fsck --strict', fsckOut ? 'FOUTEN' : 'schoon'],
  ];
  // A repository that shows a problem stays for inspection; a sound one goes.
  if (problems.length) figures.push(['repository bewaard', repo]);
  else rmSync(repo, { recursive: true, force: true });
  return { problems, figures };
}

/** a. `posts` posts from `clients` posters, a tenth resent with the same key: exactly `posts` stored. */
export async function scenarioLoad(ctx: ScenarioContext, tag: string): Promise<ScenarioResult> {
  const repo = cloneRepo(ctx.root, 'reliability-load');
  const filesBefore = postFileCount(repo);
  const headFilesBefore = (await countAtRef(repo, 'HEAD', tag)).files;
  const server = await startServerChild({ repoDir: repo, distDir: ctx.distDir, port: await getFreePort() }, ctx.env, feedPathOf(repo));
  try {
    const started = performance.now();
    const load = await runLoad({ base: server.base, posts: ctx.posts, clients: ctx.clients, tag, people: ctx.people });
    const seconds = (performance.now() - started) / 1000;
    const drained = await settledLocal(repo, tag, ctx.posts);
    await killGroup(server.child, 'SIGTERM');
    const checked = await checkLocal(repo, load, ctx.posts, filesBefore, headFilesBefore, tag);
    return { figures: [...loadFigures(load), ['doorvoer', `${(ctx.posts / seconds).toFixed(1)} berichten/s`], ['outbox leeg na', `${drained} ms na het laatste antwoord`], ...checked.figures], problems: checked.problems };
  } finally {
    await killGroup(server.child);
  }
}

/** b. The same load; the server is SIGKILLed (with its git children) at 40 % and started again. */
export async function scenarioKill(ctx: ScenarioContext, tag: string): Promise<ScenarioResult> {
  const repo = cloneRepo(ctx.root, 'reliability-kill');
  const filesBefore = postFileCount(repo);
  const headFilesBefore = (await countAtRef(repo, 'HEAD', tag)).files;
  const gitDir = join(repo, '.git');
  const left = async () => {
    const pending = await pendingInOutbox(join(repo, '.plein', 'state'));
    return [existsSync(join(gitDir, 'index.lock')) && 'index.lock', existsSync(join(gitDir, 'plein-pending.json')) && 'onafgemaakte batch', pending && `${pending} onverzonden wijzigingen in de outbox`].filter(Boolean).join(' en ') || 'niets';
  };
  const run = await runLoadWithKill(ctx, tag, { repoDir: repo, distDir: ctx.distDir, port: await getFreePort() }, async () => feedPathOf(repo), left);
  try {
    const drained = await settledLocal(repo, tag, ctx.posts);
    await killGroup(run.server.child, 'SIGTERM');
    const checked = await checkLocal(repo, run.load, ctx.posts, filesBefore, headFilesBefore, tag);
    return { figures: [...loadFigures(run.load), ...run.figures, ['outbox leeg na', `${drained} ms na het laatste antwoord`], ...checked.figures], problems: [...run.problems, ...checked.problems] };
  } finally {
    await killGroup(run.server.child);
  }
}
