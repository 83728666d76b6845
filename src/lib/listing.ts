// How a listing (te koop, gezocht, gratis af te halen) reads on a page: shared by the build (Listing.astro) and the
// browser (live posts, the market client), so a listing looks the same however it arrived. No schema import: zod in a
// browser bundle tries `new Function`, which the site's CSP refuses.
import { formatDate } from './dates.ts';

/** Whether a listing still counts as open at `now`: not sold, and younger than its group's market days. */
export function isOpenListing(listing: { status: string }, created: Date, marketDays: number, now: Date): boolean {
  return listing.status !== 'verkocht' && now.getTime() < created.getTime() + marketDays * 86_400_000;
}

const euro = new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR' });

/** "€ 45,50". */
export const formatPrice = (price: number) => euro.format(price);

/** The data a listing element carries, for the filter and the author's buttons. */
export interface ListingData {
  kind: string;
  price?: number;
  status: string;
  created: string;
  days?: number;
}

/** Whether a listing element's data counts as open now (not sold, not past its group's days). */
export function isOpenNow(d: ListingData, now = new Date()): boolean {
  return isOpenListing(d, new Date(d.created), d.days ?? 30, now);
}

/** A listing element like src/components/Listing.astro, for posts that arrive live ("tot <datum>" when the feed knows the group's days). */
export function renderListing(listing: { kind: string; price?: number; status: string; days?: number }, created: string, label: (key: string) => string): HTMLParagraphElement {
  const p = document.createElement('p');
  p.className = 'listing';
  p.dataset.listing = listing.kind;
  p.dataset.listingStatus = listing.status;
  p.dataset.listingCreated = created;
  if (listing.price !== undefined) p.dataset.listingPrice = String(listing.price);
  const kind = Object.assign(document.createElement('span'), { className: 'listing-kind', textContent: label(`listing.${listing.kind}`) });
  p.append(kind);
  if (listing.price !== undefined) p.append(' · ', Object.assign(document.createElement('span'), { className: 'listing-price', textContent: formatPrice(listing.price) }));
  const status = Object.assign(document.createElement('span'), { className: 'listing-status', textContent: label(`listing.${listing.status}`) });
  status.dataset.listingStatusText = '';
  p.append(' · ', status);
  if (listing.days !== undefined) {
    p.dataset.listingDays = String(listing.days);
    if (listing.status !== 'verkocht') {
      const until = new Date(new Date(created).getTime() + listing.days * 86_400_000);
      const date = formatDate(until, document.documentElement.lang === 'en' ? 'en' : 'nl');
      p.append(Object.assign(document.createElement('span'), { className: 'listing-until', textContent: ` · ${label('listing.until').replace('{date}', date)}` }));
    }
  }
  return p;
}
