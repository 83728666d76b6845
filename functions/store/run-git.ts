// Running git in a repository on the Node server, shared by the local proposal store and the post-build check:
// extra environment, optional stdin, and stdout as text or as bytes (for `cat-file --batch`, whose sizes count bytes).
import { execFile } from 'node:child_process';

/** Runs git in `cwd`; resolves with stdout as bytes, rejects with git's stderr on the error. */
export function runGitBytes(cwd: string, args: string[], options: { env?: Record<string, string>; input?: string } = {}): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = execFile('git', args, { cwd, env: { ...process.env, ...options.env }, maxBuffer: 64 * 1024 * 1024, encoding: 'buffer' }, (err, stdout, stderr) => {
      if (err) reject(Object.assign(err, { stderr: String(stderr) }));
      else resolve(stdout);
    });
    if (options.input !== undefined) child.stdin?.end(options.input);
  });
}

/** Runs git in `cwd` with extra environment and optional stdin; resolves with stdout as text. */
export async function runGit(cwd: string, args: string[], env: Record<string, string> = {}, input?: string): Promise<string> {
  return (await runGitBytes(cwd, args, { env, input })).toString('utf8');
}
