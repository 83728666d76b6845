// Sign-ups for agenda items (aanmeldingen) in the state store. A sign-up gets a place while fewer rows than the
// capacity exist, and goes on the waiting list otherwise; cancelling moves the first on the waiting list up in the
// same transaction. Each sign-up or cancellation is one atomic unit that decides with every earlier one in view:
// SQLite writes one transaction at a time (BEGIN IMMEDIATE), D1 runs a batch alone, and on PostgreSQL the unit
// first takes a transaction-scoped advisory lock for the event, so 50 colleagues signing up for 10 places at once
// end as exactly 10 confirmed and 40 waiting on every engine.
import { sql, type Compilable, type RawBuilder } from 'kysely';
import type { StateContext } from './types.ts';
import { rawStatement, unitLock } from './unit-lock.ts';

/** Has a place. */
export const CONFIRMED = 'bevestigd';
/** On the waiting list. */
export const WAITING = 'wachtlijst';
export type SignupStatus = typeof CONFIRMED | typeof WAITING;

/** One's own sign-up; `position` is the place on the waiting list (1 = next to move up). */
export interface OwnSignup {
  status: SignupStatus;
  answer: string | null;
  at: number;
  position?: number;
}

/** A row of the organiser's list. */
export interface SignupRow {
  person: string;
  status: SignupStatus;
  answer: string | null;
  at: number;
}

/** The sign-ups repository over a state context. */
export function createSignups(ctx: StateContext) {
  const { db } = ctx;
  const compiled = (raw: RawBuilder<unknown>) => rawStatement(ctx, raw);

  /** One unit per event at a time (functions/state/unit-lock.ts). */
  const lock = (eventId: string): Compilable[] => unitLock(ctx, `aanmelding:${eventId}`);

  /**
   * Moves waiting sign-ups up while there is room: a waiting row gets a place when the confirmed rows plus the
   * waiting rows before it are fewer than `capacity`. Counting both keeps the answer the same whether or not a row
   * ahead of it was moved up earlier in this statement. Gives the people moved up.
   */
  const promote = (eventId: string, capacity: number) =>
    compiled(sql`update signups set status = ${CONFIRMED}
      where event_id = ${eventId} and status = ${WAITING}
        and (select count(*) from signups ahead where ahead.event_id = ${eventId}
              and (ahead.status = ${CONFIRMED}
                   or (ahead.status = ${WAITING} and (ahead.created_at < signups.created_at
                        or (ahead.created_at = signups.created_at and ahead.person < signups.person))))) < ${capacity}
      returning person`);

  async function own(eventId: string, person: string): Promise<OwnSignup | undefined> {
    const row = await db.selectFrom('signups').select(['status', 'answer', 'created_at']).where('event_id', '=', eventId).where('person', '=', person).executeTakeFirst();
    if (!row) return undefined;
    const mine: OwnSignup = { status: row.status as SignupStatus, answer: row.answer, at: Number(row.created_at) };
    if (mine.status === WAITING) {
      const { n } = await db
        .selectFrom('signups')
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .where('event_id', '=', eventId)
        .where('status', '=', WAITING)
        .where((eb) => eb.or([eb('created_at', '<', row.created_at), eb.and([eb('created_at', '=', row.created_at), eb('person', '<', person)])]))
        .executeTakeFirstOrThrow();
      mine.position = Number(n) + 1;
    }
    return mine;
  }

  return {
    /**
     * Signs `person` up (a place, or the waiting list when full); a second sign-up keeps its place and only
     * changes the answer. Resolves once durable, with the sign-up as it now stands and whether it is new.
     */
    async signUp(eventId: string, person: string, capacity: number, answer: string | null, now = Date.now()): Promise<{ created: boolean; signup: OwnSignup }> {
      const before = await own(eventId, person);
      await ctx.batch([
        ...lock(eventId),
        promote(eventId, capacity),
        // "where true": SQLite needs it to read ON CONFLICT after INSERT … SELECT.
        compiled(sql`insert into signups (event_id, person, status, answer, created_at)
          select ${eventId}, ${person},
            case when (select count(*) from signups where event_id = ${eventId}) < ${capacity} then ${CONFIRMED} else ${WAITING} end,
            ${answer}, ${now}
          where true
          on conflict (event_id, person) do update set answer = excluded.answer`),
      ]);
      const signup = await own(eventId, person);
      if (!signup) throw new Error('aanmelding niet teruggevonden na het schrijven');
      return { created: !before, signup };
    },

    /** Cancels `person`'s sign-up; the first waiting move up into a freed place. Idempotent. */
    async cancel(eventId: string, person: string, capacity: number): Promise<{ removed: boolean; promoted: string[] }> {
      const results = await ctx.batch([
        ...lock(eventId),
        db.deleteFrom('signups').where('event_id', '=', eventId).where('person', '=', person).returning('status'),
        promote(eventId, capacity),
      ]);
      const [deleted, promoted] = results.slice(-2);
      return { removed: deleted.rows.length > 0, promoted: promoted.rows.map((r) => String(r.person)) };
    },

    /** Moves the waiting up into free places (after the capacity was raised); gives who moved up. */
    async fill(eventId: string, capacity: number): Promise<string[]> {
      const results = await ctx.batch([...lock(eventId), promote(eventId, capacity)]);
      return results[results.length - 1].rows.map((r) => String(r.person));
    },

    /** How many have a place and how many wait. */
    async counts(eventId: string): Promise<{ confirmed: number; waiting: number }> {
      const rows = await db
        .selectFrom('signups')
        .select(['status', (eb) => eb.fn.countAll<number | string>().as('n')])
        .where('event_id', '=', eventId)
        .groupBy('status')
        .execute();
      const of = (status: string) => Number(rows.find((r) => r.status === status)?.n ?? 0);
      return { confirmed: of(CONFIRMED), waiting: of(WAITING) };
    },

    /** `person`'s own sign-up for the event, with their place on the waiting list. */
    own,

    /** Every sign-up of `person` ("Voor jou"), newest first. */
    async ofPerson(person: string): Promise<{ eventId: string; status: SignupStatus; at: number }[]> {
      const rows = await db.selectFrom('signups').select(['event_id', 'status', 'created_at']).where('person', '=', person).orderBy('created_at', 'desc').execute();
      return rows.map((r) => ({ eventId: r.event_id, status: r.status as SignupStatus, at: Number(r.created_at) }));
    },

    /** Everyone signed up: those with a place first, then the waiting list, each in the order they signed up. */
    async list(eventId: string): Promise<SignupRow[]> {
      const rows = await db
        .selectFrom('signups')
        .select(['person', 'status', 'answer', 'created_at'])
        .where('event_id', '=', eventId)
        .orderBy('created_at')
        .orderBy('person')
        .execute();
      const all = rows.map((r) => ({ person: r.person, status: r.status as SignupStatus, answer: r.answer, at: Number(r.created_at) }));
      return [...all.filter((r) => r.status === CONFIRMED), ...all.filter((r) => r.status === WAITING)];
    },
  };
}

/** The sign-ups repository's functions. */
export type Signups = ReturnType<typeof createSignups>;
