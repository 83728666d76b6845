// The peilingen API (polls in posts), votes in the state store:
//   POST /api/peilingen/:id/stem  { keuzes: [n, …] }  votes, or changes one's vote (empty: takes it back) until it closes
//   GET  /api/peilingen?berichten=ID,…                 per poll of a page, in one request: how many voted, one's own
//                                                      choices, and the counts per option once this colleague may see
//                                                      them (after voting or after closing, as the author chose)
// Votes are anonymous to colleagues: no route says who voted what. Never cached (one's own vote is personal).
import { Hono } from 'hono';
import { postSchema, type Poll } from '../../src/schemas/post.ts';
import { identityOf, requireLogin } from '../auth/require-identity.ts';
import { JSON_LIMIT, readItem } from '../content/items.ts';
import type { ContentDeps } from '../content/types.ts';
import type { AppEnv } from '../env.ts';
import { ApiError } from '../lib/api-error.ts';
import { isUlid } from '../lib/ulid.ts';
import { validJson, validQuery } from '../lib/validate.ts';
import type { Polls } from '../state/polls.ts';
import { resultsQuery, voteInput } from './input.ts';

const LOGIN = 'Log in om te stemmen.';
const NO_STORE = { 'Cache-Control': 'private, no-store' };
const NO_POLL = 'Dit bericht heeft geen peiling.';

/** What one colleague sees of one poll. */
export interface PollView {
  stemmers: number;
  mijn: number[];
  gesloten: boolean;
  /** Votes per option, by position; null while this colleague may not see them yet. */
  uitslag: number[] | null;
}

/** Builds the peilingen routes; without a state store they answer 503. */
export function createPollRoutes(deps: ContentDeps) {
  const app = new Hono<AppEnv>();
  const store = (): Polls => {
    if (!deps.state?.polls) throw new ApiError(503, 'peilingen_niet_beschikbaar', 'Peilingen zijn op deze server niet ingesteld (er is geen statusopslag).');
    return deps.state.polls;
  };
  const isClosed = (poll: Poll) => !!poll.closes && deps.now().getTime() >= poll.closes.getTime();

  /** The poll of a post, or undefined when the post does not exist or has none; hidden posts count as gone. */
  async function pollOf(id: string): Promise<{ poll: Poll; hidden: boolean } | undefined> {
    if (!isUlid(id)) return undefined;
    const item = await readItem(deps, deps.paths.post(id), postSchema).catch(() => undefined);
    if (!item?.data.poll) return undefined;
    return { poll: item.data.poll, hidden: !!item.data.hidden };
  }

  function view(poll: Poll, counts: { options: Record<number, number>; voters: number } | undefined, mine: number[]): PollView {
    const gesloten = isClosed(poll);
    const visible = gesloten || (poll.results === 'na-stemmen' && mine.length > 0);
    return {
      stemmers: counts?.voters ?? 0,
      mijn: mine,
      gesloten,
      uitslag: visible ? poll.options.map((_, i) => counts?.options[i] ?? 0) : null,
    };
  }

  app.post('/api/peilingen/:id/stem', requireLogin(LOGIN), validJson(voteInput, JSON_LIMIT), async (c) => {
    const who = identityOf(c, LOGIN);
    const id = c.req.param('id');
    const { keuzes } = c.req.valid('json');
    const found = await pollOf(id);
    if (!found) throw new ApiError(404, 'peiling_onbekend', NO_POLL);
    const { poll, hidden } = found;
    if (hidden) throw new ApiError(409, 'verborgen', 'Dit bericht is verborgen; je kunt niet meer stemmen.');
    if (isClosed(poll)) throw new ApiError(409, 'peiling_gesloten', 'Deze peiling is gesloten; stemmen of je stem veranderen kan niet meer.');
    if (keuzes.some((k) => k >= poll.options.length)) throw new ApiError(422, 'ongeldige_invoer', `keuzes: deze peiling heeft ${poll.options.length} keuzes (0 tot en met ${poll.options.length - 1}).`);
    if (!poll.multiple && keuzes.length > 1) throw new ApiError(422, 'ongeldige_invoer', 'keuzes: bij deze peiling kies je één antwoord.');
    await deps.limiter?.take(who.personId, 'stem');
    const polls = store();
    await polls.vote(id, who.personId, keuzes, deps.now().getTime());
    const counts = (await polls.counts([id])).get(id);
    return c.json({ bericht: id, ...view(poll, counts, [...keuzes].sort((a, b) => a - b)) }, 200, NO_STORE);
  });

  app.get('/api/peilingen', requireLogin(LOGIN), validQuery(resultsQuery), async (c) => {
    const who = identityOf(c, LOGIN);
    const ids = c.req.valid('query').berichten;
    const polls = store();
    const [found, counts, mine] = await Promise.all([Promise.all(ids.map(async (id) => [id, await pollOf(id)] as const)), polls.counts(ids), polls.mine(who.personId, ids)]);
    const peilingen: Record<string, PollView> = {};
    for (const [id, f] of found) if (f && !f.hidden) peilingen[id] = view(f.poll, counts.get(id), mine.get(id) ?? []);
    return c.json({ peilingen }, 200, NO_STORE);
  });

  return app;
}
