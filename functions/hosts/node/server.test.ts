import { mkdirSync, mkdtempSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cacheControlFor, createCompressedFiles, resolveFile, startServer } from './server.ts';

let server: Server;
let base: string;
const root = mkdtempSync(join(tmpdir(), 'plein-dist-'));

beforeAll(async () => {
  mkdirSync(join(root, 'nieuws'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<h1>home</h1>');
  writeFileSync(join(root, 'nieuws', 'index.html'), '<h1>nieuws</h1>'.repeat(100));
  writeFileSync(join(root, '404.html'), '<h1>weg</h1>');
  server = await startServer({ distDir: root, port: 0 });
  const addr = server.address();
  base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
});
afterAll(() => server.close());

describe('static server', () => {
  it('serves directory indexes and compresses HTML', async () => {
    const res = await fetch(`${base}/nieuws/`, { headers: { 'accept-encoding': 'gzip' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect(await res.text()).toContain('<h1>nieuws</h1>');
  });
  it('compresses with Brotli once and serves the kept copy until the file changes', async () => {
    const file = join(root, 'app.js');
    writeFileSync(file, 'const versie = 1;\n'.repeat(500));
    // Node's fetch decodes br itself: read the raw bytes to see what the server sent.
    const get = () => new Promise<{ encoding?: string; length?: string; text: string }>((ok, fail) => {
      request(`${base}/app.js`, { headers: { 'accept-encoding': 'br' } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => ok({ encoding: res.headers['content-encoding'], length: res.headers['content-length'], text: brotliDecompressSync(Buffer.concat(chunks)).toString() }));
      }).on('error', fail).end();
    });
    const first = await get();
    expect(first.encoding).toBe('br');
    expect(first.text).toBe('const versie = 1;\n'.repeat(500));
    expect(Number(first.length)).toBeLessThan(200);
    expect((await get()).text).toBe(first.text);
    // Same size, new modification time (a rebuild): the new bytes, not the kept copy.
    writeFileSync(file, 'const versie = 2;\n'.repeat(500));
    utimesSync(file, new Date(), new Date(Date.now() + 5000));
    expect((await get()).text).toBe('const versie = 2;\n'.repeat(500));
    const head = await fetch(`${base}/app.js`, { method: 'HEAD', headers: { 'accept-encoding': 'br' } });
    expect(head.headers.get('content-encoding')).toBe('br');
    expect(await head.text()).toBe('');
  });
  it('keeps compressed copies within its byte limit, least recently used going first', async () => {
    const files = ['a', 'b', 'c'].map((name) => {
      const file = join(root, `${name}.css`);
      writeFileSync(file, `.${name} { color: red; }\n`.repeat(200));
      return file;
    });
    const [a, b, c] = files;
    const one = (await createCompressedFiles().get(a, statSync(a), 'gzip')).length;
    // Room for two compressed files, not three.
    const kept = createCompressedFiles(one * 2 + 10);
    const first = await kept.get(a, statSync(a), 'gzip');
    expect(await kept.get(a, statSync(a), 'gzip')).toBe(first);
    const [same1, same2] = await Promise.all([kept.get(b, statSync(b), 'gzip'), kept.get(b, statSync(b), 'gzip')]);
    expect(same1).toBe(same2);
    await kept.get(a, statSync(a), 'gzip');
    await kept.get(c, statSync(c), 'gzip');
    // b was used least recently: compressed again; a is still kept.
    expect(await kept.get(a, statSync(a), 'gzip')).toBe(first);
    expect(await kept.get(b, statSync(b), 'gzip')).not.toBe(same1);
  });
  it('redirects a folder without slash', async () => {
    const res = await fetch(`${base}/nieuws`, { redirect: 'manual' });
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe('/nieuws/');
  });
  it('answers 404 with the 404 page', async () => {
    const res = await fetch(`${base}/bestaat-niet/`);
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('weg');
  });
  it('never leaves the root', () => {
    expect(resolveFile(root, '/../../etc/passwd')).toBeUndefined();
    expect(resolveFile(root, '/%2e%2e/%2e%2e/etc/passwd')).toBeUndefined();
    expect(resolveFile(root, '/index.html%00.png')).toBeUndefined();
  });
  it('routes /api to the API app', async () => {
    const res = await fetch(`${base}/api/health`);
    expect(await res.json()).toEqual({ ok: true });
    expect((await fetch(`${base}/api/nope`)).status).toBe(404);
  });
  it('lets browsers keep content-hashed files for a year and check the rest every time', async () => {
    mkdirSync(join(root, 'pagefind', 'fragment'), { recursive: true });
    writeFileSync(join(root, 'pagefind', 'fragment', 'nl_1962f35.pf_fragment'), 'fragment');
    writeFileSync(join(root, 'pagefind', 'pagefind-entry.json'), '{}');
    const year = 'public, max-age=31536000, immutable';
    expect((await fetch(`${base}/pagefind/fragment/nl_1962f35.pf_fragment`)).headers.get('cache-control')).toBe(year);
    expect((await fetch(`${base}/pagefind/pagefind-entry.json`)).headers.get('cache-control')).toBe('no-cache');
    expect((await fetch(`${base}/nieuws/`)).headers.get('cache-control')).toBe('no-cache');
    // What the build writes: Pagefind's index, filters and metadata carry a hash of their content (a changed page
    // gives a new name); its scripts, entry and WebAssembly do not.
    for (const path of ['_astro/Base.Bx1_3kQp.css', 'pagefind/index/nl_21159cd.pf_index', 'pagefind/filter/en_26c58ef.pf_filter', 'pagefind/pagefind.nl_b61fe558a8.pf_meta', 'pagefind-en/index/en_5eb4f04.pf_index', 'pagefind-en/pagefind.en_16197fb28d.pf_meta']) {
      expect(cacheControlFor(path), path).toBe(year);
    }
    for (const path of ['pagefind/pagefind.js', 'pagefind/wasm.nl.pagefind', 'pagefind/pagefind-entry.json', 'index.html', 'nieuws/_astro/x.css', 'pagefind/fragment/x.pf_fragment', 'media/nl_1962f35.png', 'pagefind-en/pagefind-entry.json', 'pagefind-oud/index/nl_21159cd.pf_index']) {
      expect(cacheControlFor(path), path).toBe('no-cache');
    }
  });
  it('answers 304 when the browser has the file as it is, and the file when it changed', async () => {
    const file = join(root, 'nieuws', 'index.html');
    const first = await fetch(`${base}/nieuws/`, { headers: { 'accept-encoding': 'br' } });
    const etag = first.headers.get('etag')!;
    const modified = first.headers.get('last-modified')!;
    expect(etag).toMatch(/^W\/"[0-9a-f]+-[0-9a-f]+"$/);
    expect(new Date(modified).getTime()).toBe(Math.floor(statSync(file).mtimeMs / 1000) * 1000);
    const again = await fetch(`${base}/nieuws/`, { headers: { 'if-none-match': etag, 'accept-encoding': 'br' } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    expect(again.headers.get('etag')).toBe(etag);
    expect(again.headers.get('cache-control')).toBe('no-cache');
    expect(again.headers.get('vary')).toBe('Accept-Encoding');
    expect((await fetch(`${base}/nieuws/`, { headers: { 'if-none-match': `"oud", ${etag}` } })).status).toBe(304);
    expect((await fetch(`${base}/nieuws/`, { headers: { 'if-modified-since': modified } })).status).toBe(304);
    expect((await fetch(`${base}/nieuws/`, { method: 'HEAD', headers: { 'if-none-match': etag } })).status).toBe(304);
    // If-None-Match wins over If-Modified-Since (RFC 9110): another version's tag gets the file.
    const other = await fetch(`${base}/nieuws/`, { headers: { 'if-none-match': 'W/"0-0"', 'if-modified-since': modified } });
    expect(other.status).toBe(200);
    expect(await other.text()).toContain('<h1>nieuws</h1>');
    // A rebuild writes the file again: its old tag and date no longer match.
    writeFileSync(file, '<h1>nieuws</h1>'.repeat(101));
    utimesSync(file, new Date(), new Date(Date.now() + 5000));
    const changed = await fetch(`${base}/nieuws/`, { headers: { 'if-none-match': etag } });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
    expect(await changed.text()).toBe('<h1>nieuws</h1>'.repeat(101));
    expect((await fetch(`${base}/nieuws/`, { headers: { 'if-modified-since': modified } })).status).toBe(200);
  });
  it('never answers 304 for the 404 page', async () => {
    const res = await fetch(`${base}/bestaat-niet/`, { headers: { 'if-none-match': '*' } });
    expect(res.status).toBe(404);
    expect(res.headers.get('etag')).toBeNull();
    expect(await res.text()).toContain('weg');
  });
  it('refuses other methods', async () => {
    expect((await fetch(`${base}/`, { method: 'POST' })).status).toBe(405);
  });
});
