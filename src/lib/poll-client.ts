// Polls in the browser: every [data-poll] on the page (static post cards, and posts the live feed merges in)
// becomes a form for a logged-in colleague. What they may see of the votes comes from ONE request per page
// (GET /api/peilingen?berichten=…, personal and never cached — never from /api/feed); a vote answers with the same
// view. Without login or JavaScript the choices stay a plain list.
import { callApi, getMe } from './live-client.ts';

interface PollDef { options: string[]; multiple: boolean; closes?: string; results: 'na-stemmen' | 'na-sluiten' }
interface PollView { stemmers: number; mijn: number[]; gesloten: boolean; uitslag: number[] | null }

// The strings come from the page (LiveUpdates.astro hands over src/i18n/poll-labels.ts), in its language.
const liveLabels: Record<string, string> = JSON.parse(document.querySelector<HTMLElement>('[data-live-labels]')?.dataset.liveLabels ?? '{}');
const label = (key: string, vars: Record<string, string | number> = {}) =>
  (liveLabels[`poll.${key}`] ?? key).replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? ''));
const dateFormat = new Intl.DateTimeFormat(document.documentElement.lang === 'en' ? 'en-GB' : 'nl-NL', { day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Amsterdam' });
/** The API's limit on polls per request. */
const PER_REQUEST = 50;

/** Polls already asked for (drawn or not: a hidden post's poll gets no view and is not asked for again). */
const asked = new WeakSet<HTMLElement>();

/** Draws one poll as a form with the colleague's view of it. */
function draw(el: HTMLElement, view: PollView, note = ''): void {
  const id = el.dataset.poll!;
  const def = JSON.parse(el.dataset.pollDef!) as PollDef;
  // A share of the colleagues who voted (with several choices each, the shares add up to more than 100%).
  const total = view.stemmers;
  const form = document.createElement('form');
  form.className = 'poll-form';
  const fieldset = document.createElement('fieldset');
  const legend = document.createElement('legend');
  legend.textContent = `${label('title')}: ${label(def.multiple ? 'chooseMany' : 'chooseOne')}`;
  fieldset.append(legend);
  def.options.forEach((option, i) => {
    const row = document.createElement('div');
    row.className = 'poll-option';
    const input = document.createElement('input');
    input.type = def.multiple ? 'checkbox' : 'radio';
    input.name = `peiling-${id}`;
    input.id = `peiling-${id}-${i}`;
    input.value = String(i);
    input.checked = view.mijn.includes(i);
    input.disabled = view.gesloten;
    const lab = document.createElement('label');
    lab.htmlFor = input.id;
    lab.textContent = option;
    row.append(input, lab);
    if (view.uitslag) {
      const n = view.uitslag[i] ?? 0;
      const p = total ? Math.round((n / total) * 100) : 0;
      const count = document.createElement('span');
      count.className = 'poll-count';
      count.textContent = ` ${n === 1 ? label('vote1', { p }) : label('votes', { n, p })}${view.mijn.includes(i) ? ` · ${label('yourVote')}` : ''}`;
      const bar = document.createElement('span');
      bar.className = 'poll-bar';
      bar.setAttribute('aria-hidden', 'true');
      bar.style.setProperty('--share', `${p}%`);
      lab.append(count);
      row.append(bar);
    }
    fieldset.append(row);
  });
  form.append(fieldset);
  const facts = [view.stemmers === 0 ? label('noVoters') : view.stemmers === 1 ? label('voter') : label('voters', { n: view.stemmers })];
  if (view.gesloten) facts.push(label('closed'));
  else {
    if (def.closes) facts.push(label('closes', { date: dateFormat.format(new Date(def.closes)) }));
    if (!view.uitslag) facts.push(label(def.results === 'na-sluiten' ? 'afterClose' : 'afterVote'));
  }
  const status = document.createElement('p');
  status.className = 'poll-meta';
  status.setAttribute('role', 'status');
  status.textContent = `${note ? `${note} ` : ''}${facts.join(' · ')}.`;
  form.append(status);
  if (!view.gesloten) {
    const buttons = document.createElement('div');
    buttons.className = 'poll-buttons';
    const submit = document.createElement('button');
    submit.type = 'submit';
    submit.textContent = label(view.mijn.length ? 'change' : 'vote');
    buttons.append(submit);
    if (view.mijn.length) {
      const withdraw = document.createElement('button');
      withdraw.type = 'button';
      withdraw.className = 'secondary';
      withdraw.textContent = label('withdraw');
      withdraw.addEventListener('click', () => void send(el, form, [], label('withdrawn')));
      buttons.append(withdraw);
    }
    form.append(buttons);
  }
  const error = document.createElement('p');
  error.className = 'form-error';
  error.setAttribute('role', 'alert');
  form.append(error);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const chosen = [...form.querySelectorAll<HTMLInputElement>('input:checked')].map((i) => Number(i.value));
    if (!chosen.length) {
      error.textContent = label('pick');
      return;
    }
    void send(el, form, chosen, label('voted'));
  });
  const hadFocus = el.contains(document.activeElement) ? (document.activeElement as HTMLElement).id || 'submit' : undefined;
  el.replaceChildren(form);
  // Keep the keyboard where it was: the same choice, or the first button.
  if (hadFocus) (document.getElementById(hadFocus) ?? form.querySelector<HTMLElement>('button') ?? form).focus();
}

async function send(el: HTMLElement, form: HTMLFormElement, keuzes: number[], note: string): Promise<void> {
  const error = form.querySelector<HTMLElement>('.form-error')!;
  for (const b of form.querySelectorAll('button')) b.disabled = true;
  error.textContent = '';
  try {
    draw(el, await callApi<PollView>('POST', `/api/peilingen/${encodeURIComponent(el.dataset.poll!)}/stem`, { keuzes }), note);
  } catch (err) {
    error.textContent = (err as Error).message;
    for (const b of form.querySelectorAll('button')) b.disabled = false;
  }
}

/** Asks for the polls in `els` in as few requests as the API allows (one for any page Plein builds) and draws them. */
async function load(els: HTMLElement[]): Promise<void> {
  for (const el of els) asked.add(el);
  for (let i = 0; i < els.length; i += PER_REQUEST) {
    const part = els.slice(i, i + PER_REQUEST);
    let answer: { peilingen: Record<string, PollView> };
    try {
      answer = await callApi('GET', `/api/peilingen?berichten=${[...new Set(part.map((el) => el.dataset.poll!))].join(',')}`);
    } catch {
      return; // offline, or no state store: the choices stay a plain list
    }
    for (const el of part) {
      const view = answer.peilingen[el.dataset.poll!];
      if (view && el.isConnected) draw(el, view);
    }
  }
}

/** Starts the polls on this page (once), if someone is logged in. */
export function startPolls(): void {
  if ((window as { pleinPolls?: boolean }).pleinPolls) return;
  (window as { pleinPolls?: boolean }).pleinPolls = true;
  void getMe().then((me) => {
    if (!me) return;
    const all = () => [...document.querySelectorAll<HTMLElement>('[data-poll]')].filter((el) => !asked.has(el));
    void load(all());
    // Posts the live feed merges in: gathered for a moment, then asked for in one request.
    let timer: ReturnType<typeof setTimeout> | undefined;
    new MutationObserver(() => {
      if (!timer) timer = setTimeout(() => {
        timer = undefined;
        const fresh = all();
        if (fresh.length) void load(fresh);
      }, 100);
    }).observe(document.body, { childList: true, subtree: true });
  });
}
