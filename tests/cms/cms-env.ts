// A throwaway CMS setup for e2e tests: a real git repository copy, a real decap-server in git mode,
// a build of that repository's content and the Node server in front of it, all on loopback.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../../functions/hosts/node/server.ts';
import { BUILD_SCRIPT } from '../../scripts/lib/build-command.ts';
import { getFreePort } from '../../scripts/lib/free-port.ts';

const ROOT = join(import.meta.dirname, '..', '..');

/** A running CMS environment. */
export interface CmsEnv {
  repoDir: string;
  siteUrl: string;
  /** Runs git in the repository copy and returns its output. */
  git: (...args: string[]) => string;
  /** Builds the repository's current content into a fresh folder and returns that folder. */
  build: () => string;
  close: () => Promise<void>;
}

/** A free loopback port (see scripts/lib/free-port.ts). */
export { getFreePort };

function run(cmd: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): string {
  const result = spawnSync(cmd, args, { ...options, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${cmd} ${args.join(' ')} mislukte:\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

async function waitForDecap(url: string, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error(`decap-server stopte met code ${child.exitCode}`);
    try {
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"action":"info"}' });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('decap-server kwam niet op');
}

/** Copies content/ and public/media into a new git repository, starts decap-server on it and builds the site. */
export async function startCmsEnv(): Promise<CmsEnv> {
  const work = mkdtempSync(join(tmpdir(), 'plein-cms-'));
  const repoDir = join(work, 'repo');
  cpSync(join(ROOT, 'content'), join(repoDir, 'content'), { recursive: true });
  cpSync(join(ROOT, 'public', 'media'), join(repoDir, 'public', 'media'), { recursive: true });
  const git = (...args: string[]) => run('git', args, { cwd: repoDir });
  git('init', '-q', '-b', 'main');
  git('config', 'user.name', 'Plein CMS-test');
  git('config', 'user.email', 'cms-test@plein.invalid');
  git('config', 'commit.gpgsign', 'false');
  git('add', '.');
  git('commit', '-q', '-m', 'Inhoud van de demo-organisatie');

  const decapPort = await getFreePort();
  const decap = spawn(process.execPath, [join(ROOT, 'node_modules', 'decap-server', 'dist', 'index.js')], {
    cwd: repoDir,
    env: { PATH: process.env.PATH, MODE: 'git', GIT_REPO_DIRECTORY: repoDir, PORT: String(decapPort), BIND_HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  decap.stderr!.on('data', (chunk: Buffer) => process.stderr.write(chunk));
  // Never leave decap-server behind, even when the test process ends abruptly.
  process.once('exit', () => decap.kill());
  await waitForDecap(`http://127.0.0.1:${decapPort}/api/v1`, decap);

  // The build and the server read the same settings: content from the copy, the CMS on decapPort.
  const env = { ...process.env, PLEIN_CONTENT_DIR: join(repoDir, 'content'), PLEIN_CMS_PORT: String(decapPort) };
  process.env.PLEIN_CMS_PORT = String(decapPort);
  let builds = 0;
  const build = () => {
    const outDir = join(work, `dist-${++builds}`);
    run(process.execPath, [BUILD_SCRIPT, '--outDir', outDir, '--silent'], { cwd: ROOT, env });
    return outDir;
  };
  let server: Server;
  try {
    server = await startServer({ distDir: build(), port: 0 });
  } catch (err) {
    decap.kill();
    throw err;
  }
  const { port } = server.address() as { port: number };

  return {
    repoDir,
    siteUrl: `http://127.0.0.1:${port}`,
    git,
    build,
    close: async () => {
      decap.kill();
      await new Promise((r) => server.close(r));
      delete process.env.PLEIN_CMS_PORT;
      rmSync(work, { recursive: true, force: true });
    },
  };
}
