// Running git in a repository on the Node server, shared by the local proposal store and the post-build check:
// extra environment, optional stdin, and stdout as text or as bytes (for `cat-file --batch`, whose sizes count bytes).
import { runGitCommand } from './git-runner.ts';

/** Runs git in `cwd` (through the git runner, git-runner.ts); resolves with stdout as bytes, rejects with git's stderr on the error. */
export function runGitBytes(cwd: string, args: string[], options: { env?: Record<string, string>; input?: string } = {}): Promise<Buffer> {
  return runGitCommand({ cwd, args, env: { ...process.env, ...options.env }, input: options.input, maxBuffer: 64 * 1024 * 1024 });
}

/** Runs git in `cwd` with extra environment and optional stdin; resolves with stdout as text. */
export async function runGit(cwd: string, args: string[], env: Record<string, string> = {}, input?: string): Promise<string> {
  return (await runGitBytes(cwd, args, { env, input })).toString('utf8');
}
