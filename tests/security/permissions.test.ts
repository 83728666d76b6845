// Who may do what: a matrix of roles × actions against the whole API (createNodeApi, demo-mode session cookies) on
// a real git repository. Every cell has its expected status; an allowed cell must change the repository, a refused
// one must leave it exactly as it was. Moderators hide, they do not edit or delete; editors hide everywhere. Anyone
// reports (Melden) another's item; the queue's decisions follow the hide rule; the moderation log is for editors.
// What lives in the state store (waarderingen, sign-ups, memberships, private groups and their posts) is compared the
// same way, row by row. A private group answers 404 to whoever is not in it, editors included.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStateStore } from '../../functions/state/open.ts';
import type { StateStore } from '../../functions/state/store.ts';
import { getCommentPath, getPostPath } from '../../functions/content/paths.ts';
import { parseFrontMatter } from '../../src/lib/front-matter.ts';
import { makeSecurityApi, repoState, ROLE_PEOPLE, sameOriginHeaders, sessionCookieFor, SITE } from '../support/security-api.ts';

type Role = 'anonymous' | keyof typeof ROLE_PEOPLE;
const ROLES: Role[] = ['anonymous', 'author', 'colleague', 'groupModerator', 'otherModerator', 'editor'];
const COOKIES = Object.fromEntries(await Promise.all(Object.entries(ROLE_PEOPLE).map(async ([role, p]) => [role, await sessionCookieFor(p.id)]))) as Record<string, string>;

const stateStores: { store: StateStore; dir: string }[] = [];
afterAll(async () => {
  for (const { store, dir } of stateStores.splice(0)) {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

/** Every row of the per-person tables: equal before and after means the state store was not written. */
async function stateRows(state: StateStore): Promise<string> {
  const [appreciations, signups, votes] = await Promise.all([
    state.db.selectFrom('appreciations').selectAll().execute(),
    state.db.selectFrom('signups').selectAll().execute(),
    state.db.selectFrom('poll_votes').selectAll().execute(),
  ]);
  const members = await state.db.selectFrom('group_members').selectAll().execute();
  const [follows, notifications, prefs] = await Promise.all([
    state.db.selectFrom('follows').selectAll().execute(),
    state.db.selectFrom('notifications').selectAll().execute(),
    state.db.selectFrom('notification_prefs').selectAll().execute(),
  ]);
  const [proposals, privateGroups, privatePosts, privateComments, privatePhotos] = await Promise.all([
    state.db.selectFrom('group_proposals').selectAll().execute(),
    state.db.selectFrom('private_groups').selectAll().execute(),
    state.db.selectFrom('private_posts').selectAll().execute(),
    state.db.selectFrom('private_comments').selectAll().execute(),
    state.db.selectFrom('private_photos').selectAll().execute(),
  ]);
  const [reports, moderationLog] = await Promise.all([state.db.selectFrom('reports').selectAll().execute(), state.db.selectFrom('moderation_log').selectAll().execute()]);
  return JSON.stringify({ appreciations, signups, votes, members, proposals, privateGroups, privatePosts, privateComments, privatePhotos, follows, notifications, prefs, reports, moderationLog });
}

/** A fresh repository where the author has a timeline post, a post in Koffietijd, and a comment under each. */
async function scene() {
  const dir = mkdtempSync(join(tmpdir(), 'plein-permissies-'));
  const state = await openStateStore({ PLEIN_STATE_DIR: dir });
  stateStores.push({ store: state, dir });
  const api = makeSecurityApi({ state });
  const as = (role: Role) => (method: string, path: string, json?: unknown) =>
    api.app.request(`${SITE}${path}`, {
      method,
      headers: sameOriginHeaders(role === 'anonymous' ? {} : { cookie: COOKIES[role] }),
      body: json === undefined ? undefined : JSON.stringify(json),
    });
  const author = as('author');
  const id = async (res: Response | Promise<Response>, key: string) => {
    const answer = await res;
    expect(answer.status).toBe(201);
    return ((await answer.json()) as Record<string, { id: string }>)[key].id;
  };
  const timelinePost = await id(author('POST', '/api/berichten', { tekst: 'Op de tijdlijn' }), 'bericht');
  const groupPost = await id(author('POST', '/api/berichten', { tekst: 'In Koffietijd', groep: 'koffietijd' }), 'bericht');
  const groupComment = await id(author('POST', '/api/reacties', { tekst: 'Reactie in de groep', doel: { type: 'bericht', id: groupPost } }), 'reactie');
  const timelineComment = await id(author('POST', '/api/reacties', { tekst: 'Reactie op de tijdlijn', doel: { type: 'bericht', id: timelinePost } }), 'reactie');
  const listing = await id(author('POST', '/api/berichten', { tekst: 'Te koop: fiets', groep: 'koffietijd', aanbod: { soort: 'te-koop', prijs: 50 } }), 'bericht');
  const pollPost = await id(author('POST', '/api/berichten', { tekst: 'Waar lunchen we?', groep: 'koffietijd', peiling: { opties: ['Kantine', 'Buiten'] } }), 'bericht');
  // A private group: the author proposed it and moderates it, the colleague was invited and accepted.
  const proposal = await id(author('POST', '/api/groepsvoorstellen', { naam: 'Vertrouwelijk overleg', omschrijving: 'Een privégroep voor de test.', soort: 'prive' }), 'voorstel');
  const approved = (await (await as('editor')('POST', `/api/groepsvoorstellen/${proposal}/besluit`, { besluit: 'goedkeuren' })).json()) as { voorstel: { groep: string } };
  const privateGroup = approved.voorstel.groep;
  expect((await author('POST', `/api/privegroepen/${privateGroup}/uitnodigingen`, { persoon: ROLE_PEOPLE.colleague.id })).status).toBe(201);
  expect((await as('colleague')('POST', `/api/privegroepen/${privateGroup}/lidmaatschap`)).status).toBe(200);
  const privatePost = await id(author('POST', `/api/privegroepen/${privateGroup}/berichten`, { tekst: 'Alleen voor leden' }), 'bericht');
  const written = async () => `${repoState(api.repo)}\n${await stateRows(state)}`;
  return { ...api, as, written, ids: { timelinePost, groupPost, groupComment, timelineComment, pollPost, listing, privateGroup, privatePost } };
}
type Scene = Awaited<ReturnType<typeof scene>>;

/** One action: what it sends, and the status each role gets (null: the action makes no sense for that role). */
interface Action {
  name: string;
  /** Runs before the action as the acting role (e.g. writing the comment they then delete). */
  prepare?: (s: Scene, role: Role) => Promise<Record<string, string>>;
  send: (s: Scene, extra: Record<string, string>) => { method: string; path: string; json?: unknown };
  expected: Record<Role, number | null>;
  /** A read: allowed or not, it writes nothing. */
  read?: boolean;
}

const ACTIONS: Action[] = [
  {
    name: 'create a post on the timeline',
    send: () => ({ method: 'POST', path: '/api/berichten', json: { tekst: 'Nieuw' } }),
    expected: { anonymous: 401, author: 201, colleague: 201, groupModerator: 201, otherModerator: 201, editor: 201 },
  },
  {
    name: 'create a post in an open group',
    send: () => ({ method: 'POST', path: '/api/berichten', json: { tekst: 'Nieuw', groep: 'koffietijd' } }),
    expected: { anonymous: 401, author: 201, colleague: 201, groupModerator: 201, otherModerator: 201, editor: 201 },
  },
  {
    name: 'create a post in a closed group (only its moderators and editors)',
    send: () => ({ method: 'POST', path: '/api/berichten', json: { tekst: 'Nieuw', groep: 'bestuur' } }),
    expected: { anonymous: 401, author: 403, colleague: 403, groupModerator: 201, otherModerator: 403, editor: 201 },
  },
  {
    name: "edit the author's group post",
    send: (s) => ({ method: 'PATCH', path: `/api/berichten/${s.ids.groupPost}`, json: { tekst: 'Bewerkt' } }),
    expected: { anonymous: 401, author: 200, colleague: 403, groupModerator: 403, otherModerator: 403, editor: 403 },
  },
  {
    name: "delete the author's group post",
    send: (s) => ({ method: 'DELETE', path: `/api/berichten/${s.ids.groupPost}` }),
    expected: { anonymous: 401, author: 204, colleague: 403, groupModerator: 403, otherModerator: 403, editor: 403 },
  },
  {
    name: "delete the author's timeline post",
    send: (s) => ({ method: 'DELETE', path: `/api/berichten/${s.ids.timelinePost}` }),
    expected: { anonymous: 401, author: 204, colleague: 403, groupModerator: 403, otherModerator: 403, editor: 403 },
  },
  {
    name: 'comment on a group post',
    send: (s) => ({ method: 'POST', path: '/api/reacties', json: { tekst: 'Reactie', doel: { type: 'bericht', id: s.ids.groupPost } } }),
    expected: { anonymous: 401, author: 201, colleague: 201, groupModerator: 201, otherModerator: 201, editor: 201 },
  },
  {
    name: 'delete an own comment',
    prepare: async (s, role) => {
      const res = await s.as(role)('POST', '/api/reacties', { tekst: 'Mijn reactie', doel: { type: 'bericht', id: s.ids.groupPost } });
      return { comment: ((await res.json()) as { reactie: { id: string } }).reactie.id };
    },
    send: (_s, extra) => ({ method: 'DELETE', path: `/api/reacties/${extra.comment}` }),
    expected: { anonymous: null, author: 204, colleague: 204, groupModerator: 204, otherModerator: 204, editor: 204 },
  },
  {
    name: "edit the author's comment (only its writer; moderators hide, they do not edit)",
    send: (s) => ({ method: 'PATCH', path: `/api/reacties/${s.ids.groupComment}`, json: { tekst: 'Bewerkt' } }),
    expected: { anonymous: 401, author: 200, colleague: 403, groupModerator: 403, otherModerator: 403, editor: 403 },
  },
  {
    name: "delete someone else's comment (the author's)",
    send: (s) => ({ method: 'DELETE', path: `/api/reacties/${s.ids.groupComment}` }),
    expected: { anonymous: 401, author: 204, colleague: 403, groupModerator: 403, otherModerator: 403, editor: 403 },
  },
  {
    name: 'hide a group post',
    send: (s) => ({ method: 'POST', path: `/api/berichten/${s.ids.groupPost}/verbergen`, json: { reden: 'Hoort hier niet' } }),
    expected: { anonymous: 401, author: 403, colleague: 403, groupModerator: 200, otherModerator: 403, editor: 200 },
  },
  {
    name: 'hide a timeline post (no group: editors only)',
    send: (s) => ({ method: 'POST', path: `/api/berichten/${s.ids.timelinePost}/verbergen`, json: {} }),
    expected: { anonymous: 401, author: 403, colleague: 403, groupModerator: 403, otherModerator: 403, editor: 200 },
  },
  {
    name: 'hide a comment under a group post',
    send: (s) => ({ method: 'POST', path: `/api/reacties/${s.ids.groupComment}/verbergen`, json: {} }),
    expected: { anonymous: 401, author: 403, colleague: 403, groupModerator: 200, otherModerator: 403, editor: 200 },
  },
  {
    name: 'hide a comment under a timeline post',
    send: (s) => ({ method: 'POST', path: `/api/reacties/${s.ids.timelineComment}/verbergen`, json: {} }),
    expected: { anonymous: 401, author: 403, colleague: 403, groupModerator: 403, otherModerator: 403, editor: 200 },
  },
  {
    name: 'appreciate a group post',
    send: (s) => ({ method: 'POST', path: '/api/waarderingen', json: { doel: { type: 'bericht', id: s.ids.groupPost }, soort: 'duim', aan: true } }),
    expected: { anonymous: 401, author: 200, colleague: 200, groupModerator: 200, otherModerator: 200, editor: 200 },
  },
  {
    name: 'take back an own waardering',
    prepare: async (s, role) => {
      expect((await s.as(role)('POST', '/api/waarderingen', { doel: { type: 'bericht', id: s.ids.timelinePost }, soort: 'hart', aan: true })).status).toBe(200);
      return {};
    },
    send: (s) => ({ method: 'POST', path: '/api/waarderingen', json: { doel: { type: 'bericht', id: s.ids.timelinePost }, soort: 'hart', aan: false } }),
    expected: { anonymous: null, author: 200, colleague: 200, groupModerator: 200, otherModerator: 200, editor: 200 },
  },
  {
    name: 'see who appreciated a post (colleagues only)',
    read: true,
    send: (s) => ({ method: 'GET', path: `/api/waarderingen/wie?doel=bericht:${s.ids.groupPost}` }),
    expected: { anonymous: 401, author: 200, colleague: 200, groupModerator: 200, otherModerator: 200, editor: 200 },
  },
  {
    name: 'sign up for an event',
    send: () => ({ method: 'POST', path: '/api/aanmeldingen/borrel', json: {} }),
    expected: { anonymous: 401, author: 201, colleague: 201, groupModerator: 201, otherModerator: 201, editor: 201 },
  },
  {
    name: 'cancel an own sign-up',
    prepare: async (s, role) => {
      expect((await s.as(role)('POST', '/api/aanmeldingen/borrel', {})).status).toBe(201);
      return {};
    },
    send: () => ({ method: 'DELETE', path: '/api/aanmeldingen/borrel' }),
    expected: { anonymous: null, author: 200, colleague: 200, groupModerator: 200, otherModerator: 200, editor: 200 },
  },
  {
    name: "see who signed up (the organiser — here the author — and editors), and the list's CSV",
    read: true,
    prepare: async (s) => {
      expect((await s.as('colleague')('POST', '/api/aanmeldingen/borrel', {})).status).toBe(201);
      return {};
    },
    send: () => ({ method: 'GET', path: '/api/aanmeldingen/borrel/deelnemers?formaat=csv' }),
    expected: { anonymous: 401, author: 200, colleague: 403, groupModerator: 403, otherModerator: 403, editor: 200 },
  },
  {
    name: 'vote in a poll (anonymous: nobody can list who voted what)',
    send: (s) => ({ method: 'POST', path: `/api/peilingen/${s.ids.pollPost}/stem`, json: { keuzes: [1] } }),
    expected: { anonymous: 401, author: 200, colleague: 200, groupModerator: 200, otherModerator: 200, editor: 200 },
  },
  {
    name: "see a poll's voters count and one's own vote",
    read: true,
    send: (s) => ({ method: 'GET', path: `/api/peilingen?berichten=${s.ids.pollPost}` }),
    expected: { anonymous: 401, author: 200, colleague: 200, groupModerator: 200, otherModerator: 200, editor: 200 },
  },
  {
    name: "mark the author's listing as sold (only its author; moderators hide, they do not sell)",
    send: (s) => ({ method: 'PATCH', path: `/api/berichten/${s.ids.listing}/aanbod`, json: { status: 'verkocht' } }),
    expected: { anonymous: 401, author: 200, colleague: 403, groupModerator: 403, otherModerator: 403, editor: 403 },
  },
  {
    name: 'join an open group',
    send: () => ({ method: 'POST', path: '/api/groepen/koffietijd/lidmaatschap' }),
    expected: { anonymous: 401, author: 201, colleague: 201, groupModerator: 201, otherModerator: 201, editor: 201 },
  },
  {
    name: "let a colleague into a group op aanvraag (its moderators and editors)",
    prepare: async (s) => {
      expect((await s.as('colleague')('POST', '/api/groepen/bestuur/lidmaatschap')).status).toBe(201);
      return {};
    },
    send: () => ({ method: 'POST', path: `/api/groepen/bestuur/aanvragen/${ROLE_PEOPLE.colleague.id}`, json: { besluit: 'toelaten' } }),
    expected: { anonymous: 401, author: 403, colleague: 403, groupModerator: 200, otherModerator: 403, editor: 200 },
  },
  {
    name: 'edit one’s own profile (there is no way to name another’s)',
    send: () => ({ method: 'PATCH', path: '/api/profiel', json: { overMij: 'Hallo collega’s', telefoonZichtbaar: false } }),
    expected: { anonymous: 401, author: 200, colleague: 200, groupModerator: null, otherModerator: null, editor: null },
  },
  {
    name: 'take a member out of a group op aanvraag (its moderators and editors)',
    prepare: async (s) => {
      expect((await s.as('colleague')('POST', '/api/groepen/bestuur/lidmaatschap')).status).toBe(201);
      expect((await s.as('groupModerator')('POST', `/api/groepen/bestuur/aanvragen/${ROLE_PEOPLE.colleague.id}`, { besluit: 'toelaten' })).status).toBe(200);
      return {};
    },
    send: () => ({ method: 'DELETE', path: `/api/groepen/bestuur/leden/${ROLE_PEOPLE.colleague.id}` }),
    expected: { anonymous: 401, author: 403, colleague: null, groupModerator: 200, otherModerator: 403, editor: 200 },
  },
  {
    name: 'read one’s own notifications (nobody can name another’s)',
    read: true,
    send: () => ({ method: 'GET', path: '/api/meldingen' }),
    expected: { anonymous: 401, author: 200, colleague: 200, groupModerator: 200, otherModerator: 200, editor: 200 },
  },
  {
    name: 'follow a colleague',
    send: () => ({ method: 'PUT', path: '/api/volgen', json: { doel: { type: 'collega', id: ROLE_PEOPLE.author.id }, volgen: true } }),
    expected: { anonymous: 401, author: 200, colleague: 200, groupModerator: 200, otherModerator: 200, editor: 200 },
  },
  {
    name: 'follow a private group (its members only; to others it does not exist)',
    send: (s) => ({ method: 'PUT', path: '/api/volgen', json: { doel: { type: 'groep', id: s.ids.privateGroup }, volgen: false } }),
    expected: { anonymous: 401, author: 200, colleague: 200, groupModerator: 404, otherModerator: 404, editor: 404 },
  },
  {
    name: 'save one’s notification settings',
    send: () => ({ method: 'PUT', path: '/api/meldingen/instellingen', json: { soorten: { vermelding: { plein: true, email: false, push: false } }, overzicht: 'geen', stil: null } }),
    expected: { anonymous: 401, author: 200, colleague: 200, groupModerator: 200, otherModerator: 200, editor: 200 },
  },
  {
    name: 'propose a new group',
    send: () => ({ method: 'POST', path: '/api/groepsvoorstellen', json: { naam: 'Wandelen in de pauze', omschrijving: 'Samen een frisse neus halen.', soort: 'open' } }),
    expected: { anonymous: 401, author: 201, colleague: 201, groupModerator: 201, otherModerator: 201, editor: 201 },
  },
  {
    name: 'approve a proposed group (editors only)',
    prepare: async (s) => {
      const res = await s.as('colleague')('POST', '/api/groepsvoorstellen', { naam: 'Schaakclub', omschrijving: 'Een potje schaak in de pauze.', soort: 'prive' });
      return { proposal: ((await res.json()) as { voorstel: { id: string } }).voorstel.id };
    },
    send: (_s, extra) => ({ method: 'POST', path: `/api/groepsvoorstellen/${extra.proposal}/besluit`, json: { besluit: 'goedkeuren' } }),
    expected: { anonymous: 401, author: 403, colleague: 403, groupModerator: 403, otherModerator: 403, editor: 200 },
  },
  {
    name: "read a private group's posts (its members only; to everyone else it does not exist, editors included)",
    read: true,
    send: (s) => ({ method: 'GET', path: `/api/privegroepen/${s.ids.privateGroup}/berichten` }),
    expected: { anonymous: 401, author: 200, colleague: 200, groupModerator: 404, otherModerator: 404, editor: 404 },
  },
  {
    name: 'post in a private group (its members only)',
    send: (s) => ({ method: 'POST', path: `/api/privegroepen/${s.ids.privateGroup}/berichten`, json: { tekst: 'Nieuw' } }),
    expected: { anonymous: 401, author: 201, colleague: 201, groupModerator: 404, otherModerator: 404, editor: 404 },
  },
  {
    name: "delete the author's post in a private group (its author, the group's moderators)",
    send: (s) => ({ method: 'DELETE', path: `/api/privegroepen/${s.ids.privateGroup}/berichten/${s.ids.privatePost}` }),
    expected: { anonymous: 401, author: 204, colleague: 403, groupModerator: 404, otherModerator: 404, editor: 404 },
  },
  {
    name: 'invite a colleague to a private group (its moderators only)',
    send: (s) => ({ method: 'POST', path: `/api/privegroepen/${s.ids.privateGroup}/uitnodigingen`, json: { persoon: ROLE_PEOPLE.otherModerator.id } }),
    expected: { anonymous: 401, author: 201, colleague: 403, groupModerator: 404, otherModerator: 404, editor: 404 },
  },
  {
    name: 'accept an invitation to a private group (only the invited)',
    prepare: async (s) => {
      expect((await s.as('author')('POST', `/api/privegroepen/${s.ids.privateGroup}/uitnodigingen`, { persoon: ROLE_PEOPLE.groupModerator.id })).status).toBe(201);
      return {};
    },
    send: (s) => ({ method: 'POST', path: `/api/privegroepen/${s.ids.privateGroup}/lidmaatschap` }),
    expected: { anonymous: 401, author: null, colleague: null, groupModerator: 200, otherModerator: 404, editor: 404 },
  },
  {
    name: 'report (Melden) a group post (anyone but its author, who can edit or delete it instead)',
    send: (s) => ({ method: 'POST', path: '/api/moderatie/meldingen', json: { doel: { type: 'bericht', id: s.ids.groupPost }, reden: 'ongepast' } }),
    expected: { anonymous: 401, author: 409, colleague: 200, groupModerator: 200, otherModerator: 200, editor: 200 },
  },
  {
    name: 'report a listing (a post in the market)',
    send: (s) => ({ method: 'POST', path: '/api/moderatie/meldingen', json: { doel: { type: 'bericht', id: s.ids.listing }, reden: 'spam' } }),
    expected: { anonymous: 401, author: 409, colleague: 200, groupModerator: 200, otherModerator: 200, editor: 200 },
  },
  {
    name: 'read the moderation queue (each sees only what they may decide on)',
    read: true,
    send: () => ({ method: 'GET', path: '/api/moderatie/wachtrij' }),
    expected: { anonymous: 401, author: 200, colleague: 200, groupModerator: 200, otherModerator: 200, editor: 200 },
  },
  {
    name: 'hide a reported group post from the queue (its moderators and editors)',
    prepare: async (s) => {
      expect((await s.as('colleague')('POST', '/api/moderatie/meldingen', { doel: { type: 'bericht', id: s.ids.groupPost }, reden: 'spam' })).status).toBe(200);
      return {};
    },
    send: (s) => ({ method: 'POST', path: '/api/moderatie/besluit', json: { doel: { type: 'bericht', id: s.ids.groupPost }, besluit: 'verbergen', reden: 'Reclame' } }),
    expected: { anonymous: 401, author: 403, colleague: 403, groupModerator: 200, otherModerator: 403, editor: 200 },
  },
  {
    name: 'leave a reported comment under a timeline post (no group: editors only)',
    prepare: async (s) => {
      expect((await s.as('colleague')('POST', '/api/moderatie/meldingen', { doel: { type: 'reactie', id: s.ids.timelineComment }, reden: 'onjuist' })).status).toBe(200);
      return {};
    },
    send: (s) => ({ method: 'POST', path: '/api/moderatie/besluit', json: { doel: { type: 'reactie', id: s.ids.timelineComment }, besluit: 'laten-staan' } }),
    expected: { anonymous: 401, author: 403, colleague: 403, groupModerator: 403, otherModerator: 403, editor: 200 },
  },
  {
    name: 'read the moderation log (editors only)',
    read: true,
    send: () => ({ method: 'GET', path: '/api/moderatie/logboek' }),
    expected: { anonymous: 401, author: 403, colleague: 403, groupModerator: 403, otherModerator: 403, editor: 200 },
  },
];

const cells = ACTIONS.flatMap((action) => ROLES.filter((role) => action.expected[role] !== null).map((role) => [action.name, role, action.expected[role]!, action] as const));

describe('roles × actions', () => {
  it.each(cells)('%s as %s → %i', async (_name, role, status, action) => {
    const s = await scene();
    const extra = (await action.prepare?.(s, role)) ?? {};
    const before = await s.written();
    const { method, path, json } = action.send(s, extra);
    const res = await s.as(role)(method, path, json);
    expect(res.status).toBe(status);
    if (status < 300) {
      if (action.read) expect(await s.written()).toBe(before);
      else expect(await s.written()).not.toBe(before);
    } else {
      expect(((await res.json()) as { error: { code: string } }).error.code).toMatch(/^(niet_ingelogd|niet_toegestaan|groep_gesloten|groep_onbekend|doel_onbekend|eigen_item)$/);
      expect(await s.written()).toBe(before);
    }
  });

  it('records who hid an item: the moderator, not the author', async () => {
    const s = await scene();
    const res = await s.as('groupModerator')('POST', `/api/reacties/${s.ids.groupComment}/verbergen`, { reden: 'Persoonlijke gegevens' });
    expect(res.status).toBe(200);
    const data = parseFrontMatter(readFileSync(join(s.repo, getCommentPath(s.ids.groupComment)), 'utf8')).data as Record<string, unknown>;
    expect(data.hidden).toMatchObject({ by: ROLE_PEOPLE.groupModerator.id, reason: 'Persoonlijke gegevens' });
    expect(data.author).toBe(ROLE_PEOPLE.author.id);
  });

  it('lets nobody edit a hidden post, not even its author', async () => {
    const s = await scene();
    expect((await s.as('editor')('POST', `/api/berichten/${s.ids.groupPost}/verbergen`, {})).status).toBe(200);
    const before = repoState(s.repo);
    const res = await s.as('author')('PATCH', `/api/berichten/${s.ids.groupPost}`, { tekst: 'Toch weer zichtbaar maken' });
    expect(res.status).toBe(409);
    expect(repoState(s.repo)).toBe(before);
    expect(parseFrontMatter(readFileSync(join(s.repo, getPostPath(s.ids.groupPost)), 'utf8')).body).toBe('In Koffietijd\n');
  });
});
