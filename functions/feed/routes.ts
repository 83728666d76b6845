// GET /api/feed?sinds=<commit>: posts and comments newer than the build, so pages show them before a rebuild.
import { Hono } from 'hono';
import { ApiError } from '../lib/api-error.ts';
import { toFeedItem, type FeedItem } from '../content/feed-item.ts';
import type { ContentDeps } from '../content/types.ts';
import type { AppEnv } from '../env.ts';
import { readGroup } from '../content/items.ts';

const MAX_ITEMS = 500;
const CACHE_MS = 500;
/** Items kept by path with the blob they were read from: a committed post is read again only when its blob changed. */
const MAX_SEEN = 5000;

/**
 * The feed route; answers are cached briefly per since, so many readers cost one git call. A write accepted by this
 * server ends the cached answer at once: a reader polling right after it sees it (another server's write waits
 * at most CACHE_MS more).
 */
export function createFeedRoutes(deps: Pick<ContentDeps, 'store' | 'people' | 'paths'>) {
  const app = new Hono<AppEnv>();
  const cache = new Map<string, { at: number; changes: number; body: Promise<{ head: string; items: FeedItem[] }> }>();
  // Rendering itself is remembered by toFeedItem (per text); this saves the file read.
  const seen = new Map<string, { blob: string; ids: ReadonlySet<string>; item: FeedItem }>();

  function render(type: FeedItem['type'], id: string, path: string, text: string, blob: string | undefined): FeedItem {
    const item = toFeedItem(type, id, text, deps.people);
    if (blob) {
      seen.delete(path);
      seen.set(path, { blob, ids: deps.people.ids(), item });
      if (seen.size > MAX_SEEN) seen.delete(seen.keys().next().value!);
    }
    return item;
  }

  async function build(since: string) {
    const posts = `${deps.paths.folder('berichten')}/`;
    const { head, files } = await deps.store.changedSince(since, [deps.paths.folder('berichten'), deps.paths.folder('reacties')]);
    const relevant = files.filter((f) => f.path.endsWith('.md')).slice(-MAX_ITEMS);
    // Read together, not one after the other: under load each file read waits in the I/O queue.
    const read = await Promise.all(
      relevant.map(async (f): Promise<FeedItem | undefined> => {
        const type = f.path.startsWith(posts) ? 'bericht' : 'reactie';
        const id = f.path.split('/').pop()!.replace(/\.md$/, '');
        if (f.status === 'deleted') return { type, id, deleted: true };
        // The same committed content as rendered before: no need to read the file again.
        const known = f.blob ? seen.get(f.path) : undefined;
        if (known && known.blob === f.blob && known.ids === deps.people.ids()) return known.item;
        const text = await deps.store.read(f.path);
        return text ? render(type, id, f.path, text, f.blob) : undefined;
      }),
    );
    const items = read.filter((item): item is FeedItem => item !== undefined);
    items.sort((a, b) => (a.id < b.id ? -1 : 1));
    // A listing says until when it is listed: its group's market days, read once per group per answer.
    const days = new Map<string, Promise<number | undefined>>();
    const daysOf = (group: string) => {
      if (!days.has(group)) days.set(group, readGroup(deps, group).then((g) => g?.marketDays, () => undefined));
      return days.get(group)!;
    };
    const withDays = await Promise.all(
      items.map(async (item) => {
        if (!item.listing || !item.group) return item;
        const marketDays = await daysOf(item.group);
        return marketDays ? { ...item, listing: { ...item.listing, days: marketDays } } : item;
      }),
    );
    return { head, items: withDays };
  }

  app.get('/api/feed', async (c) => {
    const since = c.req.query('sinds') ?? '';
    if (since && !/^[0-9a-f]{40}$/.test(since)) throw new ApiError(400, 'ongeldige_versie', 'De parameter sinds moet een commit-id zijn.');
    const now = Date.now();
    const changes = deps.store.changes?.() ?? 0;
    const hit = cache.get(since);
    let body = hit && now - hit.at < CACHE_MS && hit.changes === changes ? hit.body : undefined;
    if (!body) {
      body = build(since);
      cache.set(since, { at: now, changes, body });
      if (cache.size > 100) cache.delete(cache.keys().next().value!);
      body.catch(() => cache.delete(since));
    }
    const result = await body;
    return c.json(result, 200, { 'Cache-Control': 'no-store' });
  });

  return app;
}
