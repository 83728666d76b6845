// Raw HTTP attacks on the write endpoints: wrong and missing content types, form bodies, lying
// Content-Length, oversize chunked bodies, smuggling attempts. Status 0 means the server closed the
// connection without an answer, which is fine as long as nothing was written.
import type { HttpEntry } from './types.ts';

const CRLF = '\r\n';

/** A request head with the session cookie and our Origin. */
function head(method: string, path: string, c: { host: string; cookie: string; origin: string }, headers: Record<string, string | number>): string {
  const lines = [`${method} ${path} HTTP/1.1`, `Host: ${c.host}`, `Origin: ${c.origin}`, `Cookie: ${c.cookie}`, 'Connection: close', ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)];
  return lines.join(CRLF) + CRLF + CRLF;
}

const JSON_POST = JSON.stringify({ tekst: 'via http' });

/** A chunked body of `count` chunks of `size` bytes (JSON inside a long string), with the final chunk when `end`. */
function chunked(count: number, size: number, end = true): string[] {
  const parts = ['{"tekst":"', ...Array.from({ length: count }, () => 'x'.repeat(size)), '"}'];
  const out = parts.map((p) => `${Buffer.byteLength(p).toString(16)}${CRLF}${p}${CRLF}`);
  if (end) out.push(`0${CRLF}${CRLF}`);
  return out;
}

const form = (boundary: string, parts: string[]) => parts.map((p) => `--${boundary}${CRLF}${p}${CRLF}`).join('') + `--${boundary}--${CRLF}`;

/** The raw HTTP corpus. */
export const HTTP_ENTRIES: HttpEntry[] = [
  { id: 'http-form-encoded', category: 'http', description: 'form-encoded body', status: [415], request: (c) => ({ chunks: [head('POST', '/api/berichten', c, { 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': 12 }), 'tekst=hallo!'] }) },
  { id: 'http-form-encoded-comment', category: 'http', description: 'form-encoded comment', status: [415], request: (c) => ({ chunks: [head('POST', '/api/reacties', c, { 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': 33 }), 'doel[type]=nieuws&tekst=hallo!!!!'] }) },
  { id: 'http-text-plain', category: 'http', description: 'JSON sent as text/plain (a CORS simple request)', status: [415], request: (c) => ({ chunks: [head('POST', '/api/berichten', c, { 'Content-Type': 'text/plain', 'Content-Length': Buffer.byteLength(JSON_POST) }), JSON_POST] }) },
  { id: 'http-no-type', category: 'http', description: 'no Content-Type', status: [415], request: (c) => ({ chunks: [head('POST', '/api/berichten', c, { 'Content-Length': Buffer.byteLength(JSON_POST) }), JSON_POST] }) },
  { id: 'http-json-lookalike', category: 'http', description: 'application/jsonx', status: [415], request: (c) => ({ chunks: [head('POST', '/api/berichten', c, { 'Content-Type': 'application/jsonx', 'Content-Length': Buffer.byteLength(JSON_POST) }), JSON_POST] }) },
  { id: 'http-patch-form', category: 'http', description: 'edit as a form', status: [404, 415], request: (c) => ({ chunks: [head('PATCH', '/api/berichten/01kaq4ztz8z9j1y6m5j0vq4n2b', c, { 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': 7 }), 'tekst=x'] }) },
  { id: 'http-hide-form', category: 'http', description: 'hide as a form', status: [404, 415], request: (c) => ({ chunks: [head('POST', '/api/berichten/01kaq4ztz8z9j1y6m5j0vq4n2b/verbergen', c, { 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': 7 }), 'reden=x'] }) },
  { id: 'http-preview-form', category: 'http', description: 'preview as a form', status: [415], request: (c) => ({ chunks: [head('POST', '/api/voorbeeld', c, { 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': 7 }), 'tekst=x'] }) },
  { id: 'http-latin1-charset', category: 'http', description: 'JSON declared latin-1 with latin-1 bytes', status: [400], request: (c) => { const body = Buffer.from('{"tekst":"caf\u00e9"}', 'latin1'); return { chunks: [head('POST', '/api/berichten', c, { 'Content-Type': 'application/json; charset=iso-8859-1', 'Content-Length': body.length }), body] }; } },
  { id: 'http-huge-content-length', category: 'http', description: 'Content-Length of 10 GB, small body', status: [0, 413], request: (c) => ({ chunks: [head('POST', '/api/berichten', c, { 'Content-Type': 'application/json', 'Content-Length': 10 * 1024 ** 3 }), JSON_POST] }) },
  { id: 'http-short-content-length', category: 'http', description: 'Content-Length shorter than the body', status: [400], request: (c) => ({ chunks: [head('POST', '/api/berichten', c, { 'Content-Type': 'application/json', 'Content-Length': 8 }), JSON_POST] }) },
  { id: 'http-long-content-length-close', category: 'http', description: 'Content-Length longer than the body, then the client hangs up', status: [0, 400], request: (c) => ({ chunks: [head('POST', '/api/berichten', c, { 'Content-Type': 'application/json', 'Content-Length': 500 }), JSON_POST], endAfter: true }) },
  { id: 'http-negative-content-length', category: 'http', description: 'negative Content-Length', status: [0, 400], request: (c) => ({ chunks: [head('POST', '/api/berichten', c, { 'Content-Type': 'application/json', 'Content-Length': -1 }), JSON_POST] }) },
  { id: 'http-two-content-lengths', category: 'http', description: 'two different Content-Lengths', status: [0, 400], request: (c) => ({ chunks: [head('POST', '/api/berichten', c, { 'Content-Type': 'application/json', 'Content-Length': `${Buffer.byteLength(JSON_POST)}\r\nContent-Length: 3` }), JSON_POST] }) },
  { id: 'http-cl-and-te', category: 'http', description: 'Content-Length and Transfer-Encoding together (smuggling)', status: [0, 400], request: (c) => ({ chunks: [head('POST', '/api/berichten', c, { 'Content-Type': 'application/json', 'Content-Length': 4, 'Transfer-Encoding': 'chunked' }), ...chunked(1, 10)] }) },
  { id: 'http-oversize-chunked', category: 'http', description: 'chunked JSON body of 200 KB', status: [413], request: (c) => ({ chunks: [head('POST', '/api/berichten', c, { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' }), ...chunked(200, 1024)] }) },
  { id: 'http-oversize-chunked-comment', category: 'http', description: 'chunked comment body of 200 KB', status: [413], request: (c) => ({ chunks: [head('POST', '/api/reacties', c, { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' }), ...chunked(200, 1024)] }) },
  { id: 'http-oversize-chunked-edit', category: 'http', description: 'chunked edit body of 200 KB', status: [404, 413], request: (c) => ({ chunks: [head('PATCH', '/api/berichten/01kaq4ztz8z9j1y6m5j0vq4n2b', c, { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' }), ...chunked(200, 1024)] }) },
  { id: 'http-oversize-chunked-preview', category: 'http', description: 'chunked preview body of 200 KB', status: [413], request: (c) => ({ chunks: [head('POST', '/api/voorbeeld', c, { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' }), ...chunked(200, 1024)] }) },
  { id: 'http-oversize-chunked-multipart', category: 'http', description: 'chunked multipart body of 41 MB', status: [0, 413], request: (c) => ({ chunks: [head('POST', '/api/berichten', c, { 'Content-Type': 'multipart/form-data; boundary=b', 'Transfer-Encoding': 'chunked' }), ...Array.from({ length: 41 }, () => `100000${CRLF}${'x'.repeat(0x100000)}${CRLF}`), `0${CRLF}${CRLF}`] }) },
  { id: 'http-chunked-unfinished', category: 'http', description: 'chunked body that never ends, client hangs up', status: [0, 400], request: (c) => ({ chunks: [head('POST', '/api/berichten', c, { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' }), ...chunked(2, 10, false)], endAfter: true }) },
  { id: 'http-bad-chunk-size', category: 'http', description: 'invalid chunk size', status: [0, 400], request: (c) => ({ chunks: [head('POST', '/api/berichten', c, { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' }), `zz${CRLF}{"tekst":"x"}${CRLF}0${CRLF}${CRLF}`] }) },
  { id: 'http-multipart-no-boundary', category: 'http', description: 'multipart without boundary', status: [400], request: (c) => ({ chunks: [head('POST', '/api/berichten', c, { 'Content-Type': 'multipart/form-data', 'Content-Length': 11 }), 'tekst=hallo'] }) },
  { id: 'http-multipart-broken', category: 'http', description: 'multipart with a broken body', status: [400], request: (c) => ({ chunks: [head('POST', '/api/berichten', c, { 'Content-Type': 'multipart/form-data; boundary=zzz', 'Content-Length': 18 }), '--zzz\r\nkapot\r\n\r\nxx'] }) },
  { id: 'http-multipart-foto-as-text', category: 'http', description: 'multipart with the photo as a text field', status: [415], request: (c) => { const body = form('b', ['Content-Disposition: form-data; name="tekst"\r\n\r\nhallo', 'Content-Disposition: form-data; name="foto"\r\n\r\n<svg onload=alert(1)>', 'Content-Disposition: form-data; name="alt"\r\n\r\nfoto']); return { chunks: [head('POST', '/api/berichten', c, { 'Content-Type': 'multipart/form-data; boundary=b', 'Content-Length': Buffer.byteLength(body) }), body] }; } },
  { id: 'http-multipart-five-photos', category: 'http', description: 'five photos', status: [415, 422], request: (c) => { const body = form('b', ['Content-Disposition: form-data; name="tekst"\r\n\r\nhallo', ...Array.from({ length: 5 }, (_, i) => `Content-Disposition: form-data; name="foto"; filename="${i}.jpg"\r\nContent-Type: image/jpeg\r\n\r\nxx`), ...Array.from({ length: 5 }, () => 'Content-Disposition: form-data; name="alt"\r\n\r\nfoto')]); return { chunks: [head('POST', '/api/berichten', c, { 'Content-Type': 'multipart/form-data; boundary=b', 'Content-Length': Buffer.byteLength(body) }), body] }; } },
  { id: 'http-multipart-no-alt', category: 'http', description: 'a photo without alt text', status: [422], request: (c) => { const body = form('b', ['Content-Disposition: form-data; name="tekst"\r\n\r\nhallo', 'Content-Disposition: form-data; name="foto"; filename="a.jpg"\r\nContent-Type: image/jpeg\r\n\r\nxx']); return { chunks: [head('POST', '/api/berichten', c, { 'Content-Type': 'multipart/form-data; boundary=b', 'Content-Length': Buffer.byteLength(body) }), body] }; } },
  { id: 'http-huge-header', category: 'http', description: 'a 64 KB header', status: [0, 431], request: (c) => ({ chunks: [head('POST', '/api/berichten', c, { 'Content-Type': 'application/json', 'X-Big': 'x'.repeat(65536), 'Content-Length': Buffer.byteLength(JSON_POST) }), JSON_POST] }) },
  { id: 'http-raw-dot-path', category: 'http', description: 'raw ../ in the request path', status: [400, 404], request: (c) => ({ chunks: [head('DELETE', '/api/berichten/../../.git/config', c, {})] }) },
  { id: 'http-encoded-dot-path', category: 'http', description: 'encoded ../ in the request path', status: [400, 404], request: (c) => ({ chunks: [head('DELETE', '/api/berichten/..%2f..%2f.git%2fconfig', c, {})] }) },
  { id: 'http-absolute-form', category: 'http', description: 'absolute-form target on another host', status: [400, 403, 405], request: (c) => ({ chunks: [head('POST', `http://evil.example/api/berichten`, c, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(JSON_POST) }), JSON_POST] }) },
  { id: 'http-method-override', category: 'http', description: 'X-HTTP-Method-Override to DELETE', status: [404, 405, 415], request: (c) => ({ chunks: [head('POST', '/api/berichten/01kaq4ztz8z9j1y6m5j0vq4n2b', c, { 'X-HTTP-Method-Override': 'DELETE', 'Content-Length': 0 })] }) },
];
