// Rebuilds the site in the background after new commits (debounced) and swaps the new build in
// atomically: the server switches folders only after a build finished, so pages never break. One build at a
// time; a steady stream of commits (which never leaves the debounce's quiet) still gets a build maxWaitMs after
// its first unbuilt commit, counted from the end of the previous build, so builds are spaced and pages stay at most
// about maxWaitMs plus a build behind. The build runs at a lower CPU priority than the server: on a small machine
// it would otherwise take the cores the API answers on.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { setPriority } from 'node:os';
import { join, resolve } from 'node:path';
import { buildCommand } from '../../../scripts/lib/build-command.ts';
import { contentDirForBuild } from '../../../src/lib/content-dir.ts';

/** Options of the rebuilder. */
export interface RebuilderOptions {
  /** Where builds go: <buildsDir>/<timestamp>. */
  buildsDir: string;
  /** The first folder to serve (e.g. dist). */
  initialDir: string;
  /** Milliseconds of quiet before a rebuild starts. */
  debounceMs?: number;
  /** The longest a commit waits for its build while commits keep coming (from the previous build's end); default 15 s. */
  maxWaitMs?: number;
  /** Niceness of the build process (0 = the server's own priority; default 10, lower than the server's). */
  nice?: number;
  /** The build command, given the output folder (default scripts/build.ts --outDir <out>, as `npm run build`); an absolute file. */
  command?: (outDir: string) => { file: string; args: string[] };
  /** Called with the new folder once it is being served, with when its build started and the commit it was built from. */
  onSwap?: (dir: string, build: { at: number; commit?: string }) => void;
  /** The commit the content repository is at, asked as a build starts (the build reads that tree). */
  commitOf?: () => Promise<string | undefined>;
  /** Logger. */
  log?: (message: string) => void;
  /** Environment of the build (PLEIN_CONTENT_DIR points it at the content repository). */
  env?: NodeJS.ProcessEnv;
}

/** A debounced, one-at-a-time rebuilder whose current() folder is always a complete build. */
export function createRebuilder(options: RebuilderOptions) {
  const root = resolve(import.meta.dirname, '..', '..', '..');
  let current = resolve(options.initialDir);
  let timer: NodeJS.Timeout | undefined;
  let building = false;
  let again = false;
  // When the oldest commit not yet in a build (or being built) was asked for, and when the last build ended.
  let waitingSince: number | undefined;
  let lastEnd = 0;
  let running: ReturnType<typeof spawn> | undefined;
  let stopped = false;
  const debounceMs = options.debounceMs ?? 3000;
  const maxWaitMs = options.maxWaitMs ?? 15_000;
  const nice = options.nice ?? 10;
  const log = options.log ?? ((m: string) => console.log(m));
  const command = options.command ?? ((out: string) => buildCommand(['--outDir', out]));

  /** Starts the build after the debounce's quiet, or sooner when the waiting commit's deadline comes first. */
  function arm() {
    clearTimeout(timer);
    const deadline = Math.max(waitingSince ?? Date.now(), lastEnd) + maxWaitMs;
    timer = setTimeout(() => void build(), Math.max(0, Math.min(debounceMs, deadline - Date.now())));
    timer.unref();
  }

  // Whether the `nice` command is there (a minimal container may lack it: then os.setPriority on the build process).
  let niceCommand = process.platform !== 'win32';

  /** Spawns the build command at the build's niceness (POSIX `nice`, so every process and thread of the build has it). */
  function spawnBuild(out: string) {
    const { file, args } = command(out);
    const given = options.env ?? process.env;
    // A content folder in the project is named as `npm run build` names it: one cache folder for both.
    const env = given.PLEIN_CONTENT_DIR ? { ...given, PLEIN_CONTENT_DIR: contentDirForBuild(given.PLEIN_CONTENT_DIR, root) } : given;
    if (nice > 0 && niceCommand) return spawn('nice', ['-n', String(nice), file, ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env });
    const child = spawn(file, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env });
    if (nice > 0 && child.pid) {
      try {
        setPriority(child.pid, nice);
      } catch {
        // Not allowed here: the build runs at the server's priority.
      }
    }
    return child;
  }

  async function build() {
    if (stopped) return;
    if (building) {
      again = true;
      return;
    }
    building = true;
    waitingSince = undefined;
    const out = join(resolve(options.buildsDir), String(Date.now()));
    mkdirSync(out, { recursive: true });
    const started = Date.now();
    const commit = await options.commitOf?.().catch(() => undefined);
    let output = '';
    const code = await new Promise<number>((done) => {
      const start = () => {
        const viaNice = nice > 0 && niceCommand;
        const child = spawnBuild(out);
        running = child;
        let retried = false;
        const keep = (d: Buffer) => (output = (output + d.toString()).slice(-4000));
        child.stdout?.on('data', keep);
        child.stderr?.on('data', keep);
        child.on('close', (c) => retried || done(c ?? 1));
        child.on('error', (err: NodeJS.ErrnoException) => {
          if (viaNice && err.code === 'ENOENT') {
            niceCommand = false;
            retried = true;
            start();
          } else if (!retried) done(1);
        });
      };
      start();
    });
    running = undefined;
    if (code === 0 && !stopped && existsSync(join(out, 'index.html'))) {
      const previous = current;
      current = out;
      options.onSwap?.(out, { at: started, commit });
      log(`Plein: nieuwe build in gebruik na ${((Date.now() - started) / 1000).toFixed(1)} s`);
      // Keep the previous build a while: pages being downloaded from it may still need assets.
      setTimeout(() => cleanup(previous), 60_000).unref();
    } else if (stopped) {
      rmSync(out, { recursive: true, force: true });
    } else {
      rmSync(out, { recursive: true, force: true });
      log(`Plein: herbouwen mislukt; de vorige build blijft in gebruik.\n${output.split('\n').filter((l) => /error|fout|:\d+: /i.test(l)).slice(-10).join('\n')}`);
    }
    building = false;
    lastEnd = Date.now();
    // Commits that came during the build: the next build after the usual quiet, at the latest maxWaitMs from now.
    if (again) {
      again = false;
      arm();
    }
  }

  function cleanup(keep: string) {
    if (!existsSync(options.buildsDir)) return;
    for (const name of readdirSync(options.buildsDir)) {
      const dir = join(resolve(options.buildsDir), name);
      if (dir !== current && dir !== keep) rmSync(dir, { recursive: true, force: true });
    }
  }

  return {
    /** The folder to serve now. */
    current: () => current,
    /** Asks for a rebuild after the debounce. */
    schedule() {
      waitingSince ??= Date.now();
      // During a build the commit waits for it to end (build() then arms the timer).
      if (building) again = true;
      else arm();
    },
    /** Whether a build runs now. */
    busy: () => building,
    /** Stops: no more builds, and the one running ends (the server stops; its output is not used). */
    stop() {
      stopped = true;
      clearTimeout(timer);
      running?.kill('SIGTERM');
    },
  };
}
