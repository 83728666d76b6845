// The moderation queue and log in the browser (issue 19). On /beheer/moderatie/ a moderator sees each reported item
// in context (text, author, where, a link) with its reports counted per reason, and decides: Verbergen (with a reason
// the author sees), Laten staan, or Contact opnemen (a mail to the author from the moderator's own mailbox: the
// address is in the colleagues directory for everyone already, and a conversation beats a one-way notice). The
// outcome is announced in a live region and focus moves to the next item. /beheer/moderatie/logboek/ shows the log.
// The server decides who may see and do what; the page only follows its answers.
import { formatDate } from './dates.ts';
import { eachQueue, el, factRow, fill } from './dom.ts';
import { callApi, getMe } from './live-client.ts';

interface QueueItem {
  doel: { type: 'bericht' | 'reactie'; id: string };
  bestaat: boolean;
  tekst: string | null;
  auteur: { id: string; naam: string | null; email: string | null } | null;
  groep: { id: string; naam: string } | null;
  onder: { type: string; id: string } | null;
  url: string | null;
  verborgen: { door: string | null; automatisch: boolean; reden: string | null } | null;
  meldingen: number;
  redenen: Record<string, number>;
  toelichtingen: string[];
  eerste: string;
  laatste: string;
}
interface LogLine {
  id: string;
  op: string;
  actie: string;
  doel: { type: string; id: string };
  reden: string | null;
  moderator: { id: string; naam: string | null };
  auteur: { id: string; naam: string | null } | null;
  url: string | null;
}

const lang = document.documentElement.lang === 'en' ? 'en' : 'nl';
const labelsOf = (section: HTMLElement) => JSON.parse(section.dataset.labels ?? '{}') as Record<string, string>;
const row = factRow;

/** One reported item as a card with its facts and the decision buttons. */
function renderItem(item: QueueItem, labels: Record<string, string>, decide: (li: HTMLLIElement, item: QueueItem, besluit: string, reden: string) => void): HTMLLIElement {
  const key = `${item.doel.type}-${item.doel.id}`;
  const titleId = `melding-${key}`;
  const reasonId = `melding-reden-${key}`;
  const who = item.auteur?.naam ?? '—';
  const what = item.doel.type === 'bericht' ? labels['log.post'] : labels['log.comment'];
  const heading = el('h3', { id: titleId, tabIndex: -1, textContent: `${what[0].toUpperCase()}${what.slice(1)} — ${who}` });
  const where = item.groep ? item.groep.naam : item.onder ? fill(labels['mod.under'], { what: item.onder.type }) : labels['mod.timeline'];
  const reasons = Object.entries(item.redenen).map(([r, n]) => `${labels[`mod.reason.${r}`] ?? r} (${n})`).join(', ');
  const status = !item.bestaat ? labels['mod.gone'] : item.verborgen ? (item.verborgen.automatisch ? labels['mod.autoHidden'] : fill(labels['mod.hiddenBy'], { name: item.verborgen.door ?? '' })) : labels['mod.visible'];
  const facts = el('dl', { className: 'proposal-facts' },
    ...(item.tekst !== null ? row(labels['log.item'], el('q', { textContent: item.tekst })) : []),
    ...row(labels['mod.author'], item.auteur ? el('a', { href: `/collegas/${encodeURIComponent(item.auteur.id)}/`, textContent: who }) : '—'),
    ...row(labels['mod.where'], item.url ? el('span', {}, `${where} · `, el('a', { href: item.url, textContent: labels['mod.open'] })) : where),
    ...row(labels['mod.reports'], `${item.meldingen === 1 ? labels['mod.count1'] : fill(labels['mod.count'], { n: String(item.meldingen) })}: ${reasons}`),
    ...(item.toelichtingen.length ? row(labels['mod.notes'], el('ul', {}, ...item.toelichtingen.map((n) => el('li', { textContent: n })))) : []),
    ...row(labels['mod.status'], status),
    ...row(labels['log.when'], el('time', { dateTime: item.eerste, textContent: formatDate(new Date(item.eerste), lang, true) })));
  const error = el('p', { className: 'form-error' });
  error.setAttribute('role', 'alert');
  const buttons = el('p', { className: 'proposal-buttons' });
  const article = el('article', { className: 'proposal' }, heading, facts);
  article.setAttribute('aria-labelledby', titleId);
  const li = el('li', {}, article);
  const button = (text: string, besluit: string, secondary: boolean, reason?: HTMLInputElement) => {
    const b = el('button', { type: 'button', className: secondary ? 'secondary' : '', textContent: text });
    b.setAttribute('aria-label', `${text}: ${what} — ${who}`);
    b.addEventListener('click', () => {
      error.textContent = '';
      const reden = reason?.value.trim() ?? '';
      if (besluit === 'verbergen' && !reden) {
        error.textContent = labels['mod.reasonNeeded'];
        return reason?.focus();
      }
      buttons.querySelectorAll('button').forEach((x) => (x.disabled = true));
      decide(li, item, besluit, reden);
    });
    buttons.append(b, ' ');
  };
  if (item.bestaat) {
    const reason = el('input', { id: reasonId, maxLength: 300, autocomplete: 'off' });
    article.append(el('label', { htmlFor: reasonId, textContent: labels['mod.reason'] }), reason);
    button(labels['mod.hide'], 'verbergen', false, reason);
    button(labels['mod.keep'], 'laten-staan', true, reason);
    if (item.auteur?.email) {
      const subject = encodeURIComponent(labels['mod.contactSubject']);
      const body = encodeURIComponent(`${location.origin}${item.url ?? '/'}`);
      buttons.append(el('a', { href: `mailto:${item.auteur.email}?subject=${subject}&body=${body}`, textContent: labels['mod.contact'] }));
    }
  } else {
    button(labels['mod.close'], 'laten-staan', true);
  }
  article.append(buttons, error);
  return li;
}

/** Starts the queue on /beheer/moderatie/ (once). */
export function startModerationQueue(): void {
  eachQueue('[data-moderation-queue]', ({ labels, message, live, pendingBox, pendingTitle, list, decidedBox }) => {
    const decide = (li: HTMLLIElement, item: QueueItem, besluit: string, reden: string) => {
      const error = li.querySelector<HTMLElement>('.form-error')!;
      void callApi<{ besluit: string }>('POST', '/api/moderatie/besluit', { doel: item.doel, besluit, ...(reden ? { reden } : {}) })
        .then((answer) => {
          const next = li.nextElementSibling ?? li.previousElementSibling;
          li.remove();
          const name = item.auteur?.naam ?? '—';
          const done = answer.besluit === 'verwijderd' ? labels['mod.closedDone'] : fill(labels[answer.besluit === 'verbergen' ? 'mod.hiddenDone' : 'mod.keptDone'], { name });
          live.textContent = done;
          decidedBox.querySelector('ul')!.append(el('li', { textContent: done }));
          decidedBox.hidden = false;
          if (!list.children.length) message.textContent = labels['mod.none'];
          (next?.querySelector<HTMLElement>('h3') ?? pendingTitle).focus();
        })
        .catch((err: Error) => {
          error.textContent = err.message;
          li.querySelectorAll('button').forEach((x) => (x.disabled = false));
        });
    };

    message.textContent = labels['mod.loading'];
    void getMe().then(async (me) => {
      if (!me) {
        message.textContent = labels['mod.login'];
        return;
      }
      if (me.editor) document.querySelector<HTMLElement>('[data-moderation-log]')?.removeAttribute('hidden');
      try {
        const { items } = await callApi<{ items: QueueItem[] }>('GET', '/api/moderatie/wachtrij');
        message.textContent = items.length ? '' : labels['mod.none'];
        list.replaceChildren(...items.map((item) => renderItem(item, labels, decide)));
        pendingBox.hidden = !items.length;
      } catch (err) {
        message.textContent = (err as Error).message;
      }
    });
  });
}

/** Starts the log on /beheer/moderatie/logboek/ (once). */
export function startModerationLog(): void {
  for (const section of document.querySelectorAll<HTMLElement>('[data-moderation-log-view]')) {
    if (section.dataset.started) continue;
    section.dataset.started = 'true';
    const labels = labelsOf(section);
    const message = section.querySelector<HTMLElement>('[data-log-message]')!;
    const region = section.querySelector<HTMLElement>('[data-log-region]')!;
    const body = region.querySelector('tbody')!;
    const more = section.querySelector<HTMLButtonElement>('[data-log-more]')!;
    let before: string | null = null;

    const line = (l: LogLine) => {
      const what = l.doel.type === 'bericht' ? labels['log.post'] : labels['log.comment'];
      return el('tr', {},
        el('td', {}, el('time', { dateTime: l.op, textContent: formatDate(new Date(l.op), lang, true) })),
        el('td', { textContent: l.moderator.naam ?? l.moderator.id }),
        el('td', { textContent: labels[`log.action.${l.actie}`] ?? l.actie }),
        el('td', {}, l.url ? el('a', { href: l.url, textContent: what }) : what),
        el('td', { textContent: l.auteur?.naam ?? '—' }),
        el('td', { textContent: l.reden ?? '—' }));
    };
    const load = async () => {
      more.disabled = true;
      try {
        const page = await callApi<{ regels: LogLine[]; volgende: string | null }>('GET', `/api/moderatie/logboek${before ? `?voor=${encodeURIComponent(before)}` : ''}`);
        body.append(...page.regels.map(line));
        before = page.volgende;
        more.hidden = !before;
        region.hidden = !body.children.length;
        message.textContent = body.children.length ? '' : labels['log.none'];
      } catch (err) {
        message.textContent = (err as Error).message;
      } finally {
        more.disabled = false;
      }
    };
    more.addEventListener('click', () => void load());
    message.textContent = labels['mod.loading'];
    void getMe().then((me) => {
      if (!me?.editor) {
        message.textContent = labels['log.notEditor'];
        return;
      }
      void load();
    });
  }
}
