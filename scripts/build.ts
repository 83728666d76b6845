// `npm run build [-- <astro build options>]`: the build every caller uses (npm start, the rebuilder, the
// benchmarks, the tests). It runs `astro build` with the search index and the service worker deferred, then runs
// those two steps here, once Astro's process has exited: at 50k items that process still held 1.6 GB when
// Pagefind's process (1.7 GB) started beside it. `astro build` alone still runs them inside it.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { constants, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { AFTER_BUILD_ENV, type StepLogger } from '../src/integrations/after-build.ts';
import { runDeferredSteps } from '../src/integrations/run-after-build.ts';
import { buildCacheDirFor, INCREMENTAL_BUILD_ENV } from '../src/lib/build-cache.ts';
import { contentDirFromEnv, DEFAULT_CONTENT_DIR } from '../src/lib/content-dir.ts';
import { takeBuildLock } from './lib/build-lock.ts';
import { recordContentDir, removeOrphanCaches } from './lib/orphan-caches.ts';
import { outDirProblem } from './lib/out-dir.ts';

const args = process.argv.slice(2);
const root = join(import.meta.dirname, '..');
const outDirError = outDirProblem(args, process.cwd());
if (outDirError) {
  console.error(`Plein: ${outDirError}`);
  process.exit(2);
}

/** Lines as Astro's logger writes them: time, the integration, the message (info left out under --silent). */
function loggerFor(name: string): StepLogger {
  const line = (message: string) => `${new Date().toTimeString().slice(0, 8)} [${name}] ${message}`;
  return {
    info: (message) => { if (!args.includes('--silent')) console.log(line(message)); },
    warn: (message) => console.warn(line(message)),
  };
}

/**
 * Runs `astro build` with the deferrable steps listed in `stepsFile`, incremental when `incremental`; resolves with its
 * exit code.
 */
function astroBuild(stepsFile: string, incremental: boolean): Promise<number> {
  return new Promise((resolve) => {
    const env = { ...process.env, [AFTER_BUILD_ENV]: stepsFile, [INCREMENTAL_BUILD_ENV]: incremental ? '1' : '0' };
    const child = spawn(join(root, 'node_modules', '.bin', 'astro'), ['build', ...args], { stdio: 'inherit', env });
    // Stopping this process (the rebuilder's SIGTERM, Ctrl+C) stops the build it runs.
    const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
    // Astro may end with 0 when stopped: the build still counts as failed, and nothing follows it.
    let stoppedBy: NodeJS.Signals | undefined;
    const forward = (signal: NodeJS.Signals) => {
      stoppedBy = signal;
      child.kill(signal);
    };
    for (const signal of signals) process.on(signal, forward);
    child.on('error', (err) => {
      console.error(`astro build kon niet starten: ${err.message}`);
      resolve(1);
    });
    child.on('close', (code, signal) => {
      for (const s of signals) process.off(s, forward);
      const by = stoppedBy ?? signal;
      resolve(by ? 128 + constants.signals[by] : (code ?? 1));
    });
  });
}

const work = mkdtempSync(join(tmpdir(), 'plein-build-'));
const stepsFile = join(work, 'after-build.jsonl');
let code: number;
const contentDir = contentDirFromEnv();
const cacheDir = join(root, buildCacheDirFor(contentDir));
// Pages kept from the last build (the posters) only while no other build uses this content's cache folder.
const release = takeBuildLock(cacheDir);
// The cache folders of content folders that are gone (a test's clone) go; this one's is marked as in use by its own.
recordContentDir(cacheDir, resolve(contentDir));
removeOrphanCaches(join(root, buildCacheDirFor(DEFAULT_CONTENT_DIR)));
if (!release) loggerFor('plein:build').info("een andere build gebruikt de cache van deze inhoud: alle pagina's worden opnieuw gemaakt");
try {
  try {
    code = await astroBuild(stepsFile, release !== undefined);
  } finally {
    release?.();
  }
  if (code === 0) await runDeferredSteps(stepsFile, loggerFor);
} catch (err) {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  code = 1;
} finally {
  rmSync(work, { recursive: true, force: true });
}
process.exit(code);
