// The crash in `npm run test:reliability`: the load runs against the server child, which is SIGKILLed
// (with its git children) once 40 % of the answers are in and started again over the same storage.
// Clients retry what went unanswered with the same keys; after the restart they resend a tenth of the
// posts that were answered before the kill, which must get their first answer again.
import { createPoster, runLoad, type LoadResult } from './reliability-load.ts';
import { killGroup, startServerChild, type ServerChild } from './reliability-process.ts';
import type { ReliabilityServerSettings } from './reliability-server.ts';
import type { ScenarioContext } from './reliability-types.ts';

/** What the kill run saw: the load, its figures and problems, and the server running at the end. */
export interface KillRun {
  load: LoadResult;
  figures: [string, string][];
  problems: string[];
  server: ServerChild;
}

/**
 * Runs the load with one SIGKILL and restart; `left` describes what the kill left behind (read while down);
 * `feedPath` is the feed a page built just before each start asks for (`/api/feed?sinds=<head then>`).
 */
export async function runLoadWithKill(ctx: ScenarioContext, tag: string, settings: ReliabilityServerSettings, feedPath: () => Promise<string>, left: () => string | Promise<string>): Promise<KillRun> {
  let server = await startServerChild(settings, ctx.env, await feedPath());
  let restart: Promise<void> | undefined;
  let readyMs = -1;
  let listeningMs = -1;
  let leftBehind = '';
  const answeredBeforeKill = new Map<string, string>();
  const poster = createPoster(server.base, 120_000, (answered) => {
    if (restart || answered < ctx.posts * 0.4) return;
    restart = (async () => {
      for (const [key, ids] of poster.result.idsByKey) answeredBeforeKill.set(key, [...ids][0]);
      await killGroup(server.child);
      leftBehind = await left();
      server = await startServerChild(settings, ctx.env, await feedPath());
      ({ readyMs, listeningMs } = server);
    })();
  });
  try {
    const load = await runLoad({ base: server.base, posts: ctx.posts, clients: ctx.clients, tag, people: ctx.people }, poster);
    await restart;
    const problems: string[] = [];
    if (!restart) problems.push('de server is niet gestopt: te weinig antwoorden');
    const again = [...answeredBeforeKill].filter((_, i) => i % 10 === 0);
    const replays = await Promise.all(again.map(([key]) => poster.send(load.cookies[Number(key.split('-').at(-2))], key)));
    const wrong = again.filter(([, id], i) => replays[i] !== id);
    if (wrong.length) problems.push(`${wrong.length} van ${again.length} na de herstart opnieuw verstuurde sleutels kregen niet het eerste antwoord`);
    if (readyMs > 5000) problems.push(`de server diende pas na ${readyMs} ms weer (doel ≤ 5000 ms)`);
    const figures: [string, string][] = [
      ['SIGKILL', `na ${answeredBeforeKill.size} beantwoorde sleutels; achtergelaten: ${leftBehind}`],
      ['herstel', `${readyMs} ms van start tot eerste 200 op / en /api/feed?sinds=<kop bij de crash> (doel ≤ 5000 ms); luistert na ${listeningMs} ms`],
      ['na herstart opnieuw', `${again.length} beantwoorde sleutels, ${again.length - wrong.length} met hetzelfde id`],
    ];
    return { load, figures, problems, server };
  } catch (err) {
    await restart?.catch(() => {});
    await killGroup(server.child);
    throw err;
  }
}
