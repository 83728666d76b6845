// The reach beacon's uniqueness, decided in the browser (issue 17): one navigator.sendBeacon per item per day from this
// device, the first of the ISO week marked, remembered in localStorage (today's items only, so the list never grows).
// No DOM: src/lib/reach-client.ts starts it on the page.
import { getLocalDay, getWeekMonday } from './weeks.ts';

/** What this device remembers: today's day, the items it counted today, and the week it last counted. */
interface Seen {
  dag: string;
  paginas: string[];
  week: string;
}

const STORAGE_KEY = 'plein-bereik';

function recall(): Seen | undefined {
  try {
    const seen = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null') as Seen | null;
    return seen && typeof seen.dag === 'string' && Array.isArray(seen.paginas) && typeof seen.week === 'string' ? seen : undefined;
  } catch {
    return undefined;
  }
}

/** Sends the beacon of `pagina` ("nieuws:<id>" / "kennis:<id>") unless this device counted it today; true when sent. */
export function sendReachBeacon(pagina: string, now = new Date()): boolean {
  if (typeof navigator.sendBeacon !== 'function') return false;
  const dag = getLocalDay(now);
  const week = getWeekMonday(now);
  const before = recall();
  const seen: Seen = before && before.dag === dag ? before : { dag, paginas: [], week: before?.week ?? '' };
  if (seen.paginas.includes(pagina)) return false;
  const first = seen.week !== week;
  const body = JSON.stringify(first ? { pagina, dag, week: true } : { pagina, dag });
  // text/plain: a simple request, which every browser lets sendBeacon make.
  if (!navigator.sendBeacon('/api/bereik', new Blob([body], { type: 'text/plain;charset=UTF-8' }))) return false;
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify({ dag, paginas: [...seen.paginas, pagina], week }));
  } catch {
    // Storage full or off: this device may count again, which is better than breaking the page.
  }
  return true;
}
