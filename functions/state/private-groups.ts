// Private groups and group proposals in the state store (issue 16, item 5). A private group, its posts, comments
// and photos exist only here: never a file in git, so never in the build, the search index or /api/feed. Members
// are group_members rows (status 'lid', or 'uitgenodigd' until they accept; `moderator` = 1 for its moderators).
// A colleague proposes a group; an editor approves or declines. Approving a private proposal creates the group and
// makes the proposer its first member and moderator in one atomic unit, which a second approval repeats harmlessly.
import { sql } from 'kysely';
import { MEMBER } from './memberships.ts';
import type { StateContext } from './types.ts';
import { unitLock } from './unit-lock.ts';

/** Invited to a private group, not yet accepted. */
export const INVITED = 'uitgenodigd';

export type GroupKind = 'open' | 'op-aanvraag' | 'prive';
export type ProposalStatus = 'ingediend' | 'goedgekeurd' | 'afgewezen';

/** A proposal for a new group. */
export interface GroupProposal {
  id: string;
  proposer: string;
  name: string;
  description: string;
  kind: GroupKind;
  motivation: string | null;
  status: ProposalStatus;
  at: number;
  decidedBy: string | null;
  decidedAt: number | null;
  reason: string | null;
  groupId: string | null;
}

/** A private group. */
export interface PrivateGroup {
  id: string;
  name: string;
  description: string;
  createdBy: string;
  at: number;
}

/** A colleague's place in a private group. */
export interface PrivateMember {
  person: string;
  status: string;
  moderator: boolean;
  at: number;
}

/** A photo of a private post, without its bytes. */
export interface PrivatePhotoInfo {
  id: string;
  extension: string;
  width: number;
  height: number;
  alt: string;
}

/** A post in a private group with its comments and photos. */
export interface PrivatePost {
  id: string;
  author: string;
  body: string;
  at: number;
  photos: PrivatePhotoInfo[];
  comments: { id: string; author: string; body: string; at: number }[];
}

/** A photo to store with a new post. */
export interface NewPrivatePhoto {
  extension: string;
  width: number;
  height: number;
  alt: string;
  bytes: Uint8Array;
}

/** The id a private group made from proposal `proposalId` gets: the same for every approval of it. */
export function privateGroupId(proposalId: string): string {
  return `p-${proposalId.toLowerCase()}`;
}

const toBase64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

/** The private-groups repository over a state context. */
export function createPrivateGroups(ctx: StateContext) {
  const { db } = ctx;
  const proposalOf = (r: {
    id: string; proposer: string; name: string; description: string; kind: string; motivation: string | null; status: string;
    created_at: number; decided_by: string | null; decided_at: number | null; reason: string | null; group_id: string | null;
  }): GroupProposal => ({
    id: r.id, proposer: r.proposer, name: r.name, description: r.description, kind: r.kind as GroupKind, motivation: r.motivation,
    status: r.status as ProposalStatus, at: Number(r.created_at), decidedBy: r.decided_by, decidedAt: r.decided_at === null ? null : Number(r.decided_at),
    reason: r.reason, groupId: r.group_id,
  });

  return {
    /** Stores a new proposal (status ingediend). */
    async propose(p: { id: string; proposer: string; name: string; description: string; kind: GroupKind; motivation?: string; now: number }): Promise<GroupProposal> {
      await db.insertInto('group_proposals').values({
        id: p.id, proposer: p.proposer, name: p.name, description: p.description, kind: p.kind, motivation: p.motivation ?? null,
        status: 'ingediend', created_at: p.now, decided_by: null, decided_at: null, reason: null, group_id: null,
      }).execute();
      return (await this.proposal(p.id))!;
    },

    async proposal(id: string): Promise<GroupProposal | undefined> {
      const row = await db.selectFrom('group_proposals').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? proposalOf(row) : undefined;
    },

    /** The proposals waiting for an editor, oldest first. */
    async pending(): Promise<GroupProposal[]> {
      return (await db.selectFrom('group_proposals').selectAll().where('status', '=', 'ingediend').orderBy('created_at').orderBy('id').execute()).map(proposalOf);
    },

    /** A colleague's own proposals, newest first. */
    async proposalsOf(person: string): Promise<GroupProposal[]> {
      return (await db.selectFrom('group_proposals').selectAll().where('proposer', '=', person).orderBy('created_at', 'desc').orderBy('id', 'desc').execute()).map(proposalOf);
    },

    /** The names of the private groups and of the waiting proposals (to refuse a second group of the same name). */
    async takenNames(): Promise<string[]> {
      const [groups, proposals] = await Promise.all([
        db.selectFrom('private_groups').select('name').execute(),
        db.selectFrom('group_proposals').select('name').where('status', '=', 'ingediend').execute(),
      ]);
      return [...groups, ...proposals].map((r) => r.name);
    },

    /** Declines a waiting proposal; false when it was decided already. */
    async decline(id: string, by: string, reason: string | null, now: number): Promise<boolean> {
      const rows = await db.updateTable('group_proposals').set({ status: 'afgewezen', decided_by: by, decided_at: now, reason })
        .where('id', '=', id).where('status', '=', 'ingediend').returning('id').execute();
      return rows.length > 0;
    },

    /**
     * Approves a waiting proposal for `groupId`; for a private one it also creates the group with the proposer as its
     * first member and moderator, in the same unit. False when the proposal was decided already.
     */
    async approve(id: string, by: string, groupId: string, now: number): Promise<boolean> {
      const proposal = await this.proposal(id);
      if (!proposal || proposal.status !== 'ingediend') return false;
      const fromProposal = () => db.selectFrom('group_proposals').where('id', '=', id).where('status', '=', 'goedgekeurd').where('group_id', '=', groupId);
      const results = await ctx.batch([
        ...unitLock(ctx, `groepsvoorstel:${id}`),
        db.updateTable('group_proposals').set({ status: 'goedgekeurd', decided_by: by, decided_at: now, group_id: groupId })
          .where('id', '=', id).where('status', '=', 'ingediend').returning('id'),
        ...(proposal.kind === 'prive'
          ? [
              db.insertInto('private_groups').columns(['id', 'name', 'description', 'created_by', 'created_at'])
                .expression(fromProposal().select([sql<string>`cast(${groupId} as text)`.as('id'), 'name', 'description', 'proposer', sql<number>`cast(${now} as bigint)`.as('created_at')]))
                .onConflict((oc) => oc.column('id').doNothing()),
            ]
          : []),
        // The proposer is the new group's first member (and, of a private group, its moderator).
        db.insertInto('group_members').columns(['group_id', 'person', 'status', 'created_at', 'decided_by', 'moderator'])
          .expression(fromProposal().select([
            sql<string>`cast(${groupId} as text)`.as('group_id'), 'proposer', sql<string>`cast(${MEMBER} as text)`.as('status'),
            sql<number>`cast(${now} as bigint)`.as('created_at'), sql<string>`cast(${by} as text)`.as('decided_by'),
            sql<number>`cast(${proposal.kind === 'prive' ? 1 : 0} as integer)`.as('moderator'),
          ]))
          .onConflict((oc) => oc.columns(['group_id', 'person']).doNothing()),
      ]);
      const updated = results[unitLock(ctx, '').length];
      return (updated.rows?.length ?? 0) > 0;
    },

    async group(id: string): Promise<PrivateGroup | undefined> {
      const r = await db.selectFrom('private_groups').selectAll().where('id', '=', id).executeTakeFirst();
      return r ? { id: r.id, name: r.name, description: r.description, createdBy: r.created_by, at: Number(r.created_at) } : undefined;
    },

    /** The private groups among `ids` (for "Mijn groepen"). */
    async groups(ids: string[]): Promise<PrivateGroup[]> {
      if (!ids.length) return [];
      const rows = await db.selectFrom('private_groups').selectAll().where('id', 'in', ids).orderBy('name').execute();
      return rows.map((r) => ({ id: r.id, name: r.name, description: r.description, createdBy: r.created_by, at: Number(r.created_at) }));
    },

    /** One colleague's place in a group, if any. */
    async member(groupId: string, person: string): Promise<PrivateMember | undefined> {
      const r = await db.selectFrom('group_members').select(['person', 'status', 'moderator', 'created_at']).where('group_id', '=', groupId).where('person', '=', person).executeTakeFirst();
      return r ? { person: r.person, status: r.status, moderator: Number(r.moderator) === 1, at: Number(r.created_at) } : undefined;
    },

    /** Members and invitations, moderators first, then by when they came. */
    async members(groupId: string): Promise<PrivateMember[]> {
      const rows = await db.selectFrom('group_members').select(['person', 'status', 'moderator', 'created_at']).where('group_id', '=', groupId)
        .orderBy('moderator', 'desc').orderBy('created_at').orderBy('person').execute();
      return rows.map((r) => ({ person: r.person, status: r.status, moderator: Number(r.moderator) === 1, at: Number(r.created_at) }));
    },

    /** Invites a colleague; someone already invited or a member keeps their place. Gives their status now. */
    async invite(groupId: string, person: string, by: string, now: number): Promise<string> {
      await db.insertInto('group_members').values({ group_id: groupId, person, status: INVITED, created_at: now, decided_by: by, moderator: 0 })
        .onConflict((oc) => oc.columns(['group_id', 'person']).doNothing()).execute();
      return (await this.member(groupId, person))!.status;
    },

    /** Accepts an invitation; false when there was none (a member stays a member). */
    async accept(groupId: string, person: string): Promise<boolean> {
      const rows = await db.updateTable('group_members').set({ status: MEMBER }).where('group_id', '=', groupId).where('person', '=', person)
        .where('status', '=', INVITED).returning('person').execute();
      return rows.length > 0;
    },

    /** Removes a member or an invitation; true when there was one. */
    async remove(groupId: string, person: string): Promise<boolean> {
      const rows = await db.deleteFrom('group_members').where('group_id', '=', groupId).where('person', '=', person).returning('person').execute();
      return rows.length > 0;
    },

    /** Makes a member a moderator (or not). */
    async setModerator(groupId: string, person: string, moderator: boolean): Promise<boolean> {
      const rows = await db.updateTable('group_members').set({ moderator: moderator ? 1 : 0 }).where('group_id', '=', groupId).where('person', '=', person)
        .where('status', '=', MEMBER).returning('person').execute();
      return rows.length > 0;
    },

    /** Dissolves a group: it, its members and invitations, posts, comments and photos go in one unit. */
    async dissolve(groupId: string): Promise<void> {
      await ctx.batch([
        db.deleteFrom('private_comments').where('group_id', '=', groupId),
        db.deleteFrom('private_photos').where('group_id', '=', groupId),
        db.deleteFrom('private_posts').where('group_id', '=', groupId),
        db.deleteFrom('group_members').where('group_id', '=', groupId),
        db.deleteFrom('private_groups').where('id', '=', groupId),
      ]);
    },

    /** Stores a post with its photos in one unit. */
    async addPost(p: { id: string; groupId: string; author: string; body: string; now: number; photos: NewPrivatePhoto[] }): Promise<void> {
      await ctx.batch([
        db.insertInto('private_posts').values({ id: p.id, group_id: p.groupId, author: p.author, body: p.body, created_at: p.now }),
        ...p.photos.map((photo, i) =>
          db.insertInto('private_photos').values({
            id: `${p.id}-${i + 1}`, post_id: p.id, group_id: p.groupId, extension: photo.extension, width: photo.width, height: photo.height, alt: photo.alt, data: toBase64(photo.bytes),
          })),
      ]);
    },

    /** A post's group and author, if it exists. */
    async postMeta(postId: string): Promise<{ groupId: string; author: string } | undefined> {
      const r = await db.selectFrom('private_posts').select(['group_id', 'author']).where('id', '=', postId).executeTakeFirst();
      return r ? { groupId: r.group_id, author: r.author } : undefined;
    },

    /** A comment's group and author, if it exists. */
    async commentMeta(commentId: string): Promise<{ groupId: string; author: string } | undefined> {
      const r = await db.selectFrom('private_comments').select(['group_id', 'author']).where('id', '=', commentId).executeTakeFirst();
      return r ? { groupId: r.group_id, author: r.author } : undefined;
    },

    /** Deletes a post with its comments and photos in one unit. */
    async deletePost(postId: string): Promise<void> {
      await ctx.batch([
        db.deleteFrom('private_comments').where('post_id', '=', postId),
        db.deleteFrom('private_photos').where('post_id', '=', postId),
        db.deleteFrom('private_posts').where('id', '=', postId),
      ]);
    },

    async addComment(c: { id: string; postId: string; groupId: string; author: string; body: string; now: number }): Promise<void> {
      await db.insertInto('private_comments').values({ id: c.id, post_id: c.postId, group_id: c.groupId, author: c.author, body: c.body, created_at: c.now }).execute();
    },

    async deleteComment(commentId: string): Promise<void> {
      await db.deleteFrom('private_comments').where('id', '=', commentId).execute();
    },

    /** The newest posts of a group (at most `limit`, before `before` when given), each with its comments and photos. */
    async posts(groupId: string, limit = 50, before?: number): Promise<PrivatePost[]> {
      let q = db.selectFrom('private_posts').select(['id', 'author', 'body', 'created_at']).where('group_id', '=', groupId);
      if (before !== undefined) q = q.where('created_at', '<', before);
      const posts = await q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
      if (!posts.length) return [];
      const ids = posts.map((p) => p.id);
      const [comments, photos] = await Promise.all([
        db.selectFrom('private_comments').select(['id', 'post_id', 'author', 'body', 'created_at']).where('post_id', 'in', ids).orderBy('created_at').orderBy('id').execute(),
        db.selectFrom('private_photos').select(['id', 'post_id', 'extension', 'width', 'height', 'alt']).where('post_id', 'in', ids).orderBy('id').execute(),
      ]);
      return posts.map((p) => ({
        id: p.id, author: p.author, body: p.body, at: Number(p.created_at),
        photos: photos.filter((f) => f.post_id === p.id).map((f) => ({ id: f.id, extension: f.extension, width: Number(f.width), height: Number(f.height), alt: f.alt })),
        comments: comments.filter((c) => c.post_id === p.id).map((c) => ({ id: c.id, author: c.author, body: c.body, at: Number(c.created_at) })),
      }));
    },

    /** A photo's bytes, when it belongs to `groupId`. */
    async photo(groupId: string, photoId: string): Promise<{ extension: string; bytes: Uint8Array } | undefined> {
      const r = await db.selectFrom('private_photos').select(['extension', 'data']).where('id', '=', photoId).where('group_id', '=', groupId).executeTakeFirst();
      return r ? { extension: r.extension, bytes: new Uint8Array(Buffer.from(r.data, 'base64')) } : undefined;
    },
  };
}

/** The private-groups repository's functions. */
export type PrivateGroups = ReturnType<typeof createPrivateGroups>;
