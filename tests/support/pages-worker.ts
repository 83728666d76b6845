// The Cloudflare Pages Function in real workerd: functions/api/[[path]].ts bundled as Pages would (esbuild, the
// workerd/worker/browser conditions, node: builtins left to nodejs_compat, the photo codecs' .wasm as compiled modules;
// worker-bundle.ts) behind a module worker that hands its onRequest a Pages context, then run by Miniflare with a D1
// database bound as DB. Tests drive it over HTTP.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Plugin } from 'esbuild';
import { Miniflare } from 'miniflare';
import { renderPeopleModule } from '../../scripts/lib/pages-people-module.ts';
import { CONTENT_DIR } from '../../src/config.ts';
import { bundleWorker, WORKERS_COMPATIBILITY, workerModules, type WorkerBundle } from './worker-bundle.ts';

const root = resolve(import.meta.dirname, '../..');

/** A built Pages Function: its script, its .wasm modules and what esbuild put in it. */
export type PagesBundle = WorkerBundle;

// What Pages does with a Functions folder, reduced to the one catch-all route Plein has.
const ENTRY = `import { onRequest } from ${JSON.stringify(join(root, 'functions/api/[[path]].ts'))};
export default {
  fetch(request, env, ctx) {
    return onRequest({ request, env, waitUntil: (p) => ctx.waitUntil(p), passThroughOnException: () => ctx.passThroughOnException() });
  },
};`;

/** Bundles the Pages Function with the colleagues and news of the real content folder (as `npm run build:functions` writes them) into `outDir`. */
export async function buildPagesBundle(outDir: string): Promise<PagesBundle> {
  mkdirSync(outDir, { recursive: true });
  const peopleModule = join(outDir, 'people.generated.ts');
  const people = renderPeopleModule(resolve(root, CONTENT_DIR)).source;
  writeFileSync(peopleModule, people.replaceAll("from '../hosts/cloudflare/", `from '${join(root, 'functions/hosts/cloudflare')}/`));
  const generated: Plugin = { name: 'generated-people', setup: (b) => b.onResolve({ filter: /people\.generated\.ts$/ }, () => ({ path: peopleModule })) };
  return bundleWorker(ENTRY, 'pages-worker.js', [generated]);
}

const ISOLATE_HEADER = 'x-plein-test-isolate';
const ROUTER = `export default { fetch(request, env) { return env['ISOLATE_' + (request.headers.get('${ISOLATE_HEADER}') ?? '0')].fetch(request); } };`;

/** Something to send requests to, like a Miniflare instance's dispatchFetch. */
export interface IsolateTarget {
  fetch(url: string, init: RequestInit): Promise<Response>;
}

/** Isolate `index` of an instance started with `isolates`. */
export function isolateOf(mf: Miniflare, index: number): IsolateTarget {
  return {
    fetch: (url, init) => mf.dispatchFetch(url, { ...(init as object), headers: { ...(init.headers as Record<string, string>), [ISOLATE_HEADER]: String(index) } }) as unknown as Promise<Response>,
  };
}

/** How to start one instance of the worker. */
export interface PagesWorkerOptions {
  /** The project's variables and secrets. */
  vars: Record<string, string>;
  /** A folder for the D1 database, so several instances share one (default: in memory, this instance only). */
  d1Persist?: string;
  /** Without the DB binding (a project that has not bound D1). */
  noDatabase?: boolean;
  /** Run the bundle this many times side by side (each its own isolate, one D1 database); reach one with isolateOf(). */
  isolates?: number;
}

/**
 * Starts the bundle in workerd (one process); dispose() it afterwards. Two processes must not share a d1Persist folder
 * at the same time: each opens the SQLite file itself and a write then fails with SQLITE_BUSY, which real D1 (one
 * database, one writer) never does; side by side isolates of one process share it as Cloudflare's do.
 */
export async function startPagesWorker(bundle: PagesBundle, options: PagesWorkerOptions): Promise<Miniflare> {
  const worker = {
    modules: workerModules(bundle),
    ...WORKERS_COMPATIBILITY,
    bindings: options.vars,
    // The same database id: every isolate reaches the one database, as on Cloudflare.
    ...(options.noDatabase ? {} : { d1Databases: { DB: 'plein-state' } }),
  };
  const count = options.isolates ?? 1;
  const workers = Array.from({ length: count }, (_, i) => ({ ...worker, name: `isolate-${i}` }));
  // Several: a router in front sends each request to the isolate its header names (Miniflare's getWorker() refuses an Origin header).
  const router = { name: 'router', modules: true, script: ROUTER, serviceBindings: Object.fromEntries(workers.map((w, i) => [`ISOLATE_${i}`, w.name])) };
  const mf = new Miniflare({ workers: count > 1 ? [router, ...workers] : workers, d1Persist: options.d1Persist ?? false });
  await mf.ready;
  return mf;
}
