// A TLS + HTTP/2 front for benchmarks, standing in for the nginx of docs/deploy.md (`http2 on`, TLS terminated,
// every request passed to the Node server over HTTP/1.1 keep-alive). Browsers speak HTTP/2 only over TLS, so the
// front serves a throwaway self-signed certificate made with openssl for 127.0.0.1; the browser is told to accept it.
import { Agent, request } from 'node:http';
import { constants, createSecureServer, type Http2SecureServer } from 'node:http2';
import type { AddressInfo } from 'node:net';
import { selfSignedCertificate } from './self-signed-certificate.ts';

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'proxy-connection', 'te', 'host']);

/** Starts the front on a loopback port, passing every request to `upstream` (http://127.0.0.1:port). */
export async function startH2Front(upstream: string): Promise<{ origin: string; close(): void }> {
  const target = new URL(upstream);
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const server: Http2SecureServer = createSecureServer({ ...selfSignedCertificate(), allowHTTP1: true }, (req, res) => {
    const headers: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (name.startsWith(':') || HOP_BY_HOP.has(name) || value === undefined) continue;
      headers[name] = value;
    }
    headers.host = req.headers[constants.HTTP2_HEADER_AUTHORITY] as string ?? req.headers.host ?? target.host;
    const out = request({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers, agent }, (answer) => {
      const back: Record<string, string | string[]> = {};
      for (const [name, value] of Object.entries(answer.headers)) if (!HOP_BY_HOP.has(name) && value !== undefined) back[name] = value;
      res.writeHead(answer.statusCode ?? 502, back);
      answer.pipe(res);
    });
    out.on('error', () => { if (!res.headersSent) res.writeHead(502); res.end(); });
    req.pipe(out);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return {
    origin: `https://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => { server.close(); agent.destroy(); },
  };
}
