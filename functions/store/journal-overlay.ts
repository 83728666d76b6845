// Read-your-writes for a journaled store: changes that are acknowledged (in the journal) but not yet
// committed are laid over the committed branch, so reads and the live feed show a post at once and,
// after it is committed, still exactly once. While changes wait, the store's head is a version id
// (40 hex, like a commit) naming "the branch head plus the pending changes up to sequence n".
import { createHash } from 'node:crypto';
import type { JournalEntry } from './journal.ts';
import type { ChangedFile } from './types.ts';

interface PendingFile {
  seq: number;
  content: string | Uint8Array | null;
}

interface Version {
  base: string;
  files: Map<string, { seq: number; deleted: boolean }>;
}

const MAX_VERSIONS = 500;

/** Creates an empty overlay. */
export function createPendingOverlay() {
  const files = new Map<string, PendingFile>();
  const versions = new Map<string, Version>();
  let lastSeq = 0;

  /** The version id of `base` plus what is pending now (remembered so it can be a `since` later). */
  function version(base: string): string {
    if (!files.size) return base;
    const id = createHash('sha1').update(`plein-journal\n${base}\n${lastSeq}`).digest('hex');
    if (!versions.has(id)) {
      versions.set(id, { base, files: new Map([...files].map(([path, f]) => [path, { seq: f.seq, deleted: f.content === null }])) });
      if (versions.size > MAX_VERSIONS) versions.delete(versions.keys().next().value!);
    }
    return id;
  }

  return {
    /** Lays a journaled change over the branch (later changes to a path win; deletes hide the file). */
    add(entry: JournalEntry) {
      lastSeq = Math.max(lastSeq, entry.seq);
      for (const w of entry.change.writes) files.set(w.path, { seq: entry.seq, content: w.content });
      for (const d of entry.change.deletes ?? []) files.set(d, { seq: entry.seq, content: null });
    },
    /** Removes what landed entries (by sequence number) wrote; later pending changes to those paths stay. */
    settle(seqs: Set<number>) {
      for (const [path, f] of files) if (seqs.has(f.seq)) files.delete(path);
    },
    /** Undefined when nothing is pending for the path; otherwise its pending text (undefined when deleted). */
    lookup(path: string): { text: string | undefined } | undefined {
      const f = files.get(path);
      if (!f) return undefined;
      return { text: f.content === null ? undefined : typeof f.content === 'string' ? f.content : Buffer.from(f.content).toString('utf8') };
    },
    /** How many paths wait. */
    size: () => files.size,
    version,
    /** The branch base a `since` stands for (itself when it is a real commit). */
    baseOf: (since: string) => versions.get(since)?.base ?? since,
    /**
     * Merges the committed changes (`committed`, relative to baseOf(since)) with what is pending now and
     * what was pending at `since`. Statuses of pending files are best effort ('added' unless the
     * branch says the file existed); a path appears once.
     */
    merge(since: string, prefixes: string[], committed: { head: string; files: ChangedFile[] }): { head: string; files: ChangedFile[] } {
      const under = (p: string) => prefixes.some((x) => p.startsWith(`${x}/`));
      const out = new Map(committed.files.map((f) => [f.path, f.status]));
      const then = versions.get(since)?.files ?? new Map<string, { seq: number; deleted: boolean }>();
      for (const [path, was] of then) {
        if (!under(path)) continue;
        const now = files.get(path);
        const real = out.get(path);
        out.delete(path);
        if (now && now.seq === was.seq) continue;
        const existsNow = now ? now.content !== null : real === 'added' || real === 'modified';
        if (!was.deleted && !existsNow && (now || real === 'deleted')) out.set(path, 'deleted');
        else if (existsNow) out.set(path, was.deleted ? 'added' : 'modified');
      }
      for (const [path, now] of files) {
        if (!under(path) || then.has(path)) continue;
        const real = out.get(path);
        if (now.content === null) {
          if (real === 'added') out.delete(path);
          else out.set(path, 'deleted');
        } else out.set(path, real === 'modified' || real === 'deleted' ? 'modified' : 'added');
      }
      return { head: version(committed.head), files: [...out].map(([path, status]) => ({ path, status })) };
    },
  };
}

/** A pending-changes overlay. */
export type PendingOverlay = ReturnType<typeof createPendingOverlay>;
