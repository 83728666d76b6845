// Group proposals in the browser. On the groups overview (src/pages/groepen/_components/ProposeGroup.astro) a
// logged-in colleague proposes a group and follows their own proposals; on /beheer/groepsvoorstellen/ an editor
// approves or declines the waiting ones, the result announced in a live region. Both use /api/groepsvoorstellen
// (personal, never cached); the server decides who is an editor, the page only follows its answer.
import { formatDate } from './dates.ts';
import { eachQueue, el, factRow, fill } from './dom.ts';
import { callApi, getMe } from './live-client.ts';

interface Proposal {
  id: string;
  naam: string;
  omschrijving: string;
  soort: 'open' | 'op-aanvraag' | 'prive';
  toelichting?: string;
  status: 'ingediend' | 'goedgekeurd' | 'afgewezen';
  voorgesteldDoor: { id: string; naam: string } | null;
  ingediend: string;
  besluit?: { door: { id: string; naam: string } | null; op: string; reden?: string };
  url?: string;
}
interface Proposals { eigen: Proposal[]; wachtend?: Proposal[] }

/** How long after approval an open group's page may still be on its way (the background rebuild). */
const REBUILD_MS = 15 * 60_000;
const lang = document.documentElement.lang === 'en' ? 'en' : 'nl';

const labelsOf = (section: HTMLElement) => JSON.parse(section.dataset.labels ?? '{}') as Record<string, string>;

/** One of a colleague's own proposals: name, kind, where it stands, and the reason or the link to the new group. */
function ownProposal(p: Proposal, labels: Record<string, string>): HTMLLIElement {
  const li = el('li', {}, el('strong', { textContent: p.naam }), ` (${labels[`kind.${p.soort}`] ?? p.soort}): ${labels[`status.${p.status}`] ?? p.status}`);
  if (p.besluit?.reden) li.append(el('br'), fill(labels.reason, { reason: p.besluit.reden }));
  if (p.status === 'goedgekeurd' && p.url) {
    li.append(' ', el('a', { href: p.url, textContent: labels.toGroup }));
    if (p.soort !== 'prive' && p.besluit && Date.now() - Date.parse(p.besluit.op) < REBUILD_MS) li.append(el('br'), labels.pageSoon);
  }
  return li;
}

/** Starts "Een groep voorstellen" on the groups overview (once). */
export function startProposalForm(): void {
  for (const section of document.querySelectorAll<HTMLElement>('[data-propose-group]')) {
    if (section.dataset.started) continue;
    section.dataset.started = 'true';
    const labels = labelsOf(section);
    const form = section.querySelector<HTMLFormElement>('[data-propose-form]')!;
    const status = section.querySelector<HTMLElement>('[data-propose-status]')!;
    const error = section.querySelector<HTMLElement>('[data-propose-error]')!;
    const mine = section.querySelector<HTMLElement>('[data-propose-mine]')!;
    const drawMine = (own: Proposal[]) => {
      mine.querySelector('ul')!.replaceChildren(...own.map((p) => ownProposal(p, labels)));
      mine.hidden = !own.length;
    };
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      error.textContent = '';
      const data = new FormData(form);
      const text = (name: string) => String(data.get(name) ?? '').trim();
      const body = { naam: text('naam'), omschrijving: text('omschrijving'), soort: text('soort'), ...(text('toelichting') ? { toelichting: text('toelichting') } : {}) };
      const submit = form.querySelector<HTMLButtonElement>('button[type="submit"]')!;
      submit.disabled = true;
      status.textContent = labels.sending;
      void callApi<{ voorstel: Proposal }>('POST', '/api/groepsvoorstellen', body)
        .then(async ({ voorstel }) => {
          form.reset();
          status.textContent = fill(labels.done, { name: voorstel.naam });
          drawMine((await callApi<Proposals>('GET', '/api/groepsvoorstellen')).eigen);
        })
        .catch((err: Error) => {
          status.textContent = '';
          error.textContent = err.message;
        })
        .finally(() => (submit.disabled = false));
    });
    void getMe().then(async (me) => {
      section.querySelector<HTMLElement>('[data-login-prompt]')!.hidden = !!me;
      form.hidden = !me;
      section.hidden = false;
      if (!me) return;
      try {
        drawMine((await callApi<Proposals>('GET', '/api/groepsvoorstellen')).eigen);
      } catch {
        // No state store on this server, or offline: the form still says why when it is sent.
      }
    });
  }
}

/** Starts the editors' queue on /beheer/groepsvoorstellen/ (once). */
export function startProposalQueue(): void {
  eachQueue('[data-proposal-queue]', ({ labels, message, live, pendingBox, pendingTitle, list, decidedBox }) => {
    const emptyCheck = () => {
      if (!list.children.length) message.textContent = labels.none;
    };
    const row = factRow;

    function render(p: Proposal): HTMLLIElement {
      const titleId = `voorstel-${p.id}`;
      const reasonId = `voorstel-reden-${p.id}`;
      const heading = el('h3', { id: titleId, tabIndex: -1, textContent: p.naam });
      const details = el('dl', { className: 'proposal-facts' },
        ...row(labels.by, p.voorgesteldDoor ? el('a', { href: `/collegas/${encodeURIComponent(p.voorgesteldDoor.id)}/`, textContent: p.voorgesteldDoor.naam }) : '—'),
        ...row(labels.kind, `${labels[`kind.${p.soort}`] ?? p.soort}: ${labels[`hint.${p.soort}`] ?? ''}`),
        ...row(labels.description, p.omschrijving),
        ...(p.toelichting ? row(labels.motivation, p.toelichting) : []),
        ...row(labels.submitted, el('time', { dateTime: p.ingediend, textContent: formatDate(new Date(p.ingediend), lang, true) })));
      const reason = el('input', { id: reasonId, maxLength: 300, autocomplete: 'off' });
      const error = el('p', { className: 'form-error' });
      error.setAttribute('role', 'alert');
      const buttons = el('p', { className: 'proposal-buttons' });
      const li = el('li', {}, el('article', { className: 'proposal' }, heading, details, el('label', { htmlFor: reasonId, textContent: labels.reason }), reason, buttons, error));
      li.firstElementChild!.setAttribute('aria-labelledby', titleId);
      for (const [besluit, text, done] of [['goedkeuren', labels.approve, labels.approved], ['afwijzen', labels.decline, labels.declined]] as const) {
        const b = el('button', { type: 'button', className: besluit === 'afwijzen' ? 'secondary' : '', textContent: text });
        b.setAttribute('aria-label', `${text}: ${p.naam}`);
        b.addEventListener('click', () => {
          error.textContent = '';
          buttons.querySelectorAll('button').forEach((x) => (x.disabled = true));
          const reden = reason.value.trim();
          void callApi<{ voorstel: Proposal }>('POST', `/api/groepsvoorstellen/${encodeURIComponent(p.id)}/besluit`, { besluit, ...(reden ? { reden } : {}) })
            .then(({ voorstel }) => {
              const next = li.nextElementSibling ?? li.previousElementSibling;
              li.remove();
              live.textContent = fill(done, { name: voorstel.naam });
              const item = el('li', {}, `${fill(done, { name: voorstel.naam })} `);
              if (voorstel.url) item.append(el('a', { href: voorstel.url, textContent: labels.toGroup }));
              decidedBox.querySelector('ul')!.append(item);
              decidedBox.hidden = false;
              emptyCheck();
              (next?.querySelector<HTMLElement>('h3') ?? pendingTitle).focus();
            })
            .catch((err: Error) => (error.textContent = err.message))
            .finally(() => buttons.querySelectorAll('button').forEach((x) => (x.disabled = false)));
        });
        buttons.append(b, ' ');
      }
      return li;
    }

    message.textContent = labels.loading;
    void getMe().then(async (me) => {
      if (!me?.editor) {
        message.textContent = labels.notEditor;
        return;
      }
      try {
        const { wachtend } = await callApi<Proposals>('GET', '/api/groepsvoorstellen');
        if (!wachtend) {
          message.textContent = labels.notEditor;
          return;
        }
        message.textContent = '';
        list.replaceChildren(...wachtend.map(render));
        pendingBox.hidden = false;
        emptyCheck();
      } catch (err) {
        message.textContent = (err as Error).message;
      }
    });
  });
}
