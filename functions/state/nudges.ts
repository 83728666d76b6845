// Recurring "vraag van de week" posts (issue 17) in the state store: what an editor scheduled (text, ISO weekday, time
// in the organisation's time zone, on or off) and under whose name it is posted. `last_slot` is the latest occurrence
// already handled; a scheduler claims an occurrence by moving it forward with a compare-and-set, so over any number of
// servers and restarts one occurrence is claimed once.
import type { StateContext } from './types.ts';

/** One scheduled question. */
export interface Nudge {
  id: string;
  text: string;
  /** 1 Monday … 7 Sunday. */
  weekday: number;
  /** HH:MM. */
  time: string;
  enabled: boolean;
  author: { id: string; name: string; email: string };
  updatedAt: number;
  /** Occurrences up to this moment are handled (posted, or before the schedule was saved). */
  lastSlot: number | null;
}

/** What an editor sets. */
export type NudgeInput = Pick<Nudge, 'id' | 'text' | 'weekday' | 'time' | 'enabled' | 'author'>;

type Row = { id: string; text: string; weekday: number; time: string; enabled: number; author_id: string; author_name: string; author_email: string; updated_at: number | string; last_slot: number | string | null };

const toNudge = (r: Row): Nudge => ({
  id: r.id,
  text: r.text,
  weekday: Number(r.weekday),
  time: r.time,
  enabled: Number(r.enabled) === 1,
  author: { id: r.author_id, name: r.author_name, email: r.author_email },
  updatedAt: Number(r.updated_at),
  lastSlot: r.last_slot === null ? null : Number(r.last_slot),
});

/** The nudges repository over a state context. */
export function createNudges(ctx: StateContext) {
  const { db } = ctx;
  return {
    /** All scheduled questions, oldest id first. */
    async list(): Promise<Nudge[]> {
      return (await db.selectFrom('nudges').selectAll().orderBy('id').execute()).map((r) => toNudge(r as Row));
    },

    /** One question, or undefined. */
    async get(id: string): Promise<Nudge | undefined> {
      const row = await db.selectFrom('nudges').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toNudge(row as Row);
    },

    /**
     * Creates or replaces a question; occurrences up to `now` count as handled (a schedule saved on Tuesday for Monday
     * 09:00 posts next Monday, not at once).
     */
    async save(input: NudgeInput, now = Date.now()): Promise<Nudge> {
      const values = {
        text: input.text,
        weekday: input.weekday,
        time: input.time,
        enabled: input.enabled ? 1 : 0,
        author_id: input.author.id,
        author_name: input.author.name,
        author_email: input.author.email,
        updated_at: now,
        last_slot: now,
      };
      await db
        .insertInto('nudges')
        .values({ id: input.id, ...values })
        .onConflict((oc) => oc.column('id').doUpdateSet(values))
        .execute();
      return (await this.get(input.id))!;
    },

    /** Removes a question; true when there was one. */
    async remove(id: string): Promise<boolean> {
      const result = await db.deleteFrom('nudges').where('id', '=', id).executeTakeFirst();
      return Number(result.numDeletedRows ?? 0) > 0;
    },

    /** Claims occurrence `slot` of question `id` when it is newer than the last one handled; true for exactly one caller. */
    async claim(id: string, slot: number): Promise<boolean> {
      const result = await db
        .updateTable('nudges')
        .set({ last_slot: slot })
        .where('id', '=', id)
        .where('enabled', '=', 1)
        .where((eb) => eb.or([eb('last_slot', 'is', null), eb('last_slot', '<', slot)]))
        .executeTakeFirst();
      return Number(result.numUpdatedRows ?? 0) > 0;
    },

    /** Gives a claimed occurrence back (its post could not be written), so the next round tries again. */
    async release(id: string, slot: number, previous: number | null): Promise<void> {
      await db.updateTable('nudges').set({ last_slot: previous }).where('id', '=', id).where('last_slot', '=', slot).execute();
    },
  };
}

/** The nudges repository's functions. */
export type Nudges = ReturnType<typeof createNudges>;
