// The store interface: how the functions write to and read from the content repository.

/** Who a change is written for (the employee); the committer is always the intranet. */
export interface CommitAuthor {
  name: string;
  email: string;
}

/** One change to commit: files to write and paths to delete, relative to the repository root. */
export interface ChangeSet {
  writes: { path: string; content: string | Uint8Array }[];
  deletes?: string[];
  message: string;
  author: CommitAuthor;
  /** Git trailers (`Key: value` lines) the commit holding this change must carry, e.g. `Plein-Request: …`. */
  trailers?: string[];
}

/** A file that changed since a commit. */
export interface ChangedFile {
  path: string;
  status: 'added' | 'modified' | 'deleted';
  /** The committed content's id (its git blob) when the store knows it: the same id, the same content. */
  blob?: string;
}

/** A `Plein-Request` trailer value found in a recent commit, with the commit's time (epoch ms). */
export interface RecentRequest {
  value: string;
  at: number;
}

/** A content repository the API writes to: local git (default) or GitHub. */
export interface ContentStore {
  /** Commits a change; changes that arrive together share one commit. Resolves once durable. */
  commit(change: ChangeSet): Promise<{ commit: string }>;
  /** A file's text at the head of the branch, or undefined when it does not exist. */
  read(path: string): Promise<string | undefined>;
  /** Whether a file exists at the head. */
  exists(path: string): Promise<boolean>;
  /** The commit at the head of the branch. */
  head(): Promise<string>;
  /** Files below `prefixes` changed between `since` and the head (all of them when since is unknown). */
  changedSince(since: string, prefixes: string[]): Promise<{ head: string; files: ChangedFile[] }>;
  /** The `Plein-Request` trailers of commits since `sinceMs` (epoch ms): durable Idempotency-Key answers. */
  recentRequests?(sinceMs: number): Promise<RecentRequest[]>;
  /** How many changes this process has accepted so far: a short-lived cache of reads keys on it, so it never hides a write made here. */
  changes?(): number;
}

/** A store that commits in the background (from the outbox): flushing, counters and shutdown. */
export interface FlushingStore extends ContentStore {
  /** Commits made by this store. */
  commits(): number;
  /** Commits whatever waits now; resolves once it is committed. */
  flush(): Promise<void>;
  /** Resolves once the outbox's pending rows (if any) are read. */
  ready(): Promise<void>;
  /** Changes acknowledged but not yet committed, as far as this server knows (0 without an outbox). */
  pending(): number;
  /** When the oldest of those was acknowledged (epoch ms; undefined when none). */
  pendingSince?(): number | undefined;
  /** Stops background work (the outbox keeps what is pending for the next start). */
  close(): Promise<void>;
}

/** Thrown by a store when the repository cannot be written (read-only, disk full). */
export class StoreUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StoreUnavailableError';
  }
}

/** A proposed change to one file: it goes onto a new branch for review, never onto the main branch. */
export interface Proposal {
  /** The file, relative to the repository root (built by the server). */
  path: string;
  /** The whole new text of the file. */
  content: string;
  /** The commit subject and pull-request title. */
  title: string;
  /** Commit message body and pull-request description (the explanation, who and which page). */
  body: string;
  /** The employee who proposes it: a `Co-authored-by:` trailer of the commit. */
  proposer: CommitAuthor;
  /** Reviewers to ask, where the host knows them (GitHub teams as `@org/team`). */
  reviewers?: { teams?: string[] };
  /**
   * The hash of (person, Idempotency-Key), when the request had one: it names the branch, so a retry — even after
   * a restart — finds the proposal it already made instead of making a second one.
   */
  requestId?: string;
}

/** What a proposal became: its branch, and on a forge the pull request. */
export interface ProposalResult {
  branch: string;
  commit: string;
  url?: string;
  number?: number;
}

/** A suggested edit closed without being merged: its commit's message (with the `Plein-Voorstel:` trailer). */
export interface ClosedProposal {
  message: string;
}

/** A store that can turn a proposal into a branch (and a pull request where there is a forge). */
export interface ProposalStore {
  propose(proposal: Proposal): Promise<ProposalResult>;
  /**
   * Where the forge decides (GitHub): the proposals closed unmerged after `since` (ms), for the post-build check.
   * The local store has none: a deleted branch is found from git itself.
   */
  closedSince?(since: number): Promise<ClosedProposal[]>;
  /**
   * Erasure (issue 19): deletes the open suggested edits whose proposer has `email`; returns how many went.
   * The local store has it (functions/privacy/erase-branches.ts); on a forge the branches are left to the maintainer.
   */
  eraseProposer?(email: string): Promise<number>;
}
