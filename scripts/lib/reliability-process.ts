// The server of `npm run test:reliability` as a child process (scripts/lib/reliability-server.ts), in its
// own process group so a SIGKILL takes its git children with it, as a crash of the machine or container would.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { ReliabilityServerSettings } from './reliability-server.ts';

/** A running server child. */
export interface ServerChild {
  child: ChildProcess;
  base: string;
  /** Milliseconds from spawn until both `/` and the feed (`feedPath`) answered 200. */
  readyMs: number;
  /** Milliseconds from spawn until the server said it listens. */
  listeningMs: number;
  /** What the child wrote (stderr and stdout), for a failure report. */
  output: () => string;
}

const cleanups = new Set<() => void>();

/** Registers something to undo when the test is interrupted (a mount); returns the unregister function. */
export function onInterrupt(undo: () => void): () => void {
  cleanups.add(undo);
  return () => cleanups.delete(undo);
}

/** Runs what was registered (the test got SIGINT or SIGTERM). */
export function runInterruptCleanups(): void {
  for (const undo of cleanups) {
    try {
      undo();
    } catch {
      // best effort: the rest must still run
    }
  }
  cleanups.clear();
}


/** Starts the server child and waits until it serves pages and the feed (at most `timeoutMs`). */
export async function startServerChild(settings: ReliabilityServerSettings, env: Record<string, string>, feedPath = '/api/feed', timeoutMs = 60_000): Promise<ServerChild> {
  const started = performance.now();
  const child = spawn(process.execPath, [join(import.meta.dirname, 'reliability-server.ts')], {
    env: { ...process.env, ...env, PLEIN_RELIABILITY: JSON.stringify(settings) },
    // The IPC channel closes when this process dies in any way; the child then ends itself (no orphans).
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    detached: true,
  });
  let output = '';
  let listeningMs = -1;
  child.stdout!.on('data', (d) => {
    output += d;
    if (listeningMs < 0 && /^klaar \d+/m.test(output)) listeningMs = Math.round(performance.now() - started);
  });
  child.stderr!.on('data', (d) => (output += d));
  const base = `http://127.0.0.1:${settings.port}`;
  const ok = async (path: string) => {
    try {
      const res = await fetch(`${base}${path}`, { signal: AbortSignal.timeout(2000) });
      await res.body?.cancel();
      return res.status === 200;
    } catch {
      return false;
    }
  };
  let page = false;
  let feed = false;
  while (!(page && feed)) {
    if (child.exitCode !== null) throw new Error(`de server stopte meteen (code ${child.exitCode}):\n${output}`);
    if (performance.now() - started > timeoutMs) {
      await killGroup(child);
      throw new Error(`de server antwoordde niet binnen ${timeoutMs} ms:\n${output}`);
    }
    [page, feed] = [page || (await ok('/')), feed || (await ok(feedPath))];
    if (!(page && feed)) await new Promise((r) => setTimeout(r, 25));
  }
  return { child, base, readyMs: Math.round(performance.now() - started), listeningMs, output: () => output };
}

/** SIGKILLs the child and every process it started (its git commands); resolves once it is gone. */
export async function killGroup(child: ChildProcess, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise((r) => child.once('exit', r));
  try {
    process.kill(-child.pid!, signal);
  } catch {
    child.kill(signal);
  }
  await gone;
}
