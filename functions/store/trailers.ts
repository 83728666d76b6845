// The commit trailers Plein writes and reads back, in one place: `Plein-Request` (an Idempotency-Key answer made
// durable with the write it created) and `Plein-Journal` (an acknowledged change, so a replay never commits it twice).
import { isUlid } from '../lib/ulid.ts';

/** What a key created that the commit history records: a post or a comment. */
export type RecordedKind = 'bericht' | 'reactie';

/** A keyed request found in the store's history: the hashed key, what it created, and when. */
export interface RecordedRequest {
  hash: string;
  kind: RecordedKind;
  id: string;
  at: number;
}

const REQUEST = 'Plein-Request';
/** The trailer naming the acknowledged change a commit holds. */
export const JOURNAL_TRAILER = 'Plein-Journal';

/** The commit trailer recording that `hash` created item `id` of `kind`. */
export function requestTrailer(hash: string, kind: RecordedKind, id: string): string {
  return `${REQUEST}: ${hash} ${kind} ${id}`;
}

/** Reads a trailer value (`<hash> <kind> <id>`); undefined when it is not one of ours. */
export function parseRequestTrailer(value: string, at: number): RecordedRequest | undefined {
  const m = /^([0-9a-f]{64}) (bericht|reactie) (\S+)$/.exec(value.trim());
  return m && isUlid(m[3]) ? { hash: m[1], kind: m[2] as RecordedKind, id: m[3], at } : undefined;
}

/** Pulls every `Plein-Request:` value out of a commit message (one commit may hold many changes). */
export function readRequestTrailers(message: string): string[] {
  return [...message.matchAll(/^Plein-Request: (.+)$/gm)].map((m) => m[1].trim());
}

/** The trailer naming acknowledged change `id`. */
export function journalTrailer(id: string): string {
  return `${JOURNAL_TRAILER}: ${id}`;
}

/** Every acknowledged-change id a commit message names. */
export function readJournalTrailers(message: string): string[] {
  return [...message.matchAll(/^Plein-Journal: (\S+)$/gm)].map((m) => m[1]);
}
