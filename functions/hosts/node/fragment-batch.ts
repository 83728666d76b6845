// Several Pagefind result fragments in one response. A search shows ten results and Pagefind loads each one's
// fragment (title, text, excerpt source: ~0.5 KB) with a request of its own; in Chromium each request costs a few
// milliseconds of browser and network-service work, which on a busy phone or a 2-core machine was most of a query
// (ten requests, 35 ms; over HTTP/1.1 in two rounds of six connections). src/lib/fragment-batch.ts asks for the
// fragments a search needs at once here and hands each to Pagefind as if it had fetched it alone; where this path
// does not exist (a static host) it falls back to the single requests.
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';

/** `/pagefind/fragment/batch` and `/pagefind-en/fragment/batch` (the merged English bundle). */
export const FRAGMENT_BATCH_PATH = /^\/(pagefind(?:-[a-z]{2})?)\/fragment\/batch$/;
/** A search asks for a page of results at a time (10, or 20 after "Meer resultaten"); this bounds the work. */
export const MAX_BATCH_FRAGMENTS = 50;
/** Pagefind's fragment names: language, underscore, hash. */
const FRAGMENT_NAME = /^[a-z0-9-]{1,16}_[a-f0-9]{1,64}$/i;
/** The length a missing fragment gets in the answer (the client fetches it alone and gets its 404). */
export const MISSING = 0xffffffff;

function refuse(res: ServerResponse, code: string, message: string) {
  res.writeHead(400, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify({ error: { code, message } }));
}

/**
 * Answers a batch request (`?h=nl_1a2b,nl_3c4d`) when `path` is a batch path and returns true; false otherwise.
 * The answer is binary: per requested fragment, in order, a 4-byte big-endian length and the fragment's bytes
 * exactly as the file holds them (Pagefind's own compressed format), or the length 0xFFFFFFFF when it is missing.
 */
export function serveFragmentBatch(root: string, req: IncomingMessage, res: ServerResponse): boolean {
  const url = new URL(req.url ?? '/', 'http://plein');
  const bundle = FRAGMENT_BATCH_PATH.exec(url.pathname)?.[1];
  if (!bundle) return false;
  const names = (url.searchParams.get('h') ?? '').split(',').filter(Boolean);
  if (names.length === 0) {
    refuse(res, 'geen_fragmenten', 'Geef met ?h= aan welke zoekresultaten je wilt ophalen.');
    return true;
  }
  if (names.length > MAX_BATCH_FRAGMENTS) {
    refuse(res, 'te_veel_fragmenten', `Vraag hooguit ${MAX_BATCH_FRAGMENTS} zoekresultaten tegelijk op.`);
    return true;
  }
  if (!names.every((name) => FRAGMENT_NAME.test(name))) {
    refuse(res, 'ongeldig_fragment', 'Een van de gevraagde zoekresultaten heeft geen geldige naam.');
    return true;
  }
  Promise.all(
    names.map(async (name) => {
      // The name is checked above (letters, digits, one underscore): it cannot leave the bundle's folder.
      return readFile(join(root, bundle, 'fragment', `${name}.pf_fragment`)).catch(() => undefined);
    }),
  ).then((bodies) => {
    if (res.destroyed) return;
    const parts: Buffer[] = [];
    for (const body of bodies) {
      const length = Buffer.alloc(4);
      length.writeUInt32BE(body ? body.length : MISSING);
      parts.push(length);
      if (body) parts.push(body);
    }
    const answer = Buffer.concat(parts);
    res.writeHead(200, {
      'Content-Type': 'application/octet-stream',
      'Content-Length': String(answer.length),
      // A fragment's name is a hash of its content, so a complete answer for these names never changes: the browser
      // keeps it, and the same search again needs no request. An answer with a missing fragment (a rebuild between
      // the index and this request) is not kept.
      'Cache-Control': bodies.every(Boolean) ? 'public, max-age=31536000, immutable' : 'no-cache',
      'X-Content-Type-Options': 'nosniff',
    });
    res.end(req.method === 'HEAD' ? undefined : answer);
  });
  return true;
}
