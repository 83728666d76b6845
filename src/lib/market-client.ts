// Listings in the browser: the author of a listing gets buttons to mark it gereserveerd, verkocht or beschikbaar
// again (PATCH /api/berichten/:id/aanbod); a listing past its group's days reads "Verlopen"; and on a market group's
// page "Alleen open aanbod" (a toggle button) hides everything that is not an open listing, posts merged in live
// included. Without login or JavaScript the listings show as built.
import { callApi, getMe } from './live-client.ts';
import { isOpenNow, type ListingData } from './listing.ts';

const labels: Record<string, string> = JSON.parse(document.querySelector<HTMLElement>('[data-live-labels]')?.dataset.liveLabels ?? '{}');
const label = (key: string, vars: Record<string, string | number> = {}) => (labels[key] ?? key).replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? ''));

function dataOf(el: HTMLElement): ListingData {
  const timeline = el.closest<HTMLElement>('[data-market-days]');
  return {
    kind: el.dataset.listing!,
    status: el.dataset.listingStatus!,
    created: el.dataset.listingCreated!,
    days: Number(el.dataset.listingDays ?? timeline?.dataset.marketDays ?? 30),
  };
}

/** Shows the status (and "Verlopen" once past the group's days). */
function drawStatus(el: HTMLElement): void {
  const d = dataOf(el);
  const text = el.querySelector<HTMLElement>('[data-listing-status-text]');
  const expired = d.status !== 'verkocht' && !isOpenNow(d);
  if (text) text.textContent = label(expired ? 'listing.verlopen' : `listing.${d.status}`);
  el.querySelector<HTMLElement>('.listing-until')?.toggleAttribute('hidden', expired);
}

/** The author's buttons under their own listing. */
function addButtons(el: HTMLElement, postId: string): void {
  if (el.nextElementSibling?.matches('.listing-actions')) return;
  const box = document.createElement('div');
  box.className = 'listing-actions item-actions';
  const error = Object.assign(document.createElement('p'), { className: 'form-error' });
  error.setAttribute('role', 'alert');
  const draw = () => {
    box.replaceChildren();
    const current = el.dataset.listingStatus;
    for (const [status, key] of [['gereserveerd', 'listing.markReserved'], ['verkocht', 'listing.markSold'], ['beschikbaar', 'listing.markAvailable']] as const) {
      if (status === current) continue;
      const button = Object.assign(document.createElement('button'), { type: 'button', className: 'link-button', textContent: label(key) });
      button.addEventListener('click', async () => {
        error.textContent = '';
        button.disabled = true;
        try {
          const { bericht } = await callApi<{ bericht: { listing?: { status: string } } }>('PATCH', `/api/berichten/${encodeURIComponent(postId)}/aanbod`, { status });
          el.dataset.listingStatus = bericht.listing?.status ?? status;
          drawStatus(el);
          draw();
          applyFilter();
          box.querySelector('button')?.focus();
        } catch (err) {
          error.textContent = (err as Error).message;
          button.disabled = false;
        }
      });
      box.append(button);
    }
    box.append(error);
  };
  draw();
  el.after(box);
}

let filterOn = false;
/** Hides what is not an open listing while the filter is on, and says how many are left. */
function applyFilter(): void {
  const toggle = document.querySelector<HTMLButtonElement>('[data-market-filter]');
  const timeline = document.querySelector<HTMLElement>('[data-market-days]');
  if (!toggle || !timeline) return;
  let open = 0;
  for (const li of timeline.children) {
    const el = li.querySelector<HTMLElement>('[data-listing]');
    const isOpen = !!el && isOpenNow(dataOf(el));
    if (isOpen) open += 1;
    (li as HTMLElement).hidden = filterOn && !isOpen;
  }
  const count = document.querySelector<HTMLElement>('[data-market-count]');
  if (count) count.textContent = filterOn ? (open === 0 ? label('listing.filterNone') : open === 1 ? label('listing.filterOne') : label('listing.filterCount', { n: open })) : '';
}

/** Starts the listings on this page (once). */
export function startMarket(): void {
  if ((window as { pleinMarket?: boolean }).pleinMarket) return;
  (window as { pleinMarket?: boolean }).pleinMarket = true;
  const toggle = document.querySelector<HTMLButtonElement>('[data-market-filter]');
  if (toggle) {
    toggle.hidden = false;
    toggle.addEventListener('click', () => {
      filterOn = !filterOn;
      toggle.setAttribute('aria-pressed', String(filterOn));
      applyFilter();
    });
  }
  let me: string | undefined;
  const visit = () => {
    for (const el of document.querySelectorAll<HTMLElement>('[data-listing]')) {
      drawStatus(el);
      const article = el.closest<HTMLElement>('article[data-post-id]');
      if (me && article?.dataset.author === me) addButtons(el, article.dataset.postId!);
    }
    applyFilter();
  };
  visit();
  void getMe().then((who) => {
    me = who?.personId;
    visit();
  });
  // Posts the live feed merges in.
  let timer: ReturnType<typeof setTimeout> | undefined;
  new MutationObserver(() => {
    if (!timer) timer = setTimeout(() => {
      timer = undefined;
      visit();
    }, 100);
  }).observe(document.querySelector('[data-timeline]') ?? document.body, { childList: true, subtree: true });
}
