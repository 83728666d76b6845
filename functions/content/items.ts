// Reading and writing the items employees create (posts, comments) and the groups they live in: shared by
// the posts, comments and moderation routes so each stays one concern.
import type { Context } from 'hono';
import type { z } from 'astro/zod';
import { parseFrontMatter, parseYamlFile, stringifyFrontMatter } from '../../src/lib/front-matter.ts';
import { departmentSchema } from '../../src/schemas/department.ts';
import { groupSchema } from '../../src/schemas/group.ts';
import type { Identity } from '../auth/identity.ts';
import type { AppEnv } from '../env.ts';
import { ApiError } from '../lib/api-error.ts';
import { readJsonBody } from '../lib/read-json.ts';
import { createUlid, isUlid } from '../lib/ulid.ts';
import { checkInput } from '../lib/validate.ts';
import { requestTrailer, type RecordedKind, type RecordedRequest } from '../store/trailers.ts';
import { toFeedItem } from './feed-item.ts';
import type { ContentDeps } from './types.ts';

/** Limits of a JSON body of the posting routes. */
export const JSON_LIMIT = { maxBytes: 64 * 1024, tooLarge: 'Het bericht is te groot.' };

/** Reads a JSON body within the posting routes' limit, or fails with 415/413/400. */
export function readJson(c: Context<AppEnv>): Promise<unknown> {
  return readJsonBody(c.req.raw, JSON_LIMIT.maxBytes, JSON_LIMIT.tooLarge);
}

/** A group's settings, or undefined when there is no such group (or it cannot be read). */
export async function readGroup(deps: Pick<ContentDeps, 'store' | 'paths'>, id: string) {
  for (const path of deps.paths.entryFiles('groepen', id) ?? []) {
    const text = await deps.store.read(path);
    if (!text) continue;
    const parsed = groupSchema.safeParse(parseFrontMatter(text).data);
    return parsed.success ? parsed.data : undefined;
  }
  return undefined;
}

/** A department's settings (content/afdelingen/<id>.yml), or undefined when there is none or it cannot be read. */
export async function readDepartment(deps: Pick<ContentDeps, 'store' | 'paths'>, id: string) {
  const [path] = deps.paths.entryFiles('afdelingen', id) ?? [];
  const text = path ? await deps.store.read(path).catch(() => undefined) : undefined;
  if (!text) return undefined;
  const parsed = departmentSchema.safeParse(parseYamlFile(text));
  return parsed.success ? parsed.data : undefined;
}

/** A stored item checked against its schema: 409 when it no longer fits, undefined when it does not exist. */
export async function readItem<T extends z.ZodType>(deps: ContentDeps, path: string, schema: T) {
  const text = await deps.store.read(path);
  if (!text) return undefined;
  const { data, body } = parseFrontMatter(text);
  const parsed = schema.safeParse(data);
  if (!parsed.success) throw new ApiError(409, 'onleesbaar', 'Dit item kan nu niet worden aangepast.');
  return { data: parsed.data as z.output<T> & Record<string, unknown>, raw: data as Record<string, unknown>, body };
}

/** The commit author of a change someone made. */
export function authorOf(who: Pick<Identity, 'name' | 'email'>) {
  return { name: who.name, email: who.email };
}

/** The file of a post or comment. */
export function itemPath(deps: Pick<ContentDeps, 'paths'>, kind: RecordedKind, id: string): string {
  return kind === 'bericht' ? deps.paths.post(id) : deps.paths.comment(id);
}

/** The first answer of a keyed request found in history, rebuilt from the item it created. */
export async function replayAnswer(deps: Pick<ContentDeps, 'store' | 'people' | 'paths'>, found: RecordedRequest) {
  const isPost = found.kind === 'bericht';
  const content = await deps.store.read(isPost ? deps.paths.post(found.id) : deps.paths.comment(found.id));
  if (content === undefined) throw new ApiError(410, 'al_verwijderd', isPost ? 'Dit bericht is al geplaatst en daarna verwijderd.' : 'Deze reactie is al geplaatst en daarna verwijderd.');
  return { status: 201, body: { [found.kind]: toFeedItem(found.kind, found.id, content, deps.people) } };
}

/** What a new item is made of, given its id and creation time. */
export interface NewItem {
  data: Record<string, unknown>;
  schema: z.ZodType;
  /** The Markdown body. */
  text: string;
  /** Files stored with it (photos). */
  files?: { path: string; content: Uint8Array }[];
}

/**
 * The shared tail of creating a post or a comment: once per Idempotency-Key, within the person's limit, a new
 * ULID, the front matter checked against the content schema, one commit carrying the key's trailer, 201.
 */
export async function createKeyedItem(c: Context<AppEnv>, deps: ContentDeps, who: Identity, kind: RecordedKind, make: (id: string, created: Date) => NewItem) {
  const answer = await deps.idempotency.run(who.personId, c.req.header('idempotency-key'), kind, async (hash) => {
    await deps.limiter?.take(who.personId, kind);
    const { id, content } = await commitNewItem(deps, who, kind, make, hash ? (id) => [requestTrailer(hash, kind, id)] : undefined);
    return { status: 201, body: { [kind]: toFeedItem(kind, id, content, deps.people) } };
  });
  if (answer.replayed) c.header('Idempotent-Replayed', 'true');
  return c.json(answer.body as object, answer.status as 201);
}

/**
 * Writes a new post or comment by `who`: a new ULID, the front matter checked against the content schema, one commit
 * (with `trailers` for its id). Shared by the posting routes and the scheduled vraag van de week (functions/nudges).
 */
export async function commitNewItem(deps: Pick<ContentDeps, 'store' | 'paths' | 'now'>, who: Pick<Identity, 'name' | 'email'>, kind: RecordedKind, make: (id: string, created: Date) => NewItem, trailers?: (id: string) => string[]) {
  const created = deps.now();
  const id = createUlid(created.getTime());
  const item = make(id, created);
  checkInput(item.schema, item.data);
  const content = stringifyFrontMatter(item.data, item.text);
  await deps.store.commit({
    writes: [{ path: itemPath(deps, kind, id), content }, ...(item.files ?? [])],
    message: `${kind === 'bericht' ? 'Bericht' : 'Reactie'} van ${who.name}`,
    author: authorOf(who),
    ...(trailers ? { trailers: trailers(id) } : {}),
  });
  return { id, content };
}

/** The 404 of a post or comment that does not exist. */
export function notFound(kind: RecordedKind): ApiError {
  return new ApiError(404, 'niet_gevonden', kind === 'bericht' ? 'Dit bericht bestaat niet.' : 'Deze reactie bestaat niet.');
}

/** The item of the route's `:id`, when it is `who`'s own (404 unknown, 403 someone else's); `doing` names the action. */
async function readOwnItem(c: Context<AppEnv>, deps: ContentDeps, who: Identity, kind: RecordedKind, schema: z.ZodType, doing: string) {
  const id = c.req.param('id') ?? '';
  if (!isUlid(id)) throw notFound(kind);
  const path = itemPath(deps, kind, id);
  const item = await readItem(deps, path, schema);
  if (!item) throw notFound(kind);
  if (item.data.author !== who.personId) throw new ApiError(403, 'niet_toegestaan', `Je kunt alleen je eigen ${kind === 'bericht' ? 'berichten' : 'reacties'} ${doing}.`);
  return { id, path, item };
}

/** Authors edit the text of their own items (marked `edited`); a hidden item stays as the moderator left it (409). */
export async function editOwnItem(c: Context<AppEnv>, deps: ContentDeps, who: Identity, kind: RecordedKind, schema: z.ZodType, tekst: string) {
  const isPost = kind === 'bericht';
  const { id, path, item } = await readOwnItem(c, deps, who, kind, schema, 'bewerken');
  if (item.data.hidden) throw new ApiError(409, 'verborgen', `Een verborgen ${isPost ? 'bericht' : 'reactie'} kan niet meer worden bewerkt.`);
  await deps.limiter?.take(who.personId, 'aanpassing');
  const content = stringifyFrontMatter({ ...item.raw, edited: deps.now().toISOString() }, tekst);
  await deps.store.commit({ writes: [{ path, content }], message: `${isPost ? 'Bericht' : 'Reactie'} bewerkt door ${who.name}`, author: authorOf(who) });
  return c.json({ [kind]: toFeedItem(kind, id, content, deps.people) });
}

/** Authors delete their own items; a post takes its photos with it. Git history keeps the old file. */
export async function deleteOwnItem(c: Context<AppEnv>, deps: ContentDeps, who: Identity, kind: RecordedKind, schema: z.ZodType) {
  const isPost = kind === 'bericht';
  const { path, item } = await readOwnItem(c, deps, who, kind, schema, 'verwijderen');
  await deps.limiter?.take(who.personId, 'aanpassing');
  const photos = isPost ? ((item.data.photos ?? []) as { src: string }[]).map((p) => `public${p.src}`) : [];
  await deps.store.commit({ writes: [], deletes: [path, ...photos], message: `${isPost ? 'Bericht' : 'Reactie'} verwijderd door ${who.name}`, author: authorOf(who) });
  return c.body(null, 204);
}
