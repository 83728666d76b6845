// The posting API: posts on the timeline and in groups, comments, edits, deletes and hiding.
import { Hono, type Context } from 'hono';
import type { z } from 'astro/zod';
import { parseFrontMatter, stringifyFrontMatter } from '../../src/lib/front-matter.ts';
import { commentSchema } from '../../src/schemas/comment.ts';
import { groupSchema } from '../../src/schemas/group.ts';
import { postSchema } from '../../src/schemas/post.ts';
import type { Identity } from '../auth/identity.ts';
import { ApiError, throwInvalidInput } from '../lib/api-error.ts';
import { readJsonBody, readLimitedBody } from '../lib/read-json.ts';
import { createUlid, isUlid } from '../lib/ulid.ts';
import { StoreUnavailableError, type ContentStore } from '../store/types.ts';
import { getCommentPath, getContentPrefix, getPhotoPath, getPostPath, getTargetPaths } from './content-paths.ts';
import { createIdempotencyCache, requestTrailer, type RecordedRequest } from './idempotency.ts';
import { altText, editPostInput, hideInput, newCommentInput, newPostInput } from './input.ts';
import type { PeopleLookup } from './people.ts';
import { toFeedItem } from '../feed/feed-item.ts';
import { renderMarkdown } from '../../src/lib/render-markdown.ts';

/** A processed photo, as functions/photos/process-photo.ts returns it. */
export interface PhotoResult { bytes: Uint8Array; extension: string; width: number; height: number }

/** What the posting routes need. */
export interface PostingDeps {
  store: ContentStore;
  people: PeopleLookup;
  processPhoto: (bytes: Uint8Array) => Promise<PhotoResult>;
  now?: () => Date;
  /** Per-person limits; none when absent. */
  limiter?: { take(personId: string, kind: 'bericht' | 'reactie' | 'aanpassing'): void };
}

type Vars = { Variables: { identity?: Identity } };

const MAX_JSON_BYTES = 64 * 1024;
const MAX_MULTIPART_BYTES = 4 * 10 * 1024 * 1024 + 64 * 1024;
const MAX_PHOTOS = 4;

function identityOf(c: Context<Vars>): Identity {
  const identity = c.get('identity');
  if (!identity) throw new ApiError(401, 'niet_ingelogd', 'Log in om te posten of te reageren.');
  return identity;
}


const TOO_LARGE = 'Het bericht is te groot.';

/** Reads a JSON body within limits, or fails with 415/413/400. */
function readJson(c: Context<Vars>): Promise<unknown> {
  return readJsonBody(c.req.raw, MAX_JSON_BYTES, TOO_LARGE);
}

/** Writes through the store, turning an unavailable repository into 503. */
async function commitOr503(deps: PostingDeps, change: Parameters<ContentStore['commit']>[0]) {
  try {
    return await deps.store.commit(change);
  } catch (err) {
    if (err instanceof StoreUnavailableError) throw new ApiError(503, 'opslag_onbeschikbaar', 'Berichten kunnen nu even niet worden opgeslagen. Lezen gaat gewoon door; probeer het later opnieuw.');
    throw err;
  }
}

async function readGroup(deps: PostingDeps, id: string) {
  const text = await deps.store.read(`${getContentPrefix()}/groepen/${id}.md`);
  if (!text) return undefined;
  const parsed = groupSchema.safeParse(parseFrontMatter(text).data);
  return parsed.success ? parsed.data : undefined;
}

async function readItem<T extends z.ZodType>(deps: PostingDeps, path: string, schema: T) {
  const text = await deps.store.read(path);
  if (!text) return undefined;
  const { data, body } = parseFrontMatter(text);
  const parsed = schema.safeParse(data);
  if (!parsed.success) throw new ApiError(409, 'onleesbaar', 'Dit item kan nu niet worden aangepast.');
  return { data: parsed.data as z.output<T> & Record<string, unknown>, raw: data as Record<string, unknown>, body };
}

/** May this person hide items in this group (or on the timeline when group is undefined)? */
async function canModerate(deps: PostingDeps, who: Identity, group: string | undefined): Promise<boolean> {
  if (who.editor) return true;
  if (!group) return false;
  return (await readGroup(deps, group))?.moderators.includes(who.personId) ?? false;
}

/** The first answer of a keyed request found in history, rebuilt from the item it created. */
async function replayAnswer(deps: PostingDeps, found: RecordedRequest) {
  const isPost = found.kind === 'bericht';
  const content = await deps.store.read(isPost ? getPostPath(found.id) : getCommentPath(found.id));
  if (content === undefined) throw new ApiError(410, 'al_verwijderd', isPost ? 'Dit bericht is al geplaatst en daarna verwijderd.' : 'Deze reactie is al geplaatst en daarna verwijderd.');
  return { status: 201, body: { [found.kind]: toFeedItem(found.kind, found.id, content, deps.people) } };
}

function author(who: Identity) {
  return { name: who.name, email: who.email };
}

/** Builds the posting routes under /api. */
export function createPostingRoutes(deps: PostingDeps) {
  const app = new Hono<Vars>();
  const now = deps.now ?? (() => new Date());
  const idempotency = createIdempotencyCache({
    recent: deps.store.recentRequests?.bind(deps.store),
    replay: (found) => replayAnswer(deps, found),
  });

  app.post('/api/voorbeeld', async (c) => {
    identityOf(c);
    const input = editPostInput.safeParse(await readJson(c));
    if (!input.success) throwInvalidInput(input.error);
    return c.json({ html: renderMarkdown(input.data.tekst, { people: deps.people.ids() }) });
  });

  app.post('/api/berichten', async (c) => {
    const who = identityOf(c);
    const type = c.req.header('content-type') ?? '';
    let fields: Record<string, unknown>;
    let files: File[] = [];
    let alts: string[] = [];
    if (/^multipart\/form-data/i.test(type)) {
      const declared = Number(c.req.header('content-length') ?? 0);
      if (declared > MAX_MULTIPART_BYTES) throw new ApiError(413, 'te_groot', 'De foto’s zijn samen te groot.');
      const raw = await readLimitedBody(c.req.raw, MAX_MULTIPART_BYTES, TOO_LARGE);
      let form: FormData;
      try {
        form = await new Request('http://x/', { method: 'POST', headers: { 'content-type': type }, body: raw as Uint8Array<ArrayBuffer> }).formData();
      } catch {
        throw new ApiError(400, 'ongeldig_formulier', 'Het formulier kon niet worden gelezen.');
      }
      fields = { tekst: form.get('tekst') ?? undefined, ...(form.get('groep') ? { groep: form.get('groep') } : {}) };
      files = form.getAll('foto').filter((f): f is File => typeof f !== 'string');
      alts = form.getAll('alt').map(String);
      if (form.getAll('foto').some((f) => typeof f === 'string')) throw new ApiError(415, 'geen_foto', 'Een foto moet als bestand worden meegestuurd.');
    } else {
      const body = await readJson(c);
      if (!body || typeof body !== 'object' || Array.isArray(body)) throw new ApiError(422, 'ongeldige_invoer', 'Stuur een object met tekst en eventueel een groep.');
      fields = body as Record<string, unknown>;
    }
    const input = newPostInput.safeParse(fields);
    if (!input.success) throwInvalidInput(input.error);
    if (files.length > MAX_PHOTOS) throw new ApiError(422, 'te_veel_fotos', `Je kunt hoogstens ${MAX_PHOTOS} foto’s toevoegen.`);
    if (alts.length !== files.length) throw new ApiError(422, 'alt_ontbreekt', 'Elke foto heeft een alternatieve tekst nodig.');
    const altTexts = alts.map((a) => {
      const r = altText.safeParse(a);
      if (!r.success) throwInvalidInput(r.error);
      return r.data;
    });
    if (input.data.groep) {
      const group = await readGroup(deps, input.data.groep);
      if (!group) throw new ApiError(404, 'groep_onbekend', 'Deze groep bestaat niet.');
      if (!group.openToAll && !group.moderators.includes(who.personId) && !who.editor) throw new ApiError(403, 'groep_gesloten', 'In deze groep posten alleen de moderatoren.');
    }
    const photos: PhotoResult[] = [];
    for (const file of files) photos.push(await deps.processPhoto(new Uint8Array(await file.arrayBuffer())));

    const answer = await idempotency.run(who.personId, c.req.header('idempotency-key'), 'bericht', async (hash) => {
      deps.limiter?.take(who.personId, 'bericht');
      const created = now();
      const id = createUlid(created.getTime());
      const photoFiles = photos.map((p, i) => ({ ...getPhotoPath(id, i + 1, p.extension), bytes: p.bytes }));
      const data = {
        author: who.personId,
        ...(input.data.groep ? { group: input.data.groep } : {}),
        created: created.toISOString(),
        ...(photoFiles.length ? { photos: photoFiles.map((p, i) => ({ src: p.src, alt: altTexts[i] })) } : {}),
      };
      const checked = postSchema.safeParse(data);
      if (!checked.success) throwInvalidInput(checked.error);
      const path = getPostPath(id);
      const content = stringifyFrontMatter(data, input.data.tekst);
      await commitOr503(deps, {
        writes: [{ path, content }, ...photoFiles.map((p) => ({ path: p.path, content: p.bytes }))],
        message: `Bericht van ${who.name}`,
        author: author(who),
        ...(hash ? { trailers: [requestTrailer(hash, 'bericht', id)] } : {}),
      });
      return { status: 201, body: { bericht: toFeedItem('bericht', id, content, deps.people) } };
    });
    if (answer.replayed) c.header('Idempotent-Replayed', 'true');
    return c.json(answer.body as object, answer.status as 201);
  });

  app.patch('/api/berichten/:id', async (c) => {
    const who = identityOf(c);
    const id = c.req.param('id');
    if (!isUlid(id)) throw new ApiError(404, 'niet_gevonden', 'Dit bericht bestaat niet.');
    const input = editPostInput.safeParse(await readJson(c));
    if (!input.success) throwInvalidInput(input.error);
    const item = await readItem(deps, getPostPath(id), postSchema);
    if (!item) throw new ApiError(404, 'niet_gevonden', 'Dit bericht bestaat niet.');
    if (item.data.author !== who.personId) throw new ApiError(403, 'niet_toegestaan', 'Je kunt alleen je eigen berichten bewerken.');
    if (item.data.hidden) throw new ApiError(409, 'verborgen', 'Een verborgen bericht kan niet meer worden bewerkt.');
    deps.limiter?.take(who.personId, 'aanpassing');
    const content = stringifyFrontMatter({ ...item.raw, edited: now().toISOString() }, input.data.tekst);
    await commitOr503(deps, { writes: [{ path: getPostPath(id), content }], message: `Bericht bewerkt door ${who.name}`, author: author(who) });
    return c.json({ bericht: toFeedItem('bericht', id, content, deps.people) });
  });

  app.post('/api/reacties', async (c) => {
    const who = identityOf(c);
    const input = newCommentInput.safeParse(await readJson(c));
    if (!input.success) throwInvalidInput(input.error);
    const { type, id: targetId } = input.data.doel;
    const candidates = getTargetPaths(type, targetId);
    let found = false;
    for (const p of candidates ?? []) if (await deps.store.exists(p)) found = true;
    if (!found) throw new ApiError(404, 'doel_onbekend', 'Het item waarop je reageert bestaat niet.');
    // A moderator hid the post: the conversation under it is closed too.
    if (type === 'bericht' && (await readItem(deps, getPostPath(targetId), postSchema))?.data.hidden) {
      throw new ApiError(409, 'verborgen', 'Dit bericht is verborgen; je kunt er niet meer op reageren.');
    }
    const answer = await idempotency.run(who.personId, c.req.header('idempotency-key'), 'reactie', async (hash) => {
      deps.limiter?.take(who.personId, 'reactie');
      const id = createUlid(now().getTime());
      const data = { author: who.personId, created: now().toISOString(), on: { type, id: targetId } };
      const checked = commentSchema.safeParse(data);
      if (!checked.success) throwInvalidInput(checked.error);
      const content = stringifyFrontMatter(data, input.data.tekst);
      await commitOr503(deps, {
        writes: [{ path: getCommentPath(id), content }],
        message: `Reactie van ${who.name}`,
        author: author(who),
        ...(hash ? { trailers: [requestTrailer(hash, 'reactie', id)] } : {}),
      });
      return { status: 201, body: { reactie: toFeedItem('reactie', id, content, deps.people) } };
    });
    if (answer.replayed) c.header('Idempotent-Replayed', 'true');
    return c.json(answer.body as object, answer.status as 201);
  });

  // Authors delete their own items; a post takes its photos with it. Git history keeps the old file.
  for (const kind of ['bericht', 'reactie'] as const) {
    const isPost = kind === 'bericht';
    app.delete(`/api/${isPost ? 'berichten' : 'reacties'}/:id`, async (c) => {
      const who = identityOf(c);
      const id = c.req.param('id');
      const notFound = () => new ApiError(404, 'niet_gevonden', isPost ? 'Dit bericht bestaat niet.' : 'Deze reactie bestaat niet.');
      if (!isUlid(id)) throw notFound();
      const path = isPost ? getPostPath(id) : getCommentPath(id);
      const item = await readItem(deps, path, isPost ? postSchema : commentSchema);
      if (!item) throw notFound();
      if (item.data.author !== who.personId) throw new ApiError(403, 'niet_toegestaan', `Je kunt alleen je eigen ${isPost ? 'berichten' : 'reacties'} verwijderen.`);
      deps.limiter?.take(who.personId, 'aanpassing');
      const photos = isPost ? (item.data.photos as { src: string }[]).map((p) => `public${p.src}`) : [];
      await commitOr503(deps, { writes: [], deletes: [path, ...photos], message: `${isPost ? 'Bericht' : 'Reactie'} verwijderd door ${who.name}`, author: author(who) });
      return c.body(null, 204);
    });
  }

  // Hiding keeps the file (with who, when and why) so nothing disappears silently from the history.
  for (const kind of ['bericht', 'reactie'] as const) {
    const isPost = kind === 'bericht';
    app.post(`/api/${isPost ? 'berichten' : 'reacties'}/:id/verbergen`, async (c) => {
      const who = identityOf(c);
      const id = c.req.param('id');
      const notFound = () => new ApiError(404, 'niet_gevonden', isPost ? 'Dit bericht bestaat niet.' : 'Deze reactie bestaat niet.');
      if (!isUlid(id)) throw notFound();
      const input = hideInput.safeParse(await readJson(c));
      if (!input.success) throwInvalidInput(input.error);
      const path = isPost ? getPostPath(id) : getCommentPath(id);
      const item = await readItem(deps, path, isPost ? postSchema : commentSchema);
      if (!item) throw notFound();
      const group = isPost ? (item.data.group as string | undefined) : await groupOfComment(item.data.on as { type: string; id: string });
      if (!(await canModerate(deps, who, group))) throw new ApiError(403, 'niet_toegestaan', `Alleen moderatoren en redacteuren kunnen ${isPost ? 'berichten' : 'reacties'} verbergen.`);
      deps.limiter?.take(who.personId, 'aanpassing');
      const hidden = { by: who.personId, at: now().toISOString(), ...(input.data.reden ? { reason: input.data.reden } : {}) };
      const content = stringifyFrontMatter({ ...item.raw, hidden }, item.body);
      await commitOr503(deps, { writes: [{ path, content }], message: `${isPost ? 'Bericht' : 'Reactie'} verborgen door ${who.name}`, author: author(who) });
      return c.json({ [kind]: toFeedItem(kind, id, content, deps.people) });
    });
  }

  /** The group a comment lives in: that of the post it is under, if any. */
  async function groupOfComment(on: { type: string; id: string }): Promise<string | undefined> {
    if (on.type !== 'bericht' || !isUlid(on.id)) return undefined;
    return (await readItem(deps, getPostPath(on.id), postSchema).catch(() => undefined))?.data.group;
  }

  return app;
}
