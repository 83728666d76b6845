// A durable write-ahead journal for a store whose commits are slow (GitHub): a change is acknowledged
// once its record is appended and fsynced to an append-only file on local disk; a flusher commits the
// pending records later and marks them done. Appends that arrive together share one write and one
// fsync (group commit). One JSON record per line; a torn last line (crash during a write, never
// acknowledged) is cut off when the journal is opened.
import { closeSync, fsyncSync, openSync } from 'node:fs';
import { mkdir, open, readFile, rename, stat, truncate } from 'node:fs/promises';
import { join } from 'node:path';
import { createUlid } from '../lib/ulid.ts';
import { lockJournal } from './journal-lock.ts';
import { StoreUnavailableError, type ChangeSet } from './types.ts';

/** A journaled change: its id (carried as a `Plein-Journal:` trailer), order and time of acknowledgement. */
export interface JournalEntry {
  id: string;
  seq: number;
  at: number;
  change: ChangeSet;
}

type StoredWrite = { path: string; text: string } | { path: string; base64: string };
type JournalRecord =
  | { t: 'add'; id: string; at: number; change: Omit<ChangeSet, 'writes'> & { writes: StoredWrite[] } }
  | { t: 'done'; ids: string[]; commit: string }
  | { t: 'head'; commit: string };

const FILE = 'journal.log';
/** Past this size a journal with done records is rewritten with only what is still pending. */
const COMPACT_BYTES = 16 * 1024 * 1024;

function encode(entry: JournalEntry): string {
  const { writes, ...rest } = entry.change;
  const stored = writes.map((w) => (typeof w.content === 'string' ? { path: w.path, text: w.content } : { path: w.path, base64: Buffer.from(w.content).toString('base64') }));
  return JSON.stringify({ t: 'add', id: entry.id, at: entry.at, change: { ...rest, writes: stored } } satisfies JournalRecord);
}

function decodeChange(change: Extract<JournalRecord, { t: 'add' }>['change']): ChangeSet {
  return { ...change, writes: change.writes.map((w) => ('text' in w ? { path: w.path, content: w.text } : { path: w.path, content: new Uint8Array(Buffer.from(w.base64, 'base64')) })) };
}

/** Why a file operation failed, in Dutch, for the 503 answer and the log. */
function unavailable(err: unknown, file: string): StoreUnavailableError {
  if (err instanceof StoreUnavailableError) return err;
  const code = (err as NodeJS.ErrnoException)?.code ?? '';
  const why = code === 'ENOSPC' || code === 'EDQUOT' ? 'de schijf is vol' : code === 'EROFS' || code === 'EACCES' || code === 'EPERM' ? 'het bestand is alleen-lezen' : `schrijven mislukte (${code || (err as Error)?.message})`;
  return new StoreUnavailableError(`Het journaal ${file} kan niet worden bijgewerkt: ${why}.`);
}

/** How a journal is opened. */
export interface OpenJournalOptions {
  /** Only look at it (tests, tools): no lock is taken and nothing is cut off. */
  inspect?: boolean;
}

/** Opens (creating when needed) the journal in `dir`, locked for this process, and replays what is still pending. */
export async function openJournal(dir: string, options: OpenJournalOptions = {}) {
  const file = join(dir, FILE);
  const pending = new Map<string, JournalEntry>();
  let lock: Awaited<ReturnType<typeof lockJournal>> | undefined;
  let lastCommit: string | undefined;
  let seq = 0;
  let size = 0;
  try {
    // Posts, names and e-mail addresses: readable by the server's user only.
    await mkdir(dir, { recursive: true, mode: 0o700 });
    lock = options.inspect ? undefined : await lockJournal(dir);
    const bytes = await readFile(file).catch((err: NodeJS.ErrnoException) => (err.code === 'ENOENT' ? Buffer.alloc(0) : Promise.reject(err)));
    // Everything after the last newline is a record whose write never finished: it was never acknowledged.
    size = bytes.lastIndexOf(0x0a) + 1;
    if (size < bytes.length && !options.inspect) await truncate(file, size);
    for (const line of bytes.subarray(0, size).toString('utf8').split('\n')) {
      if (!line) continue;
      let record: JournalRecord;
      try {
        record = JSON.parse(line) as JournalRecord;
      } catch {
        continue; // a failed write we could not cut off: it was refused, so nothing is lost by skipping it
      }
      if (record.t === 'add') pending.set(record.id, { id: record.id, seq: ++seq, at: record.at, change: decodeChange(record.change) });
      else if (record.t === 'done') {
        for (const id of record.ids) pending.delete(id);
        lastCommit = record.commit;
      } else if (record.t === 'head') lastCommit = record.commit;
    }
  } catch (err) {
    throw unavailable(err, file);
  }

  let io: Promise<unknown> = Promise.resolve();
  let waiting: { entry: JournalEntry; resolve: () => void; reject: (e: unknown) => void }[] = [];
  let dirSynced = false;

  /** Runs file operations one after another, so appends, done records and compaction never interleave. */
  function serial<T>(work: () => Promise<T>): Promise<T> {
    const next = io.then(work, work);
    io = next.catch(() => {});
    return next;
  }

  /** Appends lines with one write and one fsync; on failure cuts the file back so no half record stays. */
  async function appendLines(text: string) {
    let handle;
    try {
      handle = await open(file, 'a', 0o600);
      await handle.write(text);
      await handle.datasync();
      size += Buffer.byteLength(text);
      if (!dirSynced) {
        // A new file is only durable once its directory entry is.
        const d = openSync(dir, 'r');
        try { fsyncSync(d); } finally { closeSync(d); }
        dirSynced = true;
      }
    } catch (err) {
      await truncate(file, size).catch(() => {});
      throw unavailable(err, file);
    } finally {
      await handle?.close().catch(() => {});
    }
  }

  function writeWaiting() {
    return serial(async () => {
      const group = waiting;
      waiting = [];
      if (!group.length) return;
      try {
        await appendLines(group.map((g) => `${encode(g.entry)}\n`).join(''));
        // Pending before anyone hears of it, so a compaction that follows keeps it.
        for (const g of group) {
          g.entry.seq = ++seq;
          pending.set(g.entry.id, g.entry);
          g.resolve();
        }
      } catch (err) {
        for (const g of group) g.reject(err);
      }
    });
  }

  /** Rewrites the journal with only the pending records (atomically: temp file, fsync, rename). */
  async function compact() {
    const tmp = `${file}.tmp`;
    const lines = [...(lastCommit ? [JSON.stringify({ t: 'head', commit: lastCommit } satisfies JournalRecord)] : []), ...[...pending.values()].map(encode)];
    const text = lines.map((l) => `${l}\n`).join('');
    const handle = await open(tmp, 'w', 0o600);
    try {
      await handle.write(text);
      await handle.datasync();
    } finally {
      await handle.close();
    }
    await rename(tmp, file);
    const d = openSync(dir, 'r');
    try { fsyncSync(d); } finally { closeSync(d); }
    size = Buffer.byteLength(text);
  }

  return {
    /** The journal file. */
    file,
    /** The commit that held the last batch marked done, if any. */
    lastCommit: () => lastCommit,
    /** How many entries wait. */
    count: () => pending.size,
    /** What still waits to be committed, oldest first. */
    pending: (): JournalEntry[] => [...pending.values()],
    /** Appends a change durably; resolves once it is on disk (StoreUnavailableError when the disk refuses). */
    async append(change: ChangeSet): Promise<JournalEntry> {
      const entry: JournalEntry = { id: createUlid(), seq: 0, at: Date.now(), change };
      await new Promise<void>((resolve, reject) => {
        waiting.push({ entry, resolve, reject });
        if (waiting.length === 1) void writeWaiting();
      });
      return entry;
    },
    /** Records that `ids` landed in `commit`; compacts when nothing is pending or the file grew large. */
    async markDone(ids: string[], commit: string): Promise<void> {
      for (const id of ids) pending.delete(id);
      lastCommit = commit;
      await serial(async () => {
        if (!pending.size || size > COMPACT_BYTES) await compact();
        else await appendLines(`${JSON.stringify({ t: 'done', ids, commit } satisfies JournalRecord)}\n`);
      });
    },
    /** Lets another process open the journal (after the last write of this one). */
    async release(): Promise<void> {
      await serial(async () => lock?.release());
    },
    /** Bytes in the journal file now. */
    size: async () => (await stat(file)).size,
  };
}

/** An open journal. */
export type Journal = Awaited<ReturnType<typeof openJournal>>;
