// Rebuilds the site in the background after new commits (debounced) and swaps the new build in
// atomically: the server switches folders only after a build finished, so pages never break.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Options of the rebuilder. */
export interface RebuilderOptions {
  /** Where builds go: <buildsDir>/<timestamp>. */
  buildsDir: string;
  /** The first folder to serve (e.g. dist). */
  initialDir: string;
  /** Milliseconds of quiet before a rebuild starts. */
  debounceMs?: number;
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
  const log = options.log ?? ((m: string) => console.log(m));

  async function build() {
    if (building) {
      again = true;
      return;
    }
    building = true;
    const out = join(resolve(options.buildsDir), String(Date.now()));
    mkdirSync(out, { recursive: true });
    const started = Date.now();
    const commit = await options.commitOf?.().catch(() => undefined);
    let output = '';
    const code = await new Promise<number>((done) => {
      const child = spawn(join(root, 'node_modules', '.bin', 'astro'), ['build', '--outDir', out], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: options.env ?? process.env });
      const keep = (d: Buffer) => (output = (output + d.toString()).slice(-4000));
      child.stdout.on('data', keep);
      child.stderr.on('data', keep);
      child.on('close', (c) => done(c ?? 1));
      child.on('error', () => done(1));
    });
    if (code === 0 && existsSync(join(out, 'index.html'))) {
      const previous = current;
      current = out;
      options.onSwap?.(out, { at: started, commit });
      log(`Plein: nieuwe build in gebruik na ${((Date.now() - started) / 1000).toFixed(1)} s`);
      // Keep the previous build a while: pages being downloaded from it may still need assets.
      setTimeout(() => cleanup(previous), 60_000).unref();
    } else {
      rmSync(out, { recursive: true, force: true });
      log(`Plein: herbouwen mislukt; de vorige build blijft in gebruik.\n${output.split('\n').filter((l) => /error|fout|:\d+: /i.test(l)).slice(-10).join('\n')}`);
    }
    building = false;
    if (again) {
      again = false;
      void build();
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
      clearTimeout(timer);
      timer = setTimeout(() => void build(), options.debounceMs ?? 3000);
      timer.unref();
    },
    /** Whether a build runs now. */
    busy: () => building,
  };
}
