// Git commands for the Node server without spawning from the server itself. Starting a process from a big process
// is slow and synchronous: fork copies the parent's memory map first (measured here: about 1 ms from a 50 MB
// process, 6 ms at 480 MB, 27 ms at 1.1 GB), and the event loop, every request with it, waits meanwhile. The local
// git store starts two or three per batch and one per feed answer. So one small child process (git-runner-child.ts)
// is started once and runs them; what they write comes back over its IPC channel. Same results and errors as
// execFile (message, code, stderr). When the child cannot be started, git is started directly as before; a child
// that dies fails the commands it was running (their callers treat that as any failed git command) and the next
// command starts a new one. An idle runner keeps no process alive.
import { execFile, fork, type ChildProcess } from 'node:child_process';

/** What a git command is given. */
export interface GitCommand {
  cwd: string;
  args: string[];
  /** The environment (the whole of it, as execFile's `env`). */
  env: Record<string, string | undefined>;
  input?: string;
  maxBuffer: number;
}

interface Reply {
  id: number;
  stdout: Uint8Array;
  stderr: string;
  error?: { message: string; code: number | string | null; signal: string | null; killed: boolean };
}

type Waiter = { resolve: (out: Buffer) => void; reject: (err: unknown) => void };

let child: ChildProcess | undefined;
let broken = false;
let nextId = 0;
const waiting = new Map<number, Waiter>();

/** execFile's error for a failed command: its message, exit code and signal, with stdout and stderr attached. */
function failure(reply: Reply): Error {
  const { message, code, signal, killed } = reply.error!;
  return Object.assign(new Error(message), { code, signal, killed, stdout: Buffer.from(reply.stdout), stderr: reply.stderr });
}

/** Keeps the process alive only while commands run: a tool that is done may exit with the runner idle. */
function hold(c: ChildProcess, busy: boolean) {
  const channel = c.channel as { ref?: () => void; unref?: () => void } | undefined;
  if (busy) {
    c.ref();
    channel?.ref?.();
  } else {
    c.unref();
    channel?.unref?.();
  }
}

function start(): ChildProcess | undefined {
  if (child || broken) return child;
  let c: ChildProcess;
  try {
    // No inherited flags (a profiler's, a test runner's loader): the child is plain Node running its own file.
    c = fork(new URL('./git-runner-child.ts', import.meta.url), [], { execArgv: [], serialization: 'advanced', stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  } catch {
    broken = true;
    return undefined;
  }
  c.on('message', (reply: Reply) => {
    const w = waiting.get(reply.id);
    if (!w) return;
    waiting.delete(reply.id);
    if (!waiting.size) hold(c, false);
    if (reply.error) w.reject(failure(reply));
    else w.resolve(Buffer.from(reply.stdout.buffer, reply.stdout.byteOffset, reply.stdout.byteLength));
  });
  const gone = (err?: Error) => {
    if (child !== c) return;
    child = undefined;
    // Could not start at all: git directly from now on.
    if (err && (err as { syscall?: string }).syscall?.startsWith('spawn')) broken = true;
    const stopped = new Error(`git: het hulpproces stopte${err ? ` (${err.message})` : ''}; de opdracht is niet afgemaakt.`);
    for (const w of waiting.values()) w.reject(stopped);
    waiting.clear();
  };
  c.on('error', gone);
  c.on('exit', () => gone());
  hold(c, false);
  child = c;
  return c;
}

/** The runner's process id while it runs (tests). */
export const gitRunnerPid = (): number | undefined => child?.pid;

/** Runs git directly from this process (the runner could not be started). */
function direct(cmd: GitCommand): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const p = execFile('git', cmd.args, { cwd: cmd.cwd, env: cmd.env, maxBuffer: cmd.maxBuffer, encoding: 'buffer' }, (err, stdout, stderr) => {
      if (err) reject(Object.assign(err, { stderr: String(stderr) }));
      else resolve(stdout);
    });
    if (cmd.input !== undefined) p.stdin?.end(cmd.input);
  });
}

/** Runs one git command through the runner; resolves with stdout, rejects like execFile (with `stderr` as text). */
export function runGitCommand(cmd: GitCommand): Promise<Buffer> {
  const c = start();
  if (!c?.connected) return direct(cmd);
  return new Promise<Buffer>((resolve, reject) => {
    const id = ++nextId;
    waiting.set(id, { resolve, reject });
    if (waiting.size === 1) hold(c, true);
    c.send({ id, args: cmd.args, cwd: cmd.cwd, env: cmd.env, input: cmd.input, maxBuffer: cmd.maxBuffer }, (err) => {
      if (!err || !waiting.has(id)) return;
      // Never sent, so never run: run it here instead.
      waiting.delete(id);
      if (!waiting.size) hold(c, false);
      direct(cmd).then(resolve, reject);
    });
  });
}
