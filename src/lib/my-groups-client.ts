// "Mijn groepen" on the home page for a logged-in colleague (GET /api/mijn-groepen, personal, never cached): each group
// links to its own page (a private one to /groepen/prive/?id=…, marked privé), a request says it is pending, and an
// invitation to a private group is accepted or declined right there. Hidden without login, groups or JavaScript.
import { fill } from './dom.ts';
import { callApi, getMe } from './live-client.ts';

interface MyGroup { id: string; naam: string; status: 'lid' | 'aangevraagd' | 'uitgenodigd'; url: string; prive?: true }


/** Fills the "Mijn groepen" section (once). */
export function startMyGroups(): void {
  const found = document.querySelector<HTMLElement>('[data-my-groups]');
  if (!found || found.dataset.started) return;
  const section = found;
  section.dataset.started = 'true';
  const labels = JSON.parse(section.dataset.labels ?? '{}') as Record<string, string>;
  const list = section.querySelector('ul')!;
  const status = section.querySelector<HTMLElement>('[role="status"]')!;
  const error = section.querySelector<HTMLElement>('[role="alert"]')!;

  function item(g: MyGroup): HTMLLIElement {
    const li = document.createElement('li');
    li.append(Object.assign(document.createElement('a'), { href: g.url, textContent: g.naam }));
    const notes = [g.prive ? labels.private : '', g.status === 'aangevraagd' ? labels.requested : g.status === 'uitgenodigd' ? labels.invited : ''].filter(Boolean);
    if (notes.length) li.append(` (${notes.join(', ')})`);
    if (g.status !== 'uitgenodigd') return li;
    const base = `/api/privegroepen/${encodeURIComponent(g.id)}/lidmaatschap`;
    const buttons = document.createElement('span');
    buttons.className = 'my-groups-actions';
    for (const [method, text, done] of [['POST', labels.accept, labels.accepted], ['DELETE', labels.decline, labels.declined]] as const) {
      const b = Object.assign(document.createElement('button'), { type: 'button', className: method === 'POST' ? '' : 'secondary', textContent: text });
      b.setAttribute('aria-label', `${text}: ${g.naam}`);
      b.addEventListener('click', () => {
        error.textContent = status.textContent = '';
        buttons.querySelectorAll('button').forEach((x) => (x.disabled = true));
        void callApi(method, base)
          .then(() => {
            status.textContent = fill(done, { name: g.naam });
            if (method === 'POST') {
              const member = item({ ...g, status: 'lid' });
              li.replaceWith(member);
              member.querySelector('a')!.focus();
            } else {
              li.remove();
              section.querySelector<HTMLElement>('h2')!.focus();
            }
          })
          .catch((err: Error) => {
            error.textContent = err.message;
            buttons.querySelectorAll('button').forEach((x) => (x.disabled = false));
          });
      });
      buttons.append(' ', b);
    }
    li.append(buttons);
    return li;
  }

  void getMe().then(async (me) => {
    if (!me) return;
    try {
      const { groepen } = await callApi<{ groepen: MyGroup[] }>('GET', '/api/mijn-groepen');
      if (!groepen.length) return;
      // Invitations first: they wait for an answer.
      list.replaceChildren(...[...groepen].sort((a, b) => Number(b.status === 'uitgenodigd') - Number(a.status === 'uitgenodigd')).map(item));
      section.hidden = false;
    } catch {
      // No state store, or offline: the home page stays as built.
    }
  });
}
