// Date formatting and publication windows, in the organisation's time zone.

/** The time zone every date on the intranet is shown in. */
export const TIME_ZONE = 'Europe/Amsterdam';

/** The moment the build treats as "now"; PLEIN_BUILD_TIME pins it for tests. */
export function getBuildTime(): Date {
  const pinned = process.env.PLEIN_BUILD_TIME;
  return pinned ? new Date(pinned) : new Date();
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** A cached formatter: creating Intl.DateTimeFormat is slow, and a build formats dates thousands of times. */
function getFormatter(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = locale + JSON.stringify(options);
  let f = formatters.get(key);
  if (!f) formatters.set(key, (f = new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'nl-NL', { ...options, timeZone: TIME_ZONE })));
  return f;
}

/** "23 november 2026" (or with time: "23 november 2026 om 14:05"). */
export function formatDate(date: Date, locale = 'nl', withTime = false): string {
  if (!withTime) return getFormatter(locale, { day: 'numeric', month: 'long', year: 'numeric' }).format(date);
  const day = formatDate(date, locale);
  return `${day} ${locale === 'en' ? 'at' : 'om'} ${formatTime(date, locale)}`;
}

/** "09:30" in the organisation's time zone. */
export function formatTime(date: Date, locale = 'nl'): string {
  return getFormatter(locale, { hour: '2-digit', minute: '2-digit' }).format(date);
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
