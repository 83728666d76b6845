// Erasing a colleague (AVG art. 17, issue 19) or one post from the content repository, through the ContentStore
// every host has (the CLI's local git store, the running server's store), so the result is one commit by Plein:
// their people file, posts (with photos), comments and the comments of others under their posts go; mentions of
// them (@id, their name, their e-mail, a link to their profile) in the remaining files become "een oud-collega";
// every reference field to a person that the schemas declare (`ref` includes collegas) is handed to a successor,
// or nothing happens and the references are listed. The plan is computed first and checked: a file that would
// still hold their id, name or e-mail stops the whole erasure.
import { parseDocument } from 'yaml';
import type { z } from 'astro/zod';
import { unwrapField } from '../../src/cms/fields.ts';
import type { FieldHint } from '../../src/schemas/common.ts';
import { CONTENT_TYPES, type CollectionName } from '../../src/schemas/index.ts';
import { parseFrontMatter, parseYamlFile } from '../../src/lib/front-matter.ts';
import { isUlid } from '../lib/ulid.ts';
import { createContentPaths, type ContentPaths } from '../content/paths.ts';
import { PLEIN_BOT } from '../store/proposal-message.ts';
import type { ContentStore } from '../store/types.ts';

/** The plain words that replace a mention of an erased colleague. */
export const FORMER_COLLEAGUE = 'een oud-collega';
/** The commit message of an erasure: no name, no id. */
export const ERASE_MESSAGE = 'Gegevens van een oud-collega verwijderd (AVG art. 17)';
/** The commit message of a single post erased on request. */
export const ERASE_POST_MESSAGE = 'Een bericht verwijderd op verzoek (AVG art. 17)';

/** A reference to the erased colleague in someone else's file: the field that must be handed over. */
export interface Reference {
  file: string;
  field: string;
}

/** Why an erasure cannot go ahead; nothing was changed. */
export class EraseRefusal extends Error {
  readonly code: 'onbekende_collega' | 'onbekend_bericht' | 'overdracht_nodig' | 'ongeldige_opvolger' | 'sporen_blijven';
  /** The references that need a successor (overdracht_nodig). */
  readonly references: Reference[];
  /** The files that would still name the colleague (sporen_blijven). */
  readonly files: string[];
  constructor(message: string, code: EraseRefusal['code'], references: Reference[] = [], files: string[] = []) {
    super(message);
    this.name = 'EraseRefusal';
    this.code = code;
    this.references = references;
    this.files = files;
  }
}

/** What an erasure did, in counts only (no names). */
export interface EraseCounts {
  personFiles: number;
  posts: number;
  photos: number;
  comments: number;
  /** Others' comments that went with an erased post. */
  commentsOfOthers: number;
  /** Other files where a mention became "een oud-collega". */
  mentionsReplaced: number;
  /** Reference fields handed to the successor. */
  referencesHandedOver: number;
}

/** A computed erasure: the change to commit, and its counts. */
export interface ErasePlan {
  deletes: string[];
  writes: { path: string; content: string }[];
  counts: EraseCounts;
  /** Their e-mail address (for the suggested-edit branches, which name the proposer by it). */
  email?: string;
  /** Their name (for the history rewrite; never printed). */
  name?: string;
  /** The ids of the posts and comments it deletes: the state store's rows about them go too (removedItemRules). */
  removed: { posts: string[]; comments: string[] };
}

/** A comment's id from its file (content/reacties/<id>.md). */
const commentId = (file: string) => file.split('/').pop()!.replace(/\.md$/, '');

/** How the content repository is read: the files below some folders, and one file's text. */
export interface ContentReader {
  list(prefixes: string[]): Promise<string[]>;
  read(path: string): Promise<string | undefined>;
}

/** A reader over a ContentStore: the files at its head (pending changes included where the store overlays them). */
export function readerOf(store: ContentStore): ContentReader {
  return {
    list: async (prefixes) => (await store.changedSince('', prefixes)).files.filter((f) => f.status !== 'deleted').map((f) => f.path),
    read: (path) => store.read(path),
  };
}

const TEXT_FILE = /\.(mdx?|ya?ml)$/;
const PHOTO_FOLDER = 'public/media/';
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The collection a file below the content folder belongs to (kennis and secties share a folder). */
function collectionOf(paths: ContentPaths, file: string): CollectionName | undefined {
  const name = file.split('/').pop()!;
  const found = (Object.keys(CONTENT_TYPES) as CollectionName[]).filter((c) => file.startsWith(`${paths.folder(c)}/`) && CONTENT_TYPES[c].extensions.some((e) => name.endsWith(e)));
  if (found.includes('secties') && name === 'sectie.yml') return 'secties';
  if (found.includes('instellingen')) return name === 'site.yml' ? 'instellingen' : undefined;
  return found.find((c) => c !== 'secties');
}

type AnySchema = z.ZodType & { def: Record<string, any> };

/** Every path in `data` where the schema declares a reference to a person (`ref` includes collegas) and the value is `id`. */
export function findPersonReferences(schema: z.ZodType, data: unknown, id: string): (string | number)[][] {
  const found: (string | number)[][] = [];
  const refersToPeople = (hint: FieldHint | undefined) => !!hint?.ref && (typeof hint.ref === 'string' ? hint.ref === 'collegas' : hint.ref.includes('collegas'));
  const walk = (s: z.ZodType, value: unknown, path: (string | number)[], inherited: boolean) => {
    if (value === undefined || value === null) return;
    const { inner, hint } = unwrapField(s);
    const def = (inner as AnySchema).def;
    const people = inherited || refersToPeople(hint);
    if (def.type === 'string') {
      if (people && value === id) found.push(path);
    } else if (def.type === 'array' && Array.isArray(value)) {
      value.forEach((v, i) => walk(def.element, v, [...path, i], people));
    } else if (def.type === 'object' && typeof value === 'object') {
      for (const [key, field] of Object.entries(def.shape as Record<string, z.ZodType>)) walk(field, (value as Record<string, unknown>)[key], [...path, key], false);
    } else if (def.type === 'pipe') {
      walk(def.in, value, path, people);
    }
  };
  walk(schema, data, [], false);
  return found;
}

/** A text split into its YAML part (front matter or the whole data file) and the Markdown body after it. */
function splitFile(text: string, data: boolean): { yaml: string; head: string; body: string; tail: string } {
  if (data) return { head: '', yaml: text, tail: '', body: '' };
  const match = /^(---[ \t]*\r?\n)((?:[\s\S]*?\r?\n)?)(---[ \t]*(?:\r?\n|$))/.exec(text);
  if (!match) return { head: '', yaml: '', tail: '', body: text };
  return { head: match[1], yaml: match[2], tail: match[3], body: text.slice(match[0].length) };
}

/** Matchers for what names the colleague in free text. */
function namers(id: string, name: string, email: string | undefined) {
  const idWord = `(?<![\\w@/-])${escape(id)}(?![\\w-])`;
  const nameWords = name.trim().split(/\s+/).map(escape).join('\\s+');
  return {
    /** A Markdown link to their profile: its text stays, the link goes. */
    profileLink: new RegExp(`\\[([^\\]]*)\\]\\(\\/collegas\\/${escape(id)}\\/?\\)`, 'g'),
    replacements: [
      new RegExp(`@${escape(id)}(?![\\w-])`, 'g'),
      ...(email ? [new RegExp(`(mailto:)?${escape(email)}`, 'gi')] : []),
      new RegExp(`(?<![\\p{L}\\p{N}])${nameWords}(?![\\p{L}\\p{N}])`, 'giu'),
      new RegExp(`/collegas/${escape(id)}/?`, 'g'),
    ],
    /** What no file may still hold afterwards. */
    leftovers: [new RegExp(idWord), new RegExp(`(?<![\\p{L}\\p{N}])${nameWords}(?![\\p{L}\\p{N}])`, 'iu'), ...(email ? [new RegExp(escape(email), 'i')] : [])],
    idWord: new RegExp(idWord, 'g'),
  };
}

/** A person id as the schemas allow it (no path tricks). */
const PERSON_ID = /^[a-z0-9][a-z0-9-]*$/;

/** The files of a post in the repository: the post, its photos, and every comment placed under it. */
async function postFiles(reader: ContentReader, paths: ContentPaths, postId: string, files: string[], commentsOn: Map<string, string[]>) {
  const path = paths.post(postId);
  const text = await reader.read(path);
  const photos = new Set<string>();
  if (text) {
    const { data } = parseFrontMatter(text);
    for (const p of ((data as { photos?: { src?: unknown }[] }).photos ?? [])) if (typeof p?.src === 'string') photos.add(`public${p.src}`);
  }
  const prefix = paths.photo(postId, 0, 'x').path.replace(/-0\.x$/, '-');
  for (const f of files) if (f.startsWith(prefix)) photos.add(f);
  return { path, exists: text !== undefined, photos: [...photos].filter((p) => files.includes(p)), comments: commentsOn.get(postId) ?? [] };
}

/** Reads every comment once: which comments sit under which post, and who wrote each. */
async function readComments(reader: ContentReader, paths: ContentPaths, files: string[]) {
  const commentsOn = new Map<string, string[]>();
  const authorOf = new Map<string, string>();
  for (const f of files.filter((f) => f.startsWith(`${paths.folder('reacties')}/`) && f.endsWith('.md'))) {
    const text = await reader.read(f);
    if (!text) continue;
    const data = parseFrontMatter(text).data as { author?: unknown; on?: { type?: unknown; id?: unknown } };
    if (typeof data.author === 'string') authorOf.set(f, data.author);
    if (data.on?.type === 'bericht' && typeof data.on.id === 'string') commentsOn.set(data.on.id, [...(commentsOn.get(data.on.id) ?? []), f]);
  }
  return { commentsOn, authorOf };
}

/**
 * Plans the erasure of colleague `id`: refuses (EraseRefusal, nothing changed) an unknown colleague, a successor that
 * is not a colleague, references without a successor, and any file that would still name them.
 */
export async function planColleagueErasure(reader: ContentReader, id: string, options: { handOverTo?: string; contentPrefix?: string } = {}): Promise<ErasePlan> {
  const paths = createContentPaths(options.contentPrefix);
  const personFile = PERSON_ID.test(id) ? paths.entryFiles('collegas', id)?.[0] : undefined;
  const personText = personFile ? await reader.read(personFile) : undefined;
  if (!personFile || personText === undefined) throw new EraseRefusal(`Er is geen collega met id "${id}"; er is niets veranderd.`, 'onbekende_collega');
  const person = parseYamlFile(personText) as { name?: unknown; email?: unknown; photo?: { src?: unknown } };
  const name = typeof person.name === 'string' ? person.name : id;
  const email = typeof person.email === 'string' ? person.email : undefined;
  const successor = options.handOverTo;
  if (successor !== undefined) {
    const file = PERSON_ID.test(successor) && successor !== id ? paths.entryFiles('collegas', successor)?.[0] : undefined;
    if (!file || (await reader.read(file)) === undefined) throw new EraseRefusal(`"${successor}" kan de verwijzingen niet overnemen: er is geen andere collega met die id. Er is niets veranderd.`, 'ongeldige_opvolger');
  }

  const files = await reader.list([paths.prefix, PHOTO_FOLDER]);
  const { commentsOn, authorOf } = await readComments(reader, paths, files);
  const deletes = new Set<string>([personFile]);
  const counts: EraseCounts = { personFiles: 1, posts: 0, photos: 0, comments: 0, commentsOfOthers: 0, mentionsReplaced: 0, referencesHandedOver: 0 };
  const removedPosts: string[] = [];
  if (typeof person.photo?.src === 'string' && files.includes(`public${person.photo.src}`)) {
    deletes.add(`public${person.photo.src}`);
    counts.photos++;
  }

  // Their posts, with photos and every comment under them (others' comments go with the post: docs/privacy.md says why).
  for (const f of files.filter((f) => f.startsWith(`${paths.folder('berichten')}/`) && f.endsWith('.md'))) {
    const postId = f.split('/').pop()!.replace(/\.md$/, '');
    const text = await reader.read(f);
    if (!text || !isUlid(postId) || (parseFrontMatter(text).data as { author?: unknown }).author !== id) continue;
    const post = await postFiles(reader, paths, postId, files, commentsOn);
    deletes.add(f);
    removedPosts.push(postId);
    counts.posts++;
    for (const p of post.photos) if (!deletes.has(p)) (deletes.add(p), counts.photos++);
    for (const c of post.comments) if (!deletes.has(c) && authorOf.get(c) !== id) (deletes.add(c), counts.commentsOfOthers++);
  }
  for (const [f, author] of authorOf) if (author === id && !deletes.has(f)) (deletes.add(f), counts.comments++);

  // Every other text file: references handed over, mentions replaced.
  const match = namers(id, name, email);
  const writes: { path: string; content: string }[] = [];
  const references: Reference[] = [];
  const leftovers: string[] = [];
  for (const f of files.filter((f) => f.startsWith(`${paths.prefix}/`) && TEXT_FILE.test(f) && !deletes.has(f))) {
    const text = await reader.read(f);
    if (text === undefined) continue;
    const collection = collectionOf(paths, f);
    const isData = !!collection && CONTENT_TYPES[collection].kind === 'data';
    const parts = splitFile(text, isData || /\.ya?ml$/.test(f));
    let yaml = parts.yaml;
    if (collection) {
      const data = isData ? parseYamlFile(yaml) : parseFrontMatter(text).data;
      const refs = findPersonReferences(CONTENT_TYPES[collection].schema, data, id);
      for (const path of refs) references.push({ file: f, field: path.join('.') });
      if (refs.length && successor) {
        const doc = parseDocument(yaml);
        for (const path of refs) doc.setIn(path, successor);
        yaml = doc.toString({ lineWidth: 0 });
        counts.referencesHandedOver += refs.length;
      }
    }
    const replace = (s: string) => match.replacements.reduce((t, re) => t.replace(re, FORMER_COLLEAGUE), s.replace(match.profileLink, '$1'));
    const body = replace(parts.body).replace(match.idWord, FORMER_COLLEAGUE);
    const mentioned = replace(yaml);
    if (mentioned !== yaml || body !== parts.body) counts.mentionsReplaced++;
    const next = parts.head + mentioned + parts.tail + body;
    if (match.leftovers.some((re) => re.test(next))) leftovers.push(f);
    if (next !== text) writes.push({ path: f, content: next });
  }
  if (references.length && !successor) {
    throw new EraseRefusal(
      `Deze collega staat nog in ${references.length} redactionele verwijzing(en). Noem een collega die ze overneemt met --hand-over-to <id>. Er is niets veranderd.`,
      'overdracht_nodig',
      references,
    );
  }
  if (leftovers.length) {
    throw new EraseRefusal(`In ${leftovers.length} bestand(en) zou deze collega nog genoemd blijven (in een veld dat niet automatisch kan worden aangepast). Pas ze eerst aan; er is niets veranderd.`, 'sporen_blijven', [], leftovers);
  }
  const removed = { posts: removedPosts, comments: [...deletes].filter((f) => authorOf.has(f)).map(commentId) };
  return { deletes: [...deletes].sort(), writes, counts, email, name: typeof person.name === 'string' ? name : undefined, removed };
}

/** Plans the erasure of one post on request: the post, its photos and every comment under it. */
export async function planPostErasure(reader: ContentReader, postId: string, options: { contentPrefix?: string } = {}): Promise<ErasePlan> {
  const paths = createContentPaths(options.contentPrefix);
  if (!isUlid(postId)) throw new EraseRefusal(`"${postId}" is geen bericht-id; er is niets veranderd.`, 'onbekend_bericht');
  const files = await reader.list([paths.prefix, PHOTO_FOLDER]);
  const { commentsOn } = await readComments(reader, paths, files);
  const post = await postFiles(reader, paths, postId, files, commentsOn);
  if (!post.exists) throw new EraseRefusal(`Er is geen bericht met id "${postId}"; er is niets veranderd.`, 'onbekend_bericht');
  return {
    deletes: [post.path, ...post.photos, ...post.comments].sort(),
    writes: [],
    counts: { personFiles: 0, posts: 1, photos: post.photos.length, comments: 0, commentsOfOthers: post.comments.length, mentionsReplaced: 0, referencesHandedOver: 0 },
    removed: { posts: [postId], comments: post.comments.map(commentId) },
  };
}

/** Commits a plan as one change by Plein, with a message that names nobody. */
export async function applyErasure(store: ContentStore, plan: ErasePlan, message = ERASE_MESSAGE): Promise<{ commit: string }> {
  return store.commit({ writes: plan.writes, deletes: plan.deletes, message, author: PLEIN_BOT });
}
