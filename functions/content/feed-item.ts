// Turns a stored post or comment file into the JSON the live feed and the API answer with.
import { parseFrontMatter } from '../../src/lib/front-matter.ts';
import { renderMarkdown } from '../../src/lib/render-markdown.ts';
import type { PeopleLookup } from './people.ts';

/** A post or comment as the browser merges it into a page; `html` went through the sanitiser. */
export interface FeedItem {
  type: 'bericht' | 'reactie';
  id: string;
  author?: { id: string; name: string };
  group?: string;
  on?: { type: string; id: string };
  created?: string;
  edited?: string;
  html?: string;
  photos?: { src: string; alt: string }[];
  /** A post as a listing in a market group. */
  listing?: { kind: string; price?: number; status: string; /** The group's market days, for "tot <datum>" (added by the feed). */ days?: number };
  /** A post's poll: its choices and rules (the counts come from /api/peilingen, per person). */
  poll?: { options: string[]; multiple: boolean; closes?: string; results: string };
  hidden?: boolean;
  deleted?: boolean;
}

const str = (v: unknown) => (typeof v === 'string' ? v : v instanceof Date ? v.toISOString() : undefined);

/** A poll as the feed carries it: only its definition, never counts or votes. */
function feedPoll(poll: Record<string, unknown>): NonNullable<FeedItem['poll']> {
  return {
    options: Array.isArray(poll.options) ? poll.options.map(String) : [],
    multiple: poll.multiple === true,
    ...(poll.closes ? { closes: str(poll.closes) } : {}),
    results: poll.results === 'na-sluiten' ? 'na-sluiten' : 'na-stemmen',
  };
}

/** A listing as the feed carries it. */
function feedListing(listing: Record<string, unknown>): NonNullable<FeedItem['listing']> {
  return { kind: String(listing.kind), ...(typeof listing.price === 'number' ? { price: listing.price } : {}), status: typeof listing.status === 'string' ? listing.status : 'beschikbaar' };
}

/** Rendered items kept per version of the people directory (a reload gives a new ids set: names and mentions anew). */
const renderedFor = new WeakMap<ReadonlySet<string>, Map<string, { text: string; item: FeedItem }>>();
const MAX_RENDERED = 5000;

/**
 * The feed item of a stored file; hidden items carry no text at all. Rendered once per text: a new post's answer and
 * the live feed that shows it next (and every server answer after) share one Markdown render. Treat it as read-only.
 */
export function toFeedItem(type: FeedItem['type'], id: string, fileText: string, people: PeopleLookup): FeedItem {
  const ids = people.ids();
  let rendered = renderedFor.get(ids);
  if (!rendered) renderedFor.set(ids, (rendered = new Map()));
  const key = `${type}/${id}`;
  const known = rendered.get(key);
  if (known?.text === fileText) return known.item;
  const item = renderFeedItem(type, id, fileText, people);
  rendered.delete(key);
  rendered.set(key, { text: fileText, item });
  if (rendered.size > MAX_RENDERED) rendered.delete(rendered.keys().next().value!);
  return item;
}

function renderFeedItem(type: FeedItem['type'], id: string, fileText: string, people: PeopleLookup): FeedItem {
  const { data, body } = parseFrontMatter(fileText) as { data: Record<string, unknown>; body: string };
  const authorId = str(data.author) ?? '';
  const base: FeedItem = {
    type,
    id,
    author: { id: authorId, name: people.byId(authorId)?.name ?? authorId },
    created: str(data.created),
    ...(data.group ? { group: str(data.group) } : {}),
    ...(data.on && typeof data.on === 'object' ? { on: data.on as FeedItem['on'] } : {}),
  };
  if (data.hidden) return { ...base, hidden: true };
  return {
    ...base,
    ...(data.edited ? { edited: str(data.edited) } : {}),
    html: renderMarkdown(body, { people: people.ids() }),
    photos: Array.isArray(data.photos) ? (data.photos as { src: string; alt: string }[]).map((p) => ({ src: String(p.src), alt: String(p.alt) })) : [],
    ...(data.poll && typeof data.poll === 'object' ? { poll: feedPoll(data.poll as Record<string, unknown>) } : {}),
    ...(data.listing && typeof data.listing === 'object' ? { listing: feedListing(data.listing as Record<string, unknown>) } : {}),
  };
}
