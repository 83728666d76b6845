// The must-read API (issue 17), on the state store and the server's news catalog (./catalog.ts):
//   POST /api/gelezen/:newsId                          "Gelezen": stores the confirmation with its time (idempotent;
//                                                      404 no such news, 409 the item is not must-read)
//   GET  /api/verplicht-lezen                          editors: the must-read items with their overall rate
//   GET  /api/verplicht-lezen/:newsId                  editors: the confirmation rate per department
//   GET  /api/verplicht-lezen/:newsId/niet-gelezen     editors: who in the audience has not confirmed yet, as an
//                                                      Excel-friendly CSV — the one place names appear (docs/privacy.md)
// What a colleague still has to confirm rides on /api/auth/me (withMustRead), never on the shared /api/feed.
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { TIME_ZONE } from '../../src/lib/dates.ts';
import { extendMe } from '../auth/extend-me.ts';
import { identityOf, requireLogin } from '../auth/require-identity.ts';
import { readDepartment } from '../content/items.ts';
import type { ContentDeps } from '../content/types.ts';
import type { AppEnv } from '../env.ts';
import { ApiError } from '../lib/api-error.ts';
import type { ReadConfirmations } from '../state/read-confirmations.ts';
import { toCsv } from '../signups/routes.ts';
import { isLive, type CatalogNews, type NewsCatalog } from './catalog.ts';

const LOGIN = 'Log in om te bevestigen dat je dit hebt gelezen.';
const EDITORS = 'Alleen redacteuren zien wie verplicht nieuws heeft gelezen.';
const EDITOR_LOGIN = 'Log in als redacteur om te zien wie verplicht nieuws heeft gelezen.';
const NO_STORE = { 'Cache-Control': 'private, no-store' };
/** At most this many open items ride on /api/auth/me (the oldest first: those are overdue). */
const OPEN_LIMIT = 10;

/** A must-read item a colleague still has to confirm, as the banner shows it. */
export interface OpenMustRead {
  id: string;
  titel: string;
  url: string;
  /** The deadline, ISO, or null. */
  voor: string | null;
}

const ymd = new Intl.DateTimeFormat('sv-SE', { timeZone: TIME_ZONE, dateStyle: 'short', timeStyle: 'short' });

/** The must-read items `person` is in the audience of and has not confirmed, oldest first. */
export async function openMustRead(news: NewsCatalog, confirmations: ReadConfirmations, person: string, now: number): Promise<OpenMustRead[]> {
  const mine = news.mustRead(now).filter((n) => news.audienceOf(n).has(person));
  if (!mine.length) return [];
  const done = await confirmations.confirmedBy(person, mine.map((n) => n.id));
  return mine.filter((n) => !done.has(n.id)).slice(0, OPEN_LIMIT).map((n) => ({ id: n.id, titel: n.title, url: n.url, voor: n.deadline === null ? null : new Date(n.deadline).toISOString() }));
}

/** Adds `verplichtLezen` (what the colleague still has to confirm) to /api/auth/me, the page's one personal request. */
export function withMustRead(news: NewsCatalog, confirmations: ReadConfirmations, now = () => Date.now()): MiddlewareHandler<AppEnv> {
  return extendMe('verplichtLezen', (person) => openMustRead(news, confirmations, person, now()));
}

/** Builds the must-read routes; without a state store or a news catalog they answer 503. */
export function createMustReadRoutes(deps: ContentDeps) {
  const app = new Hono<AppEnv>();
  const parts = () => {
    if (!deps.state?.readConfirmations || !deps.news) throw new ApiError(503, 'gelezen_niet_beschikbaar', 'Verplicht lezen is op deze server niet ingesteld (er is geen statusopslag).');
    return { confirmations: deps.state.readConfirmations, news: deps.news };
  };
  const now = () => deps.now().getTime();

  /** The news item behind the path: 404 when there is none on the site. */
  function newsOf(c: Context<AppEnv>): CatalogNews {
    const item = parts().news.byId(c.req.param('newsId') ?? '');
    if (!item || !isLive(item, now())) throw new ApiError(404, 'nieuws_onbekend', 'Dit nieuwsbericht bestaat niet (of is niet meer op Plein).');
    return item;
  }
  /** The must-read item behind the path, for an editor. */
  function editorsItem(c: Context<AppEnv>): CatalogNews {
    if (!identityOf(c, EDITORS).editor) throw new ApiError(403, 'niet_toegestaan', EDITORS);
    const item = newsOf(c);
    if (!item.mustRead) throw new ApiError(409, 'niet_verplicht', 'Dit nieuwsbericht is niet als verplicht lezen gemarkeerd.');
    return item;
  }
  /** The audience of an item and who of it confirmed. */
  async function tally(item: CatalogNews) {
    const audience = parts().news.audienceOf(item);
    const confirmed = await parts().confirmations.confirmedOf(item.id);
    return { audience, confirmed, read: [...audience].filter((p) => confirmed.has(p)).length };
  }
  const percent = (part: number, whole: number) => (whole ? Math.round((1000 * part) / whole) / 10 : 0);
  const summary = (item: CatalogNews) => ({ id: item.id, titel: item.title, url: item.url, voor: item.deadline === null ? null : new Date(item.deadline).toISOString(), gepubliceerd: new Date(item.publishedAt).toISOString() });

  app.post('/api/gelezen/:newsId', requireLogin(LOGIN), async (c) => {
    const who = identityOf(c, LOGIN);
    const item = newsOf(c);
    if (!item.mustRead) throw new ApiError(409, 'niet_verplicht', 'Dit nieuwsbericht is niet als verplicht lezen gemarkeerd; bevestigen dat je het las is niet nodig.');
    const { created, at } = await parts().confirmations.confirm(item.id, who.personId, now());
    return c.json({ nieuws: item.id, gelezen: new Date(at).toISOString(), nieuw: created }, created ? 201 : 200, NO_STORE);
  });

  app.get('/api/verplicht-lezen', requireLogin(EDITOR_LOGIN), async (c) => {
    if (!identityOf(c, EDITORS).editor) throw new ApiError(403, 'niet_toegestaan', EDITORS);
    const items = await Promise.all(parts().news.mustRead(now()).reverse().map(async (item) => {
      const { audience, read } = await tally(item);
      return { ...summary(item), doelgroep: audience.size, gelezen: read, percentage: percent(read, audience.size) };
    }));
    return c.json({ nieuws: items }, 200, NO_STORE);
  });

  app.get('/api/verplicht-lezen/:newsId', requireLogin(EDITOR_LOGIN), async (c) => {
    const item = editorsItem(c);
    const { audience, confirmed, read } = await tally(item);
    const perDepartment = new Map<string, { doelgroep: number; gelezen: number }>();
    for (const person of audience) {
      const department = deps.people.byId(person)?.department ?? '';
      const row = perDepartment.get(department) ?? { doelgroep: 0, gelezen: 0 };
      row.doelgroep++;
      if (confirmed.has(person)) row.gelezen++;
      perDepartment.set(department, row);
    }
    const afdelingen = await Promise.all([...perDepartment].map(async ([id, row]) => ({
      id, naam: (id && (await readDepartment(deps, id))?.name) || id || 'Zonder afdeling', ...row, percentage: percent(row.gelezen, row.doelgroep),
    })));
    afdelingen.sort((a, b) => a.percentage - b.percentage || a.naam.localeCompare(b.naam, 'nl'));
    return c.json({ ...summary(item), doelgroep: audience.size, gelezen: read, percentage: percent(read, audience.size), afdelingen }, 200, NO_STORE);
  });

  app.get('/api/verplicht-lezen/:newsId/niet-gelezen', requireLogin(EDITOR_LOGIN), async (c) => {
    const item = editorsItem(c);
    const { audience, confirmed } = await tally(item);
    const rows = [...audience].filter((p) => !confirmed.has(p)).map((p) => deps.people.byId(p)).filter((p) => p !== undefined)
      .sort((a, b) => a.department.localeCompare(b.department) || a.name.localeCompare(b.name, 'nl'));
    const csv = toCsv([['Naam', 'Afdeling', 'E-mail'], ...rows.map((p) => [p.name, p.department, p.email])]);
    const stamp = ymd.format(new Date(now())).slice(0, 10);
    return c.body(csv, 200, { ...NO_STORE, 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="niet-gelezen-${item.id.replaceAll('/', '-')}-${stamp}.csv"` });
  });

  return app;
}
