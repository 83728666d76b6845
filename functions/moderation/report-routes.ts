// Reports and the moderation queue (issue 19), on the state store:
//   POST /api/moderatie/meldingen   { doel, reden, toelichting? }  "Melden": once per colleague and item (idempotent)
//   GET  /api/moderatie/wachtrij    the reported items a moderator may decide on (editors: all; group moderators:
//                                   their groups), each in context with its reports counted per reason
//   POST /api/moderatie/besluit     { doel, besluit: verbergen | laten-staan, reden? }
//   GET  /api/moderatie/logboek     the moderation log, editors only
// Not under /api/meldingen: those are the notifications. Reporters are never named to moderators: the queue shows
// how many colleagues reported an item and why, not who.
import { Hono } from 'hono';
import { parseYamlFile } from '../../src/lib/front-matter.ts';
import type { Identity } from '../auth/identity.ts';
import { identityOf, requireLogin } from '../auth/require-identity.ts';
import { authorOf, JSON_LIMIT, readGroup } from '../content/items.ts';
import type { ContentDeps } from '../content/types.ts';
import type { AppEnv } from '../env.ts';
import { ApiError } from '../lib/api-error.ts';
import { validJson, validQuery } from '../lib/validate.ts';
import type { Moderation, OpenReport } from '../state/moderation.ts';
import { canModerate, closeReports, excerptOf, loadItem, logAction, setHidden, type ModeratedItem } from './actions.ts';
import { decisionInput, logQuery, reportInput } from './input.ts';
import { AUTO_HIDE_BY, AUTO_HIDE_REASON, REPORT_REASONS } from './reasons.ts';

const LOGIN = 'Log in om iets te melden of meldingen te beoordelen.';
const NO_STORE = { 'Cache-Control': 'private, no-store' };
/** Fewest reports from different colleagues an automatic hide may be set to (fewer would make silencing too easy). */
export const AUTO_HIDE_MIN = 3;

const what = (kind: string) => (kind === 'bericht' ? 'Dit bericht' : 'Deze reactie');

/** Builds the report and queue routes; without a state store they answer 503. */
export function createReportRoutes(deps: ContentDeps) {
  const app = new Hono<AppEnv>();
  const store = (): Moderation => {
    if (!deps.state?.moderation) throw new ApiError(503, 'moderatie_niet_beschikbaar', 'Melden en modereren zijn op deze server niet ingesteld (er is geen statusopslag).');
    return deps.state.moderation;
  };
  const name = (id: string | null) => (id === AUTO_HIDE_BY ? 'Plein (automatisch)' : id ? (deps.people.byId(id)?.name ?? 'een oud-collega') : null);

  /** The site setting `autoHideReports`: hide after this many reports from different colleagues; undefined is off. */
  async function autoHideThreshold(): Promise<number | undefined> {
    const text = await deps.store.read(`${deps.paths.prefix}/instellingen/site.yml`).catch(() => undefined);
    const value = text ? (parseYamlFile(text) as { autoHideReports?: unknown } | undefined)?.autoHideReports : undefined;
    return typeof value === 'number' && Number.isInteger(value) && value >= AUTO_HIDE_MIN ? value : undefined;
  }

  app.post('/api/moderatie/meldingen', requireLogin(LOGIN), validJson(reportInput, JSON_LIMIT), async (c) => {
    const who = identityOf(c, LOGIN);
    const { doel, reden, toelichting } = c.req.valid('json');
    const moderation = store();
    const item = await loadItem(deps, doel.type, doel.id);
    if (!item) throw new ApiError(404, 'niet_gevonden', `${what(doel.type)} bestaat niet (meer); er valt niets te melden.`);
    if (item.hidden) throw new ApiError(409, 'verborgen', `${what(doel.type)} is al verborgen; melden is niet meer nodig.`);
    if (item.author === who.personId) throw new ApiError(409, 'eigen_item', 'Je kunt je eigen bericht of reactie niet melden; je kunt het zelf bewerken of verwijderen.');
    const { created, open } = await moderation.report({ target: doel, person: who.personId, reason: reden, note: toelichting ?? null, group: item.group }, deps.now().getTime());
    let verborgen = false;
    const threshold = created ? await autoHideThreshold() : undefined;
    if (threshold !== undefined && open >= threshold) {
      // Hidden pending review: the reports stay open, so the item waits in the queue for a moderator.
      await setHidden(deps, item, 'plein', AUTO_HIDE_REASON, true);
      await logAction(deps, item, AUTO_HIDE_BY, 'automatisch-verbergen', `${open} meldingen`);
      verborgen = true;
    }
    return c.json({ doel, gemeld: true, nieuw: created, verborgen }, 200, NO_STORE);
  });

  /** The groups among `reports` that `who` moderates (all for an editor). */
  async function mine(who: Identity, reports: OpenReport[]): Promise<OpenReport[]> {
    if (who.editor) return reports;
    const groups = [...new Set(reports.map((r) => r.group).filter((g): g is string => !!g))];
    const allowed = new Set<string>();
    for (const g of groups) if (await canModerate(deps, who, g)) allowed.add(g);
    return reports.filter((r) => r.group && allowed.has(r.group));
  }

  /** One reported item in context, with its reports counted per reason (reporters are not named). */
  async function queueItem(reports: OpenReport[]) {
    const { target } = reports[0];
    const item = await loadItem(deps, target.type as ModeratedItem['kind'], target.id).catch(() => undefined);
    const reasons = Object.fromEntries(REPORT_REASONS.map((r) => [r, reports.filter((x) => x.reason === r).length]).filter(([, n]) => n));
    const author = item ? deps.people.byId(item.author) : undefined;
    const group = reports[0].group;
    return {
      doel: target,
      bestaat: !!item,
      tekst: item ? excerptOf(item) : null,
      auteur: item ? { id: item.author, naam: name(item.author), email: author?.email ?? null } : null,
      groep: group ? { id: group, naam: (await readGroup(deps, group).catch(() => undefined))?.name ?? group } : null,
      onder: item?.on ?? null,
      url: item?.url ?? null,
      verborgen: item?.hidden ? { door: name(item.hidden.by), automatisch: item.hidden.by === AUTO_HIDE_BY, reden: item.hidden.reason ?? null } : null,
      meldingen: reports.length,
      redenen: reasons,
      toelichtingen: reports.map((r) => r.note).filter((n): n is string => !!n),
      eerste: new Date(reports[0].at).toISOString(),
      laatste: new Date(reports[reports.length - 1].at).toISOString(),
    };
  }

  app.get('/api/moderatie/wachtrij', requireLogin(LOGIN), async (c) => {
    const who = identityOf(c, LOGIN);
    const reports = await mine(who, await store().open());
    const byItem = new Map<string, OpenReport[]>();
    for (const r of reports) {
      const key = `${r.target.type}:${r.target.id}`;
      byItem.set(key, [...(byItem.get(key) ?? []), r]);
    }
    // Most reported first, then oldest first.
    const groups = [...byItem.values()].sort((a, b) => b.length - a.length || a[0].at - b[0].at);
    return c.json({ redacteur: who.editor, items: await Promise.all(groups.map(queueItem)) }, 200, NO_STORE);
  });

  app.post('/api/moderatie/besluit', requireLogin(LOGIN), validJson(decisionInput, JSON_LIMIT), async (c) => {
    const who = identityOf(c, LOGIN);
    const { doel, besluit, reden } = c.req.valid('json');
    const moderation = store();
    const open = await moderation.openOn(doel);
    const item = await loadItem(deps, doel.type, doel.id);
    const group = item ? item.group : (open[0]?.group ?? undefined);
    if (!(await canModerate(deps, who, group))) throw new ApiError(403, 'niet_toegestaan', 'Alleen de moderatoren van de groep en redacteuren kunnen over meldingen beslissen.');
    if (!open.length) throw new ApiError(409, 'geen_meldingen', `Over ${what(doel.type).toLowerCase()} zijn geen open meldingen (meer); misschien besliste een andere moderator al.`);
    if (!item) {
      // Deleted by its author since it was reported: the reports close, and the reporters are told.
      const gone: ModeratedItem = { kind: doel.type, id: doel.id, path: '', raw: {}, body: '', author: '', group, hidden: undefined, on: undefined, url: '/' };
      await closeReports(deps, gone, 'verwijderd', who.personId);
      return c.json({ doel, besluit: 'verwijderd' }, 200, NO_STORE);
    }
    await deps.limiter?.take(who.personId, 'aanpassing');
    const actor = { personId: who.personId, name: who.name, commitAuthor: authorOf(who) };
    if (besluit === 'verbergen') {
      await setHidden(deps, item, actor, reden, true);
      await logAction(deps, item, who.personId, 'verbergen', reden);
      await closeReports(deps, item, 'verborgen', who.personId);
    } else {
      // An item hidden automatically pending review is shown again; one a moderator hid stays as it is.
      if (item.hidden?.by === AUTO_HIDE_BY) {
        await setHidden(deps, item, actor, undefined, false);
        await logAction(deps, item, who.personId, 'zichtbaar-maken', reden);
      }
      await logAction(deps, item, who.personId, 'laten-staan', reden);
      await closeReports(deps, item, 'laten-staan', who.personId);
    }
    return c.json({ doel, besluit }, 200, NO_STORE);
  });

  app.get('/api/moderatie/logboek', requireLogin(LOGIN), validQuery(logQuery), async (c) => {
    const who = identityOf(c, LOGIN);
    if (!who.editor) throw new ApiError(403, 'niet_toegestaan', 'Het moderatielogboek is alleen voor redacteuren.');
    const { voor } = c.req.valid('query');
    const page = 50;
    const entries = await store().entries(page + 1, voor);
    const regels = entries.slice(0, page).map((e) => ({
      id: e.id, op: new Date(e.at).toISOString(), actie: e.action, doel: e.target, reden: e.reason,
      moderator: { id: e.moderator, naam: name(e.moderator) }, auteur: e.author ? { id: e.author, naam: name(e.author) } : null,
      groep: e.group, url: e.target.type === 'bericht' ? `/berichten/${e.target.id}/` : null,
    }));
    return c.json({ regels, volgende: entries.length > page ? regels[regels.length - 1].id : null }, 200, NO_STORE);
  });

  return app;
}
