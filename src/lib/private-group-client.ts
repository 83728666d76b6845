// A private group in the browser (src/pages/groepen/prive/index.astro, /groepen/prive/?id=<id>). The page is an
// empty shell: everything in it comes from the API after login (GET /api/privegroepen/:id and …/berichten, personal
// and never cached), so no private text is ever part of the build, the search index or the service worker's caches.
// A member sees the members, the composer (text and up to 4 photos, each with an alt text), the posts with their
// photos and comments; a moderator also invites colleagues, withdraws invitations, makes members moderator and removes
// them. An invited colleague sees the name and description and accepts or declines. Anyone else, logged in or not,
// reads the same "does not exist, or you are not a member" message: the page never tells whether a group exists.
import { formatDate } from './dates.ts';
import { el, fill } from './dom.ts';
import { avatar, callApi, getMe } from './live-client.ts';
import { createPhotoPicker } from './photo-picker.ts';

interface Person { id: string; naam: string }
interface Member extends Person { moderator: boolean }
interface Group {
  id: string;
  naam: string;
  omschrijving: string;
  mijn: 'lid' | 'uitgenodigd';
  moderator: boolean;
  leden?: Member[];
  uitnodigingen?: Member[];
}
interface Comment { id: string; auteur: Person; html: string; geplaatst: string; verwijderbaar: boolean }
interface Post extends Comment {
  fotos: { src: string; alt: string; breedte: number; hoogte: number }[];
  reacties: Comment[];
}

const lang = document.documentElement.lang === 'en' ? 'en' : 'nl';

function start(root: HTMLElement): void {
  const labels = JSON.parse(root.dataset.labels ?? '{}') as Record<string, string>;
  const id = new URLSearchParams(location.search).get('id') ?? '';
  const base = `/api/privegroepen/${encodeURIComponent(id)}`;
  const $ = <T extends HTMLElement = HTMLElement>(name: string) => root.querySelector<T>(`[data-pg-${name}]`)!;
  const heading = $('name');
  const message = $('message');
  const groupBox = $('group');
  const status = $('status');
  const error = $('error');
  const invitation = $('invitation');
  const memberBox = $('member');
  const postsList = $('posts');
  const noPosts = $('no-posts');
  const membersList = $('members');
  const moderation = $('moderation');
  const invitationsList = $('invitations');
  const noInvitations = $('no-invitations');
  const inviteForm = $<HTMLFormElement>('invite');
  const inviteSelect = inviteForm.querySelector('select')!;
  const composer = $<HTMLFormElement>('composer');
  const composerText = composer.querySelector('textarea')!;
  const composerStatus = composer.querySelector<HTMLElement>('[role="status"]')!;
  const composerError = composer.querySelector<HTMLElement>('[role="alert"]')!;
  const photos = createPhotoPicker({
    inputs: [composer.querySelector<HTMLInputElement>('input[type="file"]')!],
    alts: composer.querySelector<HTMLElement>('[data-pg-alts]')!,
    error: composerError,
    labels,
    idPrefix: 'pg-alt',
  });
  const originalTitle = document.title;
  let group: Group | undefined;

  /** Says `text` instead of the group (missing, declined, left) and hides whatever was shown. */
  const away = (text: string) => {
    group = undefined;
    groupBox.hidden = true;
    heading.textContent = labels.title;
    document.title = originalTitle;
    message.textContent = text;
  };
  const say = (text: string) => {
    error.textContent = '';
    status.textContent = text;
  };
  /** Runs an action of a button; its failure shows the API's Dutch message. */
  const act = async (button: HTMLButtonElement | undefined, run: () => Promise<void>) => {
    error.textContent = '';
    status.textContent = '';
    if (button) button.disabled = true;
    try {
      await run();
    } catch (err) {
      error.textContent = (err as Error).message;
    } finally {
      if (button) button.disabled = false;
    }
  };
  const button = (text: string, onClick: (b: HTMLButtonElement) => Promise<void>, name?: string, className = 'link-button') => {
    const b = el('button', { type: 'button', className, textContent: text });
    if (name) b.setAttribute('aria-label', `${text}: ${name}`);
    b.addEventListener('click', () => void act(b, () => onClick(b)));
    return b;
  };
  const personLink = (p: Person) => el('a', { href: `/collegas/${encodeURIComponent(p.id)}/`, textContent: p.naam });
  const time = (iso: string) => el('time', { dateTime: iso, textContent: formatDate(new Date(iso), lang, true) });
  /** After an item is removed, focus goes to a heading that stays (tabindex -1), not to the page's start. */
  const focusHeading = (name: string) => $(name).focus();

  // ---- The group and its members ----

  function drawGroup(g: Group): void {
    group = g;
    heading.textContent = g.naam;
    document.title = originalTitle.replace(labels.title, g.naam);
    $('description').textContent = g.omschrijving;
    message.textContent = '';
    groupBox.hidden = false;
    invitation.hidden = g.mijn !== 'uitgenodigd';
    memberBox.hidden = g.mijn !== 'lid';
    if (g.mijn !== 'lid') return;

    membersList.replaceChildren();
    for (const m of g.leden ?? []) {
      const li = el('li', {}, personLink(m));
      const notes = [m.moderator ? labels.moderator : '', m.id === me ? labels.you : ''].filter(Boolean);
      if (notes.length) li.append(` (${notes.join(', ')})`);
      if (g.moderator && m.id !== me) {
        const actions = el('span', { className: 'pg-actions' });
        if (!m.moderator) {
          actions.append(button(labels.makeModerator, async () => {
            await callApi('POST', `${base}/moderatoren`, { persoon: m.id });
            await reloadGroup();
            say(fill(labels.madeModerator, { name: m.naam }));
          }, m.naam));
        }
        actions.append(button(labels.remove, async () => {
          if (!confirm(fill(labels.confirmRemove, { name: m.naam }))) return;
          await callApi('DELETE', `${base}/leden/${encodeURIComponent(m.id)}`);
          await reloadGroup();
          say(fill(labels.removed, { name: m.naam }));
          focusHeading('members-title');
        }, m.naam));
        li.append(' ', actions);
      }
      membersList.append(li);
    }

    moderation.hidden = !g.moderator;
    if (!g.moderator) return;
    invitationsList.replaceChildren();
    for (const m of g.uitnodigingen ?? []) {
      invitationsList.append(el('li', {}, personLink(m), ' ', button(labels.withdraw, async () => {
        await callApi('DELETE', `${base}/leden/${encodeURIComponent(m.id)}`);
        await reloadGroup();
        say(fill(labels.withdrawn, { name: m.naam }));
        focusHeading('invitations-title');
      }, m.naam)));
    }
    noInvitations.hidden = !!g.uitnodigingen?.length;
    // Whoever is a member or invited already cannot be chosen again.
    const taken = new Set([...(g.leden ?? []), ...(g.uitnodigingen ?? [])].map((m) => m.id));
    for (const option of inviteSelect.options) if (option.value) option.disabled = taken.has(option.value);
  }

  async function reloadGroup(): Promise<void> {
    drawGroup(await callApi<Group>('GET', base));
  }

  inviteForm.addEventListener('submit', (e) => {
    e.preventDefault();
    const option = inviteSelect.selectedOptions[0];
    if (!option?.value) return;
    void act(inviteForm.querySelector('button')!, async () => {
      await callApi('POST', `${base}/uitnodigingen`, { persoon: option.value });
      inviteForm.reset();
      await reloadGroup();
      say(fill(labels.invitedDone, { name: option.textContent ?? '' }));
    });
  });

  $<HTMLButtonElement>('accept').addEventListener('click', (e) => void act(e.currentTarget as HTMLButtonElement, async () => {
    await callApi('POST', `${base}/lidmaatschap`);
    await reloadGroup();
    await loadPosts();
    say(labels.accepted);
    focusHeading('members-title');
  }));
  $<HTMLButtonElement>('decline').addEventListener('click', (e) => void act(e.currentTarget as HTMLButtonElement, async () => {
    await callApi('DELETE', `${base}/lidmaatschap`);
    away(labels.declined);
    heading.focus();
  }));
  $<HTMLButtonElement>('leave').addEventListener('click', (e) => void act(e.currentTarget as HTMLButtonElement, async () => {
    if (!confirm(labels.confirmLeave)) return;
    await callApi('DELETE', `${base}/lidmaatschap`);
    away(labels.left);
    heading.focus();
  }));

  $<HTMLButtonElement>('dissolve').addEventListener('click', (e) => void act(e.currentTarget as HTMLButtonElement, async () => {
    if (!confirm(labels.confirmDissolve)) return;
    await callApi('DELETE', base);
    away(labels.dissolved);
    heading.focus();
  }));

  // ---- Posts, photos and comments ----

  function renderComment(c: Comment): HTMLLIElement {
    const body = el('div', { className: 'prose' });
    body.innerHTML = c.html; // sanitised by the server, like every rendered post and comment
    const meta = el('p', { className: 'comment-meta' }, personLink(c.auteur), ' · ', time(c.geplaatst));
    const wrap = el('div', {}, meta, body);
    const li = el('li', { className: 'comment', id: `reactie-${c.id}` }, avatar(c.auteur.naam, c.auteur.id), wrap);
    if (c.verwijderbaar) {
      wrap.append(el('p', { className: 'item-actions' }, button(labels.delete, async () => {
        if (!confirm(labels.confirmDelete)) return;
        await callApi('DELETE', `${base}/reacties/${encodeURIComponent(c.id)}`);
        const section = li.closest('section');
        li.remove();
        say(labels.deleted);
        section?.querySelector<HTMLElement>('textarea')?.focus();
      })));
    }
    return li;
  }

  function renderPost(p: Post): HTMLLIElement {
    const titleId = `pg-bericht-${p.id}`;
    const header = el('header', { className: 'post-header' }, avatar(p.auteur.naam, p.auteur.id),
      el('div', {}, el('h3', { className: 'post-author', id: titleId }, personLink(p.auteur)), el('p', { className: 'meta' }, time(p.geplaatst))));
    const body = el('div', { className: 'post-body prose' });
    body.innerHTML = p.html; // sanitised by the server
    const article = el('article', { className: 'post', id: `bericht-${p.id}` }, header, body);
    article.setAttribute('aria-labelledby', titleId);
    if (p.fotos.length) {
      article.append(el('div', { className: 'post-photos' }, ...p.fotos.map((f) => el('img', { src: f.src, alt: f.alt, width: f.breedte, height: f.hoogte, loading: 'lazy' }))));
    }
    const li = el('li', {}, article);
    if (p.verwijderbaar) {
      article.append(el('p', { className: 'item-actions' }, button(labels.delete, async () => {
        if (!confirm(labels.confirmDelete)) return;
        await callApi('DELETE', `${base}/berichten/${encodeURIComponent(p.id)}`);
        li.remove();
        noPosts.hidden = postsList.children.length > 0;
        say(labels.deleted);
        focusHeading('posts-title');
      })));
    }
    // The comments, and a form to add one.
    const list = el('ol', { className: 'comment-list' }, ...p.reacties.map(renderComment));
    const fieldId = `pg-reactie-${p.id}`;
    const text = el('textarea', { id: fieldId, name: 'tekst', rows: 2, maxLength: 5000, required: true });
    const formStatus = el('p', { className: 'form-status' });
    formStatus.setAttribute('role', 'status');
    const formError = el('p', { className: 'form-error' });
    formError.setAttribute('role', 'alert');
    const submit = el('button', { type: 'submit', textContent: labels.commentSubmit });
    const form = el('form', { className: 'comment-form' }, el('label', { htmlFor: fieldId, textContent: labels.commentLabel }), text, submit, formStatus, formError);
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      formError.textContent = formStatus.textContent = '';
      submit.disabled = true;
      void callApi<{ reactie: Comment }>('POST', `${base}/berichten/${encodeURIComponent(p.id)}/reacties`, { tekst: text.value })
        .then(({ reactie }) => {
          list.append(renderComment(reactie));
          form.reset();
          formStatus.textContent = labels.commentDone;
        })
        .catch((err: Error) => (formError.textContent = err.message))
        .finally(() => (submit.disabled = false));
    });
    const comments = el('section', { className: 'comments' }, list, form);
    comments.setAttribute('aria-label', fill(labels.commentsOn, { name: p.auteur.naam }));
    article.append(comments);
    return li;
  }

  async function loadPosts(): Promise<void> {
    const { berichten } = await callApi<{ berichten: Post[] }>('GET', `${base}/berichten`);
    postsList.replaceChildren(...berichten.map(renderPost));
    noPosts.hidden = berichten.length > 0;
  }

  composer.addEventListener('submit', (e) => {
    e.preventDefault();
    composerError.textContent = '';
    const submit = composer.querySelector<HTMLButtonElement>('button[type="submit"]')!;
    submit.disabled = true;
    void (async () => {
      let body: FormData | { tekst: string } = { tekst: composerText.value };
      if (photos.chosen().length) {
        composerStatus.textContent = labels.preparing;
        const data = new FormData();
        data.set('tekst', composerText.value);
        await photos.addTo(data);
        body = data;
      }
      composerStatus.textContent = labels.sending;
      const { bericht } = await callApi<{ bericht: Post }>('POST', `${base}/berichten`, body);
      postsList.prepend(renderPost(bericht));
      noPosts.hidden = true;
      composer.reset();
      photos.reset();
      composerStatus.textContent = labels.posted;
    })()
      .catch((err: Error) => {
        composerStatus.textContent = '';
        composerError.textContent = err.message;
      })
      .finally(() => (submit.disabled = false));
  });

  // ---- Start ----

  let me: string | undefined;
  message.textContent = labels.loading;
  void getMe().then(async (who) => {
    me = who?.personId;
    if (!who) {
      away(labels.missing);
      const login = $('login');
      login.querySelector('a')!.href = `/api/auth/login?terug=${encodeURIComponent(location.pathname + location.search)}`;
      login.hidden = false;
      return;
    }
    // Ids of private groups are p-<ulid>; anything else cannot be one (and is not even asked for).
    if (!/^p-[0-9a-z]{26}$/.test(id)) return away(labels.missing);
    try {
      drawGroup(await callApi<Group>('GET', base));
      if (group?.mijn === 'lid') await loadPosts();
    } catch (err) {
      const code = (err as { status?: number }).status;
      // 404 and 401 read the same: whether the group exists is not told.
      away(code === 404 || code === 401 || code === 403 ? labels.missing : code ? (err as Error).message : labels.error);
    }
  });
}

/** Starts the private group page (once). */
export function startPrivateGroup(): void {
  for (const root of document.querySelectorAll<HTMLElement>('[data-private-group]')) {
    if (root.dataset.started) continue;
    root.dataset.started = 'true';
    start(root);
  }
}
