// Read-your-writes for a store fed by the outbox: changes that are acknowledged (pending rows in the state store)
// but not yet committed are laid over the committed branch, so reads and the live feed show a post at once and,
// after it is committed, still exactly once. While changes wait, the store's head is a version id (40 hex, like a
// commit) naming "the branch head plus the pending changes of generation n". Portable: no Node modules.
import type { OutboxEntry } from '../state/outbox.ts';
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

/** A per-process prefix, so two servers never hand out the same version id for different views. */
function processTag(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(4));
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}

const textOf = (c: string | Uint8Array) => (typeof c === 'string' ? c : new TextDecoder().decode(c));

/** Creates an empty overlay. */
export function createOutboxOverlay() {
  const entries = new Map<number, OutboxEntry>();
  const files = new Map<string, PendingFile>();
  const versions = new Map<string, Version>();
  const tag = processTag();
  let generation = 0;

  function lay(entry: OutboxEntry, only?: Set<string>) {
    // With several servers on PostgreSQL rows may become visible out of seq order: the highest seq wins a path.
    const put = (path: string, content: string | Uint8Array | null) => {
      if (only && !only.has(path)) return;
      const now = files.get(path);
      if (!now || now.seq <= entry.seq) files.set(path, { seq: entry.seq, content });
    };
    for (const w of entry.change.writes) put(w.path, w.content);
    for (const d of entry.change.deletes ?? []) put(d, null);
  }

  /** The version id of `base` plus what is pending now (remembered so it can be a `since` later). */
  function version(base: string): string {
    if (!files.size) return base;
    const id = `${tag}${generation.toString(16).padStart(12, '0')}${base.slice(0, 20)}`;
    if (!versions.has(id)) {
      versions.set(id, { base, files: new Map([...files].map(([path, f]) => [path, { seq: f.seq, deleted: f.content === null }])) });
      if (versions.size > MAX_VERSIONS) versions.delete(versions.keys().next().value!);
    }
    return id;
  }

  return {
    /** Lays acknowledged changes over the branch (later changes to a path win; deletes hide the file). */
    add(added: OutboxEntry[]) {
      for (const entry of added) {
        if (entries.has(entry.seq)) continue;
        entries.set(entry.seq, entry);
        lay(entry);
        generation++;
      }
    },
    /** Removes committed entries; a path they wrote falls back to an older pending change, or to the branch. */
    settle(seqs: Iterable<number>) {
      const touched = new Set<string>();
      for (const seq of seqs) {
        const entry = entries.get(seq);
        if (!entry) continue;
        entries.delete(seq);
        for (const w of entry.change.writes) touched.add(w.path);
        for (const d of entry.change.deletes ?? []) touched.add(d);
      }
      if (!touched.size) return;
      generation++;
      for (const path of touched) if (!entries.has(files.get(path)?.seq ?? -1)) files.delete(path);
      for (const entry of entries.values()) lay(entry, touched);
    },
    /** Whether entry `seq` is laid over the branch. */
    has: (seq: number) => entries.has(seq),
    /** The pending entries, in seq order. */
    entries: (): OutboxEntry[] => [...entries.values()].sort((a, b) => a.seq - b.seq),
    /** How many entries wait. */
    count: () => entries.size,
    /** Undefined when nothing is pending for the path; otherwise its pending text (undefined when deleted). */
    lookup(path: string): { text: string | undefined } | undefined {
      const f = files.get(path);
      if (!f) return undefined;
      return { text: f.content === null ? undefined : textOf(f.content) };
    },
    version,
    /** The branch base a `since` stands for (itself when it is a real commit). */
    baseOf: (since: string) => versions.get(since)?.base ?? since,
    /**
     * Merges the committed changes (`committed`, relative to baseOf(since)) with what is pending now and what was
     * pending at `since`. Statuses of pending files are best effort ('added' unless the branch says the file
     * existed); a path appears once.
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
      // A committed file's blob holds only where nothing is pending for it now (a read then gives the branch's content).
      const blobs = new Map(committed.files.filter((f) => f.blob).map((f) => [f.path, f.blob!]));
      return {
        head: version(committed.head),
        files: [...out].map(([path, status]) => {
          const blob = status !== 'deleted' && !files.has(path) ? blobs.get(path) : undefined;
          return blob ? { path, status, blob } : { path, status };
        }),
      };
    },
  };
}

/** A pending-changes overlay. */
export type OutboxOverlay = ReturnType<typeof createOutboxOverlay>;
