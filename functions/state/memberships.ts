// Group memberships in the state store: a colleague joins an open group at once, or asks to join a group where a
// moderator lets colleagues in; leaving or withdrawing is deleting the row. Every write is one statement, so it is
// atomic on every engine; joining twice changes nothing (the first status stays).
import type { StateContext } from './types.ts';

/** A member. */
export const MEMBER = 'lid';
/** Asked to join, waiting for a moderator. */
export const REQUESTED = 'aangevraagd';
export type MembershipStatus = typeof MEMBER | typeof REQUESTED;

/** The memberships repository over a state context. */
export function createMemberships(ctx: StateContext) {
  const { db } = ctx;
  const statusOf = async (groupId: string, person: string) =>
    (await db.selectFrom('group_members').select('status').where('group_id', '=', groupId).where('person', '=', person).executeTakeFirst())?.status as MembershipStatus | undefined;

  return {
    /** Joins (`lid`) or asks to (`aangevraagd`); a colleague already in keeps their status. Gives the status now. */
    async join(groupId: string, person: string, status: MembershipStatus, now = Date.now()): Promise<MembershipStatus> {
      await db
        .insertInto('group_members')
        .values({ group_id: groupId, person, status, created_at: now, decided_by: null })
        .onConflict((oc) => oc.columns(['group_id', 'person']).doNothing())
        .execute();
      return (await statusOf(groupId, person))!;
    },

    /** Leaves the group or withdraws the request; true when there was something to remove. */
    async leave(groupId: string, person: string): Promise<boolean> {
      const rows = await db.deleteFrom('group_members').where('group_id', '=', groupId).where('person', '=', person).returning('person').execute();
      return rows.length > 0;
    },

    /** A moderator lets a colleague in (or declines): only a pending request changes; false when there is none. */
    async decide(groupId: string, person: string, admit: boolean, by: string): Promise<boolean> {
      const rows = admit
        ? await db.updateTable('group_members').set({ status: MEMBER, decided_by: by }).where('group_id', '=', groupId).where('person', '=', person).where('status', '=', REQUESTED).returning('person').execute()
        : await db.deleteFrom('group_members').where('group_id', '=', groupId).where('person', '=', person).where('status', '=', REQUESTED).returning('person').execute();
      return rows.length > 0;
    },

    /** One colleague's status in a group. */
    status: statusOf,

    /** The members and the pending requests of a group, oldest first. */
    async list(groupId: string): Promise<{ person: string; status: MembershipStatus; at: number }[]> {
      const rows = await db.selectFrom('group_members').select(['person', 'status', 'created_at']).where('group_id', '=', groupId).orderBy('created_at').orderBy('person').execute();
      return rows.map((r) => ({ person: r.person, status: r.status as MembershipStatus, at: Number(r.created_at) }));
    },

    /** The groups a colleague is in or asked to join. */
    async ofPerson(person: string): Promise<{ group: string; status: MembershipStatus }[]> {
      const rows = await db.selectFrom('group_members').select(['group_id', 'status']).where('person', '=', person).orderBy('group_id').execute();
      return rows.map((r) => ({ group: r.group_id, status: r.status as MembershipStatus }));
    },
  };
}

/** The memberships repository's functions. */
export type Memberships = ReturnType<typeof createMemberships>;
