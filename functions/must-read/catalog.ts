// Which news exists and which of it is must-read (issue 17), as the server knows it: read from the content folder on
// disk (the Node server's working tree, whose commits the build publishes), once at start and again after every build
// the server switches to, and at most every few minutes otherwise. The API asks it per request from memory — the
// banner rides on every page's /api/auth/me — so no file is read per request. Who an item is for comes from
// functions/notifications/audience.ts (resolved once per item and load, not per request). Reading the disk is
// catalog-disk.ts, for the Node server only: this module is bundled into the Cloudflare Pages Function too.
import { isPublished } from '../../src/lib/dates.ts';
import type { PeopleLookup } from '../content/people.ts';
import { audienceMembers, type Audience } from '../notifications/audience.ts';
import type { DigestContent } from '../notifications/digest-content.ts';

/** A news item as the must-read routes and reminders see it. */
export interface CatalogNews {
  id: string;
  title: string;
  url: string;
  /** When it appears (publishDate, else date), epoch ms. */
  publishedAt: number;
  draft: boolean;
  publishDate?: Date;
  expiryDate?: Date;
  mustRead: boolean;
  /** The must-read deadline (gelezenVoor), epoch ms. */
  deadline: number | null;
  audience: Audience;
}

/** The news the server knows. */
export interface NewsCatalog {
  /** The item, published or not (undefined: no such news). */
  byId(id: string): CatalogNews | undefined;
  /** Must-read items on the site at `now`, oldest first. */
  mustRead(now: number): CatalogNews[];
  /** The colleagues an item is for (remembered per load). */
  audienceOf(item: CatalogNews): ReadonlySet<string>;
  /** News on the site at `now`, newest first. */
  live(now: number): CatalogNews[];
  /** Recent posts, the agenda and the groups' names ("Voor jou"), when the host can read them; cached for a minute. */
  recent?(): DigestContent;
}

/** Whether an item is on the site at `now`. */
export const isLive = (item: CatalogNews, now: number) => isPublished(item, new Date(now));

/** A catalog over a list of items (the loader's, or a test's). */
export function createNewsCatalog(
  load: () => CatalogNews[],
  people: PeopleLookup,
  options: { maxAgeMs?: number; now?: () => number; /** Posts, agenda and group names (functions/notifications/digest-content.ts). */ recent?: () => DigestContent } = {},
): NewsCatalog & { reload(): void } {
  const clock = options.now ?? Date.now;
  const maxAge = options.maxAgeMs ?? 5 * 60 * 1000;
  let items = new Map<string, CatalogNews>();
  let members = new WeakMap<CatalogNews, ReadonlySet<string>>();
  let loadedAt = -Infinity;
  const reload = () => {
    items = new Map(load().map((n) => [n.id, n]));
    members = new WeakMap();
    loadedAt = clock();
  };
  let recent: { at: number; content: DigestContent } | undefined;
  const fresh = () => {
    if (clock() - loadedAt > maxAge) reload();
    return items;
  };
  return {
    reload,
    byId: (id) => fresh().get(id),
    live: (now) => [...fresh().values()].filter((n) => isLive(n, now)).sort((a, b) => b.publishedAt - a.publishedAt || a.id.localeCompare(b.id)),
    recent: options.recent && (() => {
      // Posts arrive all day: read again at most once a minute.
      if (!recent || clock() - recent.at > 60_000) recent = { at: clock(), content: options.recent!() };
      return recent.content;
    }),
    mustRead: (now) => [...fresh().values()].filter((n) => n.mustRead && isLive(n, now)).sort((a, b) => a.publishedAt - b.publishedAt || a.id.localeCompare(b.id)),
    audienceOf(item) {
      let set = members.get(item);
      if (!set) members.set(item, (set = new Set(audienceMembers(item.audience, people))));
      return set;
    },
  };
}
