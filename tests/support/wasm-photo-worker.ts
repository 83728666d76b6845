// functions/photos/wasm-photo.ts in real workerd: bundled with esbuild, each .wasm copied next to the bundle and
// loaded by Miniflare as a compiled module (modulesRules CompiledWasm), as wrangler ships them for Pages Functions.
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { Miniflare } from 'miniflare';

const root = resolve(import.meta.dirname, '../..');

// POST a photo: 200 with the processed bytes and X-Width/X-Height/X-Extension, or the ApiError's status and code.
const ENTRY = `import { processPhoto } from ${JSON.stringify(join(root, 'functions/photos/wasm-photo.ts'))};
export default {
  async fetch(request) {
    try {
      const out = await processPhoto(new Uint8Array(await request.arrayBuffer()));
      return new Response(out.bytes, { headers: { 'x-width': String(out.width), 'x-height': String(out.height), 'x-extension': out.extension } });
    } catch (error) {
      if (typeof error?.status === 'number') return Response.json({ code: error.code, message: error.message }, { status: error.status });
      return new Response(String(error?.stack ?? error), { status: 500 });
    }
  },
};`;

/** A running photo worker and the size of what it ships. */
export interface PhotoWorker {
  mf: Miniflare;
  /** Bytes of the bundle: the JavaScript and the .wasm files. */
  sizes: { script: number; wasm: number };
  /** Stops workerd and removes the bundle. */
  dispose(): Promise<void>;
}

/** Bundles and starts the photo worker in workerd; dispose() it afterwards. */
export async function startPhotoWorker(): Promise<PhotoWorker> {
  const outdir = mkdtempSync(join(tmpdir(), 'plein-wasm-photo-'));
  await build({
    stdin: { contents: ENTRY, resolveDir: root, sourcefile: 'photo-worker.js', loader: 'js' },
    bundle: true,
    outdir,
    entryNames: 'worker',
    format: 'esm',
    platform: 'browser',
    conditions: ['workerd', 'worker', 'browser'],
    loader: { '.wasm': 'copy' },
    logLevel: 'silent',
  });
  const files = readdirSync(outdir);
  const size = (name: string) => statSync(join(outdir, name)).size;
  const sizes = { script: size('worker.js'), wasm: files.filter((f) => f.endsWith('.wasm')).reduce((sum, f) => sum + size(f), 0) };
  const mf = new Miniflare({
    modules: true,
    scriptPath: join(outdir, 'worker.js'),
    modulesRoot: outdir,
    modulesRules: [{ type: 'CompiledWasm', include: ['**/*.wasm'] }],
    compatibilityDate: '2025-04-01',
    compatibilityFlags: ['nodejs_compat'],
  });
  await mf.ready;
  const dispose = async () => {
    await mf.dispose();
    rmSync(outdir, { recursive: true, force: true });
  };
  return { mf, sizes, dispose };
}
