// A ChangeSet as the outbox stores it: JSON text, binary file contents as base64. Portable (no Buffer), so the
// Cloudflare bundle encodes the same way as Node.
import type { ChangeSet } from '../store/types.ts';

type StoredWrite = { path: string; text: string } | { path: string; base64: string };

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  // Chunked: String.fromCharCode with a whole photo as arguments would overflow the call stack.
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

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
