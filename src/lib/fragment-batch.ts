// Browser side of the fragment batch (functions/hosts/node/fragment-batch.ts): Pagefind fetches each result's
// fragment with a request of its own, through the global fetch, and offers no hook to load them otherwise. While
// installed, fragment requests made in the same task are collected and fetched in one request; each caller gets
// its fragment as a Response of its own, so Pagefind (its decompression, excerpts, caching) works unchanged.
// Anything else passes straight to the real fetch. Where the batch path is missing (a static host without the
// Node server), the fragments are fetched one by one, as Pagefind would, and batching is not tried again.

const FRAGMENT_URL = /^(?:https?:\/\/[^/]+)?\/(pagefind(?:-[a-z]{2})?)\/fragment\/([a-z0-9-]{1,16}_[a-f0-9]{1,64})\.pf_fragment$/i;
/** Matches the server's limit. */
const MAX_BATCH = 50;
const MISSING = 0xffffffff;

interface Waiting {
  name: string;
  url: string;
  resolve: (response: Response) => void;
  reject: (error: unknown) => void;
}

/** Splits a batch answer into one body per requested name (undefined when the server had none); throws on a malformed answer. */
export function splitBatch(bytes: Uint8Array, count: number): (Uint8Array | undefined)[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const bodies: (Uint8Array | undefined)[] = [];
  let at = 0;
  for (let i = 0; i < count; i++) {
    if (at + 4 > bytes.length) throw new Error('fragment batch: answer too short');
    const length = view.getUint32(at);
    at += 4;
    if (length === MISSING) {
      bodies.push(undefined);
      continue;
    }
    if (at + length > bytes.length) throw new Error('fragment batch: answer too short');
    bodies.push(bytes.subarray(at, at + length));
    at += length;
  }
  if (at !== bytes.length) throw new Error('fragment batch: answer too long');
  return bodies;
}

/** Wraps `fetch` so that fragment requests to `origin` made together go out as one; returns the wrapped function. */
export function createBatchingFetch(realFetch: typeof fetch, origin: string): typeof fetch {
  let unavailable = false;
  const queues = new Map<string, Waiting[]>();
  let scheduled = false;

  const single = (w: Waiting) => realFetch(w.url).then(w.resolve, w.reject);

  async function send(bundle: string, waiting: Waiting[]) {
    if (waiting.length === 1 || unavailable) return waiting.forEach(single);
    let bodies: (Uint8Array | undefined)[];
    try {
      const response = await realFetch(`${origin}/${bundle}/fragment/batch?h=${waiting.map((w) => w.name).join(',')}`);
      if (!response.ok) {
        // A static host without the batch path: never ask again.
        if (response.status === 404 || response.status === 405) unavailable = true;
        throw new Error(`fragment batch: ${response.status}`);
      }
      bodies = splitBatch(new Uint8Array(await response.arrayBuffer()), waiting.length);
    } catch {
      return waiting.forEach(single);
    }
    waiting.forEach((w, i) => {
      const body = bodies[i];
      // A fragment the server did not have: its own request gets the real answer (a 404).
      if (!body) return void single(w);
      w.resolve(new Response(body.slice(), { status: 200, headers: { 'Content-Type': 'application/octet-stream' } }));
    });
  }

  function flush() {
    scheduled = false;
    const all = [...queues];
    queues.clear();
    for (const [bundle, waiting] of all) {
      for (let i = 0; i < waiting.length; i += MAX_BATCH) void send(bundle, waiting.slice(i, i + MAX_BATCH));
    }
  }

  return function batchingFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : undefined;
    const match = url && !init && !unavailable ? FRAGMENT_URL.exec(url) : null;
    if (!url || !match || (/^https?:/.test(url) && !url.startsWith(`${origin}/`))) return realFetch(input, init);
    return new Promise<Response>((resolve, reject) => {
      const [, bundle, name] = match;
      const queue = queues.get(bundle) ?? [];
      queues.set(bundle, queue);
      queue.push({ name, url, resolve, reject });
      if (scheduled) return;
      scheduled = true;
      // Pagefind asks for a page of results' fragments within one task: a task later all of them are queued.
      setTimeout(flush, 0);
    });
  };
}

let installed = false;

/** Makes the page's fetch batch Pagefind's fragment requests (once; before Pagefind is used). */
export function installFragmentBatching(): void {
  if (installed || typeof fetch !== 'function') return;
  installed = true;
  globalThis.fetch = createBatchingFetch(globalThis.fetch.bind(globalThis), location.origin);
}
