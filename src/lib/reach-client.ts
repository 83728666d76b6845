// The reach beacon of a news item or knowledge page (issue 17, src/components/ReachBeacon.astro): one
// navigator.sendBeacon to Plein's own API, never a third party. Uniqueness is decided here, in the browser: this device
// sends one beacon per item per day and marks its first of the ISO week, remembered in localStorage (today's items
// only, so the list never grows). Only for a logged-in colleague (the server takes the department from the login).
import { getMeAnswer } from './live-client.ts';
import { sendReachBeacon } from './reach-beacon.ts';

/** Starts the beacon of the page's [data-bereik] element (once), for a logged-in colleague only. */
export function startReachBeacon(): void {
  const box = document.querySelector<HTMLElement>('[data-bereik]:not([data-started])');
  if (!box?.dataset.bereik) return;
  box.dataset.started = 'true';
  const pagina = box.dataset.bereik;
  void getMeAnswer().then(({ status, me }) => {
    if (status === 200 && me) sendReachBeacon(pagina);
  });
}
