// How callers start Plein's build (scripts/build.ts: `astro build`, then the search index and the service
// worker in a process of their own); `npm run build` runs the same.
import { join } from 'node:path';

/** The build script, an absolute path. */
export const BUILD_SCRIPT = join(import.meta.dirname, '..', 'build.ts');

/** The command that builds the site with `args` (astro build's options, e.g. ['--outDir', out]). */
export function buildCommand(args: string[] = []): { file: string; args: string[] } {
  return { file: process.execPath, args: [BUILD_SCRIPT, ...args] };
}
