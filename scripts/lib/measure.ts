// Runs a command and measures wall time, the CPU time of its whole process tree and its peak resident memory.
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

function commandName(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return '?';
  }
}

/** RSS (MB) of a process and all its descendants, read from /proc: the sum, and per command name. */
function treeRssMb(pid: number): { total: number; byCommand: Record<string, number> } {
  let total = 0;
  const byCommand: Record<string, number> = {};
  const stack = [pid];
  while (stack.length) {
    const p = stack.pop()!;
    const kb = rssKb(p);
    total += kb;
    const name = commandName(p);
    if (kb) byCommand[name] = (byCommand[name] ?? 0) + kb;
    stack.push(...childrenOf(p));
  }
  for (const name of Object.keys(byCommand)) byCommand[name] = Math.round(byCommand[name] / 1024);
  return { total: total / 1024, byCommand };
}

/** Linux's USER_HZ: /proc counts CPU time in these ticks. */
const TICKS_PER_SECOND = 100;

/**
 * CPU seconds (user and system) of this process's children that have ended and been waited for, their own ended
 * children included (/proc/self/stat: cutime, cstime); undefined without /proc.
 */
function endedChildrenCpu(): { user: number; system: number } | undefined {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    // After the command name (which may hold spaces): field 3 on, so cutime (16) and cstime (17) are 13 and 14.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { user: Number(fields[13]) / TICKS_PER_SECOND, system: Number(fields[14]) / TICKS_PER_SECOND };
  } catch {
    return undefined;
  }
}

/**
 * Runs `cmd args` and resolves with seconds, CPU seconds of the whole tree (user + system; measureCommand must not
 * run two commands at once, as the children's times are summed per process), peak tree RSS in MB, which processes (by command name) held it at
 * that moment, exit code and output.
 */
export function measureCommand(cmd: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
  return new Promise<{ seconds: number; cpuSeconds: number | undefined; peakRssMB: number; peakRssByProcessMB: Record<string, number>; code: number; output: string }>((resolve) => {
    const started = performance.now();
    const cpuBefore = endedChildrenCpu();
    const child = spawn(cmd, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    let peak = 0;
    let peakByCommand: Record<string, number> = {};
    const timer = setInterval(() => {
      const { total, byCommand } = treeRssMb(child.pid!);
      if (total > peak) [peak, peakByCommand] = [total, byCommand];
    }, 100);
    child.on('close', (code) => {
      clearInterval(timer);
      const cpuAfter = endedChildrenCpu();
      const cpuSeconds = cpuBefore && cpuAfter ? cpuAfter.user + cpuAfter.system - cpuBefore.user - cpuBefore.system : undefined;
      resolve({ seconds: (performance.now() - started) / 1000, cpuSeconds, peakRssMB: Math.round(peak), peakRssByProcessMB: peakByCommand, code: code ?? 1, output });
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
