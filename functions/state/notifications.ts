// Following and notifications in the state store (issue 14). A follow is one row per colleague and thing; an
// explicit "stop" is kept as state 0 so it beats a default (a group's members follow it unless they stopped). A
// notification is written at most once per (colleague, source event): the worker that writes them may run again
// over the same events after a crash and changes nothing. Settings are one JSON row per colleague.
import { withDefaults, type NotificationSettings } from '../notifications/kinds.ts';
import { createUlid } from '../lib/ulid.ts';
import { MEMBER } from './memberships.ts';
import { chunk } from './outbox.ts';
import type { StateContext } from './types.ts';

/** Something that can be followed. */
export interface FollowTarget {
  type: string;
  id: string;
}

/** A notification to write. */
export interface NewNotification {
  person: string;
  kind: string;
  actor: string | null;
  target: FollowTarget;
  title: string | null;
  text: string | null;
  url: string;
  groupKey: string;
  source: string;
  inApp: boolean;
  email: boolean;
  push: boolean;
}

/** A stored notification. */
export interface StoredNotification extends Omit<NewNotification, 'person' | 'source'> {
  id: string;
  at: number;
  readAt: number | null;
}

const key = (t: FollowTarget) => `${t.type}:${t.id}`;
const rowsPerInsert = (ctx: StateContext) => (ctx.engine === 'd1' ? 5 : 100);
const idsPerQuery = (ctx: StateContext) => (ctx.engine === 'd1' ? 90 : 500);
/** A fan-out's rows per transaction (see notify). */
const ROWS_PER_TRANSACTION = 100;

/** The follows-and-notifications repository over a state context. */
export function createNotifications(ctx: StateContext) {
  const { db } = ctx;

  return {
    /**
     * Follows (or stops following) `target`. An automatic follow (one's own post, a post one commented on) never
     * overrides what the colleague chose before; an explicit choice always does.
     */
    async follow(person: string, target: FollowTarget, following: boolean, options: { auto?: boolean; now?: number } = {}): Promise<void> {
      const row = { person, target_type: target.type, target_id: target.id, state: following ? 1 : 0, auto: options.auto ? 1 : 0, created_at: options.now ?? Date.now() };
      await db
        .insertInto('follows')
        .values(row)
        .onConflict((oc) => {
          const cols = oc.columns(['person', 'target_type', 'target_id']);
          return options.auto ? cols.doNothing() : cols.doUpdateSet({ state: row.state, auto: 0 });
        })
        .execute();
    },

    /** Automatic follows for many at once (the worker's, one transaction), never overriding a choice; each from its `at` or else `now`. */
    async followAuto(rows: { person: string; target: FollowTarget; at?: number }[], now = Date.now()): Promise<void> {
      if (!rows.length) return;
      const values = rows.map((r) => ({ person: r.person, target_type: r.target.type, target_id: r.target.id, state: 1, auto: 1, created_at: r.at ?? now }));
      await ctx.batch(chunk(values, rowsPerInsert(ctx)).map((part) => db.insertInto('follows').values(part).onConflict((oc) => oc.columns(['person', 'target_type', 'target_id']).doNothing())));
    },

    /** What `person` chose for each target: true, false, or absent (never chose; defaults apply). */
    async choices(person: string, targets: FollowTarget[]): Promise<Map<string, boolean>> {
      const out = new Map<string, boolean>();
      const byType = new Map<string, string[]>();
      for (const t of targets) byType.set(t.type, [...(byType.get(t.type) ?? []), t.id]);
      for (const [type, ids] of byType) {
        for (const part of chunk(ids, idsPerQuery(ctx))) {
          const rows = await db.selectFrom('follows').select(['target_id', 'state']).where('person', '=', person).where('target_type', '=', type).where('target_id', 'in', part).execute();
          for (const r of rows) out.set(key({ type, id: r.target_id }), Number(r.state) === 1);
        }
      }
      return out;
    },

    /**
     * Who follows `target` (as of `asOf`): the colleagues who chose to, plus — for a group — its members, minus whoever
     * stopped.
     */
    async followers(target: FollowTarget, asOf?: number): Promise<string[]> {
      const rows = await db.selectFrom('follows').select(['person', 'state', 'created_at']).where('target_type', '=', target.type).where('target_id', '=', target.id).execute();
      const stopped = new Set(rows.filter((r) => Number(r.state) === 0).map((r) => r.person));
      // As of the event: whoever started following later did not follow it then (so handling it again is the same).
      const out = new Set(rows.filter((r) => Number(r.state) === 1 && (asOf === undefined || Number(r.created_at) <= asOf)).map((r) => r.person));
      if (target.type === 'groep') {
        let q = db.selectFrom('group_members').select('person').where('group_id', '=', target.id).where('status', '=', MEMBER);
        if (asOf !== undefined) q = q.where('created_at', '<=', asOf);
        const members = await q.execute();
        for (const m of members) if (!stopped.has(m.person)) out.add(m.person);
      }
      return [...out];
    },

    /**
     * Writes notifications; one already written for the same (person, source) is left as it is. A large fan-out is
     * written in transactions of at most ROWS_PER_TRANSACTION rows with a pause for the event loop between them, so the
     * requests of the same server (node:sqlite is synchronous) and their writes never wait for the whole of it.
     */
    async notify(items: NewNotification[], now = Date.now()): Promise<void> {
      if (!items.length) return;
      const values = items.map((n) => ({
        id: createUlid(now), person: n.person, kind: n.kind, actor: n.actor, target_type: n.target.type, target_id: n.target.id, title: n.title, text: n.text,
        url: n.url, group_key: n.groupKey, source: n.source, created_at: now, read_at: null, in_app: n.inApp ? 1 : 0, email: n.email ? 1 : 0,
        push: n.push ? 1 : 0, mailed_at: null, pushed_at: null,
      }));
      const perTransaction = Math.max(1, Math.floor(ROWS_PER_TRANSACTION / rowsPerInsert(ctx)));
      const statements = chunk(values, rowsPerInsert(ctx)).map((part) => db.insertInto('notifications').values(part).onConflict((oc) => oc.columns(['person', 'source']).doNothing()));
      let pause = 0;
      for (const [i, group] of chunk(statements, perTransaction).entries()) {
        // As long a pause as the last transaction took: the fan-out gets at most half of the database's time.
        if (i > 0) await new Promise((resolve) => setTimeout(resolve, pause));
        const started = performance.now();
        await ctx.batch(group);
        pause = Math.min(100, 2 * (performance.now() - started));
      }
    },

    /** A colleague's notifications shown in Plein, newest first (before the notification `before`, if given). */
    async inbox(person: string, limit = 50, before?: string): Promise<StoredNotification[]> {
      let q = db.selectFrom('notifications').selectAll().where('person', '=', person).where('in_app', '=', 1);
      if (before) q = q.where('id', '<', before);
      const rows = await q.orderBy('id', 'desc').limit(limit).execute();
      return rows.map((r) => ({
        id: r.id, kind: r.kind, actor: r.actor, target: { type: r.target_type, id: r.target_id }, title: r.title, text: r.text, url: r.url,
        groupKey: r.group_key, inApp: true, email: Number(r.email) === 1, push: Number(r.push) === 1, at: Number(r.created_at),
        readAt: r.read_at === null ? null : Number(r.read_at),
      }));
    },

    /** How many of a colleague's notifications in Plein are unread. */
    async unread(person: string): Promise<number> {
      const row = await db.selectFrom('notifications').select((eb) => eb.fn.countAll<number | string>().as('n')).where('person', '=', person).where('in_app', '=', 1).where('read_at', 'is', null).executeTakeFirst();
      return Number(row?.n ?? 0);
    },

    /** Marks notifications read (only `person`'s own; all of them when `ids` is 'alles'). */
    async markRead(person: string, ids: string[] | 'alles', now = Date.now()): Promise<void> {
      const base = () => db.updateTable('notifications').set({ read_at: now }).where('person', '=', person).where('read_at', 'is', null);
      if (ids === 'alles') {
        await base().execute();
        return;
      }
      for (const part of chunk(ids, idsPerQuery(ctx))) await base().where('id', 'in', part).execute();
    },

    /** A colleague's settings (the defaults until they change them). */
    async settings(person: string): Promise<NotificationSettings> {
      const row = await db.selectFrom('notification_prefs').select('settings').where('person', '=', person).executeTakeFirst();
      return withDefaults(row ? (JSON.parse(row.settings) as Partial<NotificationSettings>) : undefined);
    },

    /** The settings of many colleagues (the worker's question per event). */
    async settingsOf(people: string[]): Promise<Map<string, NotificationSettings>> {
      const out = new Map<string, NotificationSettings>();
      for (const part of chunk([...new Set(people)], idsPerQuery(ctx))) {
        const rows = await db.selectFrom('notification_prefs').select(['person', 'settings']).where('person', 'in', part).execute();
        for (const r of rows) out.set(r.person, withDefaults(JSON.parse(r.settings) as Partial<NotificationSettings>));
      }
      for (const p of people) if (!out.has(p)) out.set(p, withDefaults(undefined));
      return out;
    },

    async saveSettings(person: string, settings: NotificationSettings, now = Date.now()): Promise<void> {
      const json = JSON.stringify(settings);
      await db.insertInto('notification_prefs').values({ person, settings: json, updated_at: now })
        .onConflict((oc) => oc.column('person').doUpdateSet({ settings: json, updated_at: now })).execute();
    },

    /** A worker's cursor (in the outbox's cursor table, under its own name). */
    async cursor(name: string): Promise<{ seq: number; mark: string } | undefined> {
      const row = await db.selectFrom('outbox_cursor').select(['seq', 'commit_sha']).where('name', '=', name).executeTakeFirst();
      return row ? { seq: Number(row.seq), mark: row.commit_sha } : undefined;
    },

    /** Where a fan-out that never ran starts: after what is committed and posted now (history is not announced). */
    async startingPoint(): Promise<{ seq: number; privateAt: number; privateId: string }> {
      const [outbox, post] = await Promise.all([
        db.selectFrom('outbox').select((eb) => eb.fn.max('seq').as('seq')).where('state', '=', 'committed').executeTakeFirst(),
        db.selectFrom('private_posts').select(['created_at', 'id']).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst(),
      ]);
      return { seq: Number(outbox?.seq ?? 0), privateAt: Number(post?.created_at ?? 0), privateId: post?.id ?? '' };
    },

    async moveCursor(name: string, seq: number, mark = '', now = Date.now()): Promise<void> {
      await db.insertInto('outbox_cursor').values({ name, seq, commit_sha: mark, updated_at: now })
        .onConflict((oc) => oc.column('name').doUpdateSet({ seq, commit_sha: mark, updated_at: now })).execute();
    },

    /** Committed content changes after `seq`, in order (the fan-out reads what git has, never a change still pending). */
    async committedAfter(seq: number, limit = 200): Promise<{ seq: number; change: string }[]> {
      const rows = await db.selectFrom('outbox').select(['seq', 'change']).where('state', '=', 'committed').where('seq', '>', seq).orderBy('seq').limit(limit).execute();
      return rows.map((r) => ({ seq: Number(r.seq), change: r.change }));
    },

    /** Private-group posts after (createdAt, id), in order. */
    async privatePostsAfter(createdAt: number, id: string, limit = 200): Promise<{ id: string; groupId: string; author: string; at: number }[]> {
      const rows = await db.selectFrom('private_posts').select(['id', 'group_id', 'author', 'created_at'])
        .where((eb) => eb.or([eb('created_at', '>', createdAt), eb.and([eb('created_at', '=', createdAt), eb('id', '>', id)])]))
        .orderBy('created_at').orderBy('id').limit(limit).execute();
      return rows.map((r) => ({ id: r.id, groupId: r.group_id, author: r.author, at: Number(r.created_at) }));
    },
  };
}

/** The notifications repository's functions. */
export type Notifications = ReturnType<typeof createNotifications>;
