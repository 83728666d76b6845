import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveFile, startServer } from './server.ts';

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
  it('refuses other methods', async () => {
    expect((await fetch(`${base}/`, { method: 'POST' })).status).toBe(405);
  });
});
