// The editors' "vraag van de week" page (src/pages/beheer/vraag-van-de-week.astro): lists the scheduled questions,
// schedules a new one, changes, switches on or off and removes one, through /api/beheer/vraag-van-de-week (personal to
// the team, never cached). Every outcome is said in a polite status; a refusal in the form's alert.
import { el, fill } from './dom.ts';
import { callApi } from './live-client.ts';

interface Question {
  id: string;
  tekst: string;
  weekdag: number;
  tijd: string;
  aan: boolean;
  auteur: { id: string; naam: string };
  volgende: string | null;
}
type Body = Pick<Question, 'tekst' | 'weekdag' | 'tijd' | 'aan'>;

const PATH = '/api/beheer/vraag-van-de-week';

/** Starts the page (once). */
export function startNudges(): void {
  const root = document.querySelector<HTMLElement>('[data-nudges]');
  if (!root || root.dataset.started) return;
  root.dataset.started = 'true';
  const labels = JSON.parse(root.dataset.labels ?? '{}') as Record<string, string>;
  const message = root.querySelector<HTMLElement>('[data-nudge-message]')!;
  const live = root.querySelector<HTMLElement>('[data-nudge-live]')!;
  const form = root.querySelector<HTMLFormElement>('[data-nudge-form]')!;
  const error = root.querySelector<HTMLElement>('[data-nudge-error]')!;
  const title = root.querySelector<HTMLElement>('[data-nudge-form-title]')!;
  const submit = root.querySelector<HTMLButtonElement>('[data-nudge-submit]')!;
  const cancel = root.querySelector<HTMLButtonElement>('[data-nudge-cancel]')!;
  const section = root.querySelector<HTMLElement>('[data-nudge-list]')!;
  const list = section.querySelector('ul')!;
  const dateFormat = new Intl.DateTimeFormat(document.documentElement.lang || 'nl', { weekday: 'long', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Amsterdam' });
  let editing: string | undefined;

  const field = <T extends HTMLElement>(name: string) => form.elements.namedItem(name) as T;
  const setEditing = (q?: Question) => {
    editing = q?.id;
    title.textContent = q ? labels.formEdit : labels.form;
    submit.textContent = q ? labels.saveEdit : labels.save;
    cancel.hidden = !q;
    field<HTMLTextAreaElement>('tekst').value = q?.tekst ?? '';
    field<HTMLSelectElement>('weekdag').value = String(q?.weekdag ?? 1);
    field<HTMLInputElement>('tijd').value = q?.tijd ?? '09:30';
    field<HTMLInputElement>('aan').checked = q?.aan ?? true;
    if (q) field<HTMLTextAreaElement>('tekst').focus();
  };

  function item(q: Question): HTMLLIElement {
    const when = `${fill(labels.when, { day: labels[`day.${q.weekdag}`] ?? '', time: q.tijd })}. ${q.volgende ? fill(labels.next, { date: dateFormat.format(new Date(q.volgende)) }) : labels.off} ${fill(labels.by, { name: q.auteur.naam })}`;
    const button = (text: string, onClick: () => void, secondary = true) => {
      const b = el('button', { type: 'button', className: secondary ? 'button button-secondary' : 'button', textContent: text });
      b.addEventListener('click', onClick);
      return b;
    };
    const body = (): Body => ({ tekst: q.tekst, weekdag: q.weekdag, tijd: q.tijd, aan: q.aan });
    return el(
      'li',
      { className: 'nudge' },
      el('p', { className: 'nudge-text', textContent: q.tekst }),
      el('p', { className: 'meta', textContent: when }),
      el(
        'div',
        { className: 'nudge-actions' },
        button(labels.edit, () => setEditing(q)),
        button(q.aan ? labels.turnOff : labels.turnOn, () => void act(() => callApi('PUT', `${PATH}/${q.id}`, { ...body(), aan: !q.aan }), labels.updated)),
        button(labels.remove, () => void act(() => callApi('DELETE', `${PATH}/${q.id}`), labels.removed)),
      ),
    );
  }

  async function load(): Promise<void> {
    const { vragen } = await callApi<{ vragen: Question[] }>('GET', PATH);
    list.replaceChildren(...vragen.map(item));
    section.hidden = false;
    if (!vragen.length) list.replaceChildren(el('li', { textContent: labels.none }));
  }

  async function act(call: () => Promise<unknown>, done: string): Promise<void> {
    error.textContent = '';
    try {
      await call();
      await load();
      live.textContent = done;
    } catch (err) {
      error.textContent = (err as Error).message || labels.failed;
    }
  }

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const data = new FormData(form);
    const body: Body = { tekst: String(data.get('tekst') ?? ''), weekdag: Number(data.get('weekdag')), tijd: String(data.get('tijd') ?? ''), aan: data.get('aan') === 'on' };
    const id = editing;
    void act(() => (id ? callApi('PUT', `${PATH}/${id}`, body) : callApi('POST', PATH, body)), id ? labels.updated : labels.saved).then(() => {
      if (!error.textContent) setEditing();
    });
  });
  cancel.addEventListener('click', () => setEditing());

  message.textContent = labels.loading;
  load()
    .then(() => {
      message.textContent = '';
      form.hidden = false;
    })
    .catch((err: { status?: number }) => {
      message.textContent = err.status === 401 ? labels.login : err.status === 403 ? labels.notEditor : labels.failed;
    });
}
