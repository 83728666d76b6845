// The Node server: serves the built site (dist/) with compression and proper 404s on one port.
import { createReadStream, existsSync, statSync, type Stats } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, normalize, relative, resolve, sep } from 'node:path';
import { pipeline } from 'node:stream';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlibConstants, createBrotliCompress, createGzip, gzip } from 'node:zlib';
import { getRequestListener } from '@hono/node-server';
import { createApp } from '../../app.ts';
import { getDefaultIdentity } from './default-identity.ts';
import { serveFragmentBatch } from './fragment-batch.ts';
import { createPageGate, isEditorPage, type PageGate } from '../../auth/page-gate.ts';
import type { IdentityService } from '../../auth/session.ts';
import { EDITOR_PAGE_HEADERS, getAdminCsp, getSecurityHeaders, SITE_CSP } from '../../lib/security-headers.ts';
import { getBackendOrigins, resolveCmsBackend } from '../../../src/cms/backend.ts';

/** Content types of the files an Astro build produces. */
export const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.xml': 'application/xml; charset=utf-8',
  '.ics': 'text/calendar; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.yml': 'text/yaml; charset=utf-8',
  '.wasm': 'application/wasm',
  '.woff2': 'font/woff2',
  '.pf_meta': 'application/octet-stream',
  '.pf_index': 'application/octet-stream',
  '.pf_fragment': 'application/octet-stream',
  '.pagefind': 'application/octet-stream',
};

const COMPRESSIBLE = /^(text\/|application\/(json|xml|javascript)|image\/svg)/;

/** Resolves a URL path to a file inside `root`, or undefined; never leaves `root`. */
export function resolveFile(root: string, urlPath: string): { file: string; redirect?: string } | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0]);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) return undefined;
  const target = normalize(join(root, decoded));
  if (target !== root && !target.startsWith(root + sep)) return undefined;
  if (existsSync(target) && statSync(target).isFile()) return { file: target };
  const index = join(target, 'index.html');
  if (existsSync(index)) return decoded.endsWith('/') ? { file: index } : { file: index, redirect: `${decoded}/` };
  return undefined;
}

/**
 * Brotli quality when compressing on the fly. Node's default is the maximum, 11, which cost ~50 ms of CPU for
 * pagefind.js and ~0.5 s for the largest script, per request: a first visit's service worker install (~5 MB)
 * kept both cores busy while the colleague searched. Quality 5 is 5-8% larger at 1/50 to 1/100 of the CPU.
 */
export const BROTLI_QUALITY = 5;
/** Files up to this size are compressed whole, once, and kept compressed in memory; larger ones are streamed. */
const CACHED_FILE_LIMIT = 1024 * 1024;
/** How many compressed bytes the server keeps (least recently used go first). */
const COMPRESSED_CACHE_BYTES = 32 * 1024 * 1024;

type Encoding = 'br' | 'gzip';
const brotliAsync = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

function compressBytes(bytes: Buffer, encoding: Encoding): Promise<Buffer> {
  if (encoding === 'gzip') return gzipAsync(bytes);
  return brotliAsync(bytes, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY, [zlibConstants.BROTLI_PARAM_SIZE_HINT]: bytes.length } });
}

/**
 * Compressed copies of the site's files, by encoding and path, valid while the file keeps its size and
 * modification time (a rebuild writes new files). Compressing runs on libuv's pool, off the event loop, and
 * requests for a file that is being compressed wait for the same work.
 */
export function createCompressedFiles(limitBytes = COMPRESSED_CACHE_BYTES) {
  const entries = new Map<string, { mtimeMs: number; size: number; body: Buffer }>();
  const pending = new Map<string, Promise<Buffer>>();
  let bytes = 0;
  return {
    get(file: string, stat: Stats, encoding: Encoding): Promise<Buffer> {
      const key = `${encoding}:${file}`;
      const hit = entries.get(key);
      if (hit && hit.mtimeMs === stat.mtimeMs && hit.size === stat.size) {
        // Most recently used last.
        entries.delete(key);
        entries.set(key, hit);
        return Promise.resolve(hit.body);
      }
      const running = pending.get(key);
      if (running) return running;
      const work = readFile(file)
        .then((raw) => compressBytes(raw, encoding))
        .then((body) => {
          const old = entries.get(key);
          if (old) bytes -= old.body.length;
          entries.delete(key);
          entries.set(key, { mtimeMs: stat.mtimeMs, size: stat.size, body });
          bytes += body.length;
          for (const [k, v] of entries) {
            if (bytes <= limitBytes) break;
            entries.delete(k);
            bytes -= v.body.length;
          }
          return body;
        })
        .finally(() => pending.delete(key));
      pending.set(key, work);
      return work;
    },
  };
}

type CompressedFiles = ReturnType<typeof createCompressedFiles>;

/**
 * Files whose name carries a hash of their content, so a browser may keep them for a year without asking again:
 * Astro's bundles (_astro/) and Pagefind's index, filter and result files and its per-language metadata, in the main
 * bundle and the merged English one (pagefind-en/). Pagefind's own scripts, its entry file and its WebAssembly keep
 * their names from build to build.
 */
const CONTENT_HASHED = [
  /^_astro\//,
  /^pagefind(-[a-z]{2})?\/(fragment|index|filter)\/[a-z0-9_-]+_[0-9a-f]{7,}\.pf_(fragment|index|filter)$/,
  /^pagefind(-[a-z]{2})?\/pagefind\.[a-z0-9_-]+_[0-9a-f]{7,}\.pf_meta$/,
];

/**
 * The Cache-Control of a file of the site (its path inside the built site, e.g. `pagefind/index/nl_1a2b3c4.pf_index`):
 * a year for content-hashed files, else check every time (no-cache).
 */
export function cacheControlFor(path: string): string {
  const name = path.split(sep).join('/');
  return CONTENT_HASHED.some((pattern) => pattern.test(name)) ? 'public, max-age=31536000, immutable' : 'no-cache';
}

/** A validator for a file as it is on disk now: a rebuild writes every file again, which changes it. */
export function fileETag(stat: Pick<Stats, 'size' | 'mtimeMs'>): string {
  return `W/"${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}"`;
}

/** Whether the browser's copy (If-None-Match, else If-Modified-Since) is the file as it is now (RFC 9110, 13.1). */
export function isFresh(req: IncomingMessage, etag: string, stat: Pick<Stats, 'mtimeMs'>): boolean {
  const tags = req.headers['if-none-match'];
  if (tags !== undefined) {
    const bare = (tag: string) => tag.trim().replace(/^W\//, '');
    return tags.split(',').some((tag) => tag.trim() === '*' || bare(tag) === bare(etag));
  }
  const since = Date.parse(String(req.headers['if-modified-since'] ?? ''));
  return Number.isFinite(since) && Math.floor(stat.mtimeMs / 1000) * 1000 <= since;
}

function send(req: IncomingMessage, res: ServerResponse, root: string, file: string, compressed: CompressedFiles, status = 200) {
  const type = CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
  const headers: Record<string, string> = { 'Content-Type': type, 'X-Content-Type-Options': 'nosniff' };
  headers['Cache-Control'] = cacheControlFor(relative(root, file));
  const editorPage = isEditorPage(`http://plein${req.url ?? '/'}`);
  if (editorPage) Object.assign(headers, EDITOR_PAGE_HEADERS);
  const accept = String(req.headers['accept-encoding'] ?? '');
  const compress: Encoding | undefined = COMPRESSIBLE.test(type) ? (/\bbr\b/.test(accept) ? 'br' : /\bgzip\b/.test(accept) ? 'gzip' : undefined) : undefined;
  const stat = statSync(file);
  if (compress) headers.Vary = 'Accept-Encoding';
  // A found file (not the 404 page, not an editor page, which no browser keeps) can be checked for a new version
  // without sending it again: 304 Not Modified.
  if (status === 200 && !editorPage) {
    headers.ETag = fileETag(stat);
    headers['Last-Modified'] = new Date(stat.mtimeMs).toUTCString();
    if (isFresh(req, headers.ETag, stat)) {
      delete headers['Content-Type'];
      res.writeHead(304, headers);
      return res.end();
    }
  }
  if (compress) {
    headers['Content-Encoding'] = compress;
    if (stat.size <= CACHED_FILE_LIMIT) {
      compressed.get(file, stat, compress).then(
        (body) => {
          if (res.destroyed) return;
          res.writeHead(status, { ...headers, 'Content-Length': String(body.length) });
          res.end(req.method === 'HEAD' ? undefined : body);
        },
        () => {
          // The file went away between resolving and reading it (a rebuild swapped the site).
          if (res.destroyed || res.headersSent) return void res.destroy();
          res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
          res.end('Dit bestand kon niet worden gelezen.');
        },
      );
      return;
    }
  } else {
    headers['Content-Length'] = String(stat.size);
  }
  res.writeHead(status, headers);
  if (req.method === 'HEAD') return res.end();
  const source = createReadStream(file);
  if (compress) pipeline(source, compress === 'br' ? createBrotliCompress({ params: { [zlibConstants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY } }) : createGzip(), res, () => {});
  else pipeline(source, res, () => {});
}

/** A request handler that serves the static site in `distDir` (a folder, or a function giving the current one). */
export function createStaticHandler(distDir: string | (() => string)) {
  const rootOf = typeof distDir === 'function' ? () => resolve(distDir()) : ((r) => () => r)(resolve(distDir));
  const compressed = createCompressedFiles();
  return (req: IncomingMessage, res: ServerResponse) => {
    const root = rootOf();
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' });
      return res.end('Methode niet toegestaan');
    }
    if (serveFragmentBatch(root, req, res)) return;
    const found = resolveFile(root, req.url ?? '/');
    if (found?.redirect) {
      res.writeHead(301, { Location: encodeURI(found.redirect) });
      return res.end();
    }
    if (found) return send(req, res, root, found.file, compressed);
    const notFound = join(root, '404.html');
    if (existsSync(notFound)) return send(req, res, root, notFound, compressed, 404);
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('Niet gevonden');
  };
}

/** What the Node server serves. */
export interface ServerOptions {
  /** The built site: a folder, or a function giving the current one (the rebuilder swaps it). */
  distDir: string | (() => string);
  port: number;
  host?: string;
  /** The API for /api/*; without it only the health check answers. */
  api?: { fetch: (request: Request) => Response | Promise<Response> };
  /** The site's Content-Security-Policy (getSiteCsp: giscus comments add their frame). */
  siteCsp?: string;
  /** The login (the API's own); with OIDC or a proxy it gates every page. Default: getDefaultIdentity(). */
  identity?: IdentityService;
}

/** The headers of a Node request as a web Request, for the page gate (only cookies and the proxy's JWT matter). */
function toWebRequest(req: IncomingMessage): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || name.startsWith(':')) continue;
    try {
      headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    } catch {
      // A header the Fetch API refuses cannot carry a login either.
    }
  }
  // The path exactly as the static handler sees it: never new URL(path, base), which reads //beheer/x as host
  // "beheer" and path /x (and would let it past the editors-only rule); never the Host header, which the client sets.
  let url: URL;
  try {
    url = new URL(`http://localhost${req.url?.startsWith('/') ? req.url : '/'}`);
  } catch {
    url = new URL('http://localhost/');
  }
  return new Request(url, { method: req.method === 'HEAD' ? 'HEAD' : 'GET', headers });
}

/** Answers from the page gate when it stops a request; resolves to true when the request may go on. */
async function passGate(gate: PageGate, req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  const stop = await gate(toWebRequest(req));
  if (!stop) return true;
  if (res.destroyed) return false;
  res.writeHead(stop.status, Object.fromEntries(stop.headers));
  res.end(req.method === 'HEAD' ? undefined : await stop.text());
  return false;
}

/** Starts the server on `port` (0 picks a free one): the API under /api, the built site elsewhere. */
export function startServer(options: ServerOptions): Promise<Server> {
  const serveStatic = createStaticHandler(options.distDir);
  const identity = options.identity ?? getDefaultIdentity();
  const gate = identity.mode === 'demo' ? undefined : createPageGate(identity);
  const serveApi = getRequestListener((options.api ?? createApp({ identity })).fetch, { overrideGlobalObjects: false });
  // /admin may call the CMS backend this environment configures (decap-server's port, GitHub Enterprise).
  const adminCsp = getAdminCsp(getBackendOrigins(resolveCmsBackend(process.env)));
  const server = createServer((req, res) => {
    for (const [name, value] of Object.entries(getSecurityHeaders((req.url ?? '/').split('?')[0], adminCsp, options.siteCsp ?? SITE_CSP))) res.setHeader(name, value);
    if (req.url === '/api' || req.url?.startsWith('/api/')) return serveApi(req, res);
    if (!gate) return serveStatic(req, res);
    // An intranet is private: with OIDC or a proxy no page or asset is served without a login.
    // The check is async: the browser may have gone (navigated away) before it ends, so never write to a closed response.
    passGate(gate, req, res)
      .then((ok) => {
        if (ok && !res.destroyed) serveStatic(req, res);
      })
      .catch(() => {
        if (res.destroyed) return;
        if (res.headersSent) return void res.destroy();
        res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
        res.end('Er ging iets mis bij het controleren van je login.');
      });
  });
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(options.port, options.host ?? '127.0.0.1', () => ok(server));
  });
}
