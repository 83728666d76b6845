// The git runner: git commands run from its small child process, not from this one, with execFile's results and
// errors; a runner that died is replaced; and a tool that used it can end without closing anything.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { gitRunnerPid } from './git-runner.ts';
import { runGit, runGitBytes } from './run-git.ts';

const repo = mkdtempSync(join(tmpdir(), 'plein-git-runner-'));
execFileSync('git', ['init', '--quiet', repo]);
execFileSync('git', ['-c', 'user.name=T', '-c', 'user.email=t@w.nl', 'commit', '--quiet', '--allow-empty', '-m', 'eerste'], { cwd: repo });
afterAll(() => rmSync(repo, { recursive: true, force: true }));

/** The parent of the git process that runs this alias (the shell's parent is git; git's parent started it). */
const starterOfGit = async () => Number((await runGit(repo, ['-c', 'alias.starter=!ps -o ppid= -p $PPID', 'starter'])).trim());

describe('git runner', () => {
  it('runs git from its own child process, with stdin, stdout and the environment', async () => {
    const starter = await starterOfGit();
    expect(starter).not.toBe(process.pid);
    expect(starter).toBe(gitRunnerPid());
    const head = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: repo, encoding: 'utf8' }).trim();
    expect((await runGit(repo, ['rev-parse', 'HEAD'])).trim()).toBe(head);
    expect((await runGitBytes(repo, ['cat-file', '--batch-check'], { input: 'HEAD\n' })).toString()).toMatch(new RegExp(`^${head} commit \\d+\\n$`));
    expect((await runGit(repo, ['var', 'GIT_AUTHOR_IDENT'], { GIT_AUTHOR_NAME: 'Runner Test', GIT_AUTHOR_EMAIL: 'r@w.nl' })).trim()).toMatch(/^Runner Test <r@w\.nl> /);
  });

  it('fails like execFile: the exit code, git’s message in stderr', async () => {
    const err = (await runGit(repo, ['rev-parse', '--verify', 'bestaat-niet']).catch((e: unknown) => e)) as Error & { code?: number; stderr?: string };
    expect(err).toBeInstanceOf(Error);
    expect(err.code).toBe(128);
    expect(err.stderr).toMatch(/fatal/);
    expect(err.message).toMatch(/^Command failed: git rev-parse --verify bestaat-niet/);
  });

  it('fails a command whose argument is too long (E2BIG) and goes on with the next one', async () => {
    await runGit(repo, ['rev-parse', 'HEAD']);
    const runner = gitRunnerPid();
    const err = (await runGit(repo, ['log', `--grep=${'x'.repeat(200_000)}`]).catch((e: unknown) => e)) as Error & { code?: string };
    expect(err.code).toBe('E2BIG');
    expect((await runGit(repo, ['rev-parse', '--is-inside-work-tree'])).trim()).toBe('true');
    expect(gitRunnerPid()).toBe(runner);
  });

  it('starts a new runner when the old one died', async () => {
    await runGit(repo, ['rev-parse', 'HEAD']);
    const first = gitRunnerPid()!;
    process.kill(first, 'SIGKILL');
    await new Promise((r) => setTimeout(r, 200));
    expect((await runGit(repo, ['rev-parse', '--is-inside-work-tree'])).trim()).toBe('true');
    expect(gitRunnerPid()).not.toBe(first);
    expect(await starterOfGit()).toBe(gitRunnerPid());
  });

  it('does not keep a tool alive once its commands are done', () => {
    const script = `import { runGit } from ${JSON.stringify(join(import.meta.dirname, 'run-git.ts'))};\nconsole.log((await runGit(${JSON.stringify(repo)}, ['rev-parse', 'HEAD'])).trim());`;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 20_000 });
    expect(out.trim()).toMatch(/^[0-9a-f]{40}$/);
  });
});
