// Where entries live in the repository, derived from the content registry: the server builds every path itself.
import { ID_PATTERN } from '../../src/schemas/common.ts';
import { COMMENT_TARGET_COLLECTIONS, CONTENT_TYPES, type CollectionName, type CommentTarget } from '../../src/schemas/index.ts';
import { getUlidTime, isUlid } from '../lib/ulid.ts';

/** Collections whose entries are files named by their ULID in YYYY/MM folders (written by employees). */
type UlidCollection = 'berichten' | 'reacties';

function yearMonth(id: string): string {
  const d = getUlidTime(id);
  return `${d.getUTCFullYear()}/${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** Checks a content folder (relative to the repository) handed over by a host. */
function checkPrefix(prefix: string): string {
  const dir = prefix.replace(/^\.\/|\/$/g, '');
  if (!dir || dir.startsWith('/') || dir.split('/').includes('..')) throw new Error(`De inhoudsmap moet een map binnen de repository zijn, niet "${prefix}"`);
  return dir;
}

/** The paths of one repository layout; `prefix` is the content folder inside the repository (default "content"). */
export function createContentPaths(prefix = 'content') {
  const root = checkPrefix(prefix);
  const folder = (collection: CollectionName) => `${root}/${CONTENT_TYPES[collection].folder}`;
  const ulidFile = (collection: UlidCollection, id: string) => {
    if (!isUlid(id)) throw new Error('ongeldige id');
    return `${folder(collection)}/${yearMonth(id)}/${id}.md`;
  };
  /** Candidate files of an entry with a slug id, in the order the API prefers; undefined when the id cannot name one. */
  const entryFiles = (collection: CollectionName, id: string): string[] | undefined => {
    if (!ID_PATTERN.test(id) || id.length > 200) return undefined;
    return CONTENT_TYPES[collection].extensions.map((ext) => `${folder(collection)}/${id}${ext}`);
  };
  return {
    /** The content folder inside the repository. */
    prefix: root,
    /** The folder of a collection, e.g. content/berichten. */
    folder,
    /** content/berichten/YYYY/MM/<ulid>.md — the month comes from the ULID itself. */
    post: (id: string) => ulidFile('berichten', id),
    /** content/reacties/YYYY/MM/<ulid>.md */
    comment: (id: string) => ulidFile('reacties', id),
    entryFiles,
    /** public/media/berichten/YYYY/MM/<ulid>-<n>.<ext>, and the URL it is served at. */
    photo(postId: string, n: number, extension: string): { path: string; src: string } {
      const rel = `media/berichten/${yearMonth(postId)}/${postId}-${n}.${extension}`;
      return { path: `public/${rel}`, src: `/${rel}` };
    },
    /** Candidate files for a comment target; undefined when the id cannot name one. */
    targetFiles(type: CommentTarget, id: string): string[] | undefined {
      const collection = COMMENT_TARGET_COLLECTIONS[type];
      if (collection === 'berichten') return isUlid(id) ? [ulidFile('berichten', id)] : undefined;
      // Events live flat in their folder; news and knowledge pages may sit in sub-folders.
      if (collection === 'agenda' && id.includes('/')) return undefined;
      return entryFiles(collection, id);
    },
  };
}

/** The paths of a repository layout. */
export type ContentPaths = ReturnType<typeof createContentPaths>;

const standard = createContentPaths();
/** The path of a post in the standard layout (content/): for tools and tests. */
export const getPostPath = standard.post;
/** The path of a comment in the standard layout (content/): for tools and tests. */
export const getCommentPath = standard.comment;
