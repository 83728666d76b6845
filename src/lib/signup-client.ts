// Sign-up on an agenda item's page, in the browser: for a logged-in colleague one personal request
// (GET /api/aanmeldingen/:id, never cached) gives the places, one's own sign-up and whether they organise it;
// the form signs up (or updates the answer), "Afmelden" cancels. The organiser also gets the list and its CSV.
// Without login or JavaScript the static facts and the login prompt stay; nothing is sent.
import { callApi, getMe } from './live-client.ts';

interface Status {
  plaatsen: number;
  bevestigd: number;
  wachtlijst: number;
  vrij: number;
  vraag: string | null;
  open: boolean;
  gesloten?: string;
  mijn: { status: 'bevestigd' | 'wachtlijst'; antwoord: string | null; positie?: number } | null;
  organisator: boolean;
}
interface Participant { naam: string; afdeling: string | null; status: string; antwoord: string | null }

const fill = (text: string, vars: Record<string, string | number>) => text.replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? ''));

function start(section: HTMLElement): void {
  const id = section.dataset.signup!;
  const labels: Record<string, string> = JSON.parse(section.dataset.signupLabels ?? '{}');
  const url = `/api/aanmeldingen/${encodeURIComponent(id)}`;
  const live = section.querySelector<HTMLElement>('[data-signup-live]')!;
  const statusEl = section.querySelector<HTMLElement>('[data-signup-status]')!;
  const form = section.querySelector<HTMLFormElement>('[data-signup-form]')!;
  const submit = section.querySelector<HTMLButtonElement>('[data-signup-submit]')!;
  const cancel = section.querySelector<HTMLButtonElement>('[data-signup-cancel]')!;
  const answer = section.querySelector<HTMLTextAreaElement>('textarea[name="antwoord"]');
  const error = section.querySelector<HTMLElement>('[data-signup-error]')!;
  const organiser = section.querySelector<HTMLElement>('[data-signup-organiser]')!;

  function draw(s: Status, note?: string): void {
    const lines: string[] = [];
    if (note) lines.push(note);
    if (s.mijn?.status === 'bevestigd') lines.push(labels.confirmed);
    else if (s.mijn?.status === 'wachtlijst') lines.push(fill(labels.waiting, { n: s.mijn.positie ?? 1 }));
    if (!s.open) lines.push(s.gesloten ? `${labels.closed} ${s.gesloten}` : labels.closed);
    else if (s.vrij > 0) lines.push(fill(labels.free, { free: s.vrij, n: s.plaatsen }));
    else lines.push(labels.full);
    if (s.wachtlijst > 0) lines.push(fill(labels.waitingCount, { n: s.wachtlijst }));
    statusEl.textContent = lines.join(' ');
    // Signed up: the same button updates the answer (only when there is a question); "Afmelden" appears.
    submit.textContent = s.mijn ? labels.update : s.vrij > 0 ? labels.signUp : labels.waitlist;
    submit.hidden = !s.open || (!!s.mijn && !answer);
    form.hidden = !s.open && !s.mijn;
    if (answer) answer.closest<HTMLElement>('.field')!.hidden = !s.open;
    if (answer && s.mijn && document.activeElement !== answer) answer.value = s.mijn.antwoord ?? '';
    cancel.hidden = !s.mijn;
    live.hidden = false;
    if (s.organisator) void drawList();
  }

  async function drawList(): Promise<void> {
    const { deelnemers } = await callApi<{ deelnemers: Participant[] }>('GET', `${url}/deelnemers`);
    const holder = section.querySelector<HTMLElement>('[data-signup-list]')!;
    holder.replaceChildren();
    if (!deelnemers.length) {
      const p = document.createElement('p');
      p.textContent = labels.empty;
      holder.append(p);
    } else {
      const table = document.createElement('table');
      const caption = table.createCaption();
      caption.textContent = fill(labels.listCaption, { confirmed: deelnemers.filter((d) => d.status === 'bevestigd').length, waiting: deelnemers.filter((d) => d.status !== 'bevestigd').length });
      const head = table.createTHead().insertRow();
      for (const text of [labels.name, labels.department, labels.status, ...(labels.answer ? [labels.answer] : [])]) {
        const th = document.createElement('th');
        th.scope = 'col';
        th.textContent = text;
        head.append(th);
      }
      const body = table.createTBody();
      for (const d of deelnemers) {
        const row = body.insertRow();
        for (const text of [d.naam, d.afdeling ?? '', d.status === 'bevestigd' ? labels.statusConfirmed : labels.statusWaiting, ...(labels.answer ? [d.antwoord ?? ''] : [])]) row.insertCell().textContent = text;
      }
      holder.append(table);
    }
    organiser.hidden = false;
  }

  async function act(run: () => Promise<Status>, note?: (s: Status) => string | undefined): Promise<void> {
    error.textContent = '';
    submit.disabled = cancel.disabled = true;
    try {
      const s = await run();
      draw(s, note?.(s));
    } catch (err) {
      error.textContent = (err as Error).message || labels.error;
    } finally {
      submit.disabled = cancel.disabled = false;
    }
  }

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const text = answer?.value.trim();
    void act(() => callApi<Status>('POST', url, text ? { antwoord: text } : {}));
  });
  cancel.addEventListener('click', () => {
    void act(() => callApi<Status>('DELETE', url), () => labels.cancelled).then(() => submit.focus());
  });

  void getMe().then(async (me) => {
    section.querySelector<HTMLElement>('[data-login-prompt]')!.hidden = !!me;
    if (!me) return;
    try {
      draw(await callApi<Status>('GET', url));
    } catch {
      // Offline, or no state store on this server: the static facts stay.
    }
  });
}

/** Starts every sign-up section on the page (once). */
export function startSignup(): void {
  for (const section of document.querySelectorAll<HTMLElement>('[data-signup]')) {
    if (section.dataset.signupStarted) continue;
    section.dataset.signupStarted = 'true';
    start(section);
  }
}
