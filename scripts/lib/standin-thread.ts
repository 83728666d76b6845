// The GitHub stand-in on a thread of its own for the benchmarks: its git work (a tree of a thousand blobs per batch,
// written and hashed) then no longer stalls the event loop of the servers being measured, as github.com would not.
// Offers what bench:github uses of startGithubStandin: the repository's names, its API root, git in the bare
// repository, the request counters and close().
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { startGithubStandin, type StandinFaults } from '../../tests/support/github-standin/server.ts';

type Request = { op: 'git'; args: string[] } | { op: 'stats' } | { op: 'close' };
type Call = Request & { id: number };
type Answer = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: string };
interface Started {
  baseUrl: string;
  owner: string;
  repo: string;
  branch: string;
}
/** What the stand-in counted. */
export interface StandinCounts {
  requests: number;
  maxContentRequestsPerMinute: number;
}

if (!isMainThread && (workerData as { standinThread?: boolean })?.standinThread) {
  const { tokens, faults } = workerData as { tokens: string[]; faults: StandinFaults };
  const standin = await startGithubStandin({ tokens, faults });
  const port = parentPort!;
  port.on('message', async (call: Call) => {
    try {
      let value: unknown;
      if (call.op === 'git') value = await standin.git.git(call.args);
      else if (call.op === 'stats') value = { requests: standin.stats.requests, maxContentRequestsPerMinute: standin.maxContentRequestsPerMinute() } satisfies StandinCounts;
      else {
        await standin.close();
        port.postMessage({ id: call.id, ok: true, value: null } satisfies Answer);
        port.close();
        return;
      }
      port.postMessage({ id: call.id, ok: true, value } satisfies Answer);
    } catch (err) {
      port.postMessage({ id: call.id, ok: false, error: String((err as Error)?.message ?? err) } satisfies Answer);
    }
  });
  port.postMessage({ baseUrl: standin.baseUrl, owner: standin.owner, repo: standin.repo, branch: standin.branch } satisfies Started);
}

/** Starts the stand-in on its own thread; resolves once it listens. */
export async function startStandinThread(options: { tokens: string[]; faults: StandinFaults }) {
  const worker = new Worker(new URL(import.meta.url), { workerData: { standinThread: true, ...options } });
  const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let next = 0;
  const started = await new Promise<Started>((resolve, reject) => {
    worker.once('error', reject);
    worker.once('message', resolve);
  });
  worker.on('message', (a: Answer) => {
    const w = waiting.get(a.id);
    waiting.delete(a.id);
    if (a.ok) w?.resolve(a.value);
    else w?.reject(new Error(a.error));
  });
  const call = <T>(c: Request) =>
    new Promise<T>((resolve, reject) => {
      const id = ++next;
      waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
      worker.postMessage({ ...c, id });
    });
  const git = (args: string[]) => call<string>({ op: 'git', args });
  return {
    ...started,
    git: {
      git,
      getRef: async (branch: string) => (await git(['rev-parse', '--verify', '--quiet', `refs/heads/${branch}`]).catch(() => '')).trim() || undefined,
      fsck: async () => (await git(['fsck', '--no-progress', '--strict', '--no-dangling'])).trim(),
    },
    counts: () => call<StandinCounts>({ op: 'stats' }),
    async close() {
      await call({ op: 'close' });
      await worker.terminate();
    },
  };
}
