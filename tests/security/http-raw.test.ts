// The raw HTTP corpus over real sockets against the real Node server (functions/hosts/node/server.ts) with the real API:
// every request gets a 4xx or a closed connection, never a 5xx, nothing is written, and the server stays up.
import { mkdtempSync } from 'node:fs';
import type { Server } from 'node:http';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startServer } from '../../functions/hosts/node/server.ts';
import { HTTP_ENTRIES, type HttpEntry } from './corpus/index.ts';
import { startCorpusApi, type CorpusApi } from './corpus-harness.ts';

let api: CorpusApi;
let server: Server;
let port: number;

beforeAll(async () => {
  api = await startCorpusApi();
  server = await startServer({ distDir: mkdtempSync(join(tmpdir(), 'plein-http-dist-')), port: 0, api: api.app, identity: api.identity });
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((done) => (server ? server.close(() => done()) : done())));

/** Sends raw bytes; resolves with the status line's code (0 when the server closed without one) and the response text. */
function send(entry: HttpEntry): Promise<{ status: number; text: string }> {
  const host = `127.0.0.1:${port}`;
  const { chunks, endAfter } = entry.request({ host, cookie: api.cookies.get('bas-bakker')!, origin: `http://${host}` });
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let text = '';
    const finish = () => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ status: Number(/^HTTP\/1\.[01] (\d{3})/.exec(text)?.[1] ?? 0), text });
    };
    // A server that keeps waiting for a body the client never sends is fine; give up on it after a while.
    const timer = setTimeout(finish, 8000);
    socket.on('data', (d) => (text += d.toString('latin1')));
    socket.on('close', finish);
    socket.on('error', () => {}); // EPIPE/ECONNRESET once the server has answered early and closed
    socket.on('connect', async () => {
      for (const chunk of chunks) {
        if (socket.destroyed) return;
        if (!socket.write(chunk)) await new Promise<void>((r) => {
          const done = () => (socket.off('drain', done), socket.off('close', done), r());
          socket.on('drain', done).on('close', done);
        });
      }
      if (endAfter) socket.end();
    });
  });
}

describe('raw HTTP attacks on the write endpoints', () => {
  it(`${HTTP_ENTRIES.length} requests: an expected 4xx (or a closed connection), never a 5xx, nothing written`, async () => {
    const problems: string[] = [];
    // A 500 the client never sees (it hung up) still shows as the API's unexpected-error log line.
    const errors = vi.spyOn(console, 'error');
    for (const entry of HTTP_ENTRIES) {
      const before = api.snapshot();
      const { status, text } = await send(entry);
      if (!entry.status.includes(status)) problems.push(`${entry.id} (${entry.description}): status ${status}, expected ${entry.status.join('/')}: ${text.split('\r\n\r\n')[1]?.slice(0, 160) ?? ''}`);
      if (status >= 400 && status < 500 && status !== 431 && text.includes('application/json') && !/"code":"[a-z_]+"/.test(text)) problems.push(`${entry.id}: a 4xx without an error code`);
      const after = api.snapshot();
      if (after.head !== before.head || after.status !== before.status) problems.push(`${entry.id} (${entry.description}): the repository changed`);
    }
    expect(problems).toEqual([]);
    expect(errors.mock.calls.map((c) => c.join(' '))).toEqual([]);
    errors.mockRestore();
    const health = await fetch(`http://127.0.0.1:${port}/api/health`);
    expect(health.status).toBe(200);
  }, 120_000);
});
