// /meldingen/instellingen/ in the browser: GET /api/meldingen/instellingen fills the table of kinds × channels, the
// summary frequency and quiet hours; "Opslaan" PUTs the same shape back (the server answers 422 with a Dutch message for
// anything it does not know). The Push column can be chosen when the server has push (GET /api/push names its key);
// "Push op dit apparaat" (push-client.ts) subscribes this browser.
import type { Channel, NotificationSettings } from '../../functions/notifications/kinds.ts';
import { el } from './dom.ts';
import { callApi, getMe } from './live-client.ts';
import { PUSH_URL, startPushDevice, type PushInfo, type PushLabels } from './push-client.ts';

const CHANNELS = ['plein', 'email', 'push'] as const satisfies readonly Channel[];

/** A colleague's notification settings as the API answers them (types only: nothing of the server reaches the browser). */
type Settings = Omit<NotificationSettings, 'soorten'> & {
  soorten: Record<string, Record<Channel, boolean>>;
  labels?: Record<string, string>;
};

const SETTINGS_URL = '/api/meldingen/instellingen';

/** Fills and handles the settings form (once). */
export function startNotificationSettings(): void {
  const found = document.querySelector<HTMLElement>('[data-notification-settings]');
  if (!found || found.dataset.started) return;
  const root = found;
  root.dataset.started = 'true';
  const labels = JSON.parse(root.dataset.labels ?? '{}') as Record<string, string> & PushLabels;
  const form = root.querySelector<HTMLFormElement>('[data-settings-form]')!;
  const rows = form.querySelector<HTMLElement>('[data-settings-rows]')!;
  const status = form.querySelector<HTMLElement>('[data-settings-status]')!;
  const error = form.querySelector<HTMLElement>('[data-settings-error]')!;
  const from = form.querySelector<HTMLInputElement>('[name="stil-van"]')!;
  const until = form.querySelector<HTMLInputElement>('[name="stil-tot"]')!;
  const submit = form.querySelector<HTMLButtonElement>('button[type="submit"]')!;
  let settings: Settings;
  let names: Record<string, string> = {};
  let pushOk = false;

  const draw = () => {
    rows.replaceChildren(
      ...Object.entries(settings.soorten).map(([kind, channels]) => {
        const headId = `soort-${kind}`;
        const cells = CHANNELS.map((channel) => {
          const input = el('input', { type: 'checkbox', name: `${kind}:${channel}`, checked: !!channels[channel] });
          input.setAttribute('aria-labelledby', `${headId} kanaal-${channel}`);
          if (channel === 'push') {
            input.disabled = !pushOk;
            input.setAttribute('aria-describedby', 'push-note');
          }
          return el('td', {}, el('label', { className: 'settings-check' }, input));
        });
        return el('tr', {}, el('th', { scope: 'row', id: headId, textContent: names[kind] ?? kind }), ...cells);
      }),
    );
    for (const radio of form.querySelectorAll<HTMLInputElement>('[name="overzicht"]')) radio.checked = radio.value === settings.overzicht;
    from.value = settings.stil?.van ?? '';
    until.value = settings.stil?.tot ?? '';
  };

  const read = (): Omit<Settings, 'labels'> => {
    const soorten: Settings['soorten'] = {};
    for (const kind of Object.keys(settings.soorten)) {
      soorten[kind] = Object.fromEntries(
        CHANNELS.map((channel) => [channel, form.querySelector<HTMLInputElement>(`[name="${CSS.escape(`${kind}:${channel}`)}"]`)!.checked]),
      ) as Record<Channel, boolean>;
    }
    const overzicht = (form.querySelector<HTMLInputElement>('[name="overzicht"]:checked')?.value ?? settings.overzicht) as Settings['overzicht'];
    return { soorten, overzicht, stil: from.value && until.value ? { van: from.value, tot: until.value } : null };
  };

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    error.textContent = status.textContent = '';
    for (const input of [from, until]) input.removeAttribute('aria-invalid');
    if (!from.value !== !until.value) {
      const missing = from.value ? until : from;
      missing.setAttribute('aria-invalid', 'true');
      error.textContent = labels.quietBoth;
      missing.focus();
      return;
    }
    submit.disabled = true;
    status.textContent = labels.saving;
    callApi<Settings>('PUT', SETTINGS_URL, read())
      .then((saved) => {
        settings = { ...settings, ...saved };
        if (saved.labels) names = saved.labels;
        draw();
        status.textContent = labels.saved;
      })
      .catch((err: Error) => {
        status.textContent = '';
        error.textContent = err.message || labels.error;
      })
      .finally(() => (submit.disabled = false));
  });

  void getMe().then(async (me) => {
    if (!me) {
      root.querySelector<HTMLElement>('[data-settings-login]')!.hidden = false;
      return;
    }
    try {
      // Without an answer about push (an older server, no connection), push counts as off.
      const [loaded, push] = await Promise.all([
        callApi<Settings>('GET', SETTINGS_URL),
        callApi<PushInfo>('GET', PUSH_URL).catch((): PushInfo => ({ publicKey: null, abonnementen: 0 })),
      ]);
      settings = loaded;
      names = settings.labels ?? {};
      pushOk = typeof push.publicKey === 'string' && push.publicKey !== '';
      form.querySelector<HTMLElement>('[data-push-note-on]')!.hidden = !pushOk;
      form.querySelector<HTMLElement>('[data-push-note-off]')!.hidden = pushOk;
      if (pushOk) startPushDevice(root.querySelector<HTMLElement>('[data-push-device]')!, push.publicKey!, labels);
      draw();
      form.hidden = false;
    } catch (err) {
      if ((err as { status?: number }).status === 401) root.querySelector<HTMLElement>('[data-settings-login]')!.hidden = false;
      else root.querySelector<HTMLElement>('[data-settings-load-error]')!.textContent = (err as Error).message;
    }
  });
}
