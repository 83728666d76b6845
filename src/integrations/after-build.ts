// The steps of astro:build:done that may run after Astro's own process has exited (scripts/build.ts): the search
// index and the service worker with its precache manifest. Run inside `astro build`,
// Pagefind's process (1.7 GB at 50k items) sat beside the build's Node process, which still holds its content
// store and bundler (1.6 GB); run after it, the two never add up. `astro build` alone runs them as before.
import { appendFileSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * When set (by scripts/build.ts), the file the deferred steps are listed in, one JSON line each, in the order
 * Astro reached them; the build entry runs them in that order once Astro has exited.
 */
export const AFTER_BUILD_ENV = 'PLEIN_AFTER_BUILD_FILE';

/** The options of each step that can wait for Astro's process to end (plain data: they pass through a file). */
export interface AfterBuildOptions {
  'search-index': { partPages?: number; releaseMemoryFromMB?: number };
  'service-worker': { contentDir: string };
}

export type AfterBuildStep = { [K in keyof AfterBuildOptions]: { step: K; dir: string; options: AfterBuildOptions[K] } }[keyof AfterBuildOptions];

/** A logger as Astro hands integrations one; the build entry makes one of its own for the deferred steps. */
export interface StepLogger {
  info(message: string): void;
  warn(message: string): void;
}

/**
 * Lists a step for after Astro's process, when the build entry asked for that (returns true: the hook does
 * nothing more); false when Astro runs alone and the hook does the work itself.
 */
export function deferStep<K extends keyof AfterBuildOptions>(step: K, dir: URL, options: AfterBuildOptions[K], env = process.env): boolean {
  const file = env[AFTER_BUILD_ENV];
  if (!file) return false;
  appendFileSync(file, `${JSON.stringify({ step, dir: fileURLToPath(dir), options })}\n`);
  return true;
}

/** The steps listed in `file`, in order. */
export function readDeferredSteps(file: string): AfterBuildStep[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  return text.split('\n').filter(Boolean).map((line) => JSON.parse(line) as AfterBuildStep);
}
