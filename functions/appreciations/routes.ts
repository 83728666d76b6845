// The waarderingen API (reactions on posts, comments and news), on the state store:
//   POST /api/waarderingen            { doel: {type, id}, soort, aan }  gives or takes back one (idempotent)
//   GET  /api/waarderingen?doelen=…   counts of many items and one's own, in one request per page (never cached:
//                                      one's own are personal, so they never come from the shared /api/feed)
//   GET  /api/waarderingen/wie?doel=… who gave which, by name (colleagues only)
import { Hono } from 'hono';
import { postSchema } from '../../src/schemas/post.ts';
import type { AppreciationTarget, Appreciations } from '../state/appreciations.ts';
import { targetKey } from '../state/appreciations.ts';
import { identityOf, requireLogin } from '../auth/require-identity.ts';
import { JSON_LIMIT, readItem } from '../content/items.ts';
import type { ContentDeps } from '../content/types.ts';
import type { AppEnv } from '../env.ts';
import { ApiError } from '../lib/api-error.ts';
import { isUlid } from '../lib/ulid.ts';
import { validJson, validQuery } from '../lib/validate.ts';
import { countsQuery, setAppreciationInput, whoQuery } from './input.ts';

const LOGIN = 'Log in om waarderingen te zien of te geven.';
const NO_STORE = { 'Cache-Control': 'private, no-store' };
/** How long a target's existence and hidden flag are trusted without reading its file again. */
const TARGET_CACHE_MS = 2000;
const TARGET_CACHE_SIZE = 5000;
type TargetState = 'found' | 'missing' | 'hidden';

/** The files an item of a target type may live in; undefined when the id cannot name one. */
function filesOf(deps: ContentDeps, target: AppreciationTarget): string[] | undefined {
  if (target.type === 'bericht') return isUlid(target.id) ? [deps.paths.post(target.id)] : undefined;
  if (target.type === 'reactie') return isUlid(target.id) ? [deps.paths.comment(target.id)] : undefined;
  return deps.paths.targetFiles('nieuws', target.id);
}

/** Builds the waarderingen routes; without a state store they answer 503. */
export function createAppreciationRoutes(deps: ContentDeps) {
  const app = new Hono<AppEnv>();
  const store = (): Appreciations => {
    if (!deps.state?.appreciations) throw new ApiError(503, 'waarderingen_niet_beschikbaar', 'Waarderingen zijn op deze server niet ingesteld (er is geen statusopslag).');
    return deps.state.appreciations;
  };

  // Whether a target exists (and, for a post, is hidden), kept for a moment: a popular post gets many waarderingen
  // a second, and reading its file for each costs more than the waardering. A write through this server ends the
  // moment (the store's change counter); one through another server is seen within TARGET_CACHE_MS.
  const targets = new Map<string, { at: number; changes: number; state: Promise<TargetState> }>();
  async function lookUp(doel: AppreciationTarget): Promise<TargetState> {
    let found = false;
    for (const path of filesOf(deps, doel) ?? []) if (await deps.store.exists(path)) found = true;
    if (!found) return 'missing';
    if (doel.type === 'bericht' && (await readItem(deps, deps.paths.post(doel.id), postSchema))?.data.hidden) return 'hidden';
    return 'found';
  }
  function targetState(doel: AppreciationTarget): Promise<TargetState> {
    const key = targetKey(doel);
    const now = Date.now();
    const changes = deps.store.changes?.() ?? 0;
    const hit = targets.get(key);
    if (hit && now - hit.at < TARGET_CACHE_MS && hit.changes === changes) return hit.state;
    const state = lookUp(doel);
    targets.delete(key);
    targets.set(key, { at: now, changes, state });
    if (targets.size > TARGET_CACHE_SIZE) targets.delete(targets.keys().next().value!);
    state.catch(() => targets.delete(key));
    return state;
  }

  app.post('/api/waarderingen', requireLogin(LOGIN), validJson(setAppreciationInput, JSON_LIMIT), async (c) => {
    const who = identityOf(c, LOGIN);
    const { doel, soort, aan } = c.req.valid('json');
    const appreciations = store();
    if (aan) {
      // Taking one back needs no item (it may be deleted since); giving one does.
      const state = await targetState(doel);
      if (state === 'missing') throw new ApiError(404, 'doel_onbekend', 'Het item dat je wilt waarderen bestaat niet.');
      if (state === 'hidden') throw new ApiError(409, 'verborgen', 'Dit bericht is verborgen; je kunt het niet meer waarderen.');
    }
    await deps.limiter?.take(who.personId, 'waardering');
    const counts = await appreciations.set(who.personId, doel, soort, aan);
    return c.json({ doel, soort, aan, aantallen: counts }, 200, NO_STORE);
  });

  app.get('/api/waarderingen', requireLogin(LOGIN), validQuery(countsQuery), async (c) => {
    const who = identityOf(c, LOGIN);
    const targets = c.req.valid('query').doelen;
    const appreciations = store();
    const [counts, mine] = await Promise.all([appreciations.counts(targets), appreciations.mine(who.personId, targets)]);
    return c.json({ aantallen: Object.fromEntries(counts), mijn: Object.fromEntries(mine) }, 200, NO_STORE);
  });

  app.get('/api/waarderingen/wie', requireLogin(LOGIN), validQuery(whoQuery), async (c) => {
    identityOf(c, LOGIN);
    const rows = await store().who(c.req.valid('query').doel);
    // A colleague who left (no longer in the directory) is counted but not named.
    const wie = rows.map((r) => ({ soort: r.kind, id: r.person, naam: deps.people.byId(r.person)?.name ?? null }));
    return c.json({ wie }, 200, NO_STORE);
  });

  return app;
}
