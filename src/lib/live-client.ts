// Browser side of posting: the composer, comment forms, edit/delete/hide controls, and the live feed
// that merges posts and comments newer than the build into the page without a reload.
import type { FeedItem as ApiFeedItem } from '../../functions/content/feed-item.ts';
import { renderListing } from './listing.ts';
import { getInitials, pickColour } from './avatar.ts';
import { getPollDelay } from './poll-delay.ts';
import { addReportButton } from './report-client.ts';

/** The logged-in colleague, from /api/auth/me; `meldingen` is the unread notification count (absent offline). */
export interface Me { personId: string; name: string; editor: boolean; meldingen?: number }

/** A post or comment from the API. */
type FeedItem = ApiFeedItem;

type Labels = Record<string, string>;
const labels: Labels = JSON.parse(document.querySelector<HTMLElement>('[data-live-labels]')?.dataset.liveLabels ?? '{}');
const dateFormat = new Intl.DateTimeFormat(document.documentElement.lang === 'en' ? 'en-GB' : 'nl-NL', { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Amsterdam' });

/** Where the last confirmed login is remembered, so the composer works offline (cleared on 401 and on logout). */
export const ME_STORAGE_KEY = 'plein-me';

function recallMe(): Me | undefined {
  try {
    const me = JSON.parse(localStorage.getItem(ME_STORAGE_KEY) ?? 'null') as Me | null;
    return me && typeof me.personId === 'string' ? me : undefined;
  } catch {
    return undefined;
  }
}

/** What /api/auth/me answered: its HTTP status (0 without a connection) and, when logged in, who. */
export interface MeAnswer { status: number; me?: Me }

let answerPromise: Promise<MeAnswer> | undefined;
/** The page's one request to /api/auth/me, shared by the header's account box, the bell and every script. */
export function getMeAnswer(): Promise<MeAnswer> {
  answerPromise ??= fetch('/api/auth/me', { credentials: 'same-origin', headers: { accept: 'application/json' } })
    .then(async (r) => {
      if (r.status === 401) localStorage.removeItem(ME_STORAGE_KEY);
      if (!r.ok) return { status: r.status };
      const body = (await r.json()) as { identity?: Me } & Me;
      const me = { ...(body.identity ?? body), meldingen: body.meldingen ?? body.identity?.meldingen };
      localStorage.setItem(ME_STORAGE_KEY, JSON.stringify({ personId: me.personId, name: me.name, editor: me.editor }));
      return { status: r.status, me };
    })
    .catch(() => ({ status: 0 }));
  return answerPromise;
}

/** Who is logged in, or undefined; without a connection, who was logged in last on this device. */
export function getMe(): Promise<Me | undefined> {
  return getMeAnswer().then(({ status, me }) => me ?? (status === 401 ? undefined : recallMe()));
}

/** Sends JSON or a form to the API; resolves with the JSON answer or throws the Dutch error message (with the HTTP `status`). */
export async function callApi<T>(method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
  const init: RequestInit = { method, credentials: 'same-origin', headers: { ...headers } };
  if (body instanceof FormData) init.body = body;
  else if (body !== undefined) {
    init.body = JSON.stringify(body);
    (init.headers as Record<string, string>)['content-type'] = 'application/json';
  }
  const res = await fetch(url, init);
  if (res.status === 204) return undefined as T;
  const json = await res.json().catch(() => undefined);
  if (!res.ok) throw Object.assign(new Error(json?.error?.message ?? labels.error ?? 'Er ging iets mis.'), { status: res.status });
  return json as T;
}

/** The initials avatar of a colleague, like src/components/Avatar.astro draws it without a photo. */
export function avatar(name: string, id: string): SVGSVGElement {
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('class', 'avatar');
  svg.setAttribute('width', '44');
  svg.setAttribute('height', '44');
  svg.setAttribute('viewBox', '0 0 48 48');
  svg.setAttribute('aria-hidden', 'true');
  const circle = document.createElementNS(svg.namespaceURI, 'circle');
  circle.setAttribute('cx', '24');
  circle.setAttribute('cy', '24');
  circle.setAttribute('r', '24');
  circle.setAttribute('fill', pickColour(id));
  const text = document.createElementNS(svg.namespaceURI, 'text');
  for (const [k, v] of Object.entries({ x: '24', y: '24', dy: '.35em', 'text-anchor': 'middle', 'font-size': '18', 'font-weight': '700', fill: '#fff' })) text.setAttribute(k, v);
  text.textContent = getInitials(name);
  svg.append(circle, text);
  return svg;
}

/** The hidden place for an item's waarderingen, like src/components/Appreciations.astro (filled in by its script). */
function appreciationSlot(type: string, id: string): HTMLDivElement {
  const div = document.createElement('div');
  div.className = 'appreciations';
  div.dataset.appreciate = `${type}:${id}`;
  div.dataset.pagefindIgnore = '';
  div.hidden = true;
  return div;
}

/** The place for a post's poll, like src/components/Poll.astro (src/lib/poll-client.ts turns it into a form). */
function pollSlot(id: string, poll: NonNullable<FeedItem['poll']>): HTMLDivElement {
  const div = document.createElement('div');
  div.className = 'poll';
  div.dataset.poll = id;
  div.dataset.pollDef = JSON.stringify(poll);
  div.dataset.pagefindIgnore = '';
  const list = document.createElement('ul');
  list.className = 'poll-static';
  for (const option of poll.options) list.append(Object.assign(document.createElement('li'), { textContent: option }));
  div.append(list);
  return div;
}

/** A post card like src/components/PostCard.astro; the body HTML was sanitised on the server. */
function renderPost(item: FeedItem): HTMLLIElement {
  const li = document.createElement('li');
  const article = document.createElement('article');
  article.className = 'post post-live';
  article.dataset.postId = item.id;
  article.dataset.author = item.author?.id ?? '';
  article.id = `bericht-${item.id}`;
  const header = document.createElement('header');
  header.className = 'post-header';
  const who = document.createElement('div');
  const h = document.createElement('h3');
  h.className = 'post-author';
  const a = document.createElement('a');
  a.href = `/collegas/${item.author?.id}/`;
  a.textContent = item.author?.name ?? '';
  h.append(a);
  const meta = document.createElement('p');
  meta.className = 'meta';
  const link = document.createElement('a');
  link.href = `/berichten/${item.id}/`;
  link.textContent = item.created ? dateFormat.format(new Date(item.created)) : '';
  meta.append(link);
  markEdited(meta, item.edited);
  who.append(h, meta);
  header.append(avatar(item.author?.name ?? '?', item.author?.id ?? '?'), who);
  const body = document.createElement('div');
  body.className = 'post-body prose';
  body.innerHTML = item.html ?? '';
  article.append(header, body);
  if (item.photos?.length) {
    const photos = document.createElement('div');
    photos.className = 'post-photos';
    for (const p of item.photos) {
      const img = document.createElement('img');
      img.src = p.src;
      img.alt = p.alt;
      img.loading = 'lazy';
      photos.append(img);
    }
    article.append(photos);
  }
  if (item.listing) body.before(renderListing(item.listing, item.created ?? new Date().toISOString(), (key) => labels[key] ?? key));
  if (item.poll) article.append(pollSlot(item.id, item.poll));
  article.append(appreciationSlot('bericht', item.id));
  li.append(article);
  return li;
}

/** Shows " · bewerkt" in an item's meta line once it was edited (once). */
function markEdited(meta: Element | null, edited: string | undefined): void {
  if (!meta || !edited || meta.querySelector('.edited')) return;
  const span = document.createElement('span');
  span.className = 'edited';
  span.textContent = ` · ${labels.edited ?? 'bewerkt'}`;
  meta.append(span);
}

/** A comment like the ones src/components/Comments.astro renders. */
function renderComment(item: FeedItem): HTMLLIElement {
  const li = document.createElement('li');
  li.className = 'comment comment-live';
  li.id = `reactie-${item.id}`;
  li.dataset.commentId = item.id;
  li.dataset.author = item.author?.id ?? '';
  const wrap = document.createElement('div');
  const meta = document.createElement('p');
  meta.className = 'comment-meta';
  const a = document.createElement('a');
  a.href = `/collegas/${item.author?.id}/`;
  a.textContent = item.author?.name ?? '';
  meta.append(a, ` · ${item.created ? dateFormat.format(new Date(item.created)) : ''}`);
  markEdited(meta, item.edited);
  const body = document.createElement('div');
  body.className = 'prose';
  body.innerHTML = item.html ?? '';
  wrap.append(meta, body, appreciationSlot('reactie', item.id));
  li.append(avatar(item.author?.name ?? '?', item.author?.id ?? '?'), wrap);
  return li;
}

/** Puts one feed item into every place on this page where it belongs (or takes it out). */
export function mergeItem(item: FeedItem): void {
  if (item.type === 'bericht') {
    const existing = document.querySelectorAll<HTMLElement>(`[data-post-id="${CSS.escape(item.id)}"]`);
    if (item.deleted || item.hidden) return existing.forEach((el) => (el.closest('li') ?? el).remove());
    if (existing.length) {
      existing.forEach((el) => {
        const body = el.querySelector('.post-body');
        if (body && item.html !== undefined) body.innerHTML = item.html;
        markEdited(el.querySelector('.post-header .meta'), item.edited);
      });
      return;
    }
    for (const list of document.querySelectorAll<HTMLElement>('[data-timeline]')) {
      const scope = list.dataset.timeline ?? '';
      if (scope.startsWith('groep:') && scope !== `groep:${item.group}`) continue;
      const li = renderPost(item);
      list.prepend(li);
      void enhance(li);
    }
    return;
  }
  const existing = document.querySelectorAll<HTMLElement>(`[data-comment-id="${CSS.escape(item.id)}"]`);
  if (item.deleted || item.hidden) return existing.forEach((el) => el.remove());
  if (existing.length) {
    existing.forEach((el) => {
      const body = el.querySelector('.prose');
      if (body && item.html !== undefined) body.innerHTML = item.html;
      markEdited(el.querySelector('.comment-meta'), item.edited);
    });
    return;
  }
  if (!item.on) return;
  const section = document.querySelector<HTMLElement>(`[data-comments-for="${CSS.escape(`${item.on.type}:${item.on.id}`)}"]`);
  const list = section?.querySelector('.comment-list');
  if (!list) return;
  const li = renderComment(item);
  list.append(li);
  section?.querySelector('.empty')?.remove();
  void enhance(li);
}

/** Adds edit/delete controls to my own items, Melden to colleagues' items and hide controls where I moderate. */
export async function enhance(root: ParentNode = document): Promise<void> {
  const me = await getMe();
  if (!me) return;
  const moderators = (document.querySelector<HTMLElement>('[data-moderators]')?.dataset.moderators ?? '').split(',');
  const canHide = me.editor || moderators.includes(me.personId);
  // A group's moderators get the way to the moderation queue on their group's page.
  if (canHide) document.querySelectorAll<HTMLElement>('[data-moderation-link]').forEach((link) => (link.hidden = false));
  const selector = '[data-post-id][data-author], [data-comment-id][data-author]';
  // The root itself counts too: a comment merged in live is its own <li data-comment-id>.
  const items = [...(root instanceof HTMLElement && root.matches(selector) ? [root] : []), ...Array.from(root.querySelectorAll<HTMLElement>(selector))];
  for (const el of items) {
    if (el.querySelector('.item-actions')) continue;
    const isPost = !!el.dataset.postId;
    const id = (el.dataset.postId ?? el.dataset.commentId)!;
    const base = isPost ? `/api/berichten/${id}` : `/api/reacties/${id}`;
    const own = el.dataset.author === me.personId;
    const bar = document.createElement('p');
    bar.className = 'item-actions';
    const button = (text: string, onClick: () => Promise<void>) => {
      const b = document.createElement('button');
      b.type = 'button';
      b.className = 'link-button';
      b.textContent = text;
      b.addEventListener('click', () => onClick().catch((err: Error) => alertIn(el, err.message)));
      bar.append(b);
    };
    if (own) button(labels.edit, async () => editInline(el, id, isPost));
    if (own) button(labels.delete, async () => {
      if (!confirm(labels.confirmDelete)) return;
      await callApi('DELETE', base);
      (el.closest('li') ?? el).remove();
    });
    if (canHide && !own) button(labels.hide, async () => {
      const reason = prompt(labels.hideReason) ?? undefined;
      await callApi('POST', `${base}/verbergen`, reason ? { reden: reason } : {});
      (el.closest('li') ?? el).remove();
    });
    // Melden on every colleague's item (issue 19); one's own can be edited or deleted instead.
    if (!own) addReportButton(bar, { type: isPost ? 'bericht' : 'reactie', id }, labels, callApi);
    (isPost ? el : el.querySelector('div:last-child') ?? el).append(bar);
  }
}

function alertIn(el: HTMLElement, message: string) {
  let box = el.querySelector<HTMLElement>('.item-error');
  if (!box) {
    box = document.createElement('p');
    box.className = 'item-error form-error';
    box.setAttribute('role', 'alert');
    el.append(box);
  }
  box.textContent = message;
}

async function editInline(el: HTMLElement, id: string, isPost: boolean) {
  if (el.querySelector('.edit-form')) return;
  const body = el.querySelector<HTMLElement>(isPost ? '.post-body' : '.prose')!;
  const form = document.createElement('form');
  form.className = 'edit-form';
  const label = document.createElement('label');
  label.textContent = labels.edit;
  label.htmlFor = `bewerk-${id}`;
  const area = document.createElement('textarea');
  area.id = `bewerk-${id}`;
  area.maxLength = 5000;
  area.value = body.innerText;
  const save = document.createElement('button');
  save.textContent = labels.save;
  const cancel = document.createElement('button');
  cancel.type = 'button';
  cancel.textContent = labels.cancel;
  cancel.addEventListener('click', () => form.remove());
  form.append(label, area, save, cancel);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      const answer = await callApi<{ bericht?: FeedItem; reactie?: FeedItem }>('PATCH', isPost ? `/api/berichten/${id}` : `/api/reacties/${id}`, { tekst: area.value });
      const item = (isPost ? answer.bericht : answer.reactie)!;
      body.innerHTML = item.html ?? '';
      markEdited(el.querySelector(isPost ? '.post-header .meta' : '.comment-meta'), item.edited);
      form.remove();
    } catch (err) {
      alertIn(el, (err as Error).message);
    }
  });
  body.after(form);
  area.focus();
}

/** Polls /api/feed for what is newer than this page's build and merges it in. */
export function startLiveFeed(intervalMs = 1000): void {
  const build = document.querySelector<HTMLMetaElement>('meta[name="plein-build"]')?.content ?? '';
  if (!document.querySelector('[data-timeline], [data-comments-for]')) return;
  let seen = new Set<string>();
  let running = false;
  let delay = intervalMs;
  const tick = async () => {
    if (running || document.hidden) return;
    running = true;
    try {
      const res = await fetch(`/api/feed${build ? `?sinds=${build}` : ''}`, { credentials: 'same-origin' });
      delay = getPollDelay(res.headers.get('plein-poll-seconds'), intervalMs);
      if (!res.ok) return;
      const { items } = (await res.json()) as { items: FeedItem[] };
      const now = new Set<string>();
      for (const item of items) {
        now.add(item.id);
        mergeItem(item);
      }
      // Items that were merged in before but have left the feed were deleted after being posted live.
      for (const id of seen) if (!now.has(id)) mergeItem({ type: 'bericht', id, deleted: true }), mergeItem({ type: 'reactie', id, deleted: true });
      seen = now;
    } catch {
      // Offline or restarting: try again on the next tick.
    } finally {
      running = false;
    }
  };
  const loop = () => void tick().finally(() => setTimeout(loop, delay));
  loop();
  document.addEventListener('visibilitychange', () => void tick());
}
