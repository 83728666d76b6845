// The files of the decap-cms npm package that /admin serves from our own origin (no CDN).
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** One file from decap-cms/dist, served as /admin/<name>. */
export interface DecapAsset {
  name: string;
  path: string;
  type: string;
}

const TYPES: Record<string, string> = { js: 'text/javascript; charset=utf-8', wasm: 'application/wasm', txt: 'text/plain; charset=utf-8' };

/** The Decap bundle, its lazily loaded chunks, its WebAssembly (image re-encoding) and its licence notice. */
export function listDecapAssets(): DecapAsset[] {
  const dist = join(dirname(createRequire(import.meta.url).resolve('decap-cms/package.json')), 'dist');
  return readdirSync(dist)
    .filter((name) => /^(\d+\.)?decap-cms\.js$|^[0-9a-f]+\.wasm$|^decap-cms\.js\.LICENSE\.txt$/.test(name))
    .map((name) => ({ name, path: join(dist, name), type: TYPES[name.split('.').pop()!] }));
}
