// Group proposals and private groups (issue 16, item 5), all on the state store, never cached:
//   POST   /api/groepsvoorstellen                          a colleague proposes a group (open, op-aanvraag or prive)
//   GET    /api/groepsvoorstellen                          one's own proposals; editors also every waiting one
//   POST   /api/groepsvoorstellen/:id/besluit              an editor approves (open/op-aanvraag: a group file through
//                                                          the content store; prive: a private group) or declines
//   GET    /api/privegroepen/:id                           the group, its members; moderators also the invitations
//   DELETE /api/privegroepen/:id                           a moderator dissolves it: group, members, posts, photos go
//   GET    /api/privegroepen/:id/berichten                 its posts with comments and photos (members)
//   POST   /api/privegroepen/:id/berichten                 a post, JSON or multipart with photos (members)
//   DELETE /api/privegroepen/:id/berichten/:post           by its author or a moderator
//   POST   /api/privegroepen/:id/berichten/:post/reacties  a comment (members)
//   DELETE /api/privegroepen/:id/reacties/:comment         by its author or a moderator
//   GET    /api/privegroepen/:id/fotos/:photo              a photo's bytes (members)
//   POST   /api/privegroepen/:id/uitnodigingen             a moderator invites a colleague
//   POST   /api/privegroepen/:id/moderatoren             a moderator makes a member moderator too
//   DELETE /api/privegroepen/:id/leden/:person             a moderator withdraws an invitation or removes a member
//   POST   /api/privegroepen/:id/lidmaatschap              accept one's invitation
//   DELETE /api/privegroepen/:id/lidmaatschap              decline it, or leave
// Whoever is neither a member nor invited gets 404 groep_onbekend for everything, exactly as for a group that does
// not exist: a private group is never revealed. Its texts and names never reach a log line.
import { Hono, type Context } from 'hono';
import { renderMarkdown } from '../../src/lib/render-markdown.ts';
import { stringifyFrontMatter } from '../../src/lib/front-matter.ts';
import { groupSchema } from '../../src/schemas/group.ts';
import type { Identity } from '../auth/identity.ts';
import { identityOf, requireLogin } from '../auth/require-identity.ts';
import { authorOf, JSON_LIMIT, readGroup } from '../content/items.ts';
import { MAX_PHOTOS, readNewPost } from '../content/post-body.ts';
import type { ContentDeps, PhotoResult } from '../content/types.ts';
import type { AppEnv } from '../env.ts';
import { ApiError } from '../lib/api-error.ts';
import { notifyDirect } from '../notifications/direct.ts';
import { createUlid, isUlid } from '../lib/ulid.ts';
import { checkInput, validJson } from '../lib/validate.ts';
import { MEMBER } from '../state/memberships.ts';
import { INVITED, privateGroupId, type GroupProposal, type PrivateGroups, type PrivateMember } from '../state/private-groups.ts';
import { altText, editPostInput } from '../posts/input.ts';
import { inviteInput, privateCommentInput, proposalDecisionInput, proposalInput } from './input.ts';

const LOGIN = 'Log in om groepen te gebruiken.';
const NO_STORE = { 'Cache-Control': 'private, no-store' };
/** Waiting proposals one colleague may have at a time. */
const MAX_PENDING = 3;
const PHOTO_TYPES: Record<string, string> = { jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp', avif: 'image/avif' };

const unknownGroup = () => new ApiError(404, 'groep_onbekend', 'Deze groep bestaat niet.');
/** Group ids that are a page of the site already (/groepen/prive/ shows private groups): a group file there would clash. */
const RESERVED_GROUP_IDS = new Set(['prive']);

/** A group file's id from a name: lower case, no accents, words joined by dashes. */
export function groupSlug(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 50)
    .replace(/-+$/, '');
}

/** Builds the proposal and private-group routes; without a state store they answer 503. */
export function createPrivateGroupRoutes(deps: ContentDeps) {
  const app = new Hono<AppEnv>();
  const store = (): PrivateGroups => {
    if (!deps.state?.privateGroups) throw new ApiError(503, 'groepen_niet_beschikbaar', 'Groepen voorstellen en besloten groepen zijn op deze server niet ingesteld (er is geen statusopslag).');
    return deps.state.privateGroups;
  };
  const person = (id: string | null) => (id ? { id, naam: deps.people.byId(id)?.name ?? 'Oud-collega' } : null);
  const now = () => deps.now().getTime();

  const proposalView = (p: GroupProposal) => ({
    id: p.id,
    naam: p.name,
    omschrijving: p.description,
    soort: p.kind,
    ...(p.motivation ? { toelichting: p.motivation } : {}),
    status: p.status,
    voorgesteldDoor: person(p.proposer),
    ingediend: new Date(p.at).toISOString(),
    ...(p.decidedAt !== null ? { besluit: { door: person(p.decidedBy), op: new Date(p.decidedAt).toISOString(), ...(p.reason ? { reden: p.reason } : {}) } } : {}),
    ...(p.groupId ? { groep: p.groupId, url: p.kind === 'prive' ? `/groepen/prive/?id=${p.groupId}` : `/groepen/${p.groupId}/` } : {}),
  });

  // ---- Proposals ----

  app.post('/api/groepsvoorstellen', requireLogin(LOGIN), validJson(proposalInput, JSON_LIMIT), async (c) => {
    const who = identityOf(c, LOGIN);
    const input = c.req.valid('json');
    const mine = await store().proposalsOf(who.personId);
    if (mine.filter((p) => p.status === 'ingediend').length >= MAX_PENDING) {
      throw new ApiError(409, 'te_veel_voorstellen', `Je hebt al ${MAX_PENDING} groepen voorgesteld waarover nog besloten moet worden. Wacht tot de redactie heeft besloten.`);
    }
    const slug = groupSlug(input.naam);
    if (slug.length < 2) throw new ApiError(422, 'ongeldige_invoer', 'naam: moet letters of cijfers bevatten.');
    if ((await store().takenNames()).some((n) => groupSlug(n) === slug) || (await readGroup(deps, slug))) throw new ApiError(409, 'naam_bestaat', 'Er is al een groep (of een voorstel) met deze naam. Kies een andere naam.');
    await deps.limiter?.take(who.personId, 'aanpassing');
    const proposal = await store().propose({
      id: createUlid(now()), proposer: who.personId, name: input.naam, description: input.omschrijving, kind: input.soort,
      ...(input.toelichting ? { motivation: input.toelichting } : {}), now: now(),
    });
    return c.json({ voorstel: proposalView(proposal) }, 201, NO_STORE);
  });

  app.get('/api/groepsvoorstellen', requireLogin(LOGIN), async (c) => {
    const who = identityOf(c, LOGIN);
    const eigen = (await store().proposalsOf(who.personId)).map(proposalView);
    return c.json({ eigen, ...(who.editor ? { wachtend: (await store().pending()).map(proposalView) } : {}) }, 200, NO_STORE);
  });

  /** Writes the group file of an approved open or op-aanvraag proposal (or finds it written by an earlier try). */
  async function writeGroupFile(who: Identity, p: GroupProposal): Promise<string> {
    const base = groupSlug(p.name);
    for (let n = 1; n < 20; n++) {
      const id = n === 1 ? base : `${base}-${n}`;
      if (RESERVED_GROUP_IDS.has(id)) continue;
      const existing = await readGroup(deps, id);
      // An earlier approval that wrote the file but was cut off before it was recorded.
      if (existing) {
        if (existing.name === p.name && existing.moderators.includes(p.proposer)) return id;
        continue;
      }
      const [path] = deps.paths.entryFiles('groepen', id) ?? [];
      if (!path) break;
      const data = groupSchema.parse({ name: p.name, description: p.description, moderators: [p.proposer], openToAll: true, joinPolicy: p.kind });
      const body = p.motivation ? `${p.motivation}\n` : '';
      await deps.store.commit({
        writes: [{ path, content: stringifyFrontMatter(data as Record<string, unknown>, body) }],
        message: `Nieuwe groep: ${p.name} (voorgesteld door ${person(p.proposer)!.naam})`,
        author: authorOf(who),
        trailers: [`Plein-Group-Proposal: ${p.id}`],
      });
      return id;
    }
    throw new ApiError(409, 'naam_bestaat', 'Er is al een groep met deze naam. Wijs het voorstel af met die reden.');
  }

  app.post('/api/groepsvoorstellen/:id/besluit', requireLogin(LOGIN), validJson(proposalDecisionInput, JSON_LIMIT), async (c) => {
    const who = identityOf(c, LOGIN);
    if (!who.editor) throw new ApiError(403, 'niet_toegestaan', 'Alleen redacteuren besluiten over nieuwe groepen.');
    const id = c.req.param('id');
    const proposal = isUlid(id) ? await store().proposal(id) : undefined;
    if (!proposal) throw new ApiError(404, 'voorstel_onbekend', 'Dit voorstel bestaat niet.');
    if (proposal.status !== 'ingediend') throw new ApiError(409, 'al_besloten', 'Over dit voorstel is al besloten.');
    const { besluit, reden } = c.req.valid('json');
    await deps.limiter?.take(who.personId, 'aanpassing');
    if (besluit === 'afwijzen') {
      if (!(await store().decline(id, who.personId, reden ?? null, now()))) throw new ApiError(409, 'al_besloten', 'Over dit voorstel is al besloten.');
    } else {
      const groupId = proposal.kind === 'prive' ? privateGroupId(id) : await writeGroupFile(who, proposal);
      if (!(await store().approve(id, who.personId, groupId, now()))) throw new ApiError(409, 'al_besloten', 'Over dit voorstel is al besloten.');
    }
    const decided = (await store().proposal(id))!;
    const view = proposalView(decided);
    await notifyDirect(deps.state?.notifications, [{
      person: decided.proposer, kind: 'groepsvoorstel', actor: who.personId, target: { type: 'groep', id: decided.groupId ?? decided.id }, title: decided.name,
      text: besluit === 'goedkeuren'
        ? `Je voorstel voor de groep ‘${decided.name}’ is goedgekeurd.`
        : `Je voorstel voor de groep ‘${decided.name}’ is afgewezen${decided.reason ? `: ${decided.reason}` : '.'}`,
      url: view.url ?? '/groepen/', groupKey: `groepsvoorstel:${id}`, source: `groepsvoorstel:${id}`,
    }], now());
    return c.json({ voorstel: view }, 200, NO_STORE);
  });

  // ---- Private groups ----

  /** The group and the caller's place in it; 404 for anyone neither a member nor invited (or `member` required). */
  async function access(c: Context<AppEnv>, need: 'invited' | 'member' | 'moderator') {
    const who = identityOf(c, LOGIN);
    const groupId = c.req.param('id') ?? '';
    const group = groupId.startsWith('p-') ? await store().group(groupId) : undefined;
    const me = group ? await store().member(groupId, who.personId) : undefined;
    if (!group || !me || (need !== 'invited' && me.status !== MEMBER)) throw unknownGroup();
    if (need === 'moderator' && !me.moderator) throw new ApiError(403, 'niet_toegestaan', 'Alleen de moderatoren van deze groep doen dit.');
    return { who, group, me };
  }

  const memberView = (m: PrivateMember) => ({ id: m.person, naam: person(m.person)!.naam, moderator: m.moderator });

  app.get('/api/privegroepen/:id', requireLogin(LOGIN), async (c) => {
    const { group, me } = await access(c, 'invited');
    const all = await store().members(group.id);
    return c.json({
      id: group.id,
      naam: group.name,
      omschrijving: group.description,
      mijn: me.status,
      moderator: me.moderator,
      ...(me.status === MEMBER
        ? {
            leden: all.filter((m) => m.status === MEMBER).map(memberView),
            ...(me.moderator ? { uitnodigingen: all.filter((m) => m.status === INVITED).map(memberView) } : {}),
          }
        : {}),
    }, 200, NO_STORE);
  });

  const html = (body: string) => renderMarkdown(body, { people: deps.people.ids() });
  const photoUrl = (groupId: string, photoId: string) => `/api/privegroepen/${groupId}/fotos/${photoId}`;

  app.get('/api/privegroepen/:id/berichten', requireLogin(LOGIN), async (c) => {
    const { group, who, me } = await access(c, 'member');
    const posts = await store().posts(group.id);
    const mayDelete = (author: string) => author === who.personId || me.moderator;
    return c.json({
      berichten: posts.map((p) => ({
        id: p.id,
        auteur: person(p.author),
        html: html(p.body),
        geplaatst: new Date(p.at).toISOString(),
        verwijderbaar: mayDelete(p.author),
        fotos: p.photos.map((f) => ({ src: photoUrl(group.id, f.id), alt: f.alt, breedte: f.width, hoogte: f.height })),
        reacties: p.comments.map((r) => ({ id: r.id, auteur: person(r.author), html: html(r.body), geplaatst: new Date(r.at).toISOString(), verwijderbaar: mayDelete(r.author) })),
      })),
    }, 200, NO_STORE);
  });

  app.post('/api/privegroepen/:id/berichten', requireLogin(LOGIN), async (c) => {
    const { group, who } = await access(c, 'member');
    const { fields, files, alts } = await readNewPost(c);
    const { tekst } = checkInput(editPostInput, fields);
    if (files.length > MAX_PHOTOS) throw new ApiError(422, 'te_veel_fotos', `Je kunt hoogstens ${MAX_PHOTOS} foto’s toevoegen.`);
    if (alts.length !== files.length) throw new ApiError(422, 'alt_ontbreekt', 'Elke foto heeft een alternatieve tekst nodig.');
    const altTexts = alts.map((a) => checkInput(altText, a));
    await deps.limiter?.take(who.personId, 'bericht');
    const photos: PhotoResult[] = [];
    for (const file of files) photos.push(await deps.processPhoto(new Uint8Array(await file.arrayBuffer())));
    const id = createUlid(now());
    await store().addPost({
      id, groupId: group.id, author: who.personId, body: tekst, now: now(),
      photos: photos.map((p, i) => ({ extension: p.extension, width: p.width, height: p.height, alt: altTexts[i], bytes: p.bytes })),
    });
    return c.json({
      bericht: {
        id, auteur: person(who.personId), html: html(tekst), geplaatst: new Date(now()).toISOString(), verwijderbaar: true,
        fotos: photos.map((p, i) => ({ src: photoUrl(group.id, `${id}-${i + 1}`), alt: altTexts[i], breedte: p.width, hoogte: p.height })), reacties: [],
      },
    }, 201, NO_STORE);
  });

  /** A post or comment of this group that the caller may delete (its author or a moderator). */
  async function deletable(c: Context<AppEnv>, meta: { groupId: string; author: string } | undefined, what: string) {
    const { group, who, me } = await access(c, 'member');
    if (!meta || meta.groupId !== group.id) throw new ApiError(404, 'niet_gevonden', `Dit ${what} bestaat niet (meer).`);
    if (meta.author !== who.personId && !me.moderator) throw new ApiError(403, 'niet_toegestaan', `Alleen wie dit ${what} schreef en de moderatoren van de groep verwijderen het.`);
    await deps.limiter?.take(who.personId, 'aanpassing');
  }

  app.delete('/api/privegroepen/:id/berichten/:post', requireLogin(LOGIN), async (c) => {
    const postId = c.req.param('post');
    await deletable(c, isUlid(postId) ? await store().postMeta(postId) : undefined, 'bericht');
    await store().deletePost(postId);
    return c.body(null, 204);
  });

  app.post('/api/privegroepen/:id/berichten/:post/reacties', requireLogin(LOGIN), validJson(privateCommentInput, JSON_LIMIT), async (c) => {
    const { group, who } = await access(c, 'member');
    const postId = c.req.param('post');
    const meta = isUlid(postId) ? await store().postMeta(postId) : undefined;
    if (!meta || meta.groupId !== group.id) throw new ApiError(404, 'niet_gevonden', 'Dit bericht bestaat niet (meer).');
    const { tekst } = c.req.valid('json');
    await deps.limiter?.take(who.personId, 'reactie');
    const id = createUlid(now());
    await store().addComment({ id, postId, groupId: group.id, author: who.personId, body: tekst, now: now() });
    return c.json({ reactie: { id, auteur: person(who.personId), html: html(tekst), geplaatst: new Date(now()).toISOString(), verwijderbaar: true } }, 201, NO_STORE);
  });

  app.delete('/api/privegroepen/:id/reacties/:comment', requireLogin(LOGIN), async (c) => {
    const commentId = c.req.param('comment');
    await deletable(c, isUlid(commentId) ? await store().commentMeta(commentId) : undefined, 'reactie');
    await store().deleteComment(commentId);
    return c.body(null, 204);
  });

  app.get('/api/privegroepen/:id/fotos/:photo', requireLogin(LOGIN), async (c) => {
    const { group } = await access(c, 'member');
    const photo = await store().photo(group.id, c.req.param('photo'));
    if (!photo) throw new ApiError(404, 'niet_gevonden', 'Deze foto bestaat niet (meer).');
    return c.body(photo.bytes as Uint8Array<ArrayBuffer>, 200, { 'Content-Type': PHOTO_TYPES[photo.extension] ?? 'application/octet-stream', ...NO_STORE, 'X-Content-Type-Options': 'nosniff' });
  });

  app.post('/api/privegroepen/:id/uitnodigingen', requireLogin(LOGIN), validJson(inviteInput, JSON_LIMIT), async (c) => {
    const { group, who } = await access(c, 'moderator');
    const { persoon } = c.req.valid('json');
    if (!deps.people.byId(persoon)) throw new ApiError(422, 'onbekende_collega', 'Deze collega bestaat niet.');
    const before = await store().member(group.id, persoon);
    if (before?.status === MEMBER) throw new ApiError(409, 'al_lid', 'Deze collega is al lid van de groep.');
    await deps.limiter?.take(who.personId, 'aanpassing');
    await store().invite(group.id, persoon, who.personId, now());
    if (!before) {
      await notifyDirect(deps.state?.notifications, [{
        person: persoon, kind: 'uitnodiging', actor: who.personId, target: { type: 'groep', id: group.id }, title: group.name, text: null,
        url: `/groepen/prive/?id=${group.id}`, groupKey: `uitnodiging:${group.id}`, source: `uitnodiging:${group.id}:${now()}`,
      }], now());
    }
    return c.json({ uitnodiging: person(persoon) }, before ? 200 : 201, NO_STORE);
  });

  // A moderator dissolves the group: everything of it is deleted, at once and for good.
  app.delete('/api/privegroepen/:id', requireLogin(LOGIN), async (c) => {
    const { group, who } = await access(c, 'moderator');
    await deps.limiter?.take(who.personId, 'aanpassing');
    await store().dissolve(group.id);
    return c.body(null, 204);
  });

  app.post('/api/privegroepen/:id/moderatoren', requireLogin(LOGIN), validJson(inviteInput, JSON_LIMIT), async (c) => {
    const { group, who } = await access(c, 'moderator');
    const { persoon } = c.req.valid('json');
    await deps.limiter?.take(who.personId, 'aanpassing');
    if (!(await store().setModerator(group.id, persoon, true))) throw new ApiError(404, 'geen_lid', 'Alleen een lid van de groep kan moderator worden.');
    return c.json({ moderator: person(persoon) }, 200, NO_STORE);
  });

  app.delete('/api/privegroepen/:id/leden/:person', requireLogin(LOGIN), async (c) => {
    const { group, who } = await access(c, 'moderator');
    const target = c.req.param('person');
    if (target === who.personId) throw new ApiError(409, 'zelf_verlaten', 'Verlaat de groep zelf met “Groep verlaten”.');
    const them = await store().member(group.id, target);
    if (!them) throw new ApiError(404, 'geen_lid', 'Deze collega is geen lid en niet uitgenodigd.');
    await deps.limiter?.take(who.personId, 'aanpassing');
    await store().remove(group.id, target);
    return c.json({ verwijderd: person(target) }, 200, NO_STORE);
  });

  app.post('/api/privegroepen/:id/lidmaatschap', requireLogin(LOGIN), async (c) => {
    const { group, who, me } = await access(c, 'invited');
    if (me.status === INVITED) {
      await deps.limiter?.take(who.personId, 'aanpassing');
      await store().accept(group.id, who.personId);
    }
    return c.json({ groep: group.id, mijn: MEMBER, url: `/groepen/prive/?id=${group.id}` }, 200, NO_STORE);
  });

  app.delete('/api/privegroepen/:id/lidmaatschap', requireLogin(LOGIN), async (c) => {
    const { group, who, me } = await access(c, 'invited');
    if (me.moderator) {
      const all = await store().members(group.id);
      const others = all.filter((m) => m.status === MEMBER && m.person !== who.personId);
      // Nobody could ever get in again: the group would be lost to everyone, its posts included.
      if (!others.length) throw new ApiError(409, 'laatste_lid', 'Je bent het laatste lid. Nodig eerst iemand uit en maak die moderator, of hef de groep op.');
      if (!others.some((m) => m.moderator)) {
        throw new ApiError(409, 'laatste_moderator', 'Je bent de laatste moderator. Maak eerst een ander lid moderator, of hef de groep op.');
      }
    }
    await store().remove(group.id, who.personId);
    return c.json({ groep: group.id, mijn: null }, 200, NO_STORE);
  });

  return app;
}
