// functions/photos/wasm-photo.ts in real workerd: bundled as wrangler would (worker-bundle.ts), each .wasm handed to
// Miniflare as a compiled module beside the script, as wrangler ships them for Workers and Pages Functions.
import { join, resolve } from 'node:path';
import { Miniflare } from 'miniflare';
import { bundleSizes, bundleWorker, WORKERS_COMPATIBILITY, workerModules } from './worker-bundle.ts';

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
  /** Stops workerd. */
  dispose(): Promise<void>;
}

/** Bundles and starts the photo worker in workerd; dispose() it afterwards. */
export async function startPhotoWorker(): Promise<PhotoWorker> {
  const bundle = await bundleWorker(ENTRY, 'photo-worker.js');
  const mf = new Miniflare({ modules: workerModules(bundle), ...WORKERS_COMPATIBILITY });
  await mf.ready;
  return { mf, sizes: bundleSizes(bundle), dispose: () => mf.dispose() };
}
