// Retention in the content repository (issue 19): posts and comments past their term are removed in one commit by
// Plein, with the photos of a removed post and the comments under it. Items are named by ULID, so only files old
// enough to be past some term are read; comments are also read from the oldest removed post on (their parents).
import { parseFrontMatter } from '../../src/lib/front-matter.ts';
import type { RetentionTerms } from '../../src/schemas/settings.ts';
import type { ContentPaths } from '../content/paths.ts';
import { getUlidTime, isUlid } from '../lib/ulid.ts';
import type { ContentStore } from '../store/types.ts';
import { monthsBefore } from './terms.ts';

/** The committer's identity for the retention commit: the intranet, never a colleague. */
export const RETENTION_AUTHOR = { name: 'Plein', email: 'plein@intranet.invalid' };

/** What the retention removes from the content repository. */
export interface ContentRemoval {
  /** Post ids (ULIDs) and comment ids removed. */
  posts: string[];
  comments: string[];
  /** Every path deleted: the posts, their photos, the comments. */
  paths: string[];
}

interface Front {
  created?: unknown;
  group?: unknown;
  hidden?: { at?: unknown };
  photos?: { src?: unknown }[];
  on?: { type?: unknown; id?: unknown };
}

const idOf = (path: string) => path.slice(path.lastIndexOf('/') + 1).replace(/\.md$/, '');
const timeOf = (value: unknown, fallback: number) => {
  const t = typeof value === 'string' || value instanceof Date ? new Date(value).getTime() : Number.NaN;
  return Number.isNaN(t) ? fallback : t;
};

/** The ULID-named Markdown files under a folder, with their ULID time. */
async function listItems(store: ContentStore, folder: string) {
  const { files } = await store.changedSince('', [folder]);
  return files
    .filter((f) => f.status !== 'deleted') // a delete still waiting in the outbox
    .map((f) => ({ path: f.path, id: idOf(f.path) }))
    .filter((f) => f.path.endsWith('.md') && isUlid(f.id))
    .map((f) => ({ ...f, at: getUlidTime(f.id).getTime() }));
}

async function readFront(store: ContentStore, path: string): Promise<Front | undefined> {
  const text = await store.read(path);
  if (text === undefined) return undefined;
  try {
    return (parseFrontMatter(text).data ?? {}) as Front;
  } catch {
    return undefined; // the build's check reports a broken file; the retention leaves it alone
  }
}

/** Whether a hidden item has been hidden longer than the term for hidden items. */
const hiddenPast = (front: Front, cutoff: number) => front.hidden !== undefined && timeOf(front.hidden.at, Number.POSITIVE_INFINITY) < cutoff;

/** Finds the posts and comments past their term at `now` (reads only; nothing is changed). */
export async function planContentRetention(store: ContentStore, paths: ContentPaths, terms: RetentionTerms, now: Date): Promise<ContentRemoval> {
  const cut = {
    timeline: monthsBefore(now, terms.berichten),
    group: monthsBefore(now, terms.groepsberichten),
    comment: monthsBefore(now, terms.reacties),
    hidden: monthsBefore(now, terms.verborgen),
  };
  const removal: ContentRemoval = { posts: [], comments: [], paths: [] };
  // A post younger than every cutoff cannot be past any term (an item is hidden after it was made).
  const postCut = Math.max(cut.timeline, cut.group, cut.hidden);
  for (const post of await listItems(store, paths.folder('berichten'))) {
    if (post.at >= postCut) continue;
    const front = await readFront(store, post.path);
    if (!front) continue;
    const created = timeOf(front.created, post.at);
    const past = created < (front.group ? cut.group : cut.timeline) || hiddenPast(front, cut.hidden);
    if (!past) continue;
    removal.posts.push(post.id);
    removal.paths.push(post.path);
    for (const photo of front.photos ?? []) {
      // Photos live at public/media/berichten/…; only a path of that shape is deleted.
      // A photo already gone is left out: git refuses to delete a path it does not know.
      if (typeof photo.src !== 'string' || !photo.src.startsWith('/media/berichten/') || photo.src.includes('..')) continue;
      if (await store.exists(`public${photo.src}`)) removal.paths.push(`public${photo.src}`);
    }
  }
  const removedPosts = new Set(removal.posts);
  const oldestRemoved = Math.min(...removal.posts.map((id) => getUlidTime(id).getTime()));
  const commentCut = Math.max(cut.comment, cut.hidden);
  for (const comment of await listItems(store, paths.folder('reacties'))) {
    if (comment.at >= commentCut && comment.at < oldestRemoved) continue;
    const front = await readFront(store, comment.path);
    if (!front) continue;
    const underRemoved = front.on?.type === 'bericht' && typeof front.on.id === 'string' && removedPosts.has(front.on.id);
    const past = timeOf(front.created, comment.at) < cut.comment || hiddenPast(front, cut.hidden);
    if (!underRemoved && !past) continue;
    removal.comments.push(comment.id);
    removal.paths.push(comment.path);
  }
  return removal;
}

/** The commit message: counts only, never a name or a text. */
export function retentionMessage(removal: ContentRemoval): string {
  return `Bewaartermijn verstreken: ${removal.posts.length} bericht(en) en ${removal.comments.length} reactie(s) verwijderd`;
}

/** Removes what the plan found, in one commit; gives the commit (undefined when there was nothing to remove). */
export async function applyContentRetention(store: ContentStore, removal: ContentRemoval): Promise<string | undefined> {
  if (!removal.paths.length) return undefined;
  const { commit } = await store.commit({ writes: [], deletes: removal.paths, message: retentionMessage(removal), author: RETENTION_AUTHOR, trailers: ['Plein-Bewaartermijn: ja'] });
  return commit;
}
