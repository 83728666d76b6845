import { describe, expect, it } from 'vitest';
import { addMonths, formatDate, formatTime, isPublished } from './dates.ts';

const now = new Date('2026-11-23T12:00:00Z');

describe('isPublished', () => {
  it('hides drafts', () => expect(isPublished({ draft: true }, now)).toBe(false));
  it('hides scheduled items until their moment', () => {
    expect(isPublished({ publishDate: new Date('2026-11-24') }, now)).toBe(false);
    expect(isPublished({ publishDate: new Date('2026-11-22') }, now)).toBe(true);
  });
  it('hides expired items', () => {
    expect(isPublished({ expiryDate: new Date('2026-11-23T11:59:59Z') }, now)).toBe(false);
    expect(isPublished({ expiryDate: new Date('2026-12-01') }, now)).toBe(true);
  });
});

describe('formatDate', () => {
  it('formats in Dutch in the Amsterdam time zone', () => {
    expect(formatDate(new Date('2026-11-22T23:30:00Z'))).toBe('23 november 2026');
    expect(formatDate(new Date('2026-11-23T13:05:00Z'), 'nl', true)).toBe('23 november 2026 om 14:05');
  });
  it('keeps the results of one date apart per locale and kind (the results are cached)', () => {
    const date = new Date('2026-11-23T13:05:00Z');
    expect(formatDate(date)).toBe('23 november 2026');
    expect(formatDate(date, 'en')).toBe('23 November 2026');
    expect(formatTime(date)).toBe('14:05');
    expect(formatDate(date, 'en', true)).toBe('23 November 2026 at 14:05');
    expect(formatDate(new Date('2026-11-24T13:05:00Z'))).toBe('24 november 2026');
  });
  it('adds months', () => expect(addMonths(new Date('2026-01-15'), 12).toISOString().slice(0, 10)).toBe('2027-01-15'));
});
