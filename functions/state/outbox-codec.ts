// A ChangeSet as the outbox stores it: JSON text, binary file contents as base64. Portable (no Buffer), so the
// Cloudflare bundle encodes the same way as Node.
import { fromBase64, toBase64 } from '../lib/base64.ts';
import type { ChangeSet } from '../store/types.ts';

type StoredWrite = { path: string; text: string } | { path: string; base64: string };

/** The JSON text stored in `outbox.change`. */
export function encodeChange(change: ChangeSet): string {
  const writes: StoredWrite[] = change.writes.map((w) =>
    typeof w.content === 'string' ? { path: w.path, text: w.content } : { path: w.path, base64: toBase64(w.content) },
  );
  return JSON.stringify({ ...change, writes });
}

/** The ChangeSet back from its stored JSON. */
export function decodeChange(text: string): ChangeSet {
  const stored = JSON.parse(text) as Omit<ChangeSet, 'writes'> & { writes: StoredWrite[] };
  return { ...stored, writes: stored.writes.map((w) => ('text' in w ? { path: w.path, content: w.text } : { path: w.path, content: fromBase64(w.base64) })) };
}
