// Moderation in the state store (issue 19): reports ("Melden") — one row per item and reporter, so a second report is
// idempotent — and the moderation log. A decision closes every open report on the item in one atomic unit that also
// answers who reported it (to tell them the outcome), so two moderators deciding at once tell each reporter once.
import { createUlid } from '../lib/ulid.ts';
import { chunk } from './outbox.ts';
import type { StateContext } from './types.ts';

/** What is reported: a post or a comment. */
export interface ReportTarget {
  type: string;
  id: string;
}

/** A new report. */
export interface NewReport {
  target: ReportTarget;
  person: string;
  reason: string;
  note: string | null;
  /** The group the item lives in (undefined on the timeline). */
  group: string | undefined;
}

/** An open report, as the queue shows it. */
export interface OpenReport {
  target: ReportTarget;
  person: string;
  reason: string;
  note: string | null;
  group: string | null;
  at: number;
}

/** What a moderator did. */
export const LOG_ACTIONS = ['verbergen', 'automatisch-verbergen', 'zichtbaar-maken', 'laten-staan', 'verwijderen', 'contact-opnemen'] as const;
export type LogAction = (typeof LOG_ACTIONS)[number];

/** One line of the moderation log. */
export interface LogEntry {
  id: string;
  at: number;
  moderator: string;
  action: LogAction;
  target: ReportTarget;
  author: string | null;
  group: string | null;
  reason: string | null;
}

/** The outcome that closes the reports on an item. */
export type ReportOutcome = 'verborgen' | 'laten-staan' | 'verwijderd';

/** The moderation repository over a state context. */
export function createModeration(ctx: StateContext) {
  const { db } = ctx;
  const openOn = (t: ReportTarget) =>
    db.selectFrom('reports').select('person').where('target_type', '=', t.type).where('target_id', '=', t.id).where('outcome', 'is', null);

  return {
    /**
     * Records a report (a second one by the same colleague changes nothing, even after a decision) and gives whether
     * it was new and how many different colleagues' reports on the item are open now — read in the same unit.
     */
    async report(r: NewReport, now = Date.now()): Promise<{ created: boolean; open: number }> {
      const [inserted, open] = await ctx.batch([
        db
          .insertInto('reports')
          .values({ target_type: r.target.type, target_id: r.target.id, person: r.person, reason: r.reason, note: r.note, group_id: r.group ?? null, created_at: now, outcome: null, decided_at: null })
          .onConflict((oc) => oc.columns(['target_type', 'target_id', 'person']).doNothing())
          .returning('person'),
        openOn(r.target),
      ]);
      return { created: inserted.rows.length > 0, open: open.rows.length };
    },

    /** Which of `targets` this colleague has reported (as `type:id`), for "gemeld" on the page. */
    async mine(person: string, targets: ReportTarget[]): Promise<Set<string>> {
      const out = new Set<string>();
      for (const part of chunk(targets, ctx.engine === 'd1' ? 45 : 250)) {
        const rows = await db
          .selectFrom('reports')
          .select(['target_type', 'target_id'])
          .where('person', '=', person)
          .where((eb) => eb.or(part.map((t) => eb.and([eb('target_type', '=', t.type), eb('target_id', '=', t.id)]))))
          .execute();
        for (const row of rows) out.add(`${row.target_type}:${row.target_id}`);
      }
      return out;
    },

    /**
     * Open reports, oldest first: all of them (`groups` undefined, for editors) or those on items in `groups` (a
     * group moderator's; timeline items have no group and are for editors only).
     */
    async open(groups?: string[], limit = 1000): Promise<OpenReport[]> {
      if (groups && !groups.length) return [];
      let query = db.selectFrom('reports').selectAll().where('outcome', 'is', null);
      if (groups) query = query.where('group_id', 'in', groups);
      const rows = await query.orderBy('created_at').orderBy('person').limit(limit).execute();
      return rows.map((r) => ({ target: { type: r.target_type, id: r.target_id }, person: r.person, reason: r.reason, note: r.note, group: r.group_id, at: Number(r.created_at) }));
    },

    /** The open reports on one item, oldest first. */
    async openOn(target: ReportTarget): Promise<OpenReport[]> {
      const rows = await db.selectFrom('reports').selectAll().where('target_type', '=', target.type).where('target_id', '=', target.id).where('outcome', 'is', null).orderBy('created_at').execute();
      return rows.map((r) => ({ target, person: r.person, reason: r.reason, note: r.note, group: r.group_id, at: Number(r.created_at) }));
    },

    /** Closes the open reports on an item with `outcome`; gives the reporters whose report it closed (each once). */
    async decide(target: ReportTarget, outcome: ReportOutcome, now = Date.now()): Promise<string[]> {
      const [closed] = await ctx.batch([
        db
          .updateTable('reports')
          .set({ outcome, decided_at: now })
          .where('target_type', '=', target.type)
          .where('target_id', '=', target.id)
          .where('outcome', 'is', null)
          .returning('person'),
      ]);
      return (closed.rows as { person: string }[]).map((r) => r.person);
    },

    /** Appends a line to the moderation log. */
    async log(entry: Omit<LogEntry, 'id' | 'at'>, now = Date.now()): Promise<LogEntry> {
      const line: LogEntry = { id: createUlid(now), at: now, ...entry };
      await db
        .insertInto('moderation_log')
        .values({ id: line.id, at: now, moderator: line.moderator, action: line.action, target_type: line.target.type, target_id: line.target.id, author: line.author, group_id: line.group, reason: line.reason })
        .execute();
      return line;
    },

    /** The log, newest first (`before`: an id to page on from). */
    async entries(limit = 100, before?: string): Promise<LogEntry[]> {
      let query = db.selectFrom('moderation_log').selectAll();
      if (before) query = query.where('id', '<', before);
      const rows = await query.orderBy('id', 'desc').limit(limit).execute();
      return rows.map((r) => ({
        id: r.id, at: Number(r.at), moderator: r.moderator, action: r.action as LogAction, target: { type: r.target_type, id: r.target_id },
        author: r.author, group: r.group_id, reason: r.reason,
      }));
    },

    /**
     * Retention (the hook for issue 19's bewaartermijn): drops log lines and decided reports older than `days`;
     * open reports stay until decided. Gives how many rows went.
     */
    async prune(days: number, now = Date.now()): Promise<number> {
      const before = now - days * 86_400_000;
      const [log, reports] = await ctx.batch([
        db.deleteFrom('moderation_log').where('at', '<', before).returning('id'),
        db.deleteFrom('reports').where('outcome', 'is not', null).where('decided_at', '<', before).returning('person'),
      ]);
      return log.rows.length + reports.rows.length;
    },
  };
}

/** The moderation repository's functions. */
export type Moderation = ReturnType<typeof createModeration>;
