import { describe, expect, it } from 'vitest';
import { lastOccurrence, nextOccurrence, zonedMoment } from './occurrence.ts';

const iso = (ms: number) => new Date(ms).toISOString();

describe('occurrences of a weekly question (Europe/Amsterdam)', () => {
  it('turns a wall-clock time into the moment in winter and summer time', () => {
    expect(iso(zonedMoment('2026-12-07', '09:30'))).toBe('2026-12-07T08:30:00.000Z');
    expect(iso(zonedMoment('2026-06-01', '09:30'))).toBe('2026-06-01T07:30:00.000Z');
    // 29 March 2026 02:30 does not exist (the clock jumps from 02:00 to 03:00): it becomes 03:30 summer time.
    expect(iso(zonedMoment('2026-03-29', '02:30'))).toBe('2026-03-29T01:30:00.000Z');
  });

  it('finds the last occurrence at or before now, and the next one after it', () => {
    // Monday 7 December 2026, 09:30 in Amsterdam.
    const monday = new Date('2026-12-07T08:30:00Z');
    expect(iso(lastOccurrence(1, '09:30', monday))).toBe('2026-12-07T08:30:00.000Z');
    expect(iso(lastOccurrence(1, '09:31', monday))).toBe('2026-11-30T08:31:00.000Z');
    expect(iso(lastOccurrence(5, '16:00', monday))).toBe('2026-12-04T15:00:00.000Z');
    expect(iso(nextOccurrence(1, '09:30', monday))).toBe('2026-12-14T08:30:00.000Z');
    expect(iso(nextOccurrence(2, '08:00', monday))).toBe('2026-12-08T07:00:00.000Z');
    // Sunday 23:30 UTC is already Monday in Amsterdam.
    expect(iso(lastOccurrence(1, '00:15', new Date('2026-12-06T23:30:00Z')))).toBe('2026-12-06T23:15:00.000Z');
    // Over the change to winter time (25 October 2026): a Monday question a week later is still at 09:30 local.
    expect(iso(nextOccurrence(1, '09:30', new Date('2026-10-19T08:00:00Z')))).toBe('2026-10-26T08:30:00.000Z');
  });
});
