// Votes in polls (peilingen) in the state store. A person's vote is the set of options they chose: voting again
// replaces it in one unit (delete theirs, insert the new; serialised per person and poll), so there is never half
// a vote and never two.
// Counts per option and the number of voters are read for many polls in one query each; who voted what is never
// read by the API (votes are anonymous to colleagues), only by the AVG export and erasure.
import { chunk } from './outbox.ts';
import type { StateContext } from './types.ts';
import { unitLock } from './unit-lock.ts';

/** D1 binds at most 100 parameters per statement. */
const idsPerQuery = (ctx: StateContext) => (ctx.engine === 'd1' ? 90 : 500);

/** The polls repository over a state context. */
export function createPolls(ctx: StateContext) {
  const { db } = ctx;

  return {
    /** Replaces `person`'s vote in the poll of `postId` with `options` (empty: takes it back); resolves once durable. */
    async vote(postId: string, person: string, options: number[], now = Date.now()): Promise<void> {
      const unique = [...new Set(options)].sort((a, b) => a - b);
      await ctx.batch([
        // Two changes of one vote at once: without it, PostgreSQL would let the second delete miss the first's rows.
        ...unitLock(ctx, `stem:${postId}:${person}`),
        db.deleteFrom('poll_votes').where('post_id', '=', postId).where('person', '=', person),
        ...(unique.length ? [db.insertInto('poll_votes').values(unique.map((option) => ({ post_id: postId, person, option, created_at: now })))] : []),
      ]);
    },

    /** Per poll: the votes per option (by position) and how many colleagues voted; polls without votes are absent. */
    async counts(postIds: string[]): Promise<Map<string, { options: Record<number, number>; voters: number }>> {
      const parts = chunk([...new Set(postIds)], idsPerQuery(ctx));
      const [perOption, perPoll] = await Promise.all([
        Promise.all(
          parts.map((ids) =>
            db.selectFrom('poll_votes').select(['post_id', 'option', (eb) => eb.fn.countAll<number | string>().as('n')]).where('post_id', 'in', ids).groupBy(['post_id', 'option']).execute(),
          ),
        ),
        Promise.all(
          parts.map((ids) =>
            db
              .selectFrom('poll_votes')
              .select(['post_id', (eb) => eb.fn.count<number | string>('person').distinct().as('n')])
              .where('post_id', 'in', ids)
              .groupBy('post_id')
              .execute(),
          ),
        ),
      ]);
      const out = new Map<string, { options: Record<number, number>; voters: number }>();
      for (const row of perPoll.flat()) out.set(row.post_id, { options: {}, voters: Number(row.n) });
      for (const row of perOption.flat()) out.get(row.post_id)!.options[Number(row.option)] = Number(row.n);
      return out;
    },

    /** The options `person` chose in each poll (polls they did not vote in are absent). */
    async mine(person: string, postIds: string[]): Promise<Map<string, number[]>> {
      const parts = chunk([...new Set(postIds)], idsPerQuery(ctx));
      const rows = (await Promise.all(parts.map((ids) => db.selectFrom('poll_votes').select(['post_id', 'option']).where('person', '=', person).where('post_id', 'in', ids).orderBy('option').execute()))).flat();
      const out = new Map<string, number[]>();
      for (const row of rows) out.set(row.post_id, [...(out.get(row.post_id) ?? []), Number(row.option)]);
      return out;
    },
  };
}

/** The polls repository's functions. */
export type Polls = ReturnType<typeof createPolls>;
