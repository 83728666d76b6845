// Date formatting and publication windows, in the organisation's time zone.

/** The time zone every date on the intranet is shown in. */
export const TIME_ZONE = 'Europe/Amsterdam';

/** The moment the build treats as "now"; PLEIN_BUILD_TIME pins it for tests. */
export function getBuildTime(): Date {
  const pinned = process.env.PLEIN_BUILD_TIME;
  return pinned ? new Date(pinned) : new Date();
}

const DATE_OPTIONS: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'long', year: 'numeric' };
const TIME_OPTIONS: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit' };
const formatters = new Map<string, Intl.DateTimeFormat>();
const formatted = new Map<string, string>();
const MAX_FORMATTED = 50_000;

/**
 * A cached formatter and its cached results: creating Intl.DateTimeFormat is slow, and a static build formats the
 * same dates on many pages (a post on its page, its group, the timeline and its author's profile).
 */
function format(locale: string, kind: 'date' | 'time', date: Date): string {
  const key = `${locale} ${kind} ${date.getTime()}`;
  let text = formatted.get(key);
  if (text !== undefined) return text;
  let f = formatters.get(`${locale} ${kind}`);
  if (!f) formatters.set(`${locale} ${kind}`, (f = new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'nl-NL', { ...(kind === 'date' ? DATE_OPTIONS : TIME_OPTIONS), timeZone: TIME_ZONE })));
  text = f.format(date);
  if (formatted.size >= MAX_FORMATTED) formatted.clear();
  formatted.set(key, text);
  return text;
}

/** "23 november 2026" (or with time: "23 november 2026 om 14:05"). */
export function formatDate(date: Date, locale = 'nl', withTime = false): string {
  const day = format(locale, 'date', date);
  return withTime ? `${day} ${locale === 'en' ? 'at' : 'om'} ${formatTime(date, locale)}` : day;
}

/** "09:30" in the organisation's time zone. */
export function formatTime(date: Date, locale = 'nl'): string {
  return format(locale, 'time', date);
}

/** A date as YYYY-MM-DD, for <time datetime>. */
export function toIsoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Whether an item with these publication fields is on the site at `now`. */
export function isPublished(item: { draft?: boolean; publishDate?: Date; expiryDate?: Date }, now: Date): boolean {
  if (item.draft) return false;
  if (item.publishDate && item.publishDate > now) return false;
  if (item.expiryDate && item.expiryDate <= now) return false;
  return true;
}

/** Adds whole months to a date (for review intervals). */
export function addMonths(date: Date, months: number): Date {
  const d = new Date(date);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d;
}
