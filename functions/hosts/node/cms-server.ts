// Starts decap-server (git mode, loopback only) next to the site, so the CMS at /admin can save locally.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { getDecapPort, resolveCmsBackend, type CmsEnv } from '../../../src/cms/backend.ts';

/** What was started, or why nothing was. */
export type CmsServer = { child: ChildProcess; port: number; repoDir: string } | { skipped: string };

/** The git repository that holds the content folder (PLEIN_CMS_REPO overrides). */
export function findContentRepo(env: CmsEnv, contentDir: string): string | undefined {
  if (env.PLEIN_CMS_REPO) return resolve(env.PLEIN_CMS_REPO);
  const top = spawnSync('git', ['rev-parse', '--show-toplevel'], { cwd: resolve(contentDir), encoding: 'utf8' });
  return top.status === 0 ? top.stdout.trim() : undefined;
}

/**
 * Starts decap-server for the local git backend. Drafts become local branches (cms/…) and publishing
 * merges them, in this repository's working tree: it warns when there are uncommitted changes, because
 * decap-server commits with `git add .`.
 */
export function startCmsServer(env: CmsEnv, contentDir: string, log = console.log): CmsServer {
  const backend = resolveCmsBackend(env);
  if (backend.kind !== 'local') return { skipped: 'het CMS gebruikt GitHub (PLEIN_CMS_BACKEND=github)' };
  const repoDir = findContentRepo(env, contentDir);
  if (!repoDir) return { skipped: `${contentDir} staat niet in een git-repository; het CMS kan daar niet opslaan` };
  const port = getDecapPort(env);
  const dirty = spawnSync('git', ['status', '--porcelain'], { cwd: repoDir, encoding: 'utf8' }).stdout.trim();
  if (dirty) log('Plein: let op, de repository heeft niet-gecommitte wijzigingen; het CMS neemt die mee in zijn commits.');
  const entry = join(dirname(createRequire(import.meta.url).resolve('decap-server/package.json')), 'dist', 'index.js');
  const child = spawn(process.execPath, [entry], {
    cwd: repoDir,
    env: { PATH: process.env.PATH, MODE: 'git', GIT_REPO_DIRECTORY: repoDir, PORT: String(port), BIND_HOST: '127.0.0.1', LOG_LEVEL: env.LOG_LEVEL ?? 'warn' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  child.on('exit', (code) => {
    if (code) log(`Plein: decap-server stopte (code ${code}); is poort ${port} al in gebruik? Kies een andere met PLEIN_CMS_PORT.`);
  });
  // Stop together with the site: on exit, and on Ctrl+C or a TERM signal (which then exit).
  process.once('exit', () => child.kill());
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(0));
  return { child, port, repoDir };
}
