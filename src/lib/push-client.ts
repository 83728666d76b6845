// "Push op dit apparaat" on /meldingen/instellingen/ (issue 14): one button turns web push on or off for this browser.
// On: ask the browser's permission, subscribe with the server's VAPID public key and POST the subscription to
// /api/push/abonnementen; off: DELETE it there, then unsubscribe. Every outcome is said in the section's polite status.
import { callApi } from './live-client.ts';
import { WORKER_NEEDED } from './sw-register.ts';

/** GET /api/push: the server's VAPID public key (null when push is off on this server) and one's stored subscriptions. */
export interface PushInfo { publicKey: string | null; abonnementen: number }

export const PUSH_URL = '/api/push';
const SUBSCRIPTIONS_URL = '/api/push/abonnementen';
/** How long turning push on waits for the service worker before it gives up. */
const WORKER_WAIT_MS = 30_000;

/** The section's texts (notifSettings.push* in src/i18n). */
export interface PushLabels {
  pushOn: string; pushOff: string; pushIsOn: string; pushIsOff: string; pushTurnedOn: string; pushTurnedOff: string;
  pushBusy: string; pushUnsupported: string; pushDenied: string; pushDismissed: string; pushFailed: string;
}

/** The bytes of a base64url string (the VAPID public key). */
function fromBase64Url(value: string): Uint8Array<ArrayBuffer> {
  const base64 = value.replace(/-/g, '+').replace(/_/g, '/');
  const raw = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
  return Uint8Array.from(raw, (c) => c.charCodeAt(0));
}

const sameBytes = (a: ArrayBuffer | null | undefined, b: Uint8Array): boolean =>
  !!a && a.byteLength === b.length && new Uint8Array(a).every((byte, i) => byte === b[i]);

/** Whether this browser can receive web push at all. */
export const canPush = (): boolean => 'serviceWorker' in navigator && 'PushManager' in window && 'Notification' in window;

/** The active service worker's registration, or an error once it has not come within `WORKER_WAIT_MS`. */
function workerReady(): Promise<ServiceWorkerRegistration> {
  // On a first visit the page installs the worker only after a few seconds (sw-register.ts): now, please.
  dispatchEvent(new Event(WORKER_NEEDED));
  return Promise.race([
    navigator.serviceWorker.ready,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error('')), WORKER_WAIT_MS)),
  ]);
}

/** Shows the section for a server with push (`publicKey`) and handles its button. */
export function startPushDevice(section: HTMLElement, publicKey: string, labels: PushLabels): void {
  const button = section.querySelector<HTMLButtonElement>('[data-push-toggle]')!;
  const status = section.querySelector<HTMLElement>('[data-push-status]')!;
  section.hidden = false;
  // Said again even when the text is the same (pressing twice while permission is denied), so it is announced.
  const say = (message: string) => {
    status.textContent = '';
    setTimeout(() => (status.textContent = message), 50);
  };
  if (!canPush()) {
    say(labels.pushUnsupported);
    return;
  }
  const key = fromBase64Url(publicKey);
  let subscription: PushSubscription | null = null;
  const show = (message?: string) => {
    button.textContent = subscription ? labels.pushOff : labels.pushOn;
    button.hidden = false;
    say(message ?? (Notification.permission === 'denied' ? labels.pushDenied : subscription ? labels.pushIsOn : labels.pushIsOff));
  };

  const turnOn = async (): Promise<string> => {
    const permission = await Notification.requestPermission();
    if (permission !== 'granted') return permission === 'denied' ? labels.pushDenied : labels.pushDismissed;
    const registration = await workerReady();
    let current = await registration.pushManager.getSubscription();
    // A subscription for another key (the server's keys were replaced) cannot be used: the browser makes a new one.
    if (current && !sameBytes(current.options.applicationServerKey, key)) {
      await current.unsubscribe();
      current = null;
    }
    current ??= await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key });
    const made = current;
    // Refused or not sent: no subscription is left behind that the server does not know.
    await callApi('POST', SUBSCRIPTIONS_URL, made.toJSON()).catch(async (err: unknown) => {
      await made.unsubscribe().catch(() => false);
      throw err;
    });
    subscription = made;
    return labels.pushTurnedOn;
  };

  const turnOff = async (subscribed: PushSubscription): Promise<string> => {
    // The server forgets the device first: once it does, nothing is sent here even if unsubscribing fails.
    await callApi('DELETE', SUBSCRIPTIONS_URL, { endpoint: subscribed.endpoint });
    subscription = null;
    await subscribed.unsubscribe().catch(() => false);
    return labels.pushTurnedOff;
  };

  // aria-disabled rather than disabled while busy: the button keeps the keyboard focus.
  button.addEventListener('click', () => {
    if (button.getAttribute('aria-disabled') === 'true') return;
    button.setAttribute('aria-disabled', 'true');
    say(labels.pushBusy);
    (subscription ? turnOff(subscription) : turnOn())
      .then(show)
      .catch((err: Error & { status?: number }) => show(err.status && err.message ? err.message : labels.pushFailed))
      .finally(() => button.removeAttribute('aria-disabled'));
  });

  // The state on this device: a subscription of the worker's registration, if the worker is there yet.
  void navigator.serviceWorker
    .getRegistration('/')
    .then(async (registration) => {
      const current = (await registration?.pushManager.getSubscription()) ?? null;
      subscription = current && sameBytes(current.options.applicationServerKey, key) ? current : null;
      // Told again (the server keeps one row per endpoint), in case the server lost it: otherwise "on" would send nothing.
      if (subscription) await callApi('POST', SUBSCRIPTIONS_URL, subscription.toJSON()).catch(() => undefined);
    })
    .catch(() => undefined)
    .then(() => show());
}
