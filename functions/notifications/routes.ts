// Notifications and following (issue 14), all per person and never cached:
//   GET  /api/meldingen[?voor=<id>]             one's notifications, newest first, grouped ("3 reacties op je bericht")
//   GET  /api/meldingen?formaat=html            the same as a plain page that works without JavaScript
//   GET  /api/meldingen/aantal                  the unread count (the bell also gets it from /api/auth/me)
//   POST /api/meldingen/gelezen                 { ids } or { alles: true } (or the plain page's form) marks read
//   GET  /api/meldingen/instellingen            one's settings per kind × channel, digest and quiet hours
//   PUT  /api/meldingen/instellingen            saves them
//   GET  /api/volgen?doelen=groep:x,bericht:y   what one follows among those (max 100)
//   PUT  /api/volgen                            { doel: { type, id }, volgen } follows or stops following
// The notifications themselves are written by the fan-out (functions/notifications/fanout.ts), never in a request
// that posts; a few single ones (a waiting-list place, an invitation, a decided proposal) by their routes.
import { extendMe } from '../auth/extend-me.ts';
import { Hono, type MiddlewareHandler } from 'hono';
import { identityOf, requireLogin } from '../auth/require-identity.ts';
import { JSON_LIMIT, readGroup } from '../content/items.ts';
import type { ContentDeps } from '../content/types.ts';
import type { AppEnv } from '../env.ts';
import { ApiError } from '../lib/api-error.ts';
import { escapeHtml, loginLink, sendIdentityPage } from '../auth/identity-pages.ts';
import { isUlid } from '../lib/ulid.ts';
import { checkInput, validJson } from '../lib/validate.ts';
import { MEMBER } from '../state/memberships.ts';
import type { FollowTarget, Notifications, StoredNotification } from '../state/notifications.ts';
import { FOLLOW_TYPES, followInput, readInput, settingsInput } from './input.ts';
import { KIND_LABELS, withDefaults, type NotificationSettings } from './kinds.ts';

const LOGIN = 'Log in om je meldingen te zien.';
const NO_STORE = { 'Cache-Control': 'private, no-store' };
const PAGE = 30;
const MAX_TARGETS = 100;

/** One line of the list: notifications with the same group key shown together. */
export interface NotificationView {
  id: string;
  ids: string[];
  soort: string;
  tekst: string;
  url: string;
  actor: { id: string; naam: string } | null;
  aantal: number;
  gelezen: boolean;
  op: string;
}

const quoted = (title: string | null) => (title ? ` ‘${title}’` : '');

/** The Dutch sentence for a group of notifications of one kind. */
export function sentence(kind: string, items: StoredNotification[], name: (id: string | null) => string): string {
  const first = items[0];
  const n = items.length;
  const actor = name(first.actor);
  const actors = [...new Set(items.map((i) => i.actor))];
  const who = actors.length > 1 ? `${actor} en ${actors.length - 1} ${actors.length === 2 ? 'ander' : 'anderen'}` : actor;
  const what = first.groupKey.includes(':reactie:') || first.target.type !== 'bericht' ? 'een reactie' : 'een bericht';
  switch (kind) {
    case 'vermelding':
      return `${actor} noemde je in ${what}${quoted(first.title)}`;
    case 'reactie-op-bericht':
      return n > 1 ? `${n} reacties op je bericht${quoted(first.title)} (van ${who})` : `${actor} reageerde op je bericht${quoted(first.title)}`;
    case 'reactie-gevolgd':
      return n > 1 ? `${n} nieuwe reacties op${quoted(first.title) || ' iets'} dat je volgt` : `${actor} reageerde op${quoted(first.title) || ' iets'} dat je volgt`;
    case 'reactie-op-pagina':
      return n > 1 ? `${n} reacties onder je pagina${quoted(first.title)}` : `${actor} reageerde onder je pagina${quoted(first.title)}`;
    case 'nieuw-in-groep':
      return n > 1 ? `${n} nieuwe berichten in ${first.title ?? 'een groep die je volgt'}` : `${actor} plaatste een bericht in ${first.title ?? 'een groep die je volgt'}`;
    case 'nieuw-van-collega':
      return n > 1 ? `${n} nieuwe berichten van ${actor}` : `${actor} plaatste een bericht${quoted(first.title)}`;
    case 'verborgen':
      return `Een moderator heeft je ${first.url.includes('#reactie-') ? 'reactie' : 'bericht'} verborgen${first.text ? `. Reden: ${first.text}` : ''}`;
    case 'wachtlijst':
      return `Je hebt een plaats gekregen voor${quoted(first.title) || ' een activiteit'}: je stond op de wachtlijst`;
    case 'uitnodiging':
      return `${actor} nodigde je uit voor de besloten groep ${first.title ?? ''}`.trim();
    case 'pagina-gewijzigd':
      return n > 1 ? `De pagina${quoted(first.title)} die je volgt is ${n} keer bijgewerkt` : `De pagina${quoted(first.title)} die je volgt is bijgewerkt`;
    case 'voorstel-besloten':
      return first.text === 'overgenomen'
        ? `Je voorgestelde wijziging van${quoted(first.title) || ' een pagina'} is overgenomen`
        : `Je voorgestelde wijziging van${quoted(first.title) || ' een pagina'} is gesloten zonder dat hij is overgenomen`;
    case 'nieuws-melding':
      return `Nieuws${first.title ? `: ${first.title}` : ''}`;
    case 'agenda-melding':
      return `In de agenda${first.title ? `: ${first.title}` : ''}${first.text ? ` (${first.text})` : ''}`;
    case 'melding-beoordeeld': {
      const item = what === 'een reactie' ? 'De reactie die je meldde' : 'Het bericht dat je meldde';
      if (first.text === 'verborgen') return `${item} is door een moderator verborgen. Dank je wel voor het melden.`;
      if (first.text === 'verwijderd') return `${item} is inmiddels verwijderd.`;
      return `${item}${quoted(first.title)} is door een moderator bekeken en blijft staan.`;
    }
    default:
      return first.text ?? first.title ?? 'Nieuwe melding';
  }
}

/** Groups a page of notifications (newest first) by their key, keeping the order of each group's newest. */
export function groupNotifications(items: StoredNotification[], name: (id: string | null) => string): NotificationView[] {
  const groups = new Map<string, StoredNotification[]>();
  for (const item of items) {
    // Read and unread ones are not mixed: what is new stays visible as new.
    const k = `${item.kind}\u0000${item.groupKey}\u0000${item.readAt === null ? 'u' : 'r'}`;
    groups.set(k, [...(groups.get(k) ?? []), item]);
  }
  return [...groups.values()].map((g) => ({
    id: g[0].id,
    ids: g.map((i) => i.id),
    soort: g[0].kind,
    tekst: sentence(g[0].kind, g, name),
    url: g[0].url,
    actor: g[0].actor ? { id: g[0].actor, naam: name(g[0].actor) } : null,
    aantal: g.length,
    gelezen: g.every((i) => i.readAt !== null),
    op: new Date(g[0].at).toISOString(),
  }));
}

/** Adds `meldingen` (the unread count) to /api/auth/me: the bell needs no request of its own. */
export function withUnreadCount(notifications: Notifications): MiddlewareHandler<AppEnv> {
  return extendMe('meldingen', (person) => notifications.unread(person));
}

/** Builds the notification and follow routes; without a state store they answer 503. */
export function createNotificationRoutes(deps: ContentDeps) {
  const app = new Hono<AppEnv>();
  const store = (): Notifications => {
    if (!deps.state?.notifications) throw new ApiError(503, 'meldingen_niet_beschikbaar', 'Meldingen zijn op deze server niet ingesteld (er is geen statusopslag).');
    return deps.state.notifications;
  };
  const name = (id: string | null) => (id ? (deps.people.byId(id)?.name ?? 'Oud-collega') : 'Plein');

  async function page(person: string, before?: string) {
    const items = await store().inbox(person, PAGE + 1, before);
    const more = items.length > PAGE ? items[PAGE - 1].id : null;
    return { ongelezen: await store().unread(person), meldingen: groupNotifications(items.slice(0, PAGE), name), meer: more };
  }

  app.get('/api/meldingen', async (c) => {
    const html = c.req.query('formaat') === 'html';
    const who = c.get('identity');
    if (html && !who) return sendIdentityPage(c, { status: 401, title: 'Meldingen', text: 'Log in om je meldingen te zien.', html: loginLink('/meldingen/') });
    const me = identityOf(c, LOGIN);
    const before = c.req.query('voor');
    if (before !== undefined && !isUlid(before)) throw new ApiError(422, 'ongeldige_invoer', 'voor moet de id van een melding zijn.');
    const result = await page(me.personId, before);
    if (!html) return c.json(result, 200, NO_STORE);
    const list = result.meldingen.length
      ? `<ul>${result.meldingen.map((m) => `<li>${m.gelezen ? '' : '<strong>Nieuw:</strong> '}<a href="${escapeHtml(m.url)}">${escapeHtml(m.tekst)}</a> <small>(${escapeHtml(new Date(m.op).toLocaleString('nl-NL', { timeZone: 'Europe/Amsterdam' }))})</small></li>`).join('')}</ul>`
      : '<p>Je hebt nog geen meldingen.</p>';
    const form = result.ongelezen ? '<form method="post" action="/api/meldingen/gelezen"><input type="hidden" name="alles" value="1"><button type="submit">Alles als gelezen markeren</button></form>' : '';
    const more = result.meer ? `<p><a href="/api/meldingen?formaat=html&amp;voor=${escapeHtml(result.meer)}">Oudere meldingen</a></p>` : '';
    return sendIdentityPage(c, { status: 200, title: 'Meldingen', text: `${result.ongelezen} ongelezen.`, html: `${form}${list}${more}<p><a href="/">Terug naar Plein</a></p>` });
  });

  app.get('/api/meldingen/aantal', requireLogin(LOGIN), async (c) => {
    const me = identityOf(c, LOGIN);
    return c.json({ ongelezen: await store().unread(me.personId) }, 200, NO_STORE);
  });

  app.post('/api/meldingen/gelezen', requireLogin(LOGIN), async (c) => {
    const me = identityOf(c, LOGIN);
    const type = c.req.header('content-type') ?? '';
    if (/^application\/x-www-form-urlencoded/i.test(type)) {
      // The plain page's button: everything read, then back to the list.
      const form = await c.req.parseBody();
      if (form.alles !== '1') throw new ApiError(422, 'ongeldige_invoer', 'Kies welke meldingen gelezen zijn.');
      await store().markRead(me.personId, 'alles', deps.now().getTime());
      return c.redirect('/api/meldingen?formaat=html', 303);
    }
    const body = checkInput(readInput, await c.req.json().catch(() => {
      throw new ApiError(400, 'ongeldige_json', 'Stuur JSON.');
    }));
    await store().markRead(me.personId, 'alles' in body ? 'alles' : body.ids, deps.now().getTime());
    return c.json({ ongelezen: await store().unread(me.personId) }, 200, NO_STORE);
  });

  app.get('/api/meldingen/instellingen', requireLogin(LOGIN), async (c) => {
    const me = identityOf(c, LOGIN);
    return c.json({ ...(await store().settings(me.personId)), labels: KIND_LABELS }, 200, NO_STORE);
  });

  app.put('/api/meldingen/instellingen', requireLogin(LOGIN), validJson(settingsInput, JSON_LIMIT), async (c) => {
    const me = identityOf(c, LOGIN);
    await deps.limiter?.take(me.personId, 'aanpassing');
    const settings = withDefaults(c.req.valid('json') as Partial<NotificationSettings>);
    await store().saveSettings(me.personId, settings, deps.now().getTime());
    return c.json({ ...settings, labels: KIND_LABELS }, 200, NO_STORE);
  });

  /** Whether `target` exists for `person` (a private group only for its members). */
  async function exists(target: FollowTarget, person: string): Promise<boolean> {
    switch (target.type) {
      case 'groep':
        if (target.id.startsWith('p-')) return (await deps.state?.privateGroups?.member(target.id, person))?.status === MEMBER;
        return !!(await readGroup(deps, target.id));
      case 'collega':
        return !!deps.people.byId(target.id);
      case 'bericht':
        return isUlid(target.id) && (await deps.store.exists(deps.paths.post(target.id)));
      default: {
        const files = deps.paths.targetFiles(target.type as 'kennis' | 'nieuws' | 'agenda', target.id) ?? [];
        for (const f of files) if (await deps.store.exists(f)) return true;
        return false;
      }
    }
  }

  app.get('/api/volgen', requireLogin(LOGIN), async (c) => {
    const me = identityOf(c, LOGIN);
    const raw = (c.req.query('doelen') ?? '').split(',').filter(Boolean);
    if (!raw.length || raw.length > MAX_TARGETS) throw new ApiError(422, 'ongeldige_invoer', `doelen: geef 1 tot ${MAX_TARGETS} doelen als type:id, gescheiden door komma’s.`);
    const targets = raw.map((r): FollowTarget => {
      const at = r.indexOf(':');
      const type = r.slice(0, at);
      if (at < 1 || !(FOLLOW_TYPES as readonly string[]).includes(type)) throw new ApiError(422, 'ongeldige_invoer', `doelen: “${r.slice(0, 60)}” is geen type:id (types: ${FOLLOW_TYPES.join(', ')}).`);
      return { type, id: r.slice(at + 1) };
    });
    const choices = await store().choices(me.personId, targets);
    const groups = targets.filter((t) => t.type === 'groep' && !choices.has(`groep:${t.id}`));
    const memberOf = new Set(groups.length && deps.state?.memberships ? (await deps.state.memberships.ofPerson(me.personId)).filter((m) => m.status === MEMBER).map((m) => m.group) : []);
    // Without a choice of their own, members follow their group; nothing else is followed by default.
    const volgt = Object.fromEntries(targets.map((t) => [`${t.type}:${t.id}`, choices.get(`${t.type}:${t.id}`) ?? (t.type === 'groep' && memberOf.has(t.id))]));
    return c.json({ volgt }, 200, NO_STORE);
  });

  app.put('/api/volgen', requireLogin(LOGIN), validJson(followInput, JSON_LIMIT), async (c) => {
    const me = identityOf(c, LOGIN);
    const { doel, volgen } = c.req.valid('json');
    if (!(await exists(doel, me.personId))) throw new ApiError(404, 'doel_onbekend', 'Dit bestaat niet (meer), dus je kunt het niet volgen.');
    await deps.limiter?.take(me.personId, 'aanpassing');
    await store().follow(me.personId, doel, volgen, { now: deps.now().getTime() });
    return c.json({ doel, volgt: volgen }, 200, NO_STORE);
  });

  return app;
}
