// Read confirmations of must-read news ("Gelezen", issue 17) in the state store: one row per (news item, colleague),
// written once with the time of the first confirmation; pressing again changes nothing. Read back as one colleague's
// confirmed items (the banner) and as the set of colleagues who confirmed one item (the editor's rate per department,
// the list of who has not confirmed yet, and the reminders, which go only to those who have not).
import { chunk } from './outbox.ts';
import type { StateContext } from './types.ts';

/** D1 binds at most 100 parameters per statement. */
const idsPerQuery = (ctx: StateContext) => (ctx.engine === 'd1' ? 90 : 500);

/** The read-confirmations repository over a state context. */
export function createReadConfirmations(ctx: StateContext) {
  const { db } = ctx;
  return {
    /** Records that `person` read `newsId` (the first time counts); resolves once durable with that time and whether it is new. */
    async confirm(newsId: string, person: string, now = Date.now()): Promise<{ created: boolean; at: number }> {
      const [inserted, found] = await ctx.batch([
        db.insertInto('read_confirmations').values({ news_id: newsId, person, confirmed_at: now }).onConflict((oc) => oc.columns(['news_id', 'person']).doNothing()),
        db.selectFrom('read_confirmations').select('confirmed_at').where('news_id', '=', newsId).where('person', '=', person),
      ]);
      const at = Number((found.rows[0] as { confirmed_at: number | string }).confirmed_at);
      return { created: Number(inserted.numAffectedRows ?? 0) > 0, at };
    },

    /** Which of `newsIds` `person` confirmed, with when. */
    async confirmedBy(person: string, newsIds: string[]): Promise<Map<string, number>> {
      const found = new Map<string, number>();
      for (const part of chunk([...new Set(newsIds)], idsPerQuery(ctx))) {
        const rows = await db.selectFrom('read_confirmations').select(['news_id', 'confirmed_at']).where('person', '=', person).where('news_id', 'in', part).execute();
        for (const r of rows) found.set(r.news_id, Number(r.confirmed_at));
      }
      return found;
    },

    /** Everyone who confirmed `newsId`, with when. */
    async confirmedOf(newsId: string): Promise<Map<string, number>> {
      const rows = await db.selectFrom('read_confirmations').select(['person', 'confirmed_at']).where('news_id', '=', newsId).execute();
      return new Map(rows.map((r) => [r.person, Number(r.confirmed_at)]));
    },
  };
}

/** The read-confirmations repository's functions. */
export type ReadConfirmations = ReturnType<typeof createReadConfirmations>;
