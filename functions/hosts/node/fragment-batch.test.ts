import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from './server.ts';
import { createBatchingFetch, splitBatch } from '../../../src/lib/fragment-batch.ts';

const root = mkdtempSync(join(tmpdir(), 'plein-fragments-'));
const names = Array.from({ length: 12 }, (_, i) => `nl_${(0xabc000 + i).toString(16)}`);
const englishName = 'en_fe12';
let server: Server;
let base: string;
let staticHost: Server;
let staticBase: string;

/** A fragment file as Pagefind writes it (compressed JSON; the bytes only have to come back unchanged). */
const fragment = (name: string) => gzipSync(JSON.stringify({ url: `/nieuws/${name}/`, content: `tekst van ${name} `.repeat(20) }));

/** The real fetch, counting what reaches the server. */
function countingFetch() {
  const urls: string[] = [];
  const counted = ((input: RequestInfo | URL, init?: RequestInit) => {
    urls.push(String(input));
    return fetch(input, init);
  }) as typeof fetch;
  return { urls, counted };
}

beforeAll(async () => {
  mkdirSync(join(root, 'pagefind', 'fragment'), { recursive: true });
  mkdirSync(join(root, 'pagefind-en', 'fragment'), { recursive: true });
  for (const name of names) writeFileSync(join(root, 'pagefind', 'fragment', `${name}.pf_fragment`), fragment(name));
  writeFileSync(join(root, 'pagefind-en', 'fragment', `${englishName}.pf_fragment`), fragment(englishName));
  writeFileSync(join(root, 'pagefind', 'pagefind-entry.json'), '{}');
  writeFileSync(join(root, '404.html'), '<h1>weg</h1>');
  server = await startServer({ distDir: root, port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // A static host: it serves the files and knows nothing of batches.
  staticHost = createServer((req, res) => {
    try {
      const body = readFileSync(join(root, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)));
      res.writeHead(200).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((ok) => staticHost.listen(0, '127.0.0.1', ok));
  staticBase = `http://127.0.0.1:${(staticHost.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.close();
  staticHost.close();
});

describe('fragment batch (server)', () => {
  it('answers several fragments in order, byte for byte, and marks a missing one', async () => {
    const asked = [names[3], 'nl_dead', names[0]];
    const response = await fetch(`${base}/pagefind/fragment/batch?h=${asked.join(',')}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/octet-stream');
    const bodies = splitBatch(new Uint8Array(await response.arrayBuffer()), asked.length);
    expect(Buffer.from(bodies[0]!)).toEqual(readFileSync(join(root, 'pagefind', 'fragment', `${names[3]}.pf_fragment`)));
    expect(bodies[1]).toBeUndefined();
    expect(Buffer.from(bodies[2]!)).toEqual(readFileSync(join(root, 'pagefind', 'fragment', `${names[0]}.pf_fragment`)));
    // With a fragment missing the answer may change (the rebuild that caused it finishes): not kept.
    expect(response.headers.get('cache-control')).toBe('no-cache');
  });

  it('lets the browser keep a complete answer: fragment names are hashes of their content', async () => {
    const response = await fetch(`${base}/pagefind/fragment/batch?h=${names[1]},${names[2]}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });

  it('serves the English bundle from its own folder', async () => {
    const response = await fetch(`${base}/pagefind-en/fragment/batch?h=${englishName}`);
    const [body] = splitBatch(new Uint8Array(await response.arrayBuffer()), 1);
    expect(Buffer.from(body!)).toEqual(readFileSync(join(root, 'pagefind-en', 'fragment', `${englishName}.pf_fragment`)));
  });

  it('refuses a request without names, with too many, or with a name that could leave the folder', async () => {
    const cases: [string, string][] = [
      ['', 'geen_fragmenten'],
      [Array.from({ length: 51 }, (_, i) => `nl_${i.toString(16)}`).join(','), 'te_veel_fragmenten'],
      ['nl_abc,../../404', 'ongeldig_fragment'],
      ['nl_abc,%2e%2e%2fnl_abc', 'ongeldig_fragment'],
      ['nl_xyz', 'ongeldig_fragment'],
    ];
    for (const [h, code] of cases) {
      const response = await fetch(`${base}/pagefind/fragment/batch?h=${h}`);
      expect(response.status, h).toBe(400);
      const body = (await response.json()) as { error: { code: string; message: string } };
      expect(body.error.code, h).toBe(code);
      expect(body.error.message).toMatch(/zoekresultaten/);
    }
  });

  it('leaves other paths to the static files', async () => {
    expect((await fetch(`${base}/pagefind/fragment/${names[1]}.pf_fragment`)).status).toBe(200);
    expect((await fetch(`${base}/pagefind/fragment/batchx?h=${names[1]}`)).status).toBe(404);
    expect((await fetch(`${base}/anders/fragment/batch?h=${names[1]}`)).status).toBe(404);
  });
});

describe('fragment batch (browser fetch)', () => {
  it('fetches the fragments asked for in one task with one request, each caller getting its own', async () => {
    const { urls, counted } = countingFetch();
    const batching = createBatchingFetch(counted, base);
    const asked = names.slice(0, 10);
    const responses = await Promise.all(asked.map((name) => batching(`${base}/pagefind/fragment/${name}.pf_fragment`)));
    expect(urls).toEqual([`${base}/pagefind/fragment/batch?h=${asked.join(',')}`]);
    for (const [i, response] of responses.entries()) {
      expect(response.status).toBe(200);
      expect(Buffer.from(await response.arrayBuffer())).toEqual(readFileSync(join(root, 'pagefind', 'fragment', `${asked[i]}.pf_fragment`)));
    }
  });

  it('asks each bundle separately, a lone fragment alone, and a missing one with its own request (its 404)', async () => {
    const { urls, counted } = countingFetch();
    const batching = createBatchingFetch(counted, base);
    const [a, b, en, gone] = await Promise.all([
      batching(`${base}/pagefind/fragment/${names[0]}.pf_fragment`),
      batching(`${base}/pagefind/fragment/${names[1]}.pf_fragment`),
      batching(`${base}/pagefind-en/fragment/${englishName}.pf_fragment`),
      batching(`${base}/pagefind/fragment/nl_dead.pf_fragment`),
    ]);
    expect([a.status, b.status, en.status, gone.status]).toEqual([200, 200, 200, 404]);
    expect(urls.sort()).toEqual([
      `${base}/pagefind-en/fragment/${englishName}.pf_fragment`,
      `${base}/pagefind/fragment/batch?h=${names[0]},${names[1]},nl_dead`,
      `${base}/pagefind/fragment/nl_dead.pf_fragment`,
    ]);
  });

  it('passes every other request through untouched', async () => {
    const { urls, counted } = countingFetch();
    const batching = createBatchingFetch(counted, base);
    await Promise.all([
      batching(`${base}/pagefind/pagefind-entry.json`),
      batching(`${base}/pagefind/fragment/${names[2]}.pf_fragment`, { cache: 'no-store' }),
      batching(`${staticBase}/pagefind/fragment/${names[3]}.pf_fragment`),
      batching(`${staticBase}/pagefind/fragment/${names[4]}.pf_fragment`),
    ]);
    expect(urls).toHaveLength(4);
    expect(urls.some((u) => u.includes('batch'))).toBe(false);
  });

  it('on a host without batches falls back to single requests and does not try again', async () => {
    const { urls, counted } = countingFetch();
    const batching = createBatchingFetch(counted, staticBase);
    const fetchTwo = (from: number) => Promise.all(names.slice(from, from + 2).map((name) => batching(`${staticBase}/pagefind/fragment/${name}.pf_fragment`)));
    const first = await fetchTwo(0);
    expect(first.map((r) => r.status)).toEqual([200, 200]);
    expect(Buffer.from(await first[1].arrayBuffer())).toEqual(readFileSync(join(root, 'pagefind', 'fragment', `${names[1]}.pf_fragment`)));
    expect(urls.filter((u) => u.includes('batch'))).toHaveLength(1);
    await fetchTwo(2);
    expect(urls.filter((u) => u.includes('batch'))).toHaveLength(1);
    expect(urls).toHaveLength(5);
  });

  it('refuses a malformed batch answer rather than hand out wrong bytes', () => {
    const one = new Uint8Array([0, 0, 0, 2, 7, 8]);
    expect(splitBatch(one, 1).map((b) => b && [...b])).toEqual([[7, 8]]);
    expect(() => splitBatch(one, 2)).toThrow(/too short/);
    expect(() => splitBatch(new Uint8Array([0, 0, 0, 3, 7, 8]), 1)).toThrow(/too short/);
    expect(() => splitBatch(new Uint8Array([0, 0, 0, 1, 7, 8]), 1)).toThrow(/too long/);
    expect(splitBatch(new Uint8Array([255, 255, 255, 255]), 1)).toEqual([undefined]);
  });
});
