// Posts each scheduled "vraag van de week" (issue 17) at its time, on the timeline, under the name of the editor who
// scheduled it, through the same commit as POST /api/berichten (content store + outbox, so the feed, the fan-out and
// the next build see an ordinary post). Each occurrence is claimed in the state store before it is written (one
// server, once, also after a restart); a write that fails gives the claim back for the next round. An occurrence
// missed by more than MAX_LATE_MS (the server was down) is skipped rather than posted late.
import { randomUUID } from 'node:crypto';
import { postSchema } from '../../src/schemas/post.ts';
import { commitNewItem } from '../content/items.ts';
import type { ContentPaths } from '../content/paths.ts';
import type { PeopleLookup } from '../content/people.ts';
import { startLockedLoop } from '../notifications/locked-loop.ts';
import type { Nudges } from '../state/nudges.ts';
import type { StateStore } from '../state/store.ts';
import type { ContentStore } from '../store/types.ts';
import { lastOccurrence } from './occurrence.ts';

/** How late an occurrence may still be posted. */
export const MAX_LATE_MS = 6 * 60 * 60_000;

/** What the scheduler needs. */
export interface NudgeDeps {
  nudges: Nudges;
  store: ContentStore;
  paths: ContentPaths;
  people: PeopleLookup;
  now: () => Date;
}

/** Posts the questions that are due now; gives the ids of the posts written. */
export async function postDueNudges(deps: NudgeDeps): Promise<string[]> {
  const posted: string[] = [];
  const now = deps.now();
  for (const nudge of await deps.nudges.list()) {
    if (!nudge.enabled) continue;
    const slot = lastOccurrence(nudge.weekday, nudge.time, now);
    if (nudge.lastSlot !== null && slot <= nudge.lastSlot) continue;
    if (!(await deps.nudges.claim(nudge.id, slot))) continue;
    // Too late, or the editor is no longer a colleague: this occurrence is handled without a post.
    if (now.getTime() - slot > MAX_LATE_MS || !deps.people.byId(nudge.author.id)) continue;
    try {
      const { id } = await commitNewItem(deps, nudge.author, 'bericht', (_id, created) => ({ data: { author: nudge.author.id, created: created.toISOString() }, schema: postSchema, text: nudge.text }), () => [
        `Plein-Vraag-van-de-week: ${nudge.id} ${new Date(slot).toISOString()}`,
      ]);
      posted.push(id);
    } catch (err) {
      await deps.nudges.release(nudge.id, slot, nudge.lastSlot);
      throw err;
    }
  }
  return posted;
}

/** Runs postDueNudges every `periodMs` on one server at a time (lock 'vraag-van-de-week'); gives the stop function. */
export function startNudges(state: StateStore, deps: Omit<NudgeDeps, 'nudges' | 'now'> & { now?: () => Date; periodMs?: number; warn?: (m: string) => void }): () => Promise<void> {
  const warn = deps.warn ?? ((m: string) => console.warn(m));
  const lock = state.flushLock('vraag-van-de-week', `vraag-${randomUUID()}`);
  const step = async () => void (await postDueNudges({ ...deps, nudges: state.nudges, now: deps.now ?? (() => new Date()) }));
  return startLockedLoop(lock, step, { periodMs: deps.periodMs ?? 30_000, onFailure: (err) => warn(`Plein: de vraag van de week plaatsen mislukt: ${err.message}`) });
}
