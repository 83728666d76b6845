// When a weekly "vraag van de week" is due: a weekday and a wall-clock time in the organisation's time zone, turned
// into moments (summer and winter time included), so the scheduler can ask "which occurrence was the last one?".
import { TIME_ZONE } from '../../src/lib/dates.ts';
import { getLocalDay } from '../../src/lib/weeks.ts';

const DAY_MS = 86_400_000;
const wallClock = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });

/** How far the organisation's clock is ahead of UTC at `at` (ms). */
function offsetAt(at: number): number {
  const p = Object.fromEntries(wallClock.formatToParts(new Date(at)).map((x) => [x.type, x.value]));
  return Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second)) - Math.floor(at / 1000) * 1000;
}

/** The moment `day` (YYYY-MM-DD) at `time` (HH:MM) on the organisation's clock; a time skipped in spring moves an hour on. */
export function zonedMoment(day: string, time: string): number {
  const [y, m, d] = day.split('-').map(Number);
  const [h, min] = time.split(':').map(Number);
  const wall = Date.UTC(y, m - 1, d, h, min);
  const first = wall - offsetAt(wall);
  const second = wall - offsetAt(first);
  return offsetAt(second) === offsetAt(first) ? second : Math.max(first, second);
}

const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
/** ISO weekday (1 Monday … 7 Sunday) of a YYYY-MM-DD. */
const isoWeekday = (day: string) => ((new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;

/** The latest occurrence of `weekday` at `time` at or before `now` (ms). */
export function lastOccurrence(weekday: number, time: string, now: Date): number {
  const today = getLocalDay(now);
  const day = addDays(today, -((isoWeekday(today) - weekday + 7) % 7));
  const at = zonedMoment(day, time);
  return at <= now.getTime() ? at : zonedMoment(addDays(day, -7), time);
}

/** The first occurrence after `now` (ms). */
export function nextOccurrence(weekday: number, time: string, now: Date): number {
  const last = lastOccurrence(weekday, time, now);
  return zonedMoment(addDays(getLocalDay(new Date(last)), 7), time);
}
