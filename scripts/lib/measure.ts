// Runs a command and measures wall time and the peak resident memory of its whole process tree.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

function childrenOf(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

function rssKb(pid: number): number {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  } catch {
    return 0;
  }
}

/** Sum of RSS (MB) over a process and all its descendants, read from /proc. */
function treeRssMb(pid: number): number {
  let total = 0;
  const stack = [pid];
  while (stack.length) {
    const p = stack.pop()!;
    total += rssKb(p);
    stack.push(...childrenOf(p));
  }
  return total / 1024;
}

/** Runs `cmd args` and resolves with seconds, peak tree RSS in MB, exit code and output. */
export function measureCommand(cmd: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
  return new Promise<{ seconds: number; peakRssMB: number; code: number; output: string }>((resolve) => {
    const started = performance.now();
    const child = spawn(cmd, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    let peak = 0;
    const timer = setInterval(() => (peak = Math.max(peak, treeRssMb(child.pid!))), 100);
    child.on('close', (code) => {
      clearInterval(timer);
      resolve({ seconds: (performance.now() - started) / 1000, peakRssMB: Math.round(peak), code: code ?? 1, output });
    });
  });
}

/** Total size in MB of the files below a folder. */
export function folderSizeMb(dir: string): number {
  let bytes = 0;
  for (const f of readdirSync(dir, { recursive: true }) as string[]) {
    const s = statSync(join(dir, f));
    if (s.isFile()) bytes += s.size;
  }
  return Math.round((bytes / 1024 / 1024) * 10) / 10;
}
