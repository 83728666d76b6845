// A check on the build's --outDir. Astro takes a folder for one inside the project when its path merely starts with
// the project's path (a string prefix: /srv/plein-site for the project /srv/plein), and then puts its prerender
// chunks there, outside the project's node_modules: the build fails with "Cannot find package '@oslojs/encoding'",
// which names neither the folder nor the cause. Such a folder is refused up front with what to do instead.
import { resolve } from 'node:path';
import { relativeInside } from '../../src/lib/content-dir.ts';

/** The --outDir among astro build's arguments (`--outDir x` or `--outDir=x`), or undefined. */
export function outDirArgument(args: readonly string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--outDir') return args[i + 1];
    if (args[i].startsWith('--outDir=')) return args[i].slice('--outDir='.length);
  }
  return undefined;
}

/** Why the build cannot write to the --outDir in `args` when run in `cwd`, in Dutch; undefined when it can. */
export function outDirProblem(args: readonly string[], cwd: string): string | undefined {
  const given = outDirArgument(args);
  if (given === undefined) return undefined;
  if (given === '') return '--outDir mist de map waarin de site gebouwd moet worden.';
  const dir = resolve(cwd, given);
  if (relativeInside(cwd, dir) !== undefined || !dir.startsWith(cwd)) return undefined;
  return `--outDir ${dir} ligt buiten de projectmap ${cwd}, maar begint met dezelfde naam; Astro ziet zo'n map aan voor een map in het project en de build mislukt dan. Kies een map in het project (zoals .plein/dist-x) of een map met een andere naam.`;
}
