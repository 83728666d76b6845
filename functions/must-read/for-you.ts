// "Voor jou" on the home page (issue 17), one personal request (never cached, never the shared /api/feed):
//   GET /api/voor-jou   the must-read items still to confirm, the news (aimed at the colleague's audience first), the
//                       latest posts in their groups, their sign-ups for what is still to come, and the coming agenda
//                       items aimed at them (an audience that is not everyone) that they did not sign up for.
// Targeted news and agenda items stay visible to everyone who looks for them; here they are pushed to their audience.
import { Hono } from 'hono';
import { identityOf, requireLogin } from '../auth/require-identity.ts';
import type { ContentDeps } from '../content/types.ts';
import type { AppEnv } from '../env.ts';
import { ApiError } from '../lib/api-error.ts';
import { inAudience } from '../notifications/audience.ts';
import { MEMBER } from '../state/memberships.ts';
import { openMustRead } from './routes.ts';

const LOGIN = 'Log in om te zien wat er voor jou is.';
const NO_STORE = { 'Cache-Control': 'private, no-store' };
/** How many of each kind the home page shows. */
const LIMIT = 5;
/** Posts older than this are not "latest". */
const POSTS_SINCE_MS = 30 * 24 * 60 * 60 * 1000;
/** Agenda items further ahead than this are not pushed yet. */
const AGENDA_AHEAD_MS = 60 * 24 * 60 * 60 * 1000;

/** Builds the "Voor jou" route; without a state store or the news catalog it answers 503. */
export function createForYouRoutes(deps: ContentDeps) {
  const app = new Hono<AppEnv>();

  app.get('/api/voor-jou', requireLogin(LOGIN), async (c) => {
    const who = identityOf(c, LOGIN);
    const { news, state } = deps;
    if (!news || !state?.readConfirmations || !state.memberships || !state.signups) throw new ApiError(503, 'voor_jou_niet_beschikbaar', '‘Voor jou’ is op deze server niet ingesteld (er is geen statusopslag).');
    const now = deps.now().getTime();
    const [verplichtLezen, groups, signups] = await Promise.all([
      openMustRead(news, state.readConfirmations, who.personId, now),
      state.memberships.ofPerson(who.personId),
      state.signups.ofPerson(who.personId),
    ]);
    const open = new Set(verplichtLezen.map((n) => n.id));
    const forMe = (n: (ReturnType<typeof news.live>)[number]) => n.audience !== 'iedereen' && news.audienceOf(n).has(who.personId);
    const live = news.live(now).filter((n) => !open.has(n.id));
    const nieuws = [...live.filter(forMe), ...live.filter((n) => !forMe(n))].slice(0, LIMIT)
      .map((n) => ({ id: n.id, titel: n.title, url: n.url, op: new Date(n.publishedAt).toISOString(), voorJou: forMe(n) }));

    const recent = news.recent?.();
    const mine = new Set(groups.filter((g) => g.status === MEMBER).map((g) => g.group));
    const berichten = (recent?.posts ?? []).filter((p) => mine.has(p.group) && p.at >= now - POSTS_SINCE_MS).sort((a, b) => b.at - a.at).slice(0, LIMIT).map((p) => ({
      id: p.id, groep: recent!.groupNames.get(p.group) ?? p.group, groepUrl: `/groepen/${p.group}/`, auteur: deps.people.byId(p.author)?.name ?? 'Oud-collega',
      tekst: p.excerpt, url: `/berichten/${p.id}/`, op: new Date(p.at).toISOString(),
    }));
    const events = new Map((recent?.events ?? []).map((e) => [e.id, e]));
    const aanmeldingen = signups.flatMap((s) => {
      const event = events.get(s.eventId);
      return event && event.start > now ? [{ id: event.id, titel: event.title, url: `/agenda/${event.id}/`, start: new Date(event.start).toISOString(), status: s.status }] : [];
    }).sort((a, b) => a.start.localeCompare(b.start)).slice(0, LIMIT);
    const signedUp = new Set(signups.map((s) => s.eventId));
    const person = deps.people.byId(who.personId);
    const agenda = (recent?.events ?? [])
      .filter((e) => e.start > now && e.start <= now + AGENDA_AHEAD_MS && !signedUp.has(e.id) && e.audience !== 'iedereen' && inAudience(e.audience, person))
      .sort((a, b) => a.start - b.start || a.id.localeCompare(b.id)).slice(0, LIMIT)
      .map((e) => ({ id: e.id, titel: e.title, url: `/agenda/${e.id}/`, start: new Date(e.start).toISOString(), locatie: e.location }));
    return c.json({ verplichtLezen, nieuws, berichten, aanmeldingen, agenda }, 200, NO_STORE);
  });

  return app;
}
