// The commit trailers Plein writes and reads back, in one place: `Plein-Request` (an Idempotency-Key answer made
// durable with the write it created), `Plein-Journal` (an acknowledged change, so a replay never commits it twice) and
// `Plein-Voorstel` (a suggested edit, so the post-build check knows it was merged and whom to tell).
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

/** A suggested edit named in a commit message: its branch, the page's path, and who proposed it (when named). */
export interface ProposalMention {
  branch: string;
  path: string;
  proposer?: { name: string; email: string };
}

/** The trailer naming suggested edit `branch` (voorstel/<id>) of the file at `path`; the proposer's `Co-authored-by:` follows it. */
export function proposalTrailer(branch: string, path: string): string {
  return `Plein-Voorstel: ${branch} ${path}`;
}

/**
 * Every suggested edit a commit message names, with the `Co-authored-by:` line right after its trailer. Indented lines
 * count too: a squash merge (`git merge --squash`, GitHub's "Squash and merge") quotes the original messages.
 */
export function readProposalTrailers(message: string): ProposalMention[] {
  const lines = message.split('\n');
  const out: ProposalMention[] = [];
  lines.forEach((line, i) => {
    const m = /^\s*Plein-Voorstel: (voorstel\/[A-Za-z0-9_-]+) (\S.*?)\s*$/.exec(line);
    if (!m) return;
    const who = /^\s*Co-authored-by: (.*?) <([^<>\s]+)>\s*$/.exec(lines[i + 1] ?? '');
    out.push({ branch: m[1], path: m[2], ...(who ? { proposer: { name: who[1], email: who[2] } } : {}) });
  });
  return out;
}
