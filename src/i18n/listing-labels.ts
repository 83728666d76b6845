// The UI strings the market client and live posts read from the page's live labels (LiveUpdates.astro).
import type { UiKey } from './index.ts';

/** Keys of the listing strings shown by the browser. */
export const LISTING_LABELS = [
  'listing.te-koop', 'listing.gezocht', 'listing.gratis', 'listing.beschikbaar', 'listing.gereserveerd', 'listing.verkocht', 'listing.verlopen', 'listing.until',
  'listing.markReserved', 'listing.markSold', 'listing.markAvailable', 'listing.filterCount', 'listing.filterOne', 'listing.filterNone',
] as const satisfies readonly UiKey[];
