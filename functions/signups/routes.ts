// The aanmeldingen API (sign-ups for agenda items an editor opened for it), on the state store:
//   GET    /api/aanmeldingen/:id                    the event's places, counts and one's own sign-up (never cached)
//   POST   /api/aanmeldingen/:id  { antwoord? }     signs up: a place, or the waiting list when full (201; a
//                                                   second time keeps the place and changes only the answer: 200)
//   DELETE /api/aanmeldingen/:id                    cancels (idempotent); the first waiting moves up at once
//   GET    /api/aanmeldingen/:id/deelnemers         the list, for the organiser (or their department's manager)
//                                                   and editors; ?formaat=csv gives it as a file for Excel
import { Hono, type Context } from 'hono';
import { eventSchema, type Event } from '../../src/schemas/event.ts';
import { ID_PATTERN } from '../../src/schemas/common.ts';
import type { Identity } from '../auth/identity.ts';
import { identityOf, requireLogin } from '../auth/require-identity.ts';
import { JSON_LIMIT, readDepartment, readItem } from '../content/items.ts';
import type { ContentDeps } from '../content/types.ts';
import { TIME_ZONE } from '../../src/lib/dates.ts';
import type { AppEnv } from '../env.ts';
import { ApiError } from '../lib/api-error.ts';
import { notifyDirect } from '../notifications/direct.ts';
import { validJson } from '../lib/validate.ts';
import type { OwnSignup, Signups } from '../state/signups.ts';
import { signUpInput } from './input.ts';

const LOGIN = 'Log in om je aan te melden.';
const NO_STORE = { 'Cache-Control': 'private, no-store' };

type Signup = NonNullable<Event['signup']>;

/** "2026-12-05 14:05" in the organisation's time zone: Excel reads it as a date and sorts it. */
const excelTime = new Intl.DateTimeFormat('sv-SE', { timeZone: TIME_ZONE, dateStyle: 'short', timeStyle: 'short' });

/** A value as an Excel cell: quoted, and never read as a formula (a leading = + - @ gets an apostrophe). */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replaceAll('"', '""')}"`;
}

/** Rows as an Excel-friendly CSV: a byte-order mark (so Excel reads UTF-8), `;` between cells, CRLF between rows. */
export function toCsv(rows: string[][]): string {
  return `\uFEFF${rows.map((row) => row.map(csvCell).join(';')).join('\r\n')}\r\n`;
}

/** Builds the aanmeldingen routes; without a state store they answer 503. */
export function createSignupRoutes(deps: ContentDeps) {
  const app = new Hono<AppEnv>();
  const store = (): Signups => {
    if (!deps.state?.signups) throw new ApiError(503, 'aanmelden_niet_beschikbaar', 'Aanmelden is op deze server niet ingesteld (er is geen statusopslag).');
    return deps.state.signups;
  };

  /** The event behind the path, with its sign-up settings; 404 when there is none or it takes no sign-ups. */
  async function eventOf(c: Context<AppEnv>): Promise<{ id: string; event: Event; signup: Signup }> {
    const id = c.req.param('id') ?? '';
    const [path] = ID_PATTERN.test(id) && !id.includes('/') && id.length <= 200 ? (deps.paths.entryFiles('agenda', id) ?? []) : [];
    const item = path ? await readItem(deps, path, eventSchema) : undefined;
    if (!item || item.data.draft) throw new ApiError(404, 'activiteit_onbekend', 'Deze activiteit bestaat niet.');
    if (!item.data.signup) throw new ApiError(404, 'geen_aanmelding', 'Voor deze activiteit meld je je niet via Plein aan.');
    return { id, event: item.data, signup: item.data.signup };
  }

  /** Why signing up is closed now, or undefined while it is open. */
  function closedBecause(event: Event, signup: Signup): string | undefined {
    const now = deps.now().getTime();
    if (now >= event.start.getTime()) return 'De activiteit is al begonnen.';
    if (signup.deadline && now > signup.deadline.getTime()) return 'Aanmelden kon tot de sluitingsdatum.';
    return undefined;
  }

  /** Tells colleagues who moved up from the waiting list that they have a place. */
  function tellMovedUp(id: string, event: Event, people: string[]) {
    const now = deps.now().getTime();
    return notifyDirect(deps.state?.notifications, people.map((person) => ({
      person, kind: 'wachtlijst' as const, actor: null, target: { type: 'agenda', id }, title: event.title, text: null, url: `/agenda/${id}/`,
      groupKey: `wachtlijst:${id}`, source: `wachtlijst:${id}:${person}:${now}`,
    })), now);
  }

  /** The organiser (a colleague, or the manager of the organising department) and editors see who comes. */
  async function mayList(who: Identity, event: Event): Promise<boolean> {
    if (who.editor || who.personId === event.organiser) return true;
    if (deps.people.byId(event.organiser)) return false;
    return (await readDepartment(deps, event.organiser))?.manager === who.personId;
  }

  /** The answer about one event for one colleague. */
  async function describe(id: string, event: Event, signup: Signup, who: Identity, mine?: OwnSignup) {
    const signups = store();
    const [counts, own, organiser] = await Promise.all([signups.counts(id), mine ? Promise.resolve(mine) : signups.own(id, who.personId), mayList(who, event)]);
    const closed = closedBecause(event, signup);
    return {
      activiteit: id,
      plaatsen: signup.capacity,
      bevestigd: counts.confirmed,
      wachtlijst: counts.waiting,
      vrij: Math.max(0, signup.capacity - counts.confirmed),
      vraag: signup.question ?? null,
      sluit: (signup.deadline ?? event.start).toISOString(),
      open: !closed,
      ...(closed ? { gesloten: closed } : {}),
      mijn: own ? { status: own.status, antwoord: own.answer, sinds: new Date(own.at).toISOString(), ...(own.position ? { positie: own.position } : {}) } : null,
      organisator: organiser,
    };
  }

  app.get('/api/aanmeldingen/:id', requireLogin(LOGIN), async (c) => {
    const who = identityOf(c, LOGIN);
    const { id, event, signup } = await eventOf(c);
    const signups = store();
    // Places the editor added since: the waiting move up before anyone is told how full it is.
    const counts = await signups.counts(id);
    if (counts.waiting > 0 && counts.confirmed < signup.capacity) await tellMovedUp(id, event, await signups.fill(id, signup.capacity));
    return c.json(await describe(id, event, signup, who), 200, NO_STORE);
  });

  app.post('/api/aanmeldingen/:id', requireLogin(LOGIN), validJson(signUpInput, JSON_LIMIT), async (c) => {
    const who = identityOf(c, LOGIN);
    const { id, event, signup } = await eventOf(c);
    const { antwoord } = c.req.valid('json');
    const closed = closedBecause(event, signup);
    if (closed) throw new ApiError(409, 'aanmelden_gesloten', `Aanmelden is gesloten. ${closed}`);
    if (antwoord && !signup.question) throw new ApiError(422, 'ongeldige_invoer', 'antwoord: deze activiteit stelt geen vraag.');
    await deps.limiter?.take(who.personId, 'aanmelding');
    const { created, signup: mine } = await store().signUp(id, who.personId, signup.capacity, antwoord || null, deps.now().getTime());
    return c.json(await describe(id, event, signup, who, mine), created ? 201 : 200, NO_STORE);
  });

  app.delete('/api/aanmeldingen/:id', requireLogin(LOGIN), async (c) => {
    const who = identityOf(c, LOGIN);
    const { id, event, signup } = await eventOf(c);
    if (deps.now().getTime() >= event.start.getTime()) throw new ApiError(409, 'activiteit_begonnen', 'De activiteit is al begonnen; afmelden kan niet meer via Plein. Laat het de organisator weten.');
    await deps.limiter?.take(who.personId, 'aanmelding');
    // Who moves up moves in the same unit, and is told.
    const { removed, promoted } = await store().cancel(id, who.personId, signup.capacity);
    await tellMovedUp(id, event, promoted);
    return c.json({ afgemeld: removed, ...(await describe(id, event, signup, who)) }, 200, NO_STORE);
  });

  app.get('/api/aanmeldingen/:id/deelnemers', requireLogin(LOGIN), async (c) => {
    const who = identityOf(c, LOGIN);
    const { id, event, signup } = await eventOf(c);
    if (!(await mayList(who, event))) throw new ApiError(403, 'niet_toegestaan', 'Alleen de organisator en redacteuren zien wie zich heeft aangemeld.');
    const format = c.req.query('formaat') ?? 'json';
    if (format !== 'json' && format !== 'csv') throw new ApiError(422, 'ongeldige_invoer', 'formaat: moet json of csv zijn.');
    const rows = (await store().list(id)).map((r) => {
      const person = deps.people.byId(r.person);
      return { id: r.person, naam: person?.name ?? 'Oud-collega', afdeling: person?.department ?? null, email: person?.email ?? null, status: r.status, antwoord: r.answer, sinds: new Date(r.at).toISOString() };
    });
    if (format === 'json') return c.json({ activiteit: id, titel: event.title, plaatsen: signup.capacity, vraag: signup.question ?? null, deelnemers: rows }, 200, NO_STORE);
    const header = ['Naam', 'Afdeling', 'E-mail', 'Status', 'Aangemeld op', ...(signup.question ? [signup.question] : [])];
    const csv = toCsv([
      header,
      ...rows.map((r) => [r.naam, r.afdeling ?? '', r.email ?? '', r.status === 'bevestigd' ? 'Bevestigd' : 'Wachtlijst', excelTime.format(new Date(r.sinds)), ...(signup.question ? [r.antwoord ?? ''] : [])]),
    ]);
    return c.body(csv, 200, { ...NO_STORE, 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="aanmeldingen-${id}.csv"` });
  });

  return app;
}
