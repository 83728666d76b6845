// Waarderingen in the browser: every [data-appreciate="type:id"] on the page gets its buttons for a logged-in
// colleague. The counts and one's own come from ONE batched request per page (GET /api/waarderingen?doelen=…,
// personal and never cached), never from /api/feed, which hosts may share between colleagues. Items merged in
// live are counted in one request per batch; the counts are refreshed when the page comes back into view and at
// a modest interval. Without login or JavaScript nothing shows: the placeholders stay hidden.
import { APPRECIATION_KINDS, APPRECIATION_KIND_NAMES, type AppreciationKind } from '../schemas/appreciations.ts';
import { callApi, getMe } from './live-client.ts';

type Counts = Partial<Record<AppreciationKind, number>>;
interface CountsAnswer { aantallen: Record<string, Counts>; mijn: Record<string, AppreciationKind[]> }
interface WhoAnswer { wie: { soort: AppreciationKind; id: string; naam: string | null }[] }

const labels: Record<string, string> = JSON.parse(document.querySelector<HTMLElement>('[data-live-labels]')?.dataset.liveLabels ?? '{}');
const label = (kind: AppreciationKind) => labels[`appreciation.${kind}`] ?? APPRECIATION_KINDS[kind].label;
/** The API's limit on targets per counts request. */
const PER_REQUEST = 200;
/** How often the counts of a visible page are refreshed. */
const REFRESH_MS = 30_000;

/** The state of one item's bar, kept on the element. */
interface Bar { el: HTMLElement; target: { type: string; id: string }; counts: Counts; mine: Set<AppreciationKind> }
const bars = new Map<HTMLElement, Bar>();

function targetOf(el: HTMLElement): { type: string; id: string } {
  const ref = el.dataset.appreciate!;
  return { type: ref.slice(0, ref.indexOf(':')), id: ref.slice(ref.indexOf(':') + 1) };
}

/** Draws (or redraws) one bar: five toggle buttons with aria-pressed, a text label and the count, and "wie". */
function draw(bar: Bar): void {
  const { el } = bar;
  let group = el.querySelector<HTMLElement>('.appreciation-buttons');
  if (!group) {
    group = document.createElement('div');
    group.className = 'appreciation-buttons';
    group.setAttribute('role', 'group');
    group.setAttribute('aria-label', labels.appreciationsGroup ?? 'Waarderingen');
    for (const kind of APPRECIATION_KIND_NAMES) {
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'appreciation';
      button.dataset.kind = kind;
      const emoji = document.createElement('span');
      emoji.setAttribute('aria-hidden', 'true');
      emoji.textContent = APPRECIATION_KINDS[kind].emoji;
      const name = document.createElement('span');
      name.className = 'visually-hidden';
      name.textContent = label(kind);
      const count = document.createElement('span');
      count.className = 'appreciation-count';
      button.title = label(kind);
      button.append(emoji, name, count);
      button.addEventListener('click', () => void toggle(bar, kind, button));
      group.append(button);
    }
    const who = document.createElement('button');
    who.type = 'button';
    who.className = 'link-button appreciation-who';
    who.textContent = labels.appreciationsWho ?? 'Wie waardeerde dit?';
    who.setAttribute('aria-expanded', 'false');
    who.addEventListener('click', () => void showWho(bar, who));
    const error = document.createElement('p');
    error.className = 'form-error appreciation-error';
    error.setAttribute('role', 'alert');
    el.append(group, who, error);
  }
  let total = 0;
  for (const button of group.querySelectorAll<HTMLButtonElement>('button.appreciation')) {
    const kind = button.dataset.kind as AppreciationKind;
    const n = bar.counts[kind] ?? 0;
    total += n;
    button.setAttribute('aria-pressed', String(bar.mine.has(kind)));
    button.querySelector('.appreciation-count')!.textContent = n > 0 ? ` ${n}` : '';
  }
  const who = el.querySelector<HTMLButtonElement>('.appreciation-who')!;
  who.hidden = total === 0;
  if (total === 0) el.querySelector('.appreciation-list')?.remove(), who.setAttribute('aria-expanded', 'false');
  el.hidden = false;
}

async function toggle(bar: Bar, kind: AppreciationKind, button: HTMLButtonElement): Promise<void> {
  const error = bar.el.querySelector<HTMLElement>('.appreciation-error')!;
  const on = !bar.mine.has(kind);
  button.disabled = true;
  error.textContent = '';
  try {
    const answer = await callApi<{ aantallen: Counts }>('POST', '/api/waarderingen', { doel: bar.target, soort: kind, aan: on });
    if (on) bar.mine.add(kind);
    else bar.mine.delete(kind);
    bar.counts = answer.aantallen;
    draw(bar);
    if (bar.el.querySelector('.appreciation-list')) await listWho(bar);
  } catch (err) {
    error.textContent = (err as Error).message;
  } finally {
    button.disabled = false;
  }
}

async function listWho(bar: Bar): Promise<void> {
  const { wie } = await callApi<WhoAnswer>('GET', `/api/waarderingen/wie?doel=${encodeURIComponent(`${bar.target.type}:${bar.target.id}`)}`);
  const list = document.createElement('ul');
  list.className = 'appreciation-list';
  list.id = `wie-${bar.target.type}-${bar.target.id}`.replace(/[^\w-]/g, '-');
  for (const kind of APPRECIATION_KIND_NAMES) {
    const names = wie.filter((w) => w.soort === kind).map((w) => w.naam ?? labels.appreciationsFormer ?? 'een oud-collega');
    if (!names.length) continue;
    const li = document.createElement('li');
    const emoji = document.createElement('span');
    emoji.setAttribute('aria-hidden', 'true');
    emoji.textContent = `${APPRECIATION_KINDS[kind].emoji} `;
    li.append(emoji, `${label(kind)}: ${names.join(', ')}`);
    list.append(li);
  }
  bar.el.querySelector('.appreciation-list')?.remove();
  bar.el.querySelector('.appreciation-who')!.after(list);
  bar.el.querySelector('.appreciation-who')!.setAttribute('aria-controls', list.id);
}

async function showWho(bar: Bar, button: HTMLButtonElement): Promise<void> {
  const open = button.getAttribute('aria-expanded') === 'true';
  if (open) {
    bar.el.querySelector('.appreciation-list')?.remove();
    button.setAttribute('aria-expanded', 'false');
    return;
  }
  try {
    await listWho(bar);
    button.setAttribute('aria-expanded', 'true');
  } catch (err) {
    bar.el.querySelector<HTMLElement>('.appreciation-error')!.textContent = (err as Error).message;
  }
}

/** Counts `els` with as few requests as the API allows (one for any page Plein builds) and draws their bars. */
async function load(els: HTMLElement[]): Promise<void> {
  for (let i = 0; i < els.length; i += PER_REQUEST) {
    const part = els.slice(i, i + PER_REQUEST);
    const refs = [...new Set(part.map((el) => el.dataset.appreciate!))];
    let answer: CountsAnswer;
    try {
      answer = await callApi<CountsAnswer>('GET', `/api/waarderingen?doelen=${refs.map(encodeURIComponent).join(',')}`);
    } catch {
      return; // offline, or no state store on this server: the bars stay hidden, the page works as before
    }
    for (const el of part) {
      if (!el.isConnected) continue;
      const ref = el.dataset.appreciate!;
      const bar = bars.get(el) ?? { el, target: targetOf(el), counts: {}, mine: new Set<AppreciationKind>() };
      bar.counts = answer.aantallen[ref] ?? {};
      bar.mine = new Set(answer.mijn[ref] ?? []);
      bars.set(el, bar);
      draw(bar);
    }
  }
}

/** Starts the waarderingen on this page (once), if someone is logged in. */
export function startAppreciations(): void {
  if ((window as { pleinAppreciations?: boolean }).pleinAppreciations) return;
  (window as { pleinAppreciations?: boolean }).pleinAppreciations = true;
  void getMe().then((me) => {
    if (!me) return;
    void load([...document.querySelectorAll<HTMLElement>('[data-appreciate]')]);
    // Items the live feed merges in: gathered for a moment, then counted in one request.
    let fresh: HTMLElement[] = [];
    let timer: ReturnType<typeof setTimeout> | undefined;
    new MutationObserver((records) => {
      for (const record of records) for (const node of record.addedNodes) {
        if (!(node instanceof HTMLElement)) continue;
        const found = [...(node.matches('[data-appreciate]') ? [node] : []), ...node.querySelectorAll<HTMLElement>('[data-appreciate]')];
        fresh.push(...found.filter((el) => !bars.has(el)));
      }
      if (fresh.length && !timer) timer = setTimeout(() => {
        const batch = fresh;
        fresh = [];
        timer = undefined;
        void load(batch);
      }, 100);
    }).observe(document.body, { childList: true, subtree: true });
    const refresh = () => {
      for (const el of bars.keys()) if (!el.isConnected) bars.delete(el);
      if (!document.hidden && bars.size) void load([...bars.keys()]);
    };
    setInterval(refresh, REFRESH_MS);
    document.addEventListener('visibilitychange', refresh);
  });
}
