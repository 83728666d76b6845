// Where posts, comments and photos live in the repository: the server builds every path itself.
import { getUlidTime, isUlid } from '../lib/ulid.ts';

/** The content folder inside the repository (PLEIN_CONTENT_DIR, default "content"). */
export function getContentPrefix(): string {
  const dir = (process.env.PLEIN_CONTENT_DIR ?? 'content').replace(/^\.\/|\/$/g, '');
  if (dir.startsWith('/') || dir.includes('..')) throw new Error('PLEIN_CONTENT_DIR moet een map binnen de repository zijn');
  return dir;
}

function yearMonth(id: string): string {
  const d = getUlidTime(id);
  return `${d.getUTCFullYear()}/${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** content/berichten/YYYY/MM/<ulid>.md — the month comes from the ULID itself. */
export function getPostPath(id: string): string {
  if (!isUlid(id)) throw new Error('ongeldige id');
  return `${getContentPrefix()}/berichten/${yearMonth(id)}/${id}.md`;
}

/** content/reacties/YYYY/MM/<ulid>.md */
export function getCommentPath(id: string): string {
  if (!isUlid(id)) throw new Error('ongeldige id');
  return `${getContentPrefix()}/reacties/${yearMonth(id)}/${id}.md`;
}

/** public/media/berichten/YYYY/MM/<ulid>-<n>.<ext>, and the URL it is served at. */
export function getPhotoPath(postId: string, n: number, extension: string): { path: string; src: string } {
  const rel = `media/berichten/${yearMonth(postId)}/${postId}-${n}.${extension}`;
  return { path: `public/${rel}`, src: `/${rel}` };
}

const ID = /^[a-z0-9][a-z0-9-]*(\/[a-z0-9][a-z0-9-]*)*$/;

/** Candidate files for a comment target; undefined when the id cannot name one. */
export function getTargetPaths(type: 'nieuws' | 'kennis' | 'bericht' | 'agenda', id: string): string[] | undefined {
  const c = getContentPrefix();
  if (type === 'bericht') return isUlid(id) ? [getPostPath(id)] : undefined;
  if (!ID.test(id) || id.length > 200) return undefined;
  if (type === 'nieuws') return [`${c}/nieuws/${id}.md`, `${c}/nieuws/${id}.mdx`];
  if (type === 'kennis') return [`${c}/weten-en-regelen/${id}.mdx`, `${c}/weten-en-regelen/${id}.md`];
  if (id.includes('/')) return undefined;
  return [`${c}/agenda/${id}.md`];
}
