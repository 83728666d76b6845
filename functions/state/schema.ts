// The state store's one schema definition: the table shapes the Kysely `Database` type is made of. The migrations
// under ./migrations create exactly these tables; a contract test fails when they drift. Times are epoch
// milliseconds (integers), JSON is text: the same on SQLite, PostgreSQL and D1.
import type { Generated } from 'kysely';

/** Where a content change stands: acknowledged and waiting for its commit, or in a commit. */
export type OutboxState = 'pending' | 'committed';

/** Acknowledged-but-not-yet-committed content changes (the durable promise behind "acknowledged"). */
export interface OutboxTable {
  /** Monotonic order of acknowledgement (the flusher commits in this order). */
  seq: Generated<number>;
  /** A ULID, carried as the `Plein-Journal:` commit trailer so a crash after the branch moved commits nothing twice. */
  id: string;
  acknowledged_at: number;
  /** The ChangeSet as JSON; binary writes as base64. */
  change: string;
  state: OutboxState;
  commit_sha: string | null;
  committed_at: number | null;
}

/** A durable cursor: what the flusher committed last (read by the notification worker too). */
export interface OutboxCursorTable {
  name: string;
  seq: number;
  commit_sha: string;
  updated_at: number;
}

/** Who flushes the outbox, on SQLite and D1 (PostgreSQL uses an advisory lock instead). */
export interface OutboxLeaseTable {
  name: string;
  holder: string;
  expires_at: number;
}

/** Logged-out sessions, kept until the session would have expired anyway. */
export interface SessionRevocationsTable {
  session_id: string;
  expires_at: number;
}

/** Per-person counters in fixed windows, shared by every server. */
export interface RateLimitHitsTable {
  person: string;
  action: string;
  window_start: number;
  count: number;
}

/** Idempotency-Key answers, by hash of (person, key): a resent request gets the first answer. */
export interface IdempotencyTable {
  hash: string;
  kind: string;
  answer: string;
  created_at: number;
}

/** Which migrations ran: a server refuses a database whose highest version it does not know. */
export interface SchemaVersionTable {
  version: number;
  name: string;
  applied_at: number;
}

/** Waarderingen: one row per (target, person, kind); personal data (who appreciated what). */
export interface AppreciationsTable {
  /** 'bericht', 'reactie' or 'nieuws'. */
  target_type: string;
  target_id: string;
  person: string;
  /** One of APPRECIATION_KINDS (functions/appreciations/kinds.ts). */
  kind: string;
  created_at: number;
}

/** Sign-ups for agenda items: one row per (event, person); personal data (who comes, and their answer). */
export interface SignupsTable {
  event_id: string;
  person: string;
  /** 'bevestigd' (has a place) or 'wachtlijst' (waiting, in created_at order). */
  status: string;
  /** The answer to the event's question (e.g. dietary wishes), if it asks one. */
  answer: string | null;
  created_at: number;
}

/** Votes in polls: one row per (post, person, chosen option); personal data, never shown per person. */
export interface PollVotesTable {
  post_id: string;
  person: string;
  /** The position of the chosen option in the post's poll (0-based). */
  option: number;
  created_at: number;
}

/** Group memberships: one row per (group, person); personal data (who is in which group). */
export interface GroupMembersTable {
  group_id: string;
  person: string;
  /** 'lid' (a member), 'aangevraagd' (asked to join a group a moderator opens) or 'uitgenodigd' (invited to a private group). */
  status: string;
  created_at: number;
  /** The moderator who let them in (a group op aanvraag) or invited them (a private group). */
  decided_by: string | null;
  /** 1 for a moderator of a private group (git groups name theirs in the group file). */
  moderator: Generated<number>;
}

/** A colleague's proposal for a new group, until an editor decides; personal data (who proposed it). */
export interface GroupProposalsTable {
  id: string;
  proposer: string;
  name: string;
  description: string;
  /** 'open', 'op-aanvraag' or 'prive'. */
  kind: string;
  motivation: string | null;
  /** 'ingediend', 'goedgekeurd' or 'afgewezen'. */
  status: string;
  created_at: number;
  decided_by: string | null;
  decided_at: number | null;
  /** Why the editor declined (shown to the proposer). */
  reason: string | null;
  /** The group made from it. */
  group_id: string | null;
}

/** A private group: invisible to non-members, only ever in the state store. */
export interface PrivateGroupsTable {
  id: string;
  name: string;
  description: string;
  created_by: string;
  created_at: number;
}

/** A post in a private group; personal data. */
export interface PrivatePostsTable {
  id: string;
  group_id: string;
  author: string;
  body: string;
  created_at: number;
}

/** A comment under a post in a private group; personal data. */
export interface PrivateCommentsTable {
  id: string;
  post_id: string;
  group_id: string;
  author: string;
  body: string;
  created_at: number;
}

/** A photo of a post in a private group, served by the API to members only. */
export interface PrivatePhotosTable {
  /** <post id>-<n>. */
  id: string;
  post_id: string;
  group_id: string;
  extension: string;
  width: number;
  height: number;
  alt: string;
  /** The processed image, base64. */
  data: string;
}

/** Who follows what: `state` 1 follows, 0 stopped explicitly (beats a default such as membership); personal data. */
export interface FollowsTable {
  person: string;
  /** 'groep', 'collega', 'kennis', 'bericht', 'nieuws' or 'agenda'. */
  target_type: string;
  target_id: string;
  state: number;
  /** 1 when Plein started it (one's own post, a post one commented on). */
  auto: number;
  created_at: number;
}

/** A notification for one colleague; personal data. */
export interface NotificationsTable {
  /** A ULID. */
  id: string;
  person: string;
  /** One of NOTIFICATION_KINDS (functions/notifications/kinds.ts). */
  kind: string;
  /** Who caused it (a colleague id), if anyone. */
  actor: string | null;
  target_type: string;
  target_id: string;
  /** What it is about, in a few words (a group's name, a post's first line); never text of a private group. */
  title: string | null;
  /** An excerpt (a comment's first words); null for private groups. */
  text: string | null;
  url: string;
  /** Notifications with the same key are shown as one ("3 reacties op je bericht"). */
  group_key: string;
  /** The event it comes from: writing the same (person, source) again changes nothing. */
  source: string;
  created_at: number;
  read_at: number | null;
  /** 1 when shown in Plein (the colleague's choice for this kind). */
  in_app: number;
  /** 1 when it should go by e-mail / push; mailed_at / pushed_at once sent. */
  email: number;
  push: number;
  mailed_at: number | null;
  pushed_at: number | null;
}

/** A colleague's notification settings (JSON). */
export interface NotificationPrefsTable {
  person: string;
  settings: string;
  updated_at: number;
}

/** One e-mail, queued before it is sent and kept until it went (retried with back-off); personal data. */
export interface MailQueueTable {
  /** A ULID (an immediate mail) or overzicht:<frequency>:<period>:<person> (a digest: once per period). */
  id: string;
  person: string;
  /** 'direct' (notifications) or 'overzicht' (the digest). */
  kind: string;
  /** Made once: every retry is the same message. */
  message_id: string;
  subject: string;
  html: string;
  text: string;
  /** Extra headers (List-Unsubscribe …), JSON. */
  headers: string;
  created_at: number;
  attempts: number;
  next_attempt_at: number;
  sent_at: number | null;
  /** The SMTP reply code or error code of the last failure, nothing else. */
  last_error: string | null;
}

/** One browser's push subscription (RFC 8030/8291); personal data. */
export interface PushSubscriptionsTable {
  /** The push service's URL for this browser; the key (subscribing again replaces the keys). */
  endpoint: string;
  person: string;
  /** The browser's P-256 public key and auth secret, base64url (what a message is encrypted for). */
  p256dh: string;
  auth: string;
  created_at: number;
  /** Failed sends in a row (network, 5xx); reset by a success. */
  failures: number;
  last_success_at: number | null;
}

/** The whole state store, as Kysely sees it. */
/** Reports ("Melden") of a post or comment: one row per (item, reporter); personal data (who reported what). */
export interface ReportsTable {
  /** 'bericht' or 'reactie'. */
  target_type: string;
  target_id: string;
  /** The reporter. */
  person: string;
  /** One of REPORT_REASONS (functions/moderation/reasons.ts). */
  reason: string;
  /** The reporter's explanation (required for 'anders'). */
  note: string | null;
  /** The group the item lives in when reported (null on the timeline): which group moderators see it. */
  group_id: string | null;
  created_at: number;
  /** Null while open; then 'verborgen', 'laten-staan' or 'verwijderd'. */
  outcome: string | null;
  decided_at: number | null;
}

/** The moderation log: every hide, unhide, keep and delete by a moderator; personal data (moderator, author). */
export interface ModerationLogTable {
  /** A ULID. */
  id: string;
  at: number;
  /** Who acted ('plein' when the item was hidden automatically after reports). */
  moderator: string;
  /** 'verbergen', 'automatisch-verbergen', 'zichtbaar-maken', 'laten-staan', 'verwijderen' or 'contact-opnemen'. */
  action: string;
  target_type: string;
  target_id: string;
  /** The item's author. */
  author: string | null;
  group_id: string | null;
  reason: string | null;
}

/** Searches per term and ISO week (Monday, YYYY-MM-DD): aggregated, no column that names a colleague or device. */
export interface SearchTermsTable {
  week: string;
  /** Normalised (lower case, single spaces, at most 60 characters). */
  term: string;
  /** Devices that searched it that week (each counts once a week, decided in the browser). */
  searches: number;
}

/** Clicks from the search results per term, knowledge page and ISO week: aggregated like search_terms. */
export interface SearchClicksTable {
  week: string;
  term: string;
  /** The knowledge page's id. */
  page: string;
  clicks: number;
}

/** A recurring "vraag van de week" an editor scheduled; posted under that editor's name. */
export interface NudgesTable {
  id: string;
  text: string;
  /** 1 Monday … 7 Sunday (ISO). */
  weekday: number;
  /** HH:MM in the organisation's time zone. */
  time: string;
  enabled: number;
  author_id: string;
  author_name: string;
  author_email: string;
  updated_at: number;
  /** The occurrence (ms) posted last; null before the first. */
  last_slot: number | null;
}

/** A colleague's confirmation that they read a must-read news item ("Gelezen"); personal data, kept because they confirmed. */
export interface ReadConfirmationsTable {
  news_id: string;
  person: string;
  /** The first confirmation (pressing again changes nothing). */
  confirmed_at: number;
}

/** Unique readers per item ("nieuws:<id>" / "kennis:<id>") × day × department: aggregated, no column names a reader. */
export interface ReachDailyTable {
  item: string;
  /** YYYY-MM-DD in the organisation's time zone. */
  day: string;
  department: string;
  readers: number;
}

/** reach_daily summed over departments (written with it, so the overview reads a small table). */
export interface ReachItemDailyTable {
  day: string;
  item: string;
  readers: number;
}

/** reach_daily summed over items. */
export interface ReachDepartmentDailyTable {
  day: string;
  department: string;
  readers: number;
}

/** Weekly active readers per ISO week (its Monday) × department: devices counted once a week, decided in the browser. */
export interface ReachWeeklyTable {
  week: string;
  department: string;
  readers: number;
}

export interface Database {
  outbox: OutboxTable;
  outbox_cursor: OutboxCursorTable;
  outbox_lease: OutboxLeaseTable;
  session_revocations: SessionRevocationsTable;
  rate_limit_hits: RateLimitHitsTable;
  idempotency: IdempotencyTable;
  schema_version: SchemaVersionTable;
  appreciations: AppreciationsTable;
  signups: SignupsTable;
  poll_votes: PollVotesTable;
  group_members: GroupMembersTable;
  group_proposals: GroupProposalsTable;
  private_groups: PrivateGroupsTable;
  private_posts: PrivatePostsTable;
  private_comments: PrivateCommentsTable;
  private_photos: PrivatePhotosTable;
  follows: FollowsTable;
  notifications: NotificationsTable;
  notification_prefs: NotificationPrefsTable;
  mail_queue: MailQueueTable;
  push_subscriptions: PushSubscriptionsTable;
  reports: ReportsTable;
  moderation_log: ModerationLogTable;
  search_terms: SearchTermsTable;
  search_clicks: SearchClicksTable;
  nudges: NudgesTable;
  read_confirmations: ReadConfirmationsTable;
  reach_daily: ReachDailyTable;
  reach_item_daily: ReachItemDailyTable;
  reach_department_daily: ReachDepartmentDailyTable;
  reach_weekly: ReachWeeklyTable;
}
