// The page side of the device queue: posting that falls back to the queue without a connection, the list of what is
// not sent yet (under the composer and comment forms), sending when the connection returns, and the logout question.
import { MAX_QUEUE_AGE_MS, listQueued, putQueued, removeQueued, type QueuedItem } from './device-queue.ts';
import { ME_STORAGE_KEY, getMe, mergeItem } from './live-client.ts';
import { flushQueue, type FlushResult } from './queue-flush.ts';
import { clearPersonalCaches } from './sw-caches.ts';

type Labels = Record<string, string>;
const root = document.querySelector<HTMLElement>('[data-queue-labels]');
const labels: Labels = JSON.parse(root?.dataset.queueLabels ?? '{}');

/** What a form hands over: where it goes, its body (JSON or form fields) and the text as typed. */
export interface Submission { kind: QueuedItem['kind']; url: QueuedItem['url']; json?: Record<string, unknown>; form?: FormData; text: string; key: string }

/** Posts now, or keeps the submission on this device when there is no connection. Throws the server's message. */
export async function submitOrQueue(s: Submission): Promise<{ answer?: Record<string, unknown>; queued: boolean }> {
  const me = await getMe();
  if (!me) throw new Error(labels.loginAgain);
  const queue = async () => {
    const form = s.form ? Array.from(s.form.entries()) : undefined;
    // Where it was written (the page's title: Tijdlijn, a group, the item commented on), for the logout question.
    const place = document.querySelector('main h1')?.textContent?.trim() || undefined;
    await putQueued({ key: s.key, person: me.personId, kind: s.kind, url: s.url, json: s.json, form, text: s.text, place, created: Date.now(), state: 'waiting' });
    await registerSync();
    await renderQueues();
    return { queued: true };
  };
  if (!navigator.onLine) return queue();
  let res: Response;
  try {
    res = await fetch(s.url, {
      method: 'POST', credentials: 'same-origin', body: s.form ?? JSON.stringify(s.json),
      headers: { 'idempotency-key': s.key, ...(s.form ? {} : { 'content-type': 'application/json' }) },
    });
  } catch {
    return queue();
  }
  const answer = (await res.json().catch(() => ({}))) as Record<string, unknown> & { error?: { message?: string } };
  if (!res.ok) throw new Error(answer.error?.message ?? labels.error);
  return { answer, queued: false };
}

async function registerSync(): Promise<void> {
  try {
    const registration = (await navigator.serviceWorker?.getRegistration()) as (ServiceWorkerRegistration & { sync?: { register(tag: string): Promise<void> } }) | undefined;
    await registration?.sync?.register('plein-queue');
  } catch {
    // No Background Sync here: the page sends on `online` and on the next visit instead.
  }
}

function button(text: string, onClick: () => Promise<void>): HTMLButtonElement {
  const b = document.createElement('button');
  b.type = 'button';
  b.className = 'link-button';
  b.textContent = text;
  b.addEventListener('click', () => void onClick().then(renderQueues));
  return b;
}

/** One line of the list: the text of one's own item, its state, and what one can do with it. */
function renderItem(item: QueuedItem, container: HTMLElement): HTMLLIElement {
  const li = document.createElement('li');
  li.className = `queued-item queued-${item.state}`;
  li.dataset.queueKey = item.key;
  const text = document.createElement('p');
  text.className = 'queued-text';
  text.textContent = item.text;
  const state = document.createElement('p');
  state.className = 'queued-state';
  const expired = Date.now() - item.created >= MAX_QUEUE_AGE_MS;
  state.textContent = item.state === 'refused' ? `${labels.refused}: ${item.message ?? labels.error}`
    : expired ? labels.expired
    : labels.waiting;
  const actions = document.createElement('p');
  actions.className = 'item-actions';
  if (item.state === 'refused') {
    actions.append(button(labels.edit, async () => {
      const area = container.closest('section, form')?.querySelector<HTMLTextAreaElement>('textarea');
      if (area) { area.value = item.text; area.focus(); }
      await removeQueued(item.key);
    }));
  } else if (expired) {
    actions.append(button(labels.send, async () => void (await handle(await flushQueue(new Set([item.key]))))));
  }
  actions.append(button(labels.discard, () => removeQueued(item.key)));
  li.append(text, state, actions);
  return li;
}

/** Fills every queue list on the page with the items that belong there. */
export async function renderQueues(): Promise<void> {
  const containers = document.querySelectorAll<HTMLElement>('[data-device-queue]');
  if (!containers.length) return;
  const [{ items, corrupt }, me] = await Promise.all([listQueued(), getMe()]);
  if (corrupt) notify(labels.corrupt);
  for (const container of containers) {
    const scope = container.dataset.deviceQueue ?? '';
    const mine = items.filter((i) => (scope === 'bericht' ? i.kind === 'bericht' : i.kind === 'reactie' && `reactie:${(i.json?.doel as { type?: string; id?: string } | undefined)?.type}:${(i.json?.doel as { id?: string } | undefined)?.id}` === scope));
    const list = container.querySelector('ul')!;
    // Someone else's items (or, logged out, anyone's) are not shown and cannot be thrown away here: one line says
    // they wait for their writer. They are only ever sent under that person's login.
    const own = mine.filter((i) => me && i.person === me.personId);
    const others = mine.length - own.length;
    const rows = own.map((i) => renderItem(i, container));
    if (others) {
      const li = document.createElement('li');
      li.className = 'queued-item queued-others';
      const which = me ? (others === 1 ? labels.othersOne : labels.othersMany) : (others === 1 ? labels.loggedOutOne : labels.loggedOutMany);
      li.textContent = which.replace('{n}', String(others));
      rows.push(li);
    }
    list.replaceChildren(...rows);
    container.hidden = mine.length === 0;
  }
}

function notify(message: string): void {
  const box = document.querySelector<HTMLElement>('[data-queue-notice]');
  if (box) box.textContent = message;
}

async function handle(result: FlushResult): Promise<void> {
  for (const { item, answer } of result.sent) {
    const posted = (answer.bericht ?? answer.reactie) as Parameters<typeof mergeItem>[0] | undefined;
    if (posted && item) mergeItem(posted);
  }
  if (result.corrupt) notify(labels.corrupt);
  await renderQueues();
}

/** Sends what is due when the connection returns, on this visit, and when the service worker says it sent. */
export function startDeviceQueue(): void {
  const send = () => void flushQueue().then(handle).catch(() => {});
  addEventListener('online', send);
  navigator.serviceWorker?.addEventListener('message', (e) => {
    if ((e.data as { type?: string } | null)?.type === 'plein-queue') void renderQueues();
  });
  void renderQueues().then(() => { if (navigator.onLine) send(); }).catch(() => notify(labels.corrupt));
  for (const form of document.querySelectorAll<HTMLFormElement>('[data-account-logout]')) {
    form.addEventListener('submit', (e) => void askBeforeLogout(e, form));
    // From here on logging out asks about unsent items (before, the form logs out as a plain form would).
    form.dataset.queueReady = '1';
  }
}

/** How many characters of an item's first line the logout question shows. */
const LOGOUT_LINE = 80;

/** How the logout question names one item: what it is, where it was written, and its first line. */
function logoutLine(item: QueuedItem): HTMLLIElement {
  const li = document.createElement('li');
  const what = document.createElement('strong');
  const kind = item.kind === 'bericht' ? labels.kindPost : labels.kindComment;
  what.textContent = item.place ? (item.kind === 'bericht' ? labels.postIn : labels.commentOn).replace('{place}', item.place) : kind;
  const first = item.text.trim().split('\n')[0].trim();
  li.append(what);
  if (first) li.append(`: ${first.length > LOGOUT_LINE ? `${first.slice(0, LOGOUT_LINE - 1).trimEnd()}…` : first}`);
  return li;
}

/** Logging out with unsent items asks "bewaren of weggooien" instead of dropping them; the remembered login and the personal caches go. */
async function askBeforeLogout(event: SubmitEvent, form: HTMLFormElement): Promise<void> {
  if (form.dataset.asked) return;
  event.preventDefault();
  const me = await getMe();
  const { items } = await listQueued().catch(() => ({ items: [] as QueuedItem[] }));
  const mine = items.filter((i) => i.person === me?.personId);
  const dialog = document.querySelector<HTMLDialogElement>('[data-queue-logout]');
  const proceed = async () => {
    localStorage.removeItem(ME_STORAGE_KEY);
    // The pages and photos this person read stay behind otherwise; the app shell and the queue (if kept) stay.
    await clearPersonalCaches();
    form.dataset.asked = '1';
    form.requestSubmit();
  };
  if (!mine.length || !dialog) return proceed();
  dialog.querySelector('[data-queue-count]')!.textContent = labels.logoutQuestion.replace('{n}', String(mine.length));
  dialog.querySelector('[data-queue-logout-list]')!.replaceChildren(...mine.map(logoutLine));
  dialog.showModal();
  dialog.addEventListener('close', async () => {
    if (dialog.returnValue === 'discard') for (const i of mine) await removeQueued(i.key);
    if (dialog.returnValue === 'discard' || dialog.returnValue === 'keep') await proceed();
  }, { once: true });
}
