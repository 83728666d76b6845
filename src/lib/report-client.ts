// "Melden" in the browser (issue 19): a button on a colleague's post or comment (static or merged in live) that opens
// a small form — a reason from the list, a toelichting required for "anders" — and sends it to
// POST /api/moderatie/meldingen. The answer is announced in a polite live region; reporting again is harmless.
import { REPORT_REASONS } from '../../functions/moderation/reasons.ts';
import { el } from './dom.ts';

/** Calls the API and gives its JSON, or throws with the server's Dutch message. */
type CallApi = <T>(method: string, url: string, body?: unknown) => Promise<T>;

let forms = 0;

/** Adds "Melden" for the item `target` to `bar`; the form opens below the bar. */
export function addReportButton(bar: HTMLElement, target: { type: 'bericht' | 'reactie'; id: string }, labels: Record<string, string>, callApi: CallApi): void {
  const formId = `melden-${++forms}`;
  const button = el('button', { type: 'button', className: 'link-button', textContent: labels['report.button'] ?? 'Melden' });
  button.setAttribute('aria-expanded', 'false');
  button.setAttribute('aria-controls', formId);
  button.dataset.report = `${target.type}:${target.id}`;
  const status = el('span', { className: 'report-status' });
  status.setAttribute('role', 'status');
  bar.append(button, status);

  let form: HTMLFormElement | undefined;
  const close = () => {
    form?.remove();
    form = undefined;
    button.setAttribute('aria-expanded', 'false');
  };
  button.addEventListener('click', () => {
    if (form) return close();
    form = buildForm(formId, labels);
    const error = form.querySelector<HTMLElement>('.form-error')!;
    form.querySelector<HTMLButtonElement>('[data-report-cancel]')!.addEventListener('click', () => {
      close();
      button.focus();
    });
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const data = new FormData(form!);
      const reden = String(data.get('reden') ?? '');
      const toelichting = String(data.get('toelichting') ?? '').trim();
      if (!reden) return void (error.textContent = labels['report.pick'] ?? '');
      if (reden === 'anders' && !toelichting) {
        error.textContent = labels['report.noteNeeded'] ?? '';
        return form!.querySelector<HTMLInputElement>('input[name="toelichting"]')!.focus();
      }
      error.textContent = '';
      const submit = form!.querySelector<HTMLButtonElement>('button[type="submit"]')!;
      submit.disabled = true;
      void callApi<{ verborgen: boolean }>('POST', '/api/moderatie/meldingen', { doel: target, reden, ...(toelichting ? { toelichting } : {}) })
        .then((answer) => {
          close();
          button.textContent = labels['report.reported'] ?? 'Gemeld';
          button.disabled = true;
          button.removeAttribute('aria-expanded');
          status.textContent = answer.verborgen ? labels['report.hidden'] : labels['report.done'];
        })
        .catch((err: Error) => {
          error.textContent = err.message;
          submit.disabled = false;
        });
    });
    bar.after(form);
    button.setAttribute('aria-expanded', 'true');
    form.querySelector<HTMLInputElement>('input[type="radio"]')!.focus();
  });
}

/** The form: a fieldset of reasons, the toelichting, send and cancel, and a place for errors. */
function buildForm(id: string, labels: Record<string, string>): HTMLFormElement {
  const fieldset = el('fieldset', {}, el('legend', { textContent: labels['report.legend'] ?? '' }));
  for (const reason of REPORT_REASONS) {
    const inputId = `${id}-${reason}`;
    const radio = el('input', { type: 'radio', name: 'reden', value: reason, id: inputId });
    fieldset.append(el('div', { className: 'report-reason' }, radio, el('label', { htmlFor: inputId, textContent: labels[`report.reason.${reason}`] ?? reason })));
  }
  const noteId = `${id}-toelichting`;
  const note = el('input', { type: 'text', name: 'toelichting', id: noteId, maxLength: 300, autocomplete: 'off' });
  const error = el('p', { className: 'form-error' });
  error.setAttribute('role', 'alert');
  const form = el(
    'form',
    { id, className: 'report-form' },
    fieldset,
    el('label', { htmlFor: noteId, textContent: labels['report.note'] ?? '' }),
    note,
    el('p', { className: 'report-buttons' }, el('button', { type: 'submit', textContent: labels['report.send'] ?? '' }), ' ', el('button', { type: 'button', className: 'secondary', textContent: labels['report.cancel'] ?? '' })),
    error,
  );
  form.querySelector<HTMLButtonElement>('button.secondary')!.dataset.reportCancel = '';
  return form;
}
