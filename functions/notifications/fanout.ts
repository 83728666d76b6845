// The fan-out (issue 14): a job, not part of any request. It follows a durable cursor over the outbox's committed
// changes (what git has) and over private-group posts (which live only in the state store), works out who is told
// what, and writes the notifications — each (colleague, event) once, so running it again after a crash tells nobody
// twice. One server at a time runs it (the state store's lock "meldingen"); the cursor moves after the notifications
// of a batch are written. Mail and push about a private group carry none of its text, in Plein neither.
import { parseFrontMatter, parseYamlFile } from '../../src/lib/front-matter.ts';
import { toPlainText } from '../../src/lib/render-markdown.ts';
import type { ContentPaths } from '../content/paths.ts';
import type { PeopleLookup } from '../content/people.ts';
import { decodeChange } from '../state/outbox-codec.ts';
import type { FollowTarget, NewNotification, Notifications } from '../state/notifications.ts';
import type { PrivateGroups } from '../state/private-groups.ts';
import type { ContentStore } from '../store/types.ts';
import type { NotificationKind } from './kinds.ts';

/** The cursor over the outbox, and the one over private-group posts. */
export const OUTBOX_CURSOR = 'meldingen';
export const PRIVATE_CURSOR = 'meldingen-prive';
const MENTION = /(^|[^\w@/])@([a-z0-9][a-z0-9-]*[a-z0-9])/g;
/** Which kind wins when one colleague has several reasons to hear of one event (most personal first). */
const RANK: NotificationKind[] = ['vermelding', 'reactie-op-bericht', 'reactie-op-pagina', 'verborgen', 'nieuw-in-groep', 'nieuw-van-collega', 'reactie-gevolgd'];

export interface FanoutDeps {
  notifications: Notifications;
  privateGroups?: PrivateGroups;
  store: Pick<ContentStore, 'read'>;
  people: PeopleLookup;
  paths: ContentPaths;
  now?: () => number;
}

/** The @ids in a Markdown text that name colleagues. */
export function mentionsIn(body: string, people: PeopleLookup): string[] {
  const ids = people.ids();
  return [...new Set([...body.matchAll(MENTION)].map((m) => m[2]).filter((id) => ids.has(id)))];
}

/** A short excerpt: plain text, at most `max` characters. */
function excerpt(body: string, max = 140): string {
  return clip(toPlainText(body).replace(/\s+/g, ' ').trim(), max);
}

/** Plain text cut to at most `max` characters. */
function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** One event and everyone who might be told of it (the channels are each colleague's own choice). */
type Event = Omit<NewNotification, 'person' | 'inApp' | 'email' | 'push' | 'kind'> & { kind: NotificationKind; to: string[] };

/** Builds the fan-out over `deps`; `runOnce` handles what waits and says how many notifications it wrote. */
export function createFanout(deps: FanoutDeps) {
  const { notifications, people, paths } = deps;
  const now = deps.now ?? Date.now;
  const postsPrefix = `${paths.folder('berichten')}/`;
  const commentsPrefix = `${paths.folder('reacties')}/`;
  const idOf = (path: string) => path.split('/').pop()!.replace(/\.md$/, '');

  type Entry = { data: Record<string, unknown>; body: string };
  // This batch's files, parsed once (the automatic follows and the events both read them).
  let parsed = new Map<string, Entry>();

  /** A file's front matter and body, from this batch's writes or else the repository. */
  async function readEntry(path: string, batch: Map<string, string>): Promise<Entry | undefined> {
    const written = batch.get(path);
    if (written !== undefined && parsed.has(path)) return parsed.get(path);
    const text = written ?? (await deps.store.read(path).catch(() => undefined));
    const entry = text ? (parseFrontMatter(text) as Entry) : undefined;
    if (written !== undefined && entry) parsed.set(path, entry);
    return entry;
  }

  /** Whoever owns a knowledge page: its owner colleague, or its owning department's manager. */
  async function pageOwner(id: string, batch: Map<string, string>): Promise<{ owner?: string; title?: string }> {
    for (const path of paths.targetFiles('kennis', id) ?? []) {
      const entry = await readEntry(path, batch);
      if (!entry) continue;
      const owner = typeof entry.data.owner === 'string' ? entry.data.owner : undefined;
      const title = typeof entry.data.title === 'string' ? entry.data.title : undefined;
      if (!owner || people.byId(owner)) return { owner, title };
      const [deptPath] = paths.entryFiles('afdelingen', owner) ?? [];
      const dept = deptPath ? await deps.store.read(deptPath).catch(() => undefined) : undefined;
      const manager = dept ? (parseYamlFile(dept) as { manager?: unknown } | undefined)?.manager : undefined;
      return { owner: typeof manager === 'string' ? manager : undefined, title };
    }
    return {};
  }

  const targetUrl = (type: string, id: string) =>
    type === 'bericht' ? `/berichten/${id}/` : type === 'kennis' ? `/weten-en-regelen/${id}/` : type === 'nieuws' ? `/nieuws/${id}/` : type === 'agenda' ? `/agenda/${id}/` : '/';

  /** The events of one written post or comment file. */
  async function eventsOf(path: string, batch: Map<string, string>): Promise<Event[]> {
    const isPost = path.startsWith(postsPrefix);
    const entry = await readEntry(path, batch);
    if (!entry) return [];
    const { data, body } = entry;
    const id = idOf(path);
    const author = typeof data.author === 'string' ? data.author : '';
    const hidden = data.hidden as { by?: string; reason?: string } | undefined;
    const events: Event[] = [];
    // Everything as of the item's own time: followers then, and the follows it starts date from then.
    const at = Date.parse(String(data.created ?? '')) || now();
    const followers = (target: FollowTarget) => notifications.followers(target, at);

    if (isPost) {
      const target = { type: 'bericht', id };
      const url = `/berichten/${id}/`;
      if (hidden) {
        return [{ kind: 'verborgen', to: [author], actor: hidden.by ?? null, target, title: null, text: hidden.reason ?? null, url, groupKey: `verborgen:${id}`, source: `verborgen:bericht:${id}` }];
      }
      if (data.edited) return [];
      // One Markdown parse for the title and the text of every event of the post.
      const text = excerpt(body);
      const title = clip(text, 80);
      events.push({ kind: 'vermelding', to: mentionsIn(body, people), actor: author, target, title, text, url, groupKey: `vermelding:bericht:${id}`, source: `nieuw:bericht:${id}` });
      if (typeof data.group === 'string') {
        events.push({
          kind: 'nieuw-in-groep', to: await followers({ type: 'groep', id: data.group }), actor: author, target, title: groupName(data.group) ?? data.group,
          text, url, groupKey: `groep:${data.group}`, source: `nieuw:bericht:${id}`,
        });
      }
      events.push({ kind: 'nieuw-van-collega', to: await followers({ type: 'collega', id: author }), actor: author, target, title, text, url, groupKey: `collega:${author}`, source: `nieuw:bericht:${id}` });
      return events;
    }

    // A comment.
    const on = data.on as { type?: string; id?: string } | undefined;
    if (!on?.type || !on.id) return [];
    const onType = on.type === 'kennis' ? 'kennis' : on.type;
    const base = targetUrl(onType, on.id);
    const url = `${base}#reactie-${id}`;
    const target = { type: onType, id: on.id };
    if (hidden) {
      return [{ kind: 'verborgen', to: [author], actor: hidden.by ?? null, target, title: null, text: hidden.reason ?? null, url, groupKey: `verborgen:${id}`, source: `verborgen:reactie:${id}` }];
    }
    if (data.edited) return [];
    const source = `nieuw:reactie:${id}`;
    const text = excerpt(body);
    let title: string | null = null;
    if (onType === 'bericht') {
      const post = await readEntry(paths.post(on.id), batch).catch(() => undefined);
      title = post ? excerpt(post.body, 80) : null;
      const postAuthor = typeof post?.data.author === 'string' ? post.data.author : undefined;
      if (postAuthor) events.push({ kind: 'reactie-op-bericht', to: [postAuthor], actor: author, target, title, text, url, groupKey: `reacties:bericht:${on.id}`, source });
    } else if (onType === 'kennis') {
      const page = await pageOwner(on.id, batch);
      title = page.title ?? null;
      if (page.owner) events.push({ kind: 'reactie-op-pagina', to: [page.owner], actor: author, target, title, text, url, groupKey: `reacties:kennis:${on.id}`, source });
    }
    events.push({ kind: 'vermelding', to: mentionsIn(body, people), actor: author, target, title, text, url, groupKey: `vermelding:reactie:${id}`, source });
    events.push({ kind: 'reactie-gevolgd', to: await followers(target), actor: author, target, title, text, url, groupKey: `reacties:${onType}:${on.id}`, source });
    return events;
  }

  /**
   * The automatic follow of one written file, if any: the author of a new post follows it, and so does a colleague who
   * commented on a post, both from the item's own time. A batch writes all of them first in one transaction (one sync
   * of the database instead of one per post): a follow counts only from its time (followers as of an event), so an
   * item sees the same followers as when each follow was written just after its own item, and as in a rerun.
   */
  async function autoFollowOf(path: string, batch: Map<string, string>): Promise<{ person: string; target: FollowTarget; at: number } | undefined> {
    const entry = await readEntry(path, batch);
    if (!entry || entry.data.hidden || entry.data.edited || typeof entry.data.author !== 'string' || !entry.data.author) return undefined;
    const at = Date.parse(String(entry.data.created ?? '')) || now();
    if (path.startsWith(postsPrefix)) return { person: entry.data.author, target: { type: 'bericht', id: idOf(path) }, at };
    const on = entry.data.on as { type?: string; id?: string } | undefined;
    return on?.type === 'bericht' && on.id ? { person: entry.data.author, target: { type: 'bericht', id: on.id }, at } : undefined;
  }

  // Group names for titles (the group files are few; read once per run).
  let groupNames = new Map<string, string>();
  const groupName = (id: string) => groupNames.get(id);
  async function loadGroupNames(ids: string[]) {
    for (const id of ids) {
      if (groupNames.has(id)) continue;
      for (const path of paths.entryFiles('groepen', id) ?? []) {
        const text = await deps.store.read(path).catch(() => undefined);
        const name = text ? (parseFrontMatter(text).data as { name?: unknown }).name : undefined;
        if (typeof name === 'string') groupNames.set(id, name);
      }
    }
  }

  /** One notification per colleague and event: the most personal kind wins; nobody is told of their own doing. */
  async function write(events: Event[]): Promise<number> {
    const best = new Map<string, Event>();
    for (const e of events) {
      for (const person of e.to) {
        if (!person || person === e.actor) continue;
        const k = `${person}\u0000${e.source}`;
        const had = best.get(k);
        if (!had || RANK.indexOf(e.kind) < RANK.indexOf(had.kind)) best.set(k, { ...e, to: [person] });
      }
    }
    const chosen = [...best.values()];
    const settings = await notifications.settingsOf(chosen.map((e) => e.to[0]));
    const rows: NewNotification[] = [];
    for (const e of chosen) {
      const person = e.to[0];
      const wants = settings.get(person)!.soorten[e.kind];
      if (!wants.plein && !wants.email && !wants.push) continue;
      rows.push({
        person, kind: e.kind, actor: e.actor, target: e.target, title: e.title, text: e.text, url: e.url, groupKey: e.groupKey, source: e.source,
        inApp: wants.plein, email: wants.email, push: wants.push,
      });
    }
    await notifications.notify(rows, now());
    return rows.length;
  }

  /** The first run ever: both cursors start at what exists now, so a new server announces no history. */
  async function start() {
    const from = await notifications.startingPoint();
    await notifications.moveCursor(OUTBOX_CURSOR, from.seq, '', now());
    await notifications.moveCursor(PRIVATE_CURSOR, from.privateAt, from.privateId, now());
  }

  async function outboxBatch(): Promise<{ written: number; more: boolean }> {
    const cursor = await notifications.cursor(OUTBOX_CURSOR);
    if (!cursor) {
      await start();
      return { written: 0, more: true };
    }
    const rows = await notifications.committedAfter(cursor.seq);
    if (!rows.length) return { written: 0, more: false };
    const batch = new Map<string, string>();
    const files: string[] = [];
    for (const row of rows) {
      const change = decodeChange(row.change);
      for (const w of change.writes) {
        if (!w.path.endsWith('.md') || typeof w.content !== 'string') continue;
        if (!w.path.startsWith(postsPrefix) && !w.path.startsWith(commentsPrefix)) continue;
        batch.set(w.path, w.content);
        files.push(w.path);
      }
    }
    const groups = [...batch.values()].map((t) => (parseFrontMatter(t).data as { group?: unknown }).group).filter((g): g is string => typeof g === 'string');
    await loadGroupNames([...new Set(groups)]);
    parsed = new Map();
    const events: Event[] = [];
    const unique = [...new Set(files)];
    const follows: { person: string; target: FollowTarget; at: number }[] = [];
    for (const path of unique) {
      const follow = await autoFollowOf(path, batch);
      if (follow) follows.push(follow);
    }
    await notifications.followAuto(follows);
    // In order: a comment reaches whoever followed the post by then, also through an earlier item of this batch.
    for (const path of unique) events.push(...(await eventsOf(path, batch)));
    const written = await write(events);
    await notifications.moveCursor(OUTBOX_CURSOR, rows[rows.length - 1].seq, '', now());
    return { written, more: rows.length >= 200 };
  }

  async function privateBatch(): Promise<{ written: number; more: boolean }> {
    if (!deps.privateGroups) return { written: 0, more: false };
    const cursor = await notifications.cursor(PRIVATE_CURSOR);
    if (!cursor) {
      await start();
      return { written: 0, more: true };
    }
    const posts = await notifications.privatePostsAfter(cursor.seq, cursor.mark);
    if (!posts.length) return { written: 0, more: false };
    const events: Event[] = [];
    for (const post of posts) {
      const group = await deps.privateGroups.group(post.groupId);
      if (!group) continue;
      const url = `/groepen/prive/?id=${group.id}`;
      // Members follow their group unless they stopped; nothing of the post's text leaves the group.
      events.push({
        kind: 'nieuw-in-groep', to: await notifications.followers({ type: 'groep', id: group.id }, post.at), actor: post.author, target: { type: 'groep', id: group.id },
        title: group.name, text: null, url, groupKey: `groep:${group.id}`, source: `nieuw:prive:${post.id}`,
      });
    }
    const written = await write(events);
    const last = posts[posts.length - 1];
    await notifications.moveCursor(PRIVATE_CURSOR, last.at, last.id, now());
    return { written, more: posts.length >= 200 };
  }

  return {
    /** Handles every waiting change and private post; gives how many notifications were written. */
    async runOnce(): Promise<number> {
      groupNames = new Map();
      let total = 0;
      for (;;) {
        const a = await outboxBatch();
        const b = await privateBatch();
        total += a.written + b.written;
        if (!a.more && !b.more) return total;
      }
    },
  };
}
