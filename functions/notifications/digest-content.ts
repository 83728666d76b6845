// What the digest tells (issue 14), read once per run from the content folder on disk (the Node server's working
// tree, or the checkout `npm run digest` runs in): news, posts in groups with their number of comments, the agenda,
// the groups' names. Private groups live only in the state store and never appear in a digest.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseFrontMatter } from '../../src/lib/front-matter.ts';
import { toPlainText } from '../../src/lib/render-markdown.ts';
import { CONTENT_TYPES } from '../../src/schemas/index.ts';
import { audienceOf, type Audience } from './audience.ts';

export interface DigestNews { id: string; title: string; summary: string | null; at: number }
export interface DigestPost { id: string; group: string; author: string; excerpt: string; at: number; comments: number }
export interface DigestEvent { id: string; title: string; location: string | null; start: number; /** Who it is for ("Voor jou"). */ audience: Audience }

/** Everything a digest run may mention. */
export interface DigestContent {
  news: DigestNews[];
  posts: DigestPost[];
  events: DigestEvent[];
  groupNames: Map<string, string>;
}

/** The files below `dir` whose names match `ext` (none when it does not exist). */
export function files(dir: string, ext: RegExp): string[] {
  try {
    return (readdirSync(dir, { recursive: true }) as string[]).filter((f) => ext.test(f)).map((f) => join(dir, f));
  } catch {
    return [];
  }
}

/** A content file's front matter and body, or undefined when it cannot be read. */
export function entry(path: string): { data: Record<string, unknown>; body: string } | undefined {
  try {
    return parseFrontMatter(readFileSync(path, 'utf8')) as { data: Record<string, unknown>; body: string };
  } catch {
    return undefined;
  }
}

const idOf = (path: string) => path.split(/[\\/]/).pop()!.replace(/\.(md|mdx)$/, '');
const time = (v: unknown) => (v instanceof Date ? v.getTime() : typeof v === 'string' ? Date.parse(v) : NaN);
const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : null);

/** A short plain-text excerpt. */
export function excerptOf(markdown: string, max = 140): string {
  const text = toPlainText(markdown).replace(/\s+/g, ' ').trim();
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Reads the content folder: posts since `since` (and their comments), news, and events. */
export function loadDigestContent(contentDir: string, since: number): DigestContent {
  const folder = (name: keyof typeof CONTENT_TYPES) => join(contentDir, CONTENT_TYPES[name].folder);
  const news = files(folder('nieuws'), /\.mdx?$/).flatMap((p) => {
    const e = entry(p);
    const at = time(e?.data.date);
    if (!e || !str(e.data.title) || Number.isNaN(at) || e.data.draft === true) return [];
    return [{ id: idOf(p), title: str(e.data.title)!, summary: str(e.data.summary), at }];
  });
  const posts = files(folder('berichten'), /\.md$/).flatMap((p) => {
    const e = entry(p);
    const at = time(e?.data.created);
    const group = str(e?.data.group);
    if (!e || !group || Number.isNaN(at) || at < since || e.data.hidden) return [];
    return [{ id: idOf(p), group, author: str(e.data.author) ?? '', excerpt: excerptOf(e.body), at, comments: 0 }];
  });
  const byId = new Map(posts.map((p) => [p.id, p]));
  for (const p of files(folder('reacties'), /\.md$/)) {
    const on = entry(p)?.data.on as { type?: string; id?: string } | undefined;
    const post = on?.type === 'bericht' && on.id ? byId.get(on.id) : undefined;
    if (post) post.comments++;
  }
  const events = files(folder('agenda'), /\.mdx?$/).flatMap((p) => {
    const e = entry(p);
    const start = time(e?.data.start);
    if (!e || !str(e.data.title) || Number.isNaN(start) || e.data.draft === true) return [];
    return [{ id: idOf(p), title: str(e.data.title)!, location: str(e.data.location), start, audience: audienceOf(e.data) }];
  });
  const groupNames = new Map<string, string>();
  for (const p of files(folder('groepen'), /\.md$/)) {
    const name = str(entry(p)?.data.name);
    if (name) groupNames.set(idOf(p), name);
  }
  return { news, posts, events, groupNames };
}
