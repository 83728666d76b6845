// The posts API: a preview, new posts on the timeline and in groups (with photos, a poll, or as a listing in a market
// group), edits and deletes by the author, and the author saying where their listing stands.
import { Hono } from 'hono';
import { renderMarkdown } from '../../src/lib/render-markdown.ts';
import { postSchema } from '../../src/schemas/post.ts';
import type { Identity } from '../auth/identity.ts';
import { identityOf, requireLogin } from '../auth/require-identity.ts';
import { authorOf, createKeyedItem, deleteOwnItem, editOwnItem, JSON_LIMIT, notFound, readGroup, readItem, readJson } from '../content/items.ts';
import { toFeedItem } from '../content/feed-item.ts';
import { stringifyFrontMatter } from '../../src/lib/front-matter.ts';
import { isUlid } from '../lib/ulid.ts';
import type { ContentDeps, PhotoResult } from '../content/types.ts';
import type { AppEnv } from '../env.ts';
import { ApiError } from '../lib/api-error.ts';
import { checkInput, validJson } from '../lib/validate.ts';
import { altText, editPostInput, listingStatusInput, newPostInput } from './input.ts';
import { MAX_PHOTOS, readNewPost } from '../content/post-body.ts';

const LOGIN = 'Log in om te posten of te reageren.';

/** Refuses a post in a group that does not exist, or that only its moderators may post in; gives the group. */
async function checkGroup(deps: ContentDeps, who: Identity, groupId: string | undefined) {
  if (!groupId) return undefined;
  const group = await readGroup(deps, groupId);
  if (!group) throw new ApiError(404, 'groep_onbekend', 'Deze groep bestaat niet.');
  if (!group.openToAll && !group.moderators.includes(who.personId) && !who.editor) throw new ApiError(403, 'groep_gesloten', 'In deze groep posten alleen de moderatoren.');
  return group;
}

/** Builds the posts routes under /api/berichten (and the preview). */
export function createPostRoutes(deps: ContentDeps) {
  const app = new Hono<AppEnv>();

  app.post('/api/voorbeeld', requireLogin(LOGIN), validJson(editPostInput, JSON_LIMIT), async (c) => {
    identityOf(c, LOGIN);
    return c.json({ html: renderMarkdown(c.req.valid('json').tekst, { people: deps.people.ids() }) });
  });

  app.post('/api/berichten', async (c) => {
    const who = identityOf(c, LOGIN);
    const { fields, files, alts } = await readNewPost(c);
    const input = checkInput(newPostInput, fields);
    if (files.length > MAX_PHOTOS) throw new ApiError(422, 'te_veel_fotos', `Je kunt hoogstens ${MAX_PHOTOS} foto’s toevoegen.`);
    if (alts.length !== files.length) throw new ApiError(422, 'alt_ontbreekt', 'Elke foto heeft een alternatieve tekst nodig.');
    const altTexts = alts.map((a) => checkInput(altText, a));
    const closes = input.peiling?.sluit ? new Date(input.peiling.sluit) : undefined;
    if (closes && closes.getTime() <= deps.now().getTime()) throw new ApiError(422, 'ongeldige_invoer', 'peiling.sluit: moet in de toekomst liggen.');
    const group = await checkGroup(deps, who, input.groep);
    if (input.aanbod && !group?.market) throw new ApiError(422, 'geen_markt', 'Iets te koop zetten, zoeken of weggeven kan alleen in een groep met een marktplaats, zoals Koffietijd.');
    const photos: PhotoResult[] = [];
    for (const file of files) photos.push(await deps.processPhoto(new Uint8Array(await file.arrayBuffer())));

    return createKeyedItem(c, deps, who, 'bericht', (id, created) => {
      const stored = photos.map((p, i) => ({ ...deps.paths.photo(id, i + 1, p.extension), bytes: p.bytes }));
      const data = {
        author: who.personId,
        ...(input.groep ? { group: input.groep } : {}),
        created: created.toISOString(),
        ...(stored.length ? { photos: stored.map((p, i) => ({ src: p.src, alt: altTexts[i] })) } : {}),
        ...(input.aanbod ? { listing: { kind: input.aanbod.soort, ...(input.aanbod.prijs !== undefined ? { price: input.aanbod.prijs } : {}), status: 'beschikbaar' } } : {}),
        ...(input.peiling
          ? { poll: { options: input.peiling.opties, multiple: input.peiling.meerdere ?? false, ...(closes ? { closes: closes.toISOString() } : {}), results: input.peiling.uitslag ?? 'na-stemmen' } }
          : {}),
      };
      return { data, schema: postSchema, text: input.tekst, files: stored.map((p) => ({ path: p.path, content: p.bytes })) };
    });
  });

  app.patch('/api/berichten/:id', async (c) => {
    const who = identityOf(c, LOGIN);
    return editOwnItem(c, deps, who, 'bericht', postSchema, checkInput(editPostInput, await readJson(c)).tekst);
  });

  app.delete('/api/berichten/:id', (c) => deleteOwnItem(c, deps, identityOf(c, LOGIN), 'bericht', postSchema));

  // The author says where their listing stands (gereserveerd, verkocht, or beschikbaar again).
  app.patch('/api/berichten/:id/aanbod', requireLogin(LOGIN), validJson(listingStatusInput, JSON_LIMIT), async (c) => {
    const who = identityOf(c, LOGIN);
    const id = c.req.param('id');
    const { status } = c.req.valid('json');
    const path = isUlid(id) ? deps.paths.post(id) : undefined;
    const item = path ? await readItem(deps, path, postSchema) : undefined;
    if (!path || !item) throw notFound('bericht');
    if (!item.data.listing) throw new ApiError(404, 'geen_aanbod', 'Dit bericht is geen aanbod.');
    if (item.data.author !== who.personId) throw new ApiError(403, 'niet_toegestaan', 'Alleen wie het aanbod plaatste, kan zeggen of het gereserveerd of verkocht is.');
    if (item.data.hidden) throw new ApiError(409, 'verborgen', 'Dit bericht is verborgen door een moderator.');
    if (item.data.listing.status !== status) {
      await deps.limiter?.take(who.personId, 'aanpassing');
      const raw = item.raw.listing as Record<string, unknown>;
      const content = stringifyFrontMatter({ ...item.raw, listing: { ...raw, status } }, item.body);
      await deps.store.commit({ writes: [{ path, content }], message: `Aanbod ${status} gezet door ${who.name}`, author: authorOf(who) });
      return c.json({ bericht: toFeedItem('bericht', id, content, deps.people) });
    }
    return c.json({ bericht: toFeedItem('bericht', id, (await deps.store.read(path))!, deps.people) });
  });

  return app;
}
