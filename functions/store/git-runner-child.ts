// The git runner's child process (git-runner.ts): runs the git commands its parent sends and sends back what they
// wrote. Small on purpose: starting a process from here costs about a millisecond, where the server's own spawn
// copies its whole memory map first and holds up its event loop meanwhile. Ends when its parent goes.
import { execFile } from 'node:child_process';

interface Request {
  id: number;
  args: string[];
  cwd: string;
  env: Record<string, string>;
  input?: string;
  maxBuffer: number;
}

type Failure = Error & { code?: number | string | null; signal?: string | null; killed?: boolean };

const reply = (id: number, stdout: Uint8Array, stderr: string, failure: Failure | null) =>
  process.send?.({ id, stdout, stderr, ...(failure ? { error: { message: failure.message, code: failure.code ?? null, signal: failure.signal ?? null, killed: failure.killed ?? false } } : {}) });

process.on('message', (m: Request) => {
  let child: ReturnType<typeof execFile>;
  try {
    child = execFile('git', m.args, { cwd: m.cwd, env: m.env, maxBuffer: m.maxBuffer, encoding: 'buffer' }, (err, stdout, stderr) => reply(m.id, stdout, String(stderr), err as Failure | null));
  } catch (err) {
    // Refused before it started (E2BIG: arguments too long): that command fails, the runner goes on.
    reply(m.id, new Uint8Array(), '', err as Failure);
    return;
  }
  // A command that reads no stdin may have closed it already.
  child.stdin?.on('error', () => {});
  if (m.input !== undefined) child.stdin?.end(m.input);
  else child.stdin?.end();
});
process.on('disconnect', () => process.exit(0));
