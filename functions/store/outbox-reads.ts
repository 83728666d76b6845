// A content store's reads with the outbox laid over them (read-your-writes), shared by the local git and the GitHub
// store: pending changes first, then what the branch holds; the head is a version id while changes wait.
import { readRequestTrailers } from './trailers.ts';
import type { OutboxWriter } from './outbox-writer.ts';
import type { ChangeSet, ChangedFile, ContentStore, RecentRequest } from './types.ts';

/** What the committed branch answers (the store without its outbox). */
export interface CommittedReads {
  read(path: string): Promise<string | undefined>;
  head(): Promise<string>;
  changedSince(since: string, prefixes: string[]): Promise<{ head: string; files: ChangedFile[] }>;
  recentRequests(sinceMs: number): Promise<RecentRequest[]>;
  /** The head as last seen, without asking the repository (keeps the write path free of remote calls). */
  knownHead?(): Promise<string>;
}

/** The ContentStore methods of a store whose writes go through `writer`. */
export function createOutboxReads(writer: OutboxWriter, committed: CommittedReads, checkPaths: (change: ChangeSet) => void): ContentStore {
  const { overlay } = writer;
  async function read(path: string): Promise<string | undefined> {
    await writer.sync();
    const pending = overlay.lookup(path);
    return pending ? pending.text : committed.read(path);
  }
  let changes = 0;
  return {
    async commit(change) {
      checkPaths(change);
      await writer.append(change);
      changes++;
      return { commit: overlay.version(await (committed.knownHead ?? committed.head)()) };
    },
    read,
    changes: () => changes,
    async exists(path) {
      return (await read(path)) !== undefined;
    },
    async head() {
      await writer.sync();
      return overlay.version(await committed.head());
    },
    async changedSince(since, prefixes) {
      await writer.sync();
      return overlay.merge(since, prefixes, await committed.changedSince(overlay.baseOf(since), prefixes));
    },
    async recentRequests(sinceMs) {
      // The pending rows first: a change that lands meanwhile is then in the commit list read after them.
      await writer.sync();
      const pending = overlay.entries().flatMap((e) => readRequestTrailers((e.change.trailers ?? []).join('\n')).map((value) => ({ value, at: e.acknowledgedAt })));
      return [...pending, ...(await committed.recentRequests(sinceMs))];
    },
  };
}
