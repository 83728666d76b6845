// The GitHub store on the outbox, in a child process SIGKILLed at the worst moments (after GitHub moved the branch
// but before the outbox heard; while posts are being acknowledged), then restarted on the same state store.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import { openStateStore } from '../../state/open.ts';
import { openTempState } from '../../../tests/support/state.ts';
import { createGithubStore } from './github-store.ts';
import { startGithubStandin, type GithubStandin } from '../../../tests/support/github-standin/server.ts';

const TOKEN = 'ghp_crashtest0123456789';
const CHILD = join(import.meta.dirname, '..', '..', '..', 'tests', 'support', 'outbox-crash-child.ts');
const cleanup: (() => unknown)[] = [];
afterAll(async () => {
  for (const c of cleanup.reverse()) await c();
});

/** A loopback proxy in front of the stand-in that tells us when GitHub has moved the branch, before the client hears it. */
async function startProxy(target: string, onRefMoved: () => boolean): Promise<{ url: string; server: Server }> {
  const t = new URL(target);
  const server = createServer((req, res) => {
    const up = request({ host: t.hostname, port: t.port, method: req.method, path: req.url, headers: req.headers }, (upRes) => {
      const chunks: Buffer[] = [];
      upRes.on('data', (c: Buffer) => chunks.push(c));
      upRes.on('end', () => {
        // The branch moved on GitHub; if the test kills the client now, it never learns that its batch landed.
        if (req.method === 'PATCH' && req.url?.includes('/git/refs/') && upRes.statusCode === 200 && onRefMoved()) return res.destroy();
        res.writeHead(upRes.statusCode ?? 502, upRes.headers);
        res.end(Buffer.concat(chunks));
      });
    });
    up.on('error', () => res.destroy());
    req.pipe(up);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

/** Runs the posting child; `onLine` sees every message it prints. Resolves when it exits. */
function runChild(settings: object, onLine: (message: { acked?: string; ready?: boolean; drained?: boolean }, child: ChildProcess) => void) {
  const child = spawn(process.execPath, [CHILD, JSON.stringify(settings)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  createInterface({ input: child.stdout! }).on('line', (line) => onLine(JSON.parse(line), child));
  return new Promise<{ code: number | null; signal: string | null; stderr: string }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, stderr })));
}

async function branchLog(gh: GithubStandin) {
  const head = (await gh.git.getRef(gh.branch))!;
  const added = (await gh.git.git(['log', '--format=', '--name-only', '--diff-filter=A', head, '--', 'content/berichten'])).split('\n').filter(Boolean);
  const trailers = [...(await gh.git.git(['log', '--format=%B', head])).matchAll(/^Plein-Journal: (\S+)$/gm)].map((m) => m[1]);
  return { added, trailers };
}

/** The ids the outbox still calls pending (read while no child runs). */
async function pendingIds(stateDir: string): Promise<string[]> {
  const state = await openStateStore({ PLEIN_STATE_DIR: stateDir });
  try {
    return (await state.outbox.pending(10_000)).map((e) => e.id);
  } finally {
    await state.close();
  }
}

describe('github store on the outbox, killed and restarted', () => {
  it('commits every acknowledged post exactly once across SIGKILLs mid-batch and mid-acknowledgement', async () => {
    const gh = await startGithubStandin({ tokens: [TOKEN], faults: { slowMs: 3 } });
    cleanup.push(() => gh.close());
    const stateDir = mkdtempSync(join(tmpdir(), 'plein-crash-state-'));
    const acked: string[] = [];
    let killOnRefMove = false;
    let victim: ChildProcess | undefined;
    const proxy = await startProxy(gh.baseUrl, () => {
      if (!killOnRefMove || !victim) return false;
      victim.kill('SIGKILL');
      killOnRefMove = false;
      return true;
    });
    cleanup.push(() => new Promise((r) => proxy.server.close(r)));
    const settings = (mode: string, prefix: string) => ({ baseUrl: proxy.url, token: TOKEN, stateDir, mode, prefix, concurrency: 8 });

    // 1. Killed just after GitHub moved the branch for a batch, before the outbox heard of it.
    const first = await runChild(settings('post', 'a'), (m, child) => {
      victim = child;
      if (m.acked) acked.push(m.acked);
      if (acked.length >= 40) killOnRefMove = true;
    });
    expect(first.signal).toBe('SIGKILL');
    const afterFirst = await branchLog(gh);
    const stillPending = await pendingIds(stateDir);
    // The crash window was hit: entries the outbox still calls pending are already on the branch.
    expect(stillPending.filter((id) => afterFirst.trailers.includes(id)).length).toBeGreaterThan(0);

    // 2. Restarted over the same outbox (the dead process's flush lease is taken over at once), and killed again while posts are being acknowledged.
    const ackedBefore = acked.length;
    const second = await runChild(settings('post', 'b'), (m, child) => {
      if (m.acked) acked.push(m.acked);
      if (acked.length - ackedBefore >= 60) child.kill('SIGKILL');
    });
    expect(second.signal).toBe('SIGKILL');

    // 3. Restarted to drain what is left.
    let drained = false;
    const third = await runChild(settings('drain', 'c'), (m) => (drained ||= Boolean(m.drained)));
    expect({ code: third.code, drained }).toEqual({ code: 0, drained: true });

    const { added, trailers } = await branchLog(gh);
    expect(new Set(added).size).toBe(added.length);
    for (const path of acked) expect(added).toContain(path);
    expect(new Set(trailers).size).toBe(trailers.length);
    expect(trailers.length).toBe(added.length);
    expect(await pendingIds(stateDir)).toEqual([]);
    expect(await gh.git.fsck()).toBe('');
  }, 120_000);

  it('does not commit twice when a batch landed but every answer to the ref update was lost', async () => {
    const gh = await startGithubStandin({ tokens: [TOKEN] });
    cleanup.push(() => gh.close());
    let dropped = 0;
    // The first ref update and all its retries land on GitHub, but the store never hears back.
    const proxy = await startProxy(gh.baseUrl, () => dropped++ < 5);
    cleanup.push(() => new Promise((r) => proxy.server.close(r)));
    const warnings: string[] = [];
    const state = await openTempState();
    cleanup.push(() => state.remove());
    const store = createGithubStore({
      config: { owner: gh.owner, repo: gh.repo, branch: gh.branch, baseUrl: proxy.url, auth: { token: TOKEN } },
      state,
      tuning: { minWriteIntervalMs: 0, retryAfterBaseMs: 5, retries: 4, warn: (m) => warnings.push(m) },
      batchWindowMs: 10,
      retryBaseMs: 20,
    });
    cleanup.push(() => store.close());
    const paths = Array.from({ length: 10 }, (_, i) => `content/berichten/2026/11/verloren-${i}.md`);
    await Promise.all(paths.map((path) => store.commit({ writes: [{ path, content: `${path}\n` }], message: path, author: { name: 'A', email: 'a@wadvoort.nl' } })));
    await store.flush();
    expect(dropped).toBeGreaterThanOrEqual(5);
    expect(warnings.join('\n')).toMatch(/stonden al in de repository; niet opnieuw vastgelegd/);
    const { added, trailers } = await branchLog(gh);
    expect(added.sort()).toEqual([...paths].sort());
    expect(trailers).toHaveLength(10);
    expect(new Set(trailers).size).toBe(10);
    expect(store.pending()).toBe(0);
  }, 60_000);
});
