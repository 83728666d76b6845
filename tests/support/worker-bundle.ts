// A worker bundled as wrangler bundles Workers and Pages Functions, for Miniflare: esbuild with the workerd/worker/browser
// conditions, node: builtins left to nodejs_compat, and every imported .wasm shipped beside the script as a compiled
// module (wrangler's default CompiledWasm rule; Workers refuse to compile WebAssembly from bytes at run time).
import { basename, join, resolve } from 'node:path';
import { build, type Metafile, type Plugin } from 'esbuild';

const root = resolve(import.meta.dirname, '../..');

/** The compatibility settings of the Pages project (docs/deploy.md, part B). */
export const WORKERS_COMPATIBILITY = { compatibilityDate: '2025-04-01', compatibilityFlags: ['nodejs_compat'] };

/** A built worker: its script, the .wasm modules it imports (by the name the script imports them as) and what esbuild put in it. */
export interface WorkerBundle {
  script: string;
  wasm: { name: string; bytes: Uint8Array }[];
  metafile: Metafile;
}

/** Bundles the module source `entry` (imports resolved from the repository root); nothing is written to disk. */
export async function bundleWorker(entry: string, sourcefile: string, plugins: Plugin[] = []): Promise<WorkerBundle> {
  const outdir = join(root, '.plein', 'worker-bundle');
  const result = await build({
    stdin: { contents: entry, resolveDir: root, sourcefile, loader: 'js' },
    bundle: true,
    write: false,
    outdir,
    entryNames: 'worker',
    format: 'esm',
    platform: 'browser',
    conditions: ['workerd', 'worker', 'browser'],
    external: ['node:*'],
    // The script keeps `import x from './name-HASH.wasm'`; the file goes beside it.
    loader: { '.wasm': 'copy' },
    metafile: true,
    logLevel: 'silent',
    plugins,
  });
  const script = result.outputFiles.find((file) => file.path === join(outdir, 'worker.js'))!;
  const wasm = result.outputFiles.filter((file) => file.path.endsWith('.wasm')).map((file) => ({ name: basename(file.path), bytes: file.contents }));
  return { script: script.text, wasm, metafile: result.metafile };
}

/** Bytes the bundle ships: the script and the WebAssembly. */
export function bundleSizes(bundle: WorkerBundle) {
  return { script: Buffer.byteLength(bundle.script), wasm: bundle.wasm.reduce((sum, file) => sum + file.bytes.byteLength, 0) };
}

/** The bundle as Miniflare modules, the script first. Given as is: Miniflare then does not parse megabytes of JavaScript to find imports. */
export function workerModules(bundle: WorkerBundle) {
  return [
    { type: 'ESModule' as const, path: join(root, 'worker.mjs'), contents: bundle.script },
    ...bundle.wasm.map((file) => ({ type: 'CompiledWasm' as const, path: join(root, file.name), contents: file.bytes })),
  ];
}
