// What the content routes (posts, comments, moderation, feed, proposals) are built from: a leaf file, so the
// route modules share one shape without importing each other.
import type { ContentStore, ProposalStore } from '../store/types.ts';
import type { IdempotencyCache, SharedAnswers } from '../lib/idempotency.ts';
import type { ContentPaths } from './paths.ts';
import type { PeopleLookup } from './people.ts';
import type { ParticipationState } from '../state/store.ts';
import type { NewsCatalog } from '../must-read/catalog.ts';

/** A processed photo, as functions/photos/process-photo.ts returns it. */
export interface PhotoResult {
  bytes: Uint8Array;
  extension: string;
  width: number;
  height: number;
}

/** What a write is counted as for the per-person limits (functions/lib/rate-limit.ts). */
export type LimitKind = 'bericht' | 'reactie' | 'aanpassing' | 'voorstel' | 'waardering' | 'aanmelding' | 'stem' | 'zoekterm';

/** Per-person write limits. */
export interface Limiter {
  /** Records one action, or rejects with 429 te_vaak. */
  take(personId: string, kind: LimitKind): Promise<void>;
}

/** Everything the content routes share; the app builds it once from what the host hands over. */
export interface ContentDeps {
  store: ContentStore;
  people: PeopleLookup;
  paths: ContentPaths;
  now: () => Date;
  /** Per-person limits; none when absent. */
  limiter?: Limiter;
  /** Idempotency-Key answers of posts and comments (one cache: the history is read once for both). */
  idempotency: IdempotencyCache;
  /** Idempotency-Key answers shared across servers (the state store), for caches the routes make themselves. */
  sharedAnswers?: SharedAnswers;
  /** Turns an uploaded photo into stored bytes (sharp on Node; a refusal where sharp cannot run). */
  processPhoto: (bytes: Uint8Array) => Promise<PhotoResult>;
  /** Turns suggested edits of knowledge pages into branches / pull requests; without it they answer 503. */
  proposals?: ProposalStore;
  /** Refuses a suggested body that does not parse or adds code (satteri on Node). */
  checkProposalBody: (before: string, after: string, mdx: boolean) => void;
  /** The site's URL, for links in pull requests. */
  siteUrl?: string;
  /** The state store's per-person repositories (waarderingen, sign-ups, votes, memberships); without them those routes answer 503. */
  state?: Partial<ParticipationState>;
  /** Web push (Node with VAPID keys): the public key browsers subscribe with and the push services allowed; absent: push is off. */
  push?: { publicKey: string; allowedHosts: string[] };
  /** The news the server knows and which of it is must-read (Node: read from the content folder); without it must-read answers 503. */
  news?: NewsCatalog;
  /** Erases a colleague's rows in the state store (issue 19, functions/privacy/state-data.ts) once the content store has committed what waits; absent: the erasure route leaves the state store to `npm run erase -- --state-only`. */
  erasePersonState?: (person: string, known?: { name?: string; email?: string }) => Promise<Record<string, number>>;
  /** Deletes the state store's rows about erased posts and comments (waarderingen, votes, follows, reports, notifications quoting them); gives the number of rows. */
  eraseItemState?: (removed: { posts: string[]; comments: string[] }) => Promise<number>;
}
