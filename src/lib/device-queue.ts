// The device queue: posts and comments written without a connection, kept in IndexedDB on this device until they can
// be sent (not the server's outbox). Runs in pages and in the service worker; each item belongs to one person.

/** A post or comment waiting on this device; `key` is its Idempotency-Key, so a resend never doubles it. */
export interface QueuedItem {
  key: string;
  /** The person who wrote it: it is only ever sent while they are logged in. */
  person: string;
  kind: 'bericht' | 'reactie';
  /** The API path it goes to: /api/berichten or /api/reacties. */
  url: string;
  /** A JSON body, or the fields of a form with photos (files stay Blobs). */
  json?: Record<string, unknown>;
  form?: [string, string | Blob][];
  /** The text as written, shown in the list and put back for editing. */
  text: string;
  /** Where it was written (the page's title), to name it when its writer logs out; absent in older items. */
  place?: string;
  /** Milliseconds since the epoch when it was written. */
  created: number;
  /** waiting: sent when possible; refused: the server said no (message says why). */
  state: 'waiting' | 'refused';
  message?: string;
}

/** Items older than this are not resent by themselves: the server keeps Idempotency-Key answers for 7 days at most. */
export const MAX_QUEUE_AGE_MS = 7 * 24 * 60 * 60 * 1000;

const DB_NAME = 'plein-device-queue';
const STORE = 'items';

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function openQueue(): Promise<IDBDatabase> {
  const req = indexedDB.open(DB_NAME, 1);
  req.onupgradeneeded = () => req.result.createObjectStore(STORE, { keyPath: 'key' });
  return request(req);
}

async function withStore<T>(mode: IDBTransactionMode, run: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await openQueue();
  try {
    return await request(run(db.transaction(STORE, mode).objectStore(STORE)));
  } finally {
    db.close();
  }
}

/** Whether a stored value has the shape of a queued item (anything else is dropped as corrupt). */
export function isQueuedItem(value: unknown): value is QueuedItem {
  const v = value as Partial<QueuedItem> | null;
  return !!v && typeof v === 'object' && typeof v.key === 'string' && v.key.length > 0 && typeof v.person === 'string' && v.person.length > 0
    && (v.kind === 'bericht' || v.kind === 'reactie') && (v.url === '/api/berichten' || v.url === '/api/reacties')
    && typeof v.text === 'string' && typeof v.created === 'number' && Number.isFinite(v.created)
    && (v.state === 'waiting' || v.state === 'refused') && (v.json === undefined || typeof v.json === 'object')
    && (v.form === undefined || Array.isArray(v.form)) && (v.json !== undefined || v.form !== undefined)
    && (v.place === undefined || typeof v.place === 'string');
}

/** Every well-formed item, oldest first; corrupt entries are deleted and counted so the page can say so. */
export async function listQueued(): Promise<{ items: QueuedItem[]; corrupt: number }> {
  const all = await withStore('readonly', (s) => s.getAll() as IDBRequest<unknown[]>);
  const items: QueuedItem[] = [];
  let corrupt = 0;
  for (const value of all) {
    if (isQueuedItem(value)) items.push(value);
    else {
      corrupt++;
      const key = (value as { key?: unknown } | null)?.key;
      if (typeof key === 'string' || typeof key === 'number') await withStore('readwrite', (s) => s.delete(key));
    }
  }
  return { items: items.sort((a, b) => a.created - b.created), corrupt };
}

/** Stores or replaces an item. */
export async function putQueued(item: QueuedItem): Promise<void> {
  await withStore('readwrite', (s) => s.put(item));
}

/** Removes an item (sent, or discarded by its writer). */
export async function removeQueued(key: string): Promise<void> {
  await withStore('readwrite', (s) => s.delete(key));
}

/** Builds the request body of an item: JSON, or a multipart form with its photos. */
export function toRequestBody(item: QueuedItem): { body: BodyInit; headers: Record<string, string> } {
  if (item.form) {
    const data = new FormData();
    for (const [name, value] of item.form) {
      if (typeof value === 'string') data.append(name, value);
      else data.append(name, value, (value as File).name || 'foto.jpg');
    }
    return { body: data, headers: {} };
  }
  return { body: JSON.stringify(item.json), headers: { 'content-type': 'application/json' } };
}
