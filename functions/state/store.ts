// A state store: the repositories over one engine's context, plus how to close it and how to take the flush lock.
// Portable: the Node host and the Cloudflare host both assemble through here.
import type { Kysely } from 'kysely';
import { createAppreciations, type Appreciations } from './appreciations.ts';
import { createIdempotency, type Idempotency } from './idempotency.ts';
import { createLeaseLock } from './lease.ts';
import { migrate, type MigrateResult } from './migrate.ts';
import { createOutbox, type Outbox } from './outbox.ts';
import { createMemberships, type Memberships } from './memberships.ts';
import { createModeration, type Moderation } from './moderation.ts';
import { createNudges, type Nudges } from './nudges.ts';
import { createReadConfirmations, type ReadConfirmations } from './read-confirmations.ts';
import { createPolls, type Polls } from './polls.ts';
import { createPersonalData, type PersonalData } from '../privacy/state-data.ts';
import { createPrivateGroups, type PrivateGroups } from './private-groups.ts';
import { createNotifications, type Notifications } from './notifications.ts';
import { createMailQueue, type MailQueue } from './mail-queue.ts';
import { createPushSubscriptions, type PushSubscriptions } from './push-subscriptions.ts';
import { createRateLimits, type RateLimits } from './rate-limits.ts';
import { createReach, type Reach } from './reach.ts';
import { createRevocations, type Revocations } from './revocations.ts';
import { createSearchStats, type SearchStats } from './search-stats.ts';
import { createSignups, type Signups } from './signups.ts';
import type { Database } from './schema.ts';
import type { Engine, FlushLock, StateContext } from './types.ts';

/** How long a flusher's lease lasts without renewal (SQLite, D1) before another instance may take over. */
export const DEFAULT_LEASE_MS = 30_000;

/** An open state store. */
export interface StateStore {
  db: Kysely<Database>;
  engine: Engine;
  /** Runs the queries as one atomic unit (a transaction on SQLite and PostgreSQL, batch() on D1); for cross-table work such as an AVG erasure. */
  batch: StateContext['batch'];
  outbox: Outbox;
  revocations: Revocations;
  rateLimits: RateLimits;
  idempotency: Idempotency;
  appreciations: Appreciations;
  signups: Signups;
  polls: Polls;
  memberships: Memberships;
  privateGroups: PrivateGroups;
  notifications: Notifications;
  mailQueue: MailQueue;
  pushSubscriptions: PushSubscriptions;
  moderation: Moderation;
  searchStats: SearchStats;
  nudges: Nudges;
  reach: Reach;
  readConfirmations: ReadConfirmations;
  /** What the state store holds about one colleague, for an access request (AVG art. 15; functions/privacy/state-data.ts). */
  personalData: PersonalData;
  /** The "one flusher at a time" lock `name` for this instance (`holder`); a lease of `leaseMs` where no advisory lock exists. */
  flushLock(name: string, holder: string, leaseMs?: number): FlushLock;
  /** Runs pending migrations (opening does this unless told not to); refuses a database newer than the code. */
  migrate(): Promise<MigrateResult>;
  /** Closes the connections (and releases a held advisory lock). */
  close(): Promise<void>;
}

/** The per-person repositories the route modules use; a route over a new table adds its repository here. */
export type ParticipationState = Pick<StateStore, 'appreciations' | 'signups' | 'polls' | 'memberships' | 'privateGroups' | 'notifications' | 'mailQueue' | 'pushSubscriptions' | 'moderation' | 'searchStats' | 'nudges' | 'readConfirmations' | 'reach' | 'personalData'>;

/** What an engine adds to its context: how to close it, and (PostgreSQL) its own kind of flush lock. */
export interface EngineParts {
  close(): Promise<void>;
  flushLock?: (name: string, holder: string, leaseMs?: number) => FlushLock;
}

/** Builds the store's repositories over `ctx`. */
export function assembleStateStore(ctx: StateContext, parts: EngineParts): StateStore {
  return {
    db: ctx.db,
    engine: ctx.engine,
    batch: ctx.batch,
    outbox: createOutbox(ctx),
    revocations: createRevocations(ctx),
    rateLimits: createRateLimits(ctx),
    idempotency: createIdempotency(ctx),
    appreciations: createAppreciations(ctx),
    signups: createSignups(ctx),
    polls: createPolls(ctx),
    memberships: createMemberships(ctx),
    privateGroups: createPrivateGroups(ctx),
    notifications: createNotifications(ctx),
    mailQueue: createMailQueue(ctx),
    pushSubscriptions: createPushSubscriptions(ctx),
    moderation: createModeration(ctx),
    searchStats: createSearchStats(ctx),
    nudges: createNudges(ctx),
    reach: createReach(ctx),
    readConfirmations: createReadConfirmations(ctx),
    personalData: createPersonalData(ctx),
    flushLock: (name, holder, leaseMs = DEFAULT_LEASE_MS) => parts.flushLock?.(name, holder, leaseMs) ?? createLeaseLock(ctx, name, holder, leaseMs),
    migrate: () => migrate(ctx),
    close: parts.close,
  };
}
