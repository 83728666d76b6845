// Group membership on the state store (issue 16, item 5: open groups and groups op aanvraag):
//   GET    /api/groepen/:id/lidmaatschap              members count, one's own status, the policy; for the group's
//                                                     moderators and editors also the pending requests (by name)
//   POST   /api/groepen/:id/lidmaatschap              join an open group (lid) or ask to join one op aanvraag
//   DELETE /api/groepen/:id/lidmaatschap              leave, or withdraw the request (idempotent)
//   POST   /api/groepen/:id/aanvragen/:persoon  { besluit: toelaten|afwijzen }   a moderator decides a request
//   GET    /api/groepen/:id/leden                     the members by name (colleagues only)
//   DELETE /api/groepen/:id/leden/:persoon            a moderator or editor takes a member out
//   GET    /api/mijn-groepen                          one's own groups and requests ("Mijn groepen")
// Never cached: all of it is per person. Private groups have routes of their own (functions/private-groups/routes.ts);
// "Mijn groepen" lists them with the rest, invitations included (status uitgenodigd).
import { Hono, type Context } from 'hono';
import type { Group } from '../../src/schemas/group.ts';
import type { Identity } from '../auth/identity.ts';
import { identityOf, requireLogin } from '../auth/require-identity.ts';
import { JSON_LIMIT, readGroup } from '../content/items.ts';
import type { ContentDeps } from '../content/types.ts';
import type { AppEnv } from '../env.ts';
import { ApiError } from '../lib/api-error.ts';
import { validJson } from '../lib/validate.ts';
import { MEMBER, REQUESTED, type Memberships } from '../state/memberships.ts';
import { decisionInput } from './input.ts';

const LOGIN = 'Log in om lid te worden van een groep.';
const NO_STORE = { 'Cache-Control': 'private, no-store' };

/** Builds the membership routes; without a state store they answer 503. */
export function createGroupRoutes(deps: ContentDeps) {
  const app = new Hono<AppEnv>();
  const store = (): Memberships => {
    if (!deps.state?.memberships) throw new ApiError(503, 'groepen_niet_beschikbaar', 'Lid worden van groepen is op deze server niet ingesteld (er is geen statusopslag).');
    return deps.state.memberships;
  };
  const name = (id: string) => deps.people.byId(id)?.name ?? 'Oud-collega';

  async function groupOf(c: Context<AppEnv>): Promise<{ id: string; group: Group }> {
    const id = c.req.param('id') ?? '';
    const group = await readGroup(deps, id);
    if (!group) throw new ApiError(404, 'groep_onbekend', 'Deze groep bestaat niet.');
    return { id, group };
  }
  const moderates = (who: Identity, group: Group) => who.editor || group.moderators.includes(who.personId);

  async function describe(id: string, group: Group, who: Identity) {
    const list = await store().list(id);
    const mine = list.find((m) => m.person === who.personId)?.status ?? null;
    const moderator = moderates(who, group);
    return {
      groep: id,
      beleid: group.joinPolicy,
      leden: list.filter((m) => m.status === MEMBER).length,
      mijn: mine,
      moderator,
      ...(moderator ? { aanvragen: list.filter((m) => m.status === REQUESTED).map((m) => ({ id: m.person, naam: name(m.person), sinds: new Date(m.at).toISOString() })) } : {}),
    };
  }

  app.get('/api/groepen/:id/lidmaatschap', requireLogin(LOGIN), async (c) => {
    const who = identityOf(c, LOGIN);
    const { id, group } = await groupOf(c);
    return c.json(await describe(id, group, who), 200, NO_STORE);
  });

  app.post('/api/groepen/:id/lidmaatschap', requireLogin(LOGIN), async (c) => {
    const who = identityOf(c, LOGIN);
    const { id, group } = await groupOf(c);
    await deps.limiter?.take(who.personId, 'aanpassing');
    const before = await store().status(id, who.personId);
    await store().join(id, who.personId, group.joinPolicy === 'open' ? MEMBER : REQUESTED, deps.now().getTime());
    return c.json(await describe(id, group, who), before ? 200 : 201, NO_STORE);
  });

  app.delete('/api/groepen/:id/lidmaatschap', requireLogin(LOGIN), async (c) => {
    const who = identityOf(c, LOGIN);
    const { id, group } = await groupOf(c);
    const left = await store().leave(id, who.personId);
    return c.json({ verlaten: left, ...(await describe(id, group, who)) }, 200, NO_STORE);
  });

  app.post('/api/groepen/:id/aanvragen/:persoon', requireLogin(LOGIN), validJson(decisionInput, JSON_LIMIT), async (c) => {
    const who = identityOf(c, LOGIN);
    const { id, group } = await groupOf(c);
    if (!moderates(who, group)) throw new ApiError(403, 'niet_toegestaan', 'Alleen de moderatoren van deze groep en redacteuren laten collega’s toe.');
    const { besluit } = c.req.valid('json');
    await deps.limiter?.take(who.personId, 'aanpassing');
    const done = await store().decide(id, c.req.param('persoon'), besluit === 'toelaten', who.personId);
    if (!done) throw new ApiError(404, 'geen_aanvraag', 'Deze collega heeft niet gevraagd om lid te worden (of is al toegelaten).');
    return c.json(await describe(id, group, who), 200, NO_STORE);
  });

  // A moderator (or an editor) takes a member out of the group; leaving oneself is "Groep verlaten".
  app.delete('/api/groepen/:id/leden/:persoon', requireLogin(LOGIN), async (c) => {
    const who = identityOf(c, LOGIN);
    const { id, group } = await groupOf(c);
    if (!moderates(who, group)) throw new ApiError(403, 'niet_toegestaan', 'Alleen de moderatoren van deze groep en redacteuren halen leden uit de groep.');
    const person = c.req.param('persoon');
    if (person === who.personId) throw new ApiError(409, 'zelf_verlaten', 'Verlaat de groep zelf met “Groep verlaten”.');
    if ((await store().status(id, person)) !== MEMBER) throw new ApiError(404, 'geen_lid', 'Deze collega is geen lid van de groep.');
    await deps.limiter?.take(who.personId, 'aanpassing');
    await store().leave(id, person);
    return c.json(await describe(id, group, who), 200, NO_STORE);
  });

  app.get('/api/groepen/:id/leden', requireLogin(LOGIN), async (c) => {
    identityOf(c, LOGIN);
    const { id } = await groupOf(c);
    const leden = (await store().list(id)).filter((m) => m.status === MEMBER).map((m) => ({ id: m.person, naam: name(m.person) }));
    return c.json({ groep: id, leden }, 200, NO_STORE);
  });

  app.get('/api/mijn-groepen', requireLogin(LOGIN), async (c) => {
    const who = identityOf(c, LOGIN);
    const rows = await store().ofPerson(who.personId);
    const groepen: { id: string; naam: string; status: string; url: string; prive?: true }[] = [];
    // Private groups (ids p-…) live in the state store; groups removed from the content since are left out.
    const privateIds = rows.filter((r) => r.group.startsWith('p-')).map((r) => r.group);
    const privates = new Map((await (deps.state?.privateGroups?.groups(privateIds) ?? Promise.resolve([]))).map((g) => [g.id, g]));
    for (const row of rows) {
      const own = privates.get(row.group);
      if (own) {
        groepen.push({ id: own.id, naam: own.name, status: row.status, url: `/groepen/prive/?id=${own.id}`, prive: true });
        continue;
      }
      const group = row.group.startsWith('p-') ? undefined : await readGroup(deps, row.group);
      if (group) groepen.push({ id: row.group, naam: group.name, status: row.status, url: `/groepen/${row.group}/` });
    }
    return c.json({ groepen }, 200, NO_STORE);
  });

  return app;
}
