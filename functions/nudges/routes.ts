// The editors' "vraag van de week" (issue 17): a recurring question posted on the timeline at a set weekday and time,
// under the name of the editor who saved it, by the Node server's scheduler (functions/nudges/scheduler.ts).
//   GET    /api/beheer/vraag-van-de-week        the scheduled questions, with when each is posted next
//   POST   /api/beheer/vraag-van-de-week        schedules one (201)
//   PUT    /api/beheer/vraag-van-de-week/:id    changes one (the saving editor becomes its author)
//   DELETE /api/beheer/vraag-van-de-week/:id    removes one (204)
// Editors only (403 for other colleagues); personal to the team, never cached.
import { Hono, type Context } from 'hono';
import type { Identity } from '../auth/identity.ts';
import { identityOf, requireLogin } from '../auth/require-identity.ts';
import { JSON_LIMIT } from '../content/items.ts';
import type { ContentDeps } from '../content/types.ts';
import type { AppEnv } from '../env.ts';
import { ApiError } from '../lib/api-error.ts';
import { createUlid, isUlid } from '../lib/ulid.ts';
import { validJson } from '../lib/validate.ts';
import type { Nudge, Nudges } from '../state/nudges.ts';
import { nudgeInput } from './input.ts';
import { nextOccurrence } from './occurrence.ts';

/** Most questions scheduled at once: a nudge, not a content calendar. */
export const MAX_NUDGES = 10;

const NO_STORE = { 'Cache-Control': 'private, no-store' };
const LOGIN = 'Log in als redacteur om de vraag van de week te plannen.';

/** Builds the vraag-van-de-week routes. */
export function createNudgeRoutes(deps: ContentDeps) {
  const app = new Hono<AppEnv>();
  const nudges = (): Nudges => {
    if (!deps.state?.nudges) throw new ApiError(503, 'vraag_niet_beschikbaar', 'De vraag van de week is op deze server niet ingesteld (er is geen statusopslag).');
    return deps.state.nudges;
  };
  const editor = (c: Context<AppEnv>): Identity => {
    const who = identityOf(c, LOGIN);
    if (!who.editor) throw new ApiError(403, 'niet_toegestaan', 'Alleen redacteuren plannen de vraag van de week.');
    return who;
  };
  const view = (n: Nudge) => ({
    id: n.id,
    tekst: n.text,
    weekdag: n.weekday,
    tijd: n.time,
    aan: n.enabled,
    auteur: { id: n.author.id, naam: n.author.name },
    volgende: n.enabled ? new Date(nextOccurrence(n.weekday, n.time, deps.now())).toISOString() : null,
  });
  const known = async (id: string) => {
    const found = isUlid(id) ? await nudges().get(id) : undefined;
    if (!found) throw new ApiError(404, 'vraag_onbekend', 'Deze vraag van de week bestaat niet.');
    return found;
  };
  const save = (id: string, who: Identity, input: { tekst: string; weekdag: number; tijd: string; aan: boolean }) =>
    nudges().save({ id, text: input.tekst, weekday: input.weekdag, time: input.tijd, enabled: input.aan, author: { id: who.personId, name: who.name, email: who.email } }, deps.now().getTime());

  app.get('/api/beheer/vraag-van-de-week', requireLogin(LOGIN), async (c) => {
    editor(c);
    return c.json({ vragen: (await nudges().list()).map(view) }, 200, NO_STORE);
  });

  app.post('/api/beheer/vraag-van-de-week', requireLogin(LOGIN), async (c, next) => (editor(c), next()), validJson(nudgeInput, JSON_LIMIT), async (c) => {
    const who = editor(c);
    if ((await nudges().list()).length >= MAX_NUDGES) throw new ApiError(409, 'te_veel_vragen', `Er staan al ${MAX_NUDGES} vragen gepland. Verwijder er eerst een.`);
    const saved = await save(createUlid(deps.now().getTime()), who, c.req.valid('json'));
    return c.json({ vraag: view(saved) }, 201, NO_STORE);
  });

  app.put('/api/beheer/vraag-van-de-week/:id', requireLogin(LOGIN), async (c, next) => (editor(c), next()), validJson(nudgeInput, JSON_LIMIT), async (c) => {
    const who = editor(c);
    const found = await known(c.req.param('id'));
    return c.json({ vraag: view(await save(found.id, who, c.req.valid('json'))) }, 200, NO_STORE);
  });

  app.delete('/api/beheer/vraag-van-de-week/:id', requireLogin(LOGIN), async (c) => {
    editor(c);
    const found = await known(c.req.param('id'));
    await nudges().remove(found.id);
    return c.body(null, 204);
  });

  return app;
}
