// Calendar weeks (ISO 8601, Monday to Sunday) in the organisation's time zone, for per-week figures.
import { TIME_ZONE } from './dates.ts';

/** One calendar week: its Monday as YYYY-MM-DD, and its ISO year and number. */
export interface Week {
  monday: string;
  year: number;
  week: number;
}

const dayFormat = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });
const DAY_MS = 86_400_000;

/** The calendar day of a moment in the organisation's time zone, as YYYY-MM-DD. */
export function getLocalDay(date: Date): string {
  return dayFormat.format(date);
}

/** The Monday (YYYY-MM-DD) of the week a moment falls in, in the organisation's time zone. */
export function getWeekMonday(date: Date): string {
  const day = new Date(`${getLocalDay(date)}T00:00:00Z`);
  const offset = (day.getUTCDay() + 6) % 7; // days since Monday
  return new Date(day.getTime() - offset * DAY_MS).toISOString().slice(0, 10);
}

/** The week of a Monday, with its ISO year and number (the year of its Thursday). */
export function toWeek(monday: string): Week {
  const thursday = new Date(new Date(`${monday}T00:00:00Z`).getTime() + 3 * DAY_MS);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * DAY_MS)) + 1;
  return { monday, year, week };
}

/** The `count` weeks up to and including the one `now` falls in, oldest first. */
export function getRecentWeeks(now: Date, count: number): Week[] {
  const last = new Date(`${getWeekMonday(now)}T00:00:00Z`).getTime();
  return Array.from({ length: count }, (_, i) => toWeek(new Date(last - (count - 1 - i) * 7 * DAY_MS).toISOString().slice(0, 10)));
}
