// The editors' erasure page (src/pages/beheer/wissen.astro, issue 19): each form first asks for a confirmation in
// place (focus moves to the question), then calls POST /api/beheer/wissen. The outcome is said in a polite status;
// a refusal in the form's alert, with the fields (file: field) that need a successor or the files that still name
// the colleague. After a colleague's erasure it says whether the state store was erased too, or how to finish it.
import { el, fill } from './dom.ts';

interface Answer {
  gewist?: boolean;
  aantallen?: Record<string, number | null>;
  statusopslag?: number | false | null;
  error?: { code: string; message: string };
  verwijzingen?: { bestand: string; veld: string }[];
  bestanden?: string[];
}

/** Starts the page (once). */
export function startErase(): void {
  const root = document.querySelector<HTMLElement>('[data-erase]');
  if (!root || root.dataset.started) return;
  root.dataset.started = 'true';
  const labels = JSON.parse(root.dataset.labels ?? '{}') as Record<string, string>;
  const live = root.querySelector<HTMLElement>('[data-erase-live]')!;

  for (const form of root.querySelectorAll<HTMLFormElement>('[data-erase-form]')) {
    const kind = form.dataset.eraseForm as 'collega' | 'bericht';
    const confirm = form.querySelector<HTMLElement>('[data-erase-confirm]')!;
    const question = form.querySelector<HTMLElement>('[data-erase-question]')!;
    const error = form.querySelector<HTMLElement>('[data-erase-error]')!;
    const submit = form.querySelector<HTMLButtonElement>('button[type="submit"]')!;
    const main = form.elements.namedItem(kind) as HTMLInputElement;
    const value = (name: string) => String(new FormData(form).get(name) ?? '').trim();
    const close = () => {
      confirm.hidden = true;
      submit.disabled = false;
    };

    form.addEventListener('submit', (e) => {
      e.preventDefault();
      error.replaceChildren();
      live.textContent = '';
      if (!value(kind)) {
        main.setAttribute('aria-invalid', 'true');
        main.focus();
        return;
      }
      main.removeAttribute('aria-invalid');
      question.textContent = fill(kind === 'collega' ? labels.confirmColleague : labels.confirmPost, { id: value(kind) });
      confirm.hidden = false;
      submit.disabled = true;
      question.focus();
    });

    form.querySelector('[data-erase-no]')!.addEventListener('click', () => {
      close();
      live.textContent = labels.cancelled;
      submit.focus();
    });

    form.querySelector('[data-erase-yes]')!.addEventListener('click', async () => {
      const id = value(kind);
      const body = kind === 'collega' ? { collega: id, ...(value('overdragenAan') ? { overdragenAan: value('overdragenAan') } : {}) } : { bericht: id };
      close();
      live.textContent = labels.busy;
      let res: Response;
      let answer: Answer;
      try {
        res = await fetch('/api/beheer/wissen', { method: 'POST', credentials: 'same-origin', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
        answer = (await res.json().catch(() => ({}))) as Answer;
      } catch {
        live.textContent = '';
        error.textContent = labels.failed;
        return;
      }
      if (res.ok && answer.gewist) {
        const counts = Object.fromEntries(Object.entries(answer.aantallen ?? {}).map(([k, v]) => [k, v === null ? labels.proposalsUnknown : String(v)]));
        live.textContent = [fill(kind === 'collega' ? labels.doneColleague : labels.donePost, counts), answer.statusopslag === false ? fill(labels.stateNote, { id }) : typeof answer.statusopslag === 'number' ? fill(labels.stateDone, { n: String(answer.statusopslag) }) : ''].filter(Boolean).join(' ');
        form.reset();
        return;
      }
      live.textContent = '';
      const message = res.status === 401 ? labels.login : res.status === 403 ? labels.forbidden : answer.error?.message ?? labels.failed;
      const list = answer.verwijzingen?.length ? answer.verwijzingen.map((r) => `${r.bestand}: ${r.veld}`) : answer.bestanden ?? [];
      error.replaceChildren(
        el('p', { textContent: message }),
        ...(list.length ? [el('p', { textContent: answer.verwijzingen?.length ? labels.references : labels.files }), el('ul', {}, ...list.map((text) => el('li', { textContent: text })))] : []),
      );
      if (answer.verwijzingen?.length) (form.elements.namedItem('overdragenAan') as HTMLInputElement | null)?.focus();
    });
  }
}
