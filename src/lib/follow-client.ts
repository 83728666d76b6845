// Follow buttons (src/components/FollowButton.astro): one GET /api/volgen?doelen=… for all of them on the page, then a
// PUT /api/volgen per press. Shown only to a logged-in colleague, and never for following oneself.
import { callApi, getMe } from './live-client.ts';

/** At most this many targets per question, as the API allows. */
const MAX_TARGETS = 100;

/** Starts every follow button on the page (once). */
export function startFollowButtons(): void {
  const boxes = Array.from(document.querySelectorAll<HTMLElement>('[data-follow]:not([data-started])'));
  if (!boxes.length) return;
  for (const box of boxes) box.dataset.started = 'true';
  void getMe().then(async (me) => {
    if (!me) return;
    const mine = boxes.filter((box) => box.dataset.follow !== `collega:${me.personId}`);
    const targets = [...new Set(mine.map((box) => box.dataset.follow!))].slice(0, MAX_TARGETS);
    if (!targets.length) return;
    let volgt: Record<string, boolean>;
    try {
      ({ volgt } = await callApi<{ volgt: Record<string, boolean> }>('GET', `/api/volgen?doelen=${targets.map(encodeURIComponent).join(',')}`));
    } catch {
      // No notifications on this server, or offline: the page stays as built.
      return;
    }
    for (const box of mine) {
      const key = box.dataset.follow!;
      if (typeof volgt[key] === 'boolean') start(box, key, volgt[key]);
    }
  });
}

function start(box: HTMLElement, key: string, following: boolean): void {
  const labels = JSON.parse(box.dataset.followLabels ?? '{}') as Record<string, string>;
  const button = box.querySelector<HTMLButtonElement>('button')!;
  const status = box.querySelector<HTMLElement>('[data-follow-status]')!;
  const error = box.querySelector<HTMLElement>('[data-follow-error]')!;
  const at = key.indexOf(':');
  const doel = { type: key.slice(0, at), id: key.slice(at + 1) };
  let state = following;
  const draw = () => {
    button.setAttribute('aria-pressed', String(state));
    box.querySelector('[data-follow-text]')!.textContent = state ? labels.following : labels.follow;
    box.querySelector('[data-follow-icon]')!.textContent = state ? '✓' : '+';
  };
  button.addEventListener('click', () => {
    error.textContent = status.textContent = '';
    button.disabled = true;
    callApi<{ volgt: boolean }>('PUT', '/api/volgen', { doel, volgen: !state })
      .then(({ volgt }) => {
        state = volgt;
        draw();
        status.textContent = state ? labels.done : labels.undone;
      })
      .catch((err: Error) => (error.textContent = err.message))
      .finally(() => {
        button.disabled = false;
        button.focus();
      });
  });
  draw();
  box.hidden = false;
}
