// The search page's two beacons for the dashboard (issue 17): "this device searched this term this week" and "opened
// this knowledge page from its results". Uniqueness is decided here, on the device (localStorage: the terms of the
// current ISO week only), so the server only ever adds one to an aggregated counter and never learns who searched.
import { knowledgePageOf, normaliseTerm } from './search-terms.ts';
import { getWeekMonday } from './weeks.ts';

const KEY = 'plein-zoekstatistiek';
/** A term counts once the search stood still this long: typing "ver", "verl", "verlof" counts "verlof" only. */
const SETTLE_MS = 2000;

interface Seen {
  week: string;
  keys: string[];
}

/** Whether `key` was sent this week on this device; remembers it when not (at most 500 keys a week). */
function firstThisWeek(key: string): boolean {
  const week = getWeekMonday(new Date());
  let seen: Seen = { week, keys: [] };
  try {
    const stored = JSON.parse(localStorage.getItem(KEY) ?? 'null') as Seen | null;
    if (stored?.week === week && Array.isArray(stored.keys)) seen = stored;
    if (seen.keys.includes(key) || seen.keys.length >= 500) return false;
    localStorage.setItem(KEY, JSON.stringify({ week, keys: [...seen.keys, key] }));
    return true;
  } catch {
    // No storage (private mode, blocked): count nothing rather than the same device again and again.
    return false;
  }
}

function send(path: string, body: Record<string, string>) {
  void fetch(path, { method: 'POST', keepalive: true, credentials: 'same-origin', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).catch(() => undefined);
}

let settle: ReturnType<typeof setTimeout> | undefined;

/** Notes a search for `q` once it has settled; a new search before then replaces it. */
export function noteSearch(q: string): void {
  clearTimeout(settle);
  const term = normaliseTerm(q);
  if (term.length < 2) return;
  settle = setTimeout(() => {
    if (firstThisWeek(`z:${term}`)) send('/api/zoekstatistiek/zoekterm', { term });
  }, SETTLE_MS);
}

/** Notes that a result `url` was opened for `q` (knowledge pages only); counts the search too when it had not settled. */
export function noteClick(q: string, url: string): void {
  const term = normaliseTerm(q);
  const page = knowledgePageOf(url);
  if (term.length < 2) return;
  clearTimeout(settle);
  if (firstThisWeek(`z:${term}`)) send('/api/zoekstatistiek/zoekterm', { term });
  if (page && firstThisWeek(`k:${term}\u0000${page}`)) send('/api/zoekstatistiek/klik', { term, pagina: page });
}
